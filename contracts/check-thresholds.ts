/**
 * The thresholds the prerequisite rules apply: check-thresholds.json beside this module, or the
 * file CHECK_THRESHOLDS_FILE names (subgraphs/checks/thresholds-config.ts), validated once at
 * start. They are shared with the mock data set, which builds its boundary scenarios on them.
 *
 * Every threshold has a history: the law (or Migri's internal practice) changes figures on a
 * given day, and a check evaluated as of a date must apply the figure in force on that date.
 * A rule that finds no figure in force (a date before the first entry) goes to MANUAL_REVIEW;
 * it never falls back to a figure from another period.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isoDate } from './identifiers.js';
import type { IsoDate } from './xroad.js';

/** A thresholds document that cannot be used; each problem names the file and the JSON path. */
export class ThresholdsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid thresholds:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ThresholdsError';
  }
}

export const DEFAULT_THRESHOLDS_FILE = fileURLToPath(new URL('./check-thresholds.json', import.meta.url));

const existingDate = z.string().refine((value) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match !== null && isoDate(Number(match[1]), Number(match[2]), Number(match[3])) === value;
}, 'expected a date written YYYY-MM-DD that exists');

const thresholdEntry = z.strictObject({
  /** In force from this day until the next entry's. */
  from: existingDate,
  value: z.number().nonnegative(),
  /** Not confirmed from a primary source: shown with the outcome so a case worker knows. */
  uncertain: z.boolean().default(false),
  note: z.string().optional(),
});

const history = z
  .array(thresholdEntry)
  .min(1, 'needs at least one entry')
  .superRefine((entries, context) => {
    for (let i = 1; i < entries.length; i++) {
      if (entries[i]!.from <= entries[i - 1]!.from) {
        context.addIssue({ code: 'custom', path: [i, 'from'], message: 'entries must be in increasing order of their from dates' });
      }
    }
  });

const thresholdsFile = z.strictObject({
  $comment: z.string().optional(),
  employerCheck: z.strictObject({
    overdueTaxesBelowEur: history,
    taxDebtBelowEur: history,
    customsDutiesAtMostEur: history,
  }),
  citizenship: z.strictObject({
    minimumAgeYears: history,
    residenceYears: history,
    shortenedResidenceYears: history,
    maxDaysAbroadTotal: history,
    maxDaysAbroadLastYear: history,
    minimumLanguageLevel: history,
    waitingPeriodAfterFineYears: history,
    waitingPeriodAfterConditionalImprisonmentYears: history,
    waitingPeriodAfterImprisonmentYears: history,
    personalTaxDebtNotFulfilledFromEur: history,
    meansOfSupportLookbackMonths: history,
    meansOfSupportMaxMonths: history,
  }),
  specialistPermit: z.strictObject({
    minimumMonthlySalaryEur: history,
  }),
});

export type Thresholds = z.infer<typeof thresholdsFile>;
export type ThresholdEntry = z.infer<typeof thresholdEntry>;
export type ThresholdHistory = readonly ThresholdEntry[];

export type ThresholdUnit = 'EUR' | 'EUR_PER_MONTH' | 'YEARS' | 'DAYS' | 'MONTHS' | 'LEVEL';

type ThresholdGroup = Exclude<keyof Thresholds, '$comment'>;
type ThresholdName<G extends ThresholdGroup> = keyof Thresholds[G] & string;

/** What each threshold is measured in; the file holds bare numbers. */
const UNITS: { [G in ThresholdGroup]: Record<ThresholdName<G>, ThresholdUnit> } = {
  employerCheck: { overdueTaxesBelowEur: 'EUR', taxDebtBelowEur: 'EUR', customsDutiesAtMostEur: 'EUR' },
  citizenship: {
    minimumAgeYears: 'YEARS',
    residenceYears: 'YEARS',
    shortenedResidenceYears: 'YEARS',
    maxDaysAbroadTotal: 'DAYS',
    maxDaysAbroadLastYear: 'DAYS',
    minimumLanguageLevel: 'LEVEL',
    waitingPeriodAfterFineYears: 'YEARS',
    waitingPeriodAfterConditionalImprisonmentYears: 'YEARS',
    waitingPeriodAfterImprisonmentYears: 'YEARS',
    personalTaxDebtNotFulfilledFromEur: 'EUR',
    meansOfSupportLookbackMonths: 'MONTHS',
    meansOfSupportMaxMonths: 'MONTHS',
  },
  specialistPermit: { minimumMonthlySalaryEur: 'EUR_PER_MONTH' },
};

/** A threshold as a rule applied it: recorded with the outcome. */
export interface AppliedThreshold {
  /** e.g. employerCheck.taxDebtBelowEur */
  name: string;
  value: number;
  unit: ThresholdUnit;
  /** The day the figure came into force. */
  effectiveFrom: IsoDate;
  uncertain: boolean;
}

/** The entry of a history in force on `on`, or null when `on` is before the first one. */
export function entryInForce(entries: ThresholdHistory, on: IsoDate): ThresholdEntry | null {
  let found: ThresholdEntry | null = null;
  for (const entry of entries) {
    if (entry.from <= on) found = entry;
  }
  return found;
}

/** The threshold `group.name` in force on `on`, ready to be recorded with an outcome; null when none is. */
export function thresholdOn<G extends ThresholdGroup>(
  thresholds: Thresholds,
  group: G,
  name: ThresholdName<G>,
  on: IsoDate,
): AppliedThreshold | null {
  const entries = thresholds[group][name] as ThresholdHistory;
  const entry = entryInForce(entries, on);
  if (!entry) return null;
  return {
    name: `${group}.${name}`,
    value: entry.value,
    unit: (UNITS[group] as Record<string, ThresholdUnit>)[name]!,
    effectiveFrom: entry.from,
    uncertain: entry.uncertain,
  };
}

/** Parses and validates a thresholds document; `origin` names it in the problems. */
export function parseThresholds(document: unknown, origin: string): Thresholds {
  const parsed = thresholdsFile.safeParse(document);
  if (!parsed.success) {
    throw new ThresholdsError(
      parsed.error.issues.map((issue) => `${origin}: ${issue.path.map(String).join('.') || '(document)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}

/** Reads and validates a thresholds file; every problem names the file and the JSON path. */
export function loadThresholdsFile(file: string, origin = file): Thresholds {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ThresholdsError([`${origin}: cannot read the thresholds file (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ThresholdsError([`${origin}: not valid JSON (${(error as Error).message})`]);
  }
  return parseThresholds(document, origin);
}

let checkedIn: Thresholds | undefined;

/**
 * The checked-in check-thresholds.json. The mock data set builds its boundary scenarios from these
 * (mocks/dataset/reference-data/work.ts), so "exactly at the threshold" means this file's figure.
 */
export function checkedInThresholds(): Thresholds {
  checkedIn ??= loadThresholdsFile(DEFAULT_THRESHOLDS_FILE);
  return checkedIn;
}
