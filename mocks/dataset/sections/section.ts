/**
 * A data set section: one registry's part of the data set (its records under the registry's id),
 * with everything the mocks need to know about it in one module: what an empty one is, what it
 * counts, how a user's file is checked, and how the generator makes its random bulk.
 *
 * The generator (generator.ts) runs the bulk of every section of the table (sections/index.ts)
 * phase by phase, BULK_PHASES in order, and passes the records one section makes (employers,
 * persons, applicants) to the others, which answer with records of their own: the tax
 * administration reports on each employer, the police hold records on some persons. The six
 * original sections share one random stream in that exact order, which is why the phases and
 * announcements are fixed: changing their order changes every seeded data set. A section added
 * later draws from its own stream (BulkContext.ownRandom) in the `derived` phase, so adding it
 * leaves every other record as it was.
 */
import type { CaseApplicant } from '../../../contracts/registries/case-register.js';
import type { PopulationPerson } from '../../../contracts/registries/population.js';
import type { Company } from '../../../contracts/registries/trade-register.js';
import type { DatasetChecker, Json } from '../checker.js';
import type { GeneratorOptions } from '../generator-options.js';
import type { IdentifierLedger } from '../identifier-ledger.js';
import type { Prng } from '../prng.js';
import type { NationalityProfile } from '../reference-data/people-and-places.js';
import type { Industry } from '../reference-data/work.js';

export interface DatasetSection<Data> {
  /** The section of a data set without records: where generating starts. */
  empty(): Data;
  /** The section's entries in `meta.counts`. */
  counts(data: Data): Record<string, number>;
  /**
   * Checks the section of a user's data set file (already known to be an object) at `path`: the
   * structure the registry indexes and looks up by, and uniqueness of its keys.
   */
  check(check: DatasetChecker, section: Json, path: string): void;
  /**
   * True when a file without this section still loads, as an empty section: for a section added
   * after data set files were written, until every file in use has one.
   */
  optional?: boolean;
  /** The section's part of the random bulk; without it, a generated section holds only what the scenarios put there. */
  bulk?(context: BulkContext<Data>): SectionBulk;
}

/**
 * The phases of the random bulk, in order. In each, every section that has something to do in it
 * does it, in table order.
 */
export const BULK_PHASES = [
  /** Companies: applications pick their employers from them. */
  'employers',
  /** Applications and their applicants, with the population records of those with a Finnish code. */
  'applications',
  /** Records on people the case register never saw (SIS alerts on others, near misses). */
  'outsiders',
  /** The rest of the population registry, up to its size. */
  'residents',
  /** Records derived from the finished people and employers, scenarios' included, from a stream of the section's own. */
  'derived',
] as const;

export type BulkPhase = (typeof BULK_PHASES)[number];

/** A company the bulk made, with the industry it was drawn from (which an unreported industry hides). */
export interface BulkEmployer {
  company: Company;
  industry: Industry;
}

/** A new applicant the bulk made: the case register's record, their population record if any, their nationality's profile. */
export interface BulkApplicant {
  applicant: CaseApplicant;
  population: PopulationPerson | null;
  profile: NationalityProfile;
}

/** Records one section makes that other sections answer; each is announced once, when made. */
export interface BulkAnnouncements {
  employer(employer: BulkEmployer): void;
  /** A population record: every one the bulk makes goes into the population registry through this. */
  person(person: PopulationPerson): void;
  applicant(applicant: BulkApplicant): void;
}

/** What a section does in the phases it takes part in, and how it answers the others' records. */
export type SectionBulk = Partial<Record<BulkPhase, () => void>> & Partial<BulkAnnouncements>;

/** The people and employers of the data set so far, scenarios' included. */
export interface DatasetSoFar {
  readonly applicants: readonly CaseApplicant[];
  readonly persons: readonly PopulationPerson[];
  readonly companies: readonly Company[];
}

export interface BulkContext<Data> {
  /** This section's records so far (the scenarios' first). */
  readonly data: Data;
  readonly dataset: DatasetSoFar;
  readonly options: Readonly<GeneratorOptions>;
  readonly ids: IdentifierLedger;
  /** The stream the six original sections share, in the order of the phases and announcements. */
  readonly random: Prng;
  /** A stream of this section's own, from the seed and the registry id: the same for the same seed. */
  ownRandom(): Prng;
  /** Hands a record to every section that answers it (the maker's own included). */
  readonly announce: BulkAnnouncements;
}
