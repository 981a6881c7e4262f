/**
 * The seeded synthetic data set: the named scenarios first (scenarios.ts), then a random bulk
 * drawn with a seeded PRNG. The same options give byte-identical JSON; nothing reads the clock.
 *
 * The bulk is made by the data set's sections (sections/index.ts), phase by phase: in each phase
 * of BULK_PHASES every section that takes part does its share, in table order, and the records one
 * section makes (employers, persons, applicants) are announced to every section that answers
 * them, in table order too. `persons` also bounds how many applicants have a Finnish code: an
 * applicant with one is in the population registry, so once the budget is spent, new applicants
 * have no Finnish code.
 */
import { REGISTRY_IDS, type RegistryId } from '../../contracts/registry-catalogue.js';
import { DatasetBuilder } from './builder.js';
import { DEFAULT_GENERATOR_OPTIONS, generatorOptionsSchema, type GeneratorOptions } from './generator-options.js';
import { Prng } from './prng.js';
import { buildScenarios } from './scenarios.js';
import { datasetSection } from './sections/index.js';
import { BULK_PHASES, type BulkAnnouncements, type DatasetSoFar, type SectionBulk } from './sections/section.js';
import type { Dataset } from './types.js';

export function generateDataset(options: Partial<GeneratorOptions> = {}): Dataset {
  const resolved = generatorOptionsSchema.parse({ ...DEFAULT_GENERATOR_OPTIONS, ...options });
  const builder = new DatasetBuilder(resolved.referenceDate);
  buildScenarios(builder);
  generateBulk(builder, resolved);
  return builder.build(resolved.seed);
}

function generateBulk(builder: DatasetBuilder, options: GeneratorOptions): void {
  const random = new Prng(options.seed);
  const dataset: DatasetSoFar = {
    applicants: builder.data.caseRegister.applicants,
    persons: builder.data.population.persons,
    companies: builder.data.tradeRegister.companies,
  };
  const bulks: SectionBulk[] = [];
  const announce: BulkAnnouncements = {
    employer: (employer) => bulks.forEach((bulk) => bulk.employer?.(employer)),
    person: (person) => bulks.forEach((bulk) => bulk.person?.(person)),
    applicant: (applicant) => bulks.forEach((bulk) => bulk.applicant?.(applicant)),
  };
  const sectionBulk = <Id extends RegistryId>(id: Id): SectionBulk | undefined =>
    datasetSection(id).bulk?.({
      data: builder.data[id],
      dataset,
      options,
      ids: builder,
      random,
      ownRandom: () => Prng.forStream(options.seed, id),
      announce,
    });
  for (const id of REGISTRY_IDS) {
    const bulk = sectionBulk(id);
    if (bulk) bulks.push(bulk);
  }
  for (const phase of BULK_PHASES) for (const bulk of bulks) bulk[phase]?.();
}
