/**
 * The sections of a data set, one per registry, keyed by registry id in catalogue order: the
 * order they appear in a data set file and in `meta.counts`, the order a user's file is checked
 * in, and the order the generator runs their bulk in, phase by phase (section.ts). Keyed by
 * registry id, so a registry added to the catalogue without a section is a type error here.
 */
import { REGISTRY_IDS, type RegistryId } from '../../../contracts/registry-catalogue.js';
import { caseRegisterSection } from './case-register.js';
import { policeSection } from './police.js';
import { populationSection } from './population.js';
import type { DatasetSection } from './section.js';
import { sisSection } from './sis.js';
import { taxSection } from './tax.js';
import { tradeRegisterSection } from './trade-register.js';

export const DATASET_SECTIONS = {
  caseRegister: caseRegisterSection,
  population: populationSection,
  police: policeSection,
  sis: sisSection,
  tradeRegister: tradeRegisterSection,
  tax: taxSection,
} satisfies Record<RegistryId, DatasetSection<unknown>>;

type SectionData<Section> = Section extends DatasetSection<infer Data> ? Data : never;

/** Every registry's records: the body of a data set. */
export type DatasetSections = { [Id in RegistryId]: SectionData<(typeof DATASET_SECTIONS)[Id]> };

/** A registry's section definition, typed by the data it holds. */
export function datasetSection<Id extends RegistryId>(id: Id): DatasetSection<DatasetSections[Id]> {
  return DATASET_SECTIONS[id] as DatasetSection<DatasetSections[Id]>;
}

/** Every section empty, in catalogue order. */
export function emptySections(): DatasetSections {
  return Object.fromEntries(REGISTRY_IDS.map((id) => [id, DATASET_SECTIONS[id].empty()])) as DatasetSections;
}
