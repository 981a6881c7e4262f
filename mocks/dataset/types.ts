/**
 * The data set file the mock registries serve: what the generator writes and what
 * MOCK_DATASET_FILE may point at. Its body is one section per registry (sections/), whose records
 * reuse the registries' wire types (contracts/registries/), so a change to a registry's API is a
 * type error here too. README.md documents the shape with an example.
 */
import type { IsoDate } from '../../contracts/xroad.js';
import type { DatasetSections } from './sections/index.js';

export const DATASET_FORMAT_VERSION = 1;

export interface Dataset extends DatasetSections {
  formatVersion: typeof DATASET_FORMAT_VERSION;
  meta: {
    /** The generator's seed; null for a data set written by hand. */
    seed: number | null;
    /** The day the data set is "now": dates in it are relative to this, never to the clock. */
    referenceDate: IsoDate;
    generatedBy: string;
    /** Records per kind, each section's in catalogue order, e.g. `applications`, `persons`. */
    counts: Record<string, number>;
  };
}
