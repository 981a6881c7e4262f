/**
 * The case register (UMA), per subgraphs/applications/registry-api.ts.
 *
 * Every lookup goes through an index built at start: applications and applicants by id, by
 * applicant and by employer, every (status, type) combination as its own list sorted oldest
 * submitted first (then by id), and applicants by identity code and by normalised family name
 * (with and without date of birth). Paging is keyset paging: the cursor holds the position of
 * the last item served, found again by binary search, so it stays valid while data is added.
 */
import {
  MAX_LIST_LIMIT,
  MAX_SEARCH_LIMIT,
  type ApplicantSearchResponse,
  type ApplicationListResponse,
  type ApplicationStatus,
  type ApplicationType,
  type CaseApplicant,
  type CaseApplication,
  type RegisteredApplicant,
} from '../../contracts/registries/case-register.js';
import type { StoredApplication } from '../dataset/sections/case-register.js';
import type { Dataset } from '../dataset/types.js';
import { normaliseName } from './names.js';
import {
  badRequest,
  batchEndpoint,
  codeKey,
  defineRegistryService,
  groupBy,
  ok,
  optionalString,
  readJsonObject,
  type Parsed,
  type RegistryService,
  type ServiceRequest,
  type ServiceResponse,
} from './service.js';

export const DEFAULT_PAGE_SIZE = 50;
export const DEFAULT_SEARCH_LIMIT = 20;

const STATUSES: readonly ApplicationStatus[] = ['RECEIVED', 'PENDING', 'IN_PROCESS', 'DECIDED', 'WITHDRAWN'];
const TYPES: readonly ApplicationType[] = ['WORK_PERMIT', 'SPECIALIST_PERMIT', 'CITIZENSHIP', 'FAMILY_TIES', 'STUDY'];
const LIST_PARAMETERS = new Set(['status', 'type', 'employerBusinessId', 'applicantId', 'units', 'limit', 'cursor']);
const UNIT_SHAPE = /^[A-Z0-9-]{1,16}$/;

/** A stored application with its place in the oldest-first order. */
interface Listed {
  stored: StoredApplication;
  submittedAtMs: number;
}

/** A position in the oldest-first order: after this item come the next page's. */
interface Position {
  submittedAtMs: number;
  id: string;
}

