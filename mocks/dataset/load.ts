/**
 * Loading a data set file (MOCK_DATASET_FILE) and checking it before the registries index it.
 *
 * The check is deliberately light, so that a file of 250,000 applications loads in about a
 * second: the structure the registries index and look up by (ids, codes, names, dates, enums),
 * uniqueness of keys, and references between records. Every problem names its JSON path, e.g.
 * `caseRegister.applications[12].applicantId: unknown applicant CUS-0000999`. Fields that are
 * only passed through to callers (addresses, offences' details...) are not checked one by one.
 */
import { isApplicationId, isCustomerId } from '../../contracts/identifiers.js';
import { readFile } from 'node:fs/promises';
import { isIsoDate } from './dates.js';
import { DATASET_FORMAT_VERSION, type Dataset } from './types.js';

const MAX_PROBLEMS = 20;

const APPLICATION_TYPES = ['WORK_PERMIT', 'SPECIALIST_PERMIT', 'CITIZENSHIP', 'FAMILY_TIES', 'STUDY'];
const APPLICATION_STATUSES = ['RECEIVED', 'PENDING', 'IN_PROCESS', 'DECIDED', 'WITHDRAWN'];
const CHANNELS = ['ENTER_FINLAND', 'SERVICE_POINT'];
const SIS_ARTICLES = [
  'REFUSAL_OF_ENTRY_OR_STAY',
  'EU_TRAVEL_BAN',
  'PRIOR_CONSULTATION',
  'ARREST_FOR_SURRENDER',
  'MISSING_PERSON',
  'JUDICIAL_PROCEDURE',
  'DISCREET_INQUIRY_OR_SPECIFIC_CHECK',
  'OBJECT',
  'RETURN_DECISION',
];

export class DatasetError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid data set ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DatasetError';
  }
}

type Json = Record<string, unknown>;

/** Records problems by JSON path, and stops looking once there are enough to act on. */
class Checker {
  readonly problems: string[] = [];

  get full(): boolean {
    return this.problems.length >= MAX_PROBLEMS;
  }

  problem(path: string, message: string): void {
    if (!this.full) this.problems.push(`${path}: ${message}`);
  }

  object(value: unknown, path: string): value is Json {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return true;
    this.problem(path, `expected an object, got ${describe(value)}`);
    return false;
  }

  array(record: Json, field: string, path: string): unknown[] {
    const value = record[field];
    if (Array.isArray(value)) return value;
    this.problem(`${path}.${field}`, `expected an array, got ${describe(value)}`);
    return [];
  }

  string(record: Json, field: string, path: string, nullable = false): string | null {
    const value = record[field];
    if (typeof value === 'string') return value;
    if (nullable && value === null) return null;
    this.problem(`${path}.${field}`, `expected a string${nullable ? ' or null' : ''}, got ${describe(value)}`);
    return null;
  }

  /** A string of a shape the graph accepts (contracts/identifiers.ts): an id it could never ask for is a mistake. */
  identifier(record: Json, field: string, path: string, accepts: (value: unknown) => value is string, shape: string): string | null {
    const value = this.string(record, field, path);
    if (value === null || accepts(value)) return value;
    this.problem(`${path}.${field}`, `expected ${shape}, got ${JSON.stringify(value)}`);
    return null;
  }

