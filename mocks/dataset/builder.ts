/**
 * Collects the records of a data set while it is generated, one section per registry, and keeps
 * its identifier ledger: every identity code, Business ID and document number held once across
 * scenarios and bulk, and the running numbers that go on from the scenarios into the bulk.
 */
import { REGISTRY_IDS } from '../../contracts/registry-catalogue.js';
import type { IsoDate } from '../../contracts/xroad.js';
import type { CodeKind, IdentifierLedger } from './identifier-ledger.js';
import { datasetSection, emptySections, type DatasetSections } from './sections/index.js';
import { DATASET_FORMAT_VERSION, type Dataset } from './types.js';

export const GENERATED_BY = 'casegraph mocks/dataset generator';

export class DatasetBuilder implements IdentifierLedger {
  readonly data: DatasetSections = emptySections();

  private readonly claimed: Record<CodeKind, Set<string>> = {
    personalIdentityCode: new Set(),
    estonianCode: new Set(),
    businessId: new Set(),
    documentNumber: new Set(),
  };
  private readonly sequences = new Map<string, number>();

  constructor(readonly referenceDate: IsoDate) {}

  claim(kind: CodeKind, code: string): boolean {
    const taken = this.claimed[kind];
    if (taken.has(code)) return false;
    taken.add(code);
    return true;
  }

  next(sequence: string): number {
    const n = (this.sequences.get(sequence) ?? 0) + 1;
    this.sequences.set(sequence, n);
    return n;
  }

  build(seed: number | null): Dataset {
    const counts: Record<string, number> = {};
    for (const id of REGISTRY_IDS) Object.assign(counts, datasetSection(id).counts(this.data[id]));
    return {
      formatVersion: DATASET_FORMAT_VERSION,
      meta: { seed, referenceDate: this.referenceDate, generatedBy: GENERATED_BY, counts },
      ...this.data,
    };
  }
}