function compare(a: Position, b: Position): number {
  return a.submittedAtMs - b.submittedAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function positionOf(listed: Listed): Position {
  return { submittedAtMs: listed.submittedAtMs, id: listed.stored.id };
}

function encodeCursor(position: Position): string {
  return Buffer.from(`${position.submittedAtMs}|${position.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): Position | null {
  const match = /^(\d{1,16})\|(.+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) return null;
  const position = { submittedAtMs: Number(match[1]), id: match[2]! };
  // base64url decoding forgives stray characters; only a cursor we could have issued is accepted.
  return encodeCursor(position) === cursor ? position : null;
}

/** The index of the first item after `position` (binary search). */
function firstAfter(list: readonly Listed[], position: Position): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(positionOf(list[mid]!), position) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The (status, type) lists are kept in an array by slot: one per status and one for any status,
 * times one per type and one for any type. Numbers, not string keys, because every application
 * goes into four lists and string keys made building them slow for large data sets.
 */
const ANY_STATUS = STATUSES.length;
const ANY_TYPE = TYPES.length;
const STATUS_INDEX = new Map(STATUSES.map((status, i) => [status, i]));
const TYPE_INDEX = new Map(TYPES.map((type, i) => [type, i]));
const listSlot = (statusIndex: number, typeIndex: number) => statusIndex * (TYPES.length + 1) + typeIndex;

interface ListQuery {
  status?: ApplicationStatus;
  type?: ApplicationType;
  employerBusinessId?: string;
  applicantId?: string;
  /** Only cases of these units. */
  units?: ReadonlySet<string>;
  limit: number;
  after?: Position;
}

function parseListQuery(query: URLSearchParams): Parsed<ListQuery> {
  const refuse = (message: string) => ({ ok: false as const, response: badRequest(message) });
  const values = new Map<string, string>();
  for (const [name, value] of query) {
    if (!LIST_PARAMETERS.has(name)) return refuse(`unknown query parameter ${name}; use ${[...LIST_PARAMETERS].join(', ')}`);
    if (values.has(name)) return refuse(`query parameter ${name} is given more than once`);
    if (value !== '') values.set(name, value);
  }
  const parsed: ListQuery = { limit: DEFAULT_PAGE_SIZE };
  const status = values.get('status');
  if (status !== undefined) {
    if (!STATUSES.includes(status as ApplicationStatus)) return refuse(`status must be one of ${STATUSES.join(', ')}`);
    parsed.status = status as ApplicationStatus;
  }
  const type = values.get('type');
  if (type !== undefined) {
    if (!TYPES.includes(type as ApplicationType)) return refuse(`type must be one of ${TYPES.join(', ')}`);
    parsed.type = type as ApplicationType;
  }
  const employerBusinessId = values.get('employerBusinessId');
  if (employerBusinessId !== undefined) parsed.employerBusinessId = codeKey(employerBusinessId);
  const applicantId = values.get('applicantId');
  if (applicantId !== undefined) parsed.applicantId = applicantId;
  const units = values.get('units');
  if (units !== undefined) {
    const codes = units.split(',');
    if (!codes.every((code) => UNIT_SHAPE.test(code))) return refuse('units is a comma-separated list of unit codes, e.g. HEL-1,TRE-1');
    parsed.units = new Set(codes);
  }
  const limit = values.get('limit');
  if (limit !== undefined) {
    const n = Number(limit);
    if (!/^\d+$/.test(limit) || n < 1 || n > MAX_LIST_LIMIT) return refuse(`limit must be a whole number from 1 to ${MAX_LIST_LIMIT}`);
    parsed.limit = n;
  }
  const cursor = values.get('cursor');
  if (cursor !== undefined) {
    const after = decodeCursor(cursor);
    if (!after) return refuse('cursor is not one this register issued; pass nextCursor from the previous page as it is');
    parsed.after = after;
  }
  return { ok: true, value: parsed };
}

export function createCaseRegisterService(dataset: Dataset): RegistryService {
  // An applicant is answered for with the units handling their applications (RegisteredApplicant).
  const unitsByApplicant = new Map<string, Set<string>>();
  for (const application of dataset.caseRegister.applications) {
    let units = unitsByApplicant.get(application.applicantId);
    if (!units) unitsByApplicant.set(application.applicantId, (units = new Set()));
    units.add(application.unit);
  }
  const applicantsById = new Map<string, RegisteredApplicant>(
    dataset.caseRegister.applicants.map((applicant: CaseApplicant) => [
      applicant.id,
      { ...applicant, units: [...(unitsByApplicant.get(applicant.id) ?? [])].sort() },
    ]),
  );
  const all: Listed[] = dataset.caseRegister.applications.map((stored) => ({ stored, submittedAtMs: Date.parse(stored.submittedAt) }));
  all.sort((a, b) => a.submittedAtMs - b.submittedAtMs || (a.stored.id < b.stored.id ? -1 : a.stored.id > b.stored.id ? 1 : 0));

  /** The application as served, with its applicant embedded; built per answer, so the index stays small. */
  const served = ({ stored }: Listed): CaseApplication => ({
    id: stored.id,
    unit: stored.unit,
    assignedCaseWorker: stored.assignedCaseWorker,
    type: stored.type,
    status: stored.status,
    submittedAt: stored.submittedAt,
    channel: stored.channel,
    applicant: applicantsById.get(stored.applicantId)!,
    employerBusinessId: stored.employerBusinessId,
    declared: stored.declared,
  });

  const applicationsById = new Map(all.map((listed) => [listed.stored.id, listed]));
  // Built from the sorted list, so every index list is in the oldest-first order too.
  const byApplicant = groupBy(all, (listed) => listed.stored.applicantId);
  const byEmployer = groupBy(all, (listed) => (listed.stored.employerBusinessId ? codeKey(listed.stored.employerBusinessId) : null));
  const lists: Listed[][] = Array.from({ length: (STATUSES.length + 1) * (TYPES.length + 1) }, () => []);
  for (const listed of all) {
    const status = STATUS_INDEX.get(listed.stored.status)!;
    const type = TYPE_INDEX.get(listed.stored.type)!;
    lists[listSlot(ANY_STATUS, ANY_TYPE)]!.push(listed);
    lists[listSlot(status, ANY_TYPE)]!.push(listed);
    lists[listSlot(ANY_STATUS, type)]!.push(listed);
    lists[listSlot(status, type)]!.push(listed);
  }

  const applicantsInIdOrder = [...applicantsById.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const applicantsByCode = new Map<string, RegisteredApplicant>();
  for (const a of applicantsInIdOrder) if (a.personalIdentityCode) applicantsByCode.set(codeKey(a.personalIdentityCode), a);
  const familyNames = new Map(applicantsInIdOrder.map((a) => [a, normaliseName(a.familyName)]));
  const applicantsByFamilyName = groupBy(applicantsInIdOrder, (a) => familyNames.get(a)!);
  const applicantsByFamilyNameAndBirth = groupBy(applicantsInIdOrder, (a) => `${familyNames.get(a)}|${a.dateOfBirth}`);

  function listApplications(request: ServiceRequest): ServiceResponse {
    const parsed = parseListQuery(request.query);
    if (!parsed.ok) return parsed.response;
    const query = parsed.value;
    // The narrowest index that covers part of the filter; what it does not cover is checked per item.
    let candidates: readonly Listed[];
    let covered: (keyof ListQuery)[];
    if (query.applicantId !== undefined) {
      candidates = byApplicant.get(query.applicantId) ?? [];
      covered = ['applicantId'];
    } else if (query.employerBusinessId !== undefined) {
      candidates = byEmployer.get(query.employerBusinessId) ?? [];
      covered = ['employerBusinessId'];
    } else {
      const status = query.status === undefined ? ANY_STATUS : STATUS_INDEX.get(query.status)!;
      const type = query.type === undefined ? ANY_TYPE : TYPE_INDEX.get(query.type)!;
      candidates = lists[listSlot(status, type)]!;
      covered = ['status', 'type'];
    }
    const residual = (['status', 'type', 'employerBusinessId', 'applicantId', 'units'] as const).filter(
      (f) => query[f] !== undefined && !covered.includes(f),
    );
    const matches = ({ stored }: Listed) =>
      residual.every((field) =>
        field === 'units'
          ? query.units!.has(stored.unit)
          : field === 'employerBusinessId'
            ? stored.employerBusinessId !== null && codeKey(stored.employerBusinessId) === query.employerBusinessId
            : stored[field] === query[field],
      );

    const items: CaseApplication[] = [];
    let last: Listed | undefined;
    let more = false;
    for (let i = query.after ? firstAfter(candidates, query.after) : 0; i < candidates.length; i++) {
      const listed = candidates[i]!;
      if (!matches(listed)) continue;
      if (items.length === query.limit) {
        more = true;
        break;
      }
      items.push(served(listed));
      last = listed;
    }
    const response: ApplicationListResponse = {
      items,
      nextCursor: more && last ? encodeCursor(positionOf(last)) : null,
      totalCount: residual.length === 0 ? candidates.length : candidates.filter(matches).length,
    };
    return ok(response);
  }

  function searchApplicants(request: ServiceRequest): ServiceResponse {
    const body = readJsonObject(request);
    if (!body.ok) return body.response;
    const fields = ['personalIdentityCode', 'familyName', 'givenNames', 'dateOfBirth', 'nationality'] as const;
    const search: Partial<Record<(typeof fields)[number], string>> = {};
    for (const field of fields) {
      const value = optionalString(body.value, field);
      if (!value.ok) return value.response;
      search[field] = value.value;
    }
    const { limit = DEFAULT_SEARCH_LIMIT, units } = body.value;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
      return badRequest(`limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}`);
    }
    if (units !== undefined && !(Array.isArray(units) && units.every((unit) => typeof unit === 'string' && UNIT_SHAPE.test(unit)))) {
      return badRequest('units is a list of unit codes, e.g. ["HEL-1"]');
    }
    // Only applicants with a case in one of the caller's units, when the request names units.
    const inUnits = (applicant: RegisteredApplicant) => units === undefined || applicant.units.some((unit) => units.includes(unit));
    let items: RegisteredApplicant[];
    if (search.personalIdentityCode) {
      // The code identifies the applicant; the other criteria are not needed with it.
      const applicant = applicantsByCode.get(codeKey(search.personalIdentityCode));
      items = applicant && inUnits(applicant) ? [applicant] : [];
    } else if (search.familyName) {
      const familyName = normaliseName(search.familyName);
      const sameName = search.dateOfBirth
        ? (applicantsByFamilyNameAndBirth.get(`${familyName}|${search.dateOfBirth}`) ?? [])
        : (applicantsByFamilyName.get(familyName) ?? []);
      const wantedGivenNames = search.givenNames ? normaliseName(search.givenNames).split(' ') : [];
      const { nationality } = search;
      items = [];
      for (const applicant of sameName) {
        if (items.length === limit) break;
        if (nationality && !applicant.nationalities.includes(nationality)) continue;
        if (!inUnits(applicant)) continue;
        const givenNames = normaliseName(applicant.givenNames).split(' ');
        if (wantedGivenNames.every((name) => givenNames.includes(name))) items.push(applicant);
      }
    } else {
      return badRequest('search by personalIdentityCode, or by familyName (with optional givenNames, dateOfBirth, nationality)');
    }
    const response: ApplicantSearchResponse = { items };
    return ok(response);
  }

  return defineRegistryService('caseRegister', {
    'POST applications/batch': batchEndpoint((key) => {
      const listed = applicationsById.get(key);
      return listed && served(listed);
    }),
    'GET applications': listApplications,
    'POST applications/by-applicant': batchEndpoint((key) =>
      applicantsById.has(key) ? (byApplicant.get(key) ?? []).map(served) : undefined,
    ),
    'POST applications/by-employer': batchEndpoint((key) => byEmployer.get(codeKey(key))?.map(served)),
    'POST applicants/batch': batchEndpoint((key) => applicantsById.get(key)),
    'POST applicants/search': searchApplicants,
  });
}