  date(record: Json, field: string, path: string, nullable = false): void {
    const value = this.string(record, field, path, nullable);
    if (value !== null && !isIsoDate(value))
      this.problem(`${path}.${field}`, `expected a date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }

  strings(record: Json, field: string, path: string): string[] {
    const values = this.array(record, field, path);
    values.forEach((value, i) => {
      if (typeof value !== 'string') this.problem(`${path}.${field}[${i}]`, `expected a string, got ${describe(value)}`);
    });
    return values as string[];
  }

  oneOf(record: Json, field: string, allowed: readonly string[], path: string): void {
    const value = record[field];
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.problem(`${path}.${field}`, `expected one of ${allowed.join(', ')}, got ${describe(value)}`);
    }
  }

  typed(record: Json, field: string, type: 'boolean' | 'number', path: string): void {
    if (typeof record[field] !== type) this.problem(`${path}.${field}`, `expected a ${type}, got ${describe(record[field])}`);
  }

  /** Each value once: a second record with the same key is a problem naming the first. */
  unique(seen: Map<string, string>, value: string | null, path: string, what: string): void {
    if (value === null) return;
    const first = seen.get(value);
    if (first !== undefined) this.problem(path, `duplicate ${what} ${value} (first at ${first})`);
    else seen.set(value, path);
  }

  /** Checks each record of an array section, stopping early once the problem list is full. */
  each(records: unknown[], path: string, check: (record: Json, path: string) => void): void {
    for (let i = 0; i < records.length && !this.full; i++) {
      const recordPath = `${path}[${i}]`;
      if (this.object(records[i], recordPath)) check(records[i] as Json, recordPath);
    }
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return `${typeof value} ${typeof value === 'object' ? '' : String(value)}`.trim();
}

/** Checks that `value` is a data set; throws DatasetError listing what is wrong. */
export function validateDataset(value: unknown, source = 'data set'): Dataset {
  const check = new Checker();
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
  const section = (name: string): Json => (check.object(value[name], name) ? (value[name] as Json) : {});
  const caseRegister = section('caseRegister');
  const population = section('population');
  const police = section('police');
  const sis = section('sis');
  const tradeRegister = section('tradeRegister');
  const tax = section('tax');
  if (check.problems.length > 0) throw new DatasetError(source, check.problems);

  const applicantIds = new Map<string, string>();
  check.each(check.array(caseRegister, 'applicants', 'caseRegister'), 'caseRegister.applicants', (applicant, path) => {
    check.unique(
      applicantIds,
      check.identifier(applicant, 'id', path, isCustomerId, 'a customer number such as CUS-0000001'),
      `${path}.id`,
      'applicant id',
    );
    check.string(applicant, 'personalIdentityCode', path, true);
    check.string(applicant, 'givenNames', path);
    check.string(applicant, 'familyName', path);
    check.date(applicant, 'dateOfBirth', path);
    check.strings(applicant, 'nationalities', path);
    if (applicant.foreignPersonalCode !== null && check.object(applicant.foreignPersonalCode, `${path}.foreignPersonalCode`)) {
      check.string(applicant.foreignPersonalCode, 'code', `${path}.foreignPersonalCode`);
    }
    if (applicant.travelDocument !== null && check.object(applicant.travelDocument, `${path}.travelDocument`)) {
      check.string(applicant.travelDocument, 'number', `${path}.travelDocument`);
    }
  });

  const applicationIds = new Map<string, string>();
  check.each(check.array(caseRegister, 'applications', 'caseRegister'), 'caseRegister.applications', (application, path) => {
    check.unique(
      applicationIds,
      check.identifier(application, 'id', path, isApplicationId, 'an application id such as APP-0000001'),
      `${path}.id`,
      'application id',
    );
    check.oneOf(application, 'type', APPLICATION_TYPES, path);
    check.oneOf(application, 'status', APPLICATION_STATUSES, path);
    check.oneOf(application, 'channel', CHANNELS, path);
    const submittedAt = check.string(application, 'submittedAt', path);
    if (submittedAt !== null && Number.isNaN(Date.parse(submittedAt)))
      check.problem(`${path}.submittedAt`, `not a timestamp: ${JSON.stringify(submittedAt)}`);
    check.string(application, 'employerBusinessId', path, true);
    check.object(application.declared, `${path}.declared`);
    const applicantId = check.string(application, 'applicantId', path);
    if (applicantId !== null && !applicantIds.has(applicantId)) check.problem(`${path}.applicantId`, `unknown applicant ${applicantId}`);
  });

  const personCodes = new Map<string, string>();
  check.each(check.array(population, 'persons', 'population'), 'population.persons', (person, path) => {
    check.unique(personCodes, check.string(person, 'personalIdentityCode', path), `${path}.personalIdentityCode`, 'personal identity code');
    check.typed(person, 'identityCodeValid', 'boolean', path);
    check.typed(person, 'nonDisclosure', 'boolean', path);
    check.date(person, 'dateOfBirth', path);
    check.strings(person, 'nationalities', path);
    check.array(person, 'migrations', path);
    check.array(person, 'familyRelations', path);
  });

  check.each(check.array(police, 'subjects', 'police'), 'police.subjects', (subject, path) => {
    if (check.object(subject.subject, `${path}.subject`)) {
      const key = subject.subject;
      if (!('personalIdentityCode' in key)) {
        check.string(key, 'givenNames', `${path}.subject`);
        check.string(key, 'familyName', `${path}.subject`);
        check.date(key, 'dateOfBirth', `${path}.subject`);
        check.string(key, 'nationality', `${path}.subject`, true);
      } else {
        check.string(key, 'personalIdentityCode', `${path}.subject`);
      }
    }
    for (const list of ['offences', 'pendingInvestigations', 'restrainingOrders', 'businessBans']) check.array(subject, list, path);
  });

  const alertIds = new Map<string, string>();
  check.each(check.array(sis, 'alerts', 'sis'), 'sis.alerts', (alert, path) => {
    check.unique(alertIds, check.string(alert, 'alertId', path), `${path}.alertId`, 'alert id');
    check.oneOf(alert, 'article', SIS_ARTICLES, path);
    check.string(alert, 'givenNames', path);
    check.string(alert, 'familyName', path);
    check.date(alert, 'dateOfBirth', path, true);
    check.strings(alert, 'nationalities', path);
    if (alert.personalIdentityCode !== undefined) check.string(alert, 'personalIdentityCode', path);
    check.each(check.array(alert, 'aliases', path), `${path}.aliases`, (alias, aliasPath) => {
      check.string(alias, 'givenNames', aliasPath);
      check.string(alias, 'familyName', aliasPath);
    });
    check.each(check.array(alert, 'documents', path), `${path}.documents`, (document, documentPath) =>
      check.string(document, 'number', documentPath),
    );
  });

  const businessIds = new Map<string, string>();
  check.each(check.array(tradeRegister, 'companies', 'tradeRegister'), 'tradeRegister.companies', (company, path) => {
    check.unique(businessIds, check.string(company, 'businessId', path), `${path}.businessId`, 'Business ID');
  });
  const reportIds = new Map<string, string>();
  check.each(check.array(tax, 'complianceReports', 'tax'), 'tax.complianceReports', (report, path) => {
    check.unique(reportIds, check.string(report, 'businessId', path), `${path}.businessId`, 'Business ID');
  });
  const debtCodes = new Map<string, string>();
  check.each(check.array(tax, 'personalTaxDebts', 'tax'), 'tax.personalTaxDebts', (debt, path) => {
    check.unique(debtCodes, check.string(debt, 'personalIdentityCode', path), `${path}.personalIdentityCode`, 'personal identity code');
    check.typed(debt, 'amountEur', 'number', path);
    check.typed(debt, 'underPaymentPlan', 'boolean', path);
  });

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
