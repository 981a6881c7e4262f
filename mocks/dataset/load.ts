/**
 * Loading a data set file (MOCK_DATASET_FILE) and checking it before the registries index it.
 *
 * The check is deliberately light, so that a file of 250,000 applications loads in about a
 * second: the structure the registries index and look up by (ids, codes, names, dates, enums),
 * uniqueness of keys, and references between records, each section checking its own
 * (sections/). Every problem names its JSON path, e.g.
 * `caseRegister.applications[12].applicantId: unknown applicant CUS-0000999`. Fields that are
 * only passed through to callers (addresses, offences' details...) are not checked one by one.
 */
import { readFile } from 'node:fs/promises';
import { REGISTRY_IDS } from '../../contracts/registry-catalogue.js';
import { DatasetChecker, describe, type Json } from './checker.js';
import { DATASET_SECTIONS } from './sections/index.js';
import { DATASET_FORMAT_VERSION, type Dataset } from './types.js';

export class DatasetError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid data set ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DatasetError';
  }
}

/** Checks that `value` is a data set; throws DatasetError listing what is wrong. */
export function validateDataset(value: unknown, source = 'data set'): Dataset {
  const check = new DatasetChecker();
  if (!check.object(value, '(root)')) throw new DatasetError(source, check.problems);
  if (value.formatVersion !== DATASET_FORMAT_VERSION) {
    check.problem('formatVersion', `expected ${DATASET_FORMAT_VERSION}, got ${describe(value.formatVersion)}`);
  }
  if (check.object(value.meta, 'meta')) {
    check.date(value.meta, 'referenceDate', 'meta');
    if (value.meta.seed !== null && typeof value.meta.seed !== 'number')
      check.problem('meta.seed', `expected a number or null, got ${describe(value.meta.seed)}`);
    check.string(value.meta, 'generatedBy', 'meta');
    check.object(value.meta.counts, 'meta.counts');
  }
  for (const id of REGISTRY_IDS) {
    // A file written before an optional section existed has none: it loads with the section empty.
    if (value[id] === undefined && DATASET_SECTIONS[id].optional) value[id] = DATASET_SECTIONS[id].empty();
    check.object(value[id], id);
  }
  if (check.problems.length > 0) throw new DatasetError(source, check.problems);

  for (const id of REGISTRY_IDS) DATASET_SECTIONS[id].check(check, value[id] as Json, id);

  if (check.problems.length > 0) throw new DatasetError(source, check.problems);
  return value as unknown as Dataset;
}

export async function loadDatasetFile(file: string): Promise<Dataset> {
  const text = await readFile(file, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DatasetError(file, [`(root): not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  return validateDataset(value, file);
}
