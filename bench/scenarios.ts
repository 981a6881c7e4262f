/**
 * What the benchmark measures: each scenario is a shipped example operation from
 * gateway/operations/, sent as is with its variables, and the check that tells whether an answer
 * is the expected one. Adding a scenario is adding an entry to SCENARIOS; the load worker finds
 * the check by the scenario's id, so this module must stay free of side effects and heavy imports.
 *
 * Requests cycle through several variable sets (applications, worklist pages) found in the data
 * set before measuring, as case workers open different cases. Identical concurrent requests
 * would measure something else: Hive Gateway, by default, sends identical in-flight subgraph
 * queries once, so N identical requests cost it about one.
 */
import type { PhaseName } from './phases.js';

export type Variables = Record<string, unknown>;

/**
 * Who sends a scenario's requests (security.ts mints their access tokens): a senior case worker
 * sees every field of the case view and the worklist; bulk checks need the bulk checker's right.
 */
export type BenchCaller = 'senior-case-worker' | 'bulk-checker';

/** Runs a GraphQL query against the reference gateway and returns its `data` (throws on errors). */
export type QueryRunner = (query: string, variables?: Variables) => Promise<Record<string, unknown>>;

export interface Scenario {
  /** Stable identifier, used in results and by the load worker (e.g. `case-view`). */
  id: string;
  /** How the report names it. */
  title: string;
  /** The phase whose subgraphs it runs against (see phases.ts). */
  phase: PhaseName;
  /** An operation file in gateway/operations/, without `.graphql`. */
  operation: string;
  /** Concurrent connections the load generator keeps open. */
  connections: number;
  /**
   * Who sends its requests, with their access token. No scenario sends x-case-id: the case view's
   * case is the `application(id:)` it names, and worklists and bulk checks list cases rather than
   * read registry data about one person outside them.
   */
  caller: BenchCaller;
  /**
   * The gateways measured on it, when not all (ids from gateways.ts). A bulk prerequisite check
   * is work of casegraph's checks subgraph: any gateway only passes one query to it.
   */
  gateways?: readonly string[];
  /** Left out of `--quick`, which must stay under a minute: the slow and the redundant scenarios. */
  notInQuickRun?: true;
  /** What the variable sets are, for the report. */
  variablesDescription: string;
  /** The variable sets requests cycle through, found in the data set through the reference gateway. */
  discoverVariableSets(query: QueryRunner): Promise<Variables[]>;
  /**
   * For bulk scenarios: the things one answer handles (e.g. applications checked), counted in
   * every expected answer, so that the report gives them per second beside requests per second.
   */
  items?: { unit: string; count(data: Record<string, unknown>): number };
  /** Why `data` is not the expected answer to `variables`, or null when it is. Called on every response. */
  checkData(data: Record<string, unknown>, variables: Variables): string | null;
}

/** The six registries a case view must reach, as provenance names them. */
const ALL_REGISTRIES = ['CASE_REGISTER', 'POPULATION', 'POLICE', 'SIS', 'TRADE_REGISTER', 'TAX'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every registry named by a `provenance { registry }` anywhere in `value`. */
function registriesIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) registriesIn(item, found);
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'provenance' && isObject(child) && typeof child.registry === 'string') found.add(child.registry);
      else registriesIn(child, found);
    }
  }
  return found;
}

/** A case view must be the application asked for, with an answer from every registry. */
function checkCaseView(data: Record<string, unknown>, variables: Variables): string | null {
  const application = data.application;
  if (!isObject(application)) return 'application is missing';
  if (application.id !== variables.id) return `application.id is not ${String(variables.id)}`;
  if (!isObject(application.applicant)) return 'application.applicant is missing';
  if (!isObject(application.employer)) return 'application.employer is missing';
  const found = registriesIn(application);
  const missing = ALL_REGISTRIES.filter((registry) => !found.has(registry));
  return missing.length === 0 ? null : `no provenance from ${missing.join(', ')}`;
}

/**
 * A worklist page must be full, and every item must have its applicant with a SIS answer (every
 * applicant is searched in SIS). Population, employer and its registry answers may be null
 * legitimately (no Finnish identity code, no employer, not in the trade register), and a registry
 * that failed would show up as `errors`, which is checked before this.
 */
function checkWorklist(pageSize: number) {
  return (data: Record<string, unknown>): string | null => {
    const worklist = data.worklist;
    if (!isObject(worklist)) return 'worklist is missing';
    const items = worklist.items;
    if (!Array.isArray(items)) return 'worklist.items is missing';
    if (items.length !== pageSize) return `worklist has ${items.length} items, expected ${pageSize}`;
    for (const [index, item] of items.entries()) {
      if (!isObject(item) || typeof item.id !== 'string') return `worklist item ${index} has no id`;
      if (!isObject(item.applicant)) return `worklist item ${index} has no applicant`;
      if (!isObject(item.applicant.sis)) return `worklist item ${index} has no SIS answer`;
      if (item.employer !== null && !isObject(item.employer)) return `worklist item ${index} has a malformed employer`;
    }
    return null;
  };
}

/** How many different applications the case view cycles through, and worklist pages of each size. */
const CASE_VIEW_APPLICATIONS = 40;
/** Pending applications searched for complete case views (about one in seven is complete). */
const CASE_VIEW_CANDIDATES = 1000;
const WORKLIST_PAGES = 8;
const HEAVY_WORKLIST_PAGES = 2;

/**
 * Pending applications whose case view reaches all six registries: the applicant has a Finnish
 * identity code (population) and the employer is in the trade register and the tax records.
 */
async function completeCaseViews(query: QueryRunner, count: number): Promise<Variables[]> {
  const data = await query(`{
    worklist(filter: { status: PENDING }, first: ${CASE_VIEW_CANDIDATES}) {
      items { id applicant { population { identityCodeValid } } employer { tradeRegister { name } taxCompliance { reportDate } } }
    }
  }`);
  type Candidate = {
    id: string;
    applicant: { population: object | null };
    employer: { tradeRegister: object | null; taxCompliance: object | null } | null;
  };
  const items = (data.worklist as { items: Candidate[] }).items;
  return items
    .filter((item) => item.applicant.population && item.employer?.tradeRegister && item.employer.taxCompliance)
    .slice(0, count)
    .map((item) => ({ id: item.id }));
}

/** The first `pages` full pages of the pending worklist, as the Worklist operation's variables. */
async function worklistPages(query: QueryRunner, pageSize: number, pages: number): Promise<Variables[]> {
  const found: Variables[] = [];
  let after: string | null = null;
  while (found.length < pages) {
    const data = await query(
      `query ($first: Int!, $after: String) { worklist(filter: { status: PENDING }, first: $first, after: $after) { nextCursor items { id } } }`,
      { first: pageSize, after },
    );
    const page = data.worklist as { nextCursor: string | null; items: unknown[] };
    if (page.items.length < pageSize) break;
    found.push(after === null ? { first: pageSize } : { first: pageSize, after });
    if (page.nextCursor === null) break;
    after = page.nextCursor;
  }
  return found;
}

/**
 * Bulk prerequisite checks of pending work permits, a page at a time: applications checked per
 * second, and registry calls per application as the page grows. Cold: a repeated page would
 * otherwise measure cache hits instead of checks.
 */
const BULK_PAGE_SIZES = [10, 100, 1000] as const;
const QUICK_BULK_PAGE_SIZE = 100;
/** Pages of each size the requests take in turn. */
const BULK_PAGES = 3;

function checkBulkChecks(pageSize: number) {
  return (data: Record<string, unknown>): string | null => {
    const page = data.prerequisiteChecks;
    if (!isObject(page) || !Array.isArray(page.items)) return 'prerequisiteChecks.items is missing';
    if (page.items.length !== pageSize) return `${page.items.length} checks, expected ${pageSize}`;
    for (const [index, item] of page.items.entries()) {
      if (!isObject(item) || typeof item.recommendation !== 'string') return `check ${index} has no recommendation`;
      if (!isObject(item.ruleSet)) return `check ${index} has no rule set`;
    }
    return null;
  };
}

/** The first `pages` full pages of pending work permits' checks of `pageSize`. */
async function bulkCheckPages(query: QueryRunner, pageSize: number, pages: number): Promise<Variables[]> {
  const found: Variables[] = [];
  let after: string | null = null;
  while (found.length < pages) {
    const data = await query(
      `query ($first: Int!, $after: String) { prerequisiteChecks(type: WORK_PERMIT, first: $first, after: $after) { nextCursor items { recommendation } } }`,
      { first: pageSize, after },
    );
    const page = data.prerequisiteChecks as { nextCursor: string | null; items: unknown[] };
    if (page.items.length < pageSize) break;
    found.push({ type: 'WORK_PERMIT', first: pageSize, after });
    if (page.nextCursor === null) break;
    after = page.nextCursor;
  }
  return found;
}

function bulkChecks(pageSize: number): Scenario {
  return {
    id: `bulk-checks-${pageSize}`,
    title: `bulk checks (${pageSize})`,
    phase: 'cold',
    ...(pageSize === QUICK_BULK_PAGE_SIZE ? {} : { notInQuickRun: true as const }),
    operation: 'BulkPrerequisiteChecks',
    connections: 2,
    caller: 'bulk-checker',
    gateways: ['casegraph', 'casegraph-audit-off'],
    variablesDescription: `the first ${BULK_PAGES} pages of ${pageSize} pending work permits`,
    discoverVariableSets: (query) => bulkCheckPages(query, pageSize, BULK_PAGES),
    items: { unit: 'applications', count: (data) => (data.prerequisiteChecks as { items: unknown[] }).items.length },
    checkData: checkBulkChecks(pageSize),
  };
}

/** The warm variant of a cold scenario: the same requests, with the registry cache on. */
function warm(id: string, options: Pick<Scenario, 'notInQuickRun'> = {}): Scenario {
  const cold = COLD_SCENARIOS.find((scenario) => scenario.id === id)!;
  return { ...cold, id: `${id}-warm`, title: `${cold.title}, warm`, phase: 'warm', ...options };
}

const COLD_SCENARIOS: readonly Scenario[] = [
  {
    id: 'case-view',
    title: 'case view',
    phase: 'cold',
    operation: 'CaseView',
    connections: 10,
    caller: 'senior-case-worker',
    variablesDescription: `${CASE_VIEW_APPLICATIONS} pending applications that reach all six registries`,
    discoverVariableSets: (query) => completeCaseViews(query, CASE_VIEW_APPLICATIONS),
    checkData: checkCaseView,
  },
  {
    id: 'worklist',
    title: 'worklist (100)',
    phase: 'cold',
    operation: 'Worklist',
    connections: 4,
    caller: 'senior-case-worker',
    variablesDescription: `the first ${WORKLIST_PAGES} pages of 100 pending applications`,
    discoverVariableSets: (query) => worklistPages(query, 100, WORKLIST_PAGES),
    checkData: checkWorklist(100),
  },
  {
    id: 'heavy-worklist',
    title: 'heavy worklist (1000)',
    phase: 'cold',
    notInQuickRun: true,
    operation: 'Worklist',
    connections: 2,
    caller: 'senior-case-worker',
    variablesDescription: `the first ${HEAVY_WORKLIST_PAGES} pages of 1000 pending applications`,
    discoverVariableSets: (query) => worklistPages(query, 1000, HEAVY_WORKLIST_PAGES),
    checkData: checkWorklist(1000),
  },
];

export const SCENARIOS: readonly Scenario[] = [
  ...COLD_SCENARIOS,
  // The heavy worklist's warm variant tells little the worklist's does not, and time is short.
  warm('case-view'),
  warm('worklist', { notInQuickRun: true }),
  ...BULK_PAGE_SIZES.map(bulkChecks),
];

export function scenarioById(id: string): Scenario {
  const scenario = SCENARIOS.find((candidate) => candidate.id === id);
  if (!scenario) throw new Error(`no scenario ${id}; scenarios are ${SCENARIOS.map((s) => s.id).join(', ')}`);
  return scenario;
}

export type ResponseCheck = { data: Record<string, unknown> } | { problem: string };

/**
 * A gateway's answer's data when it is the expected one, or why it is not: the status must be
 * 200, the body JSON without `errors`, and `data` must pass the scenario's check.
 */
export function checkResponse(scenario: Scenario, variables: Variables, status: number, body: string): ResponseCheck {
  if (status !== 200) return { problem: `status ${status}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { problem: 'body is not JSON' };
  }
  if (!isObject(parsed)) return { problem: 'body is not a JSON object' };
  if (parsed.errors !== undefined) return { problem: `errors: ${describeErrors(parsed.errors)}` };
  if (!isObject(parsed.data)) return { problem: 'no data' };
  const problem = scenario.checkData(parsed.data, variables);
  return problem === null ? { data: parsed.data } : { problem };
}

/** The error codes (or messages, when there is no code) of a GraphQL `errors` array. */
function describeErrors(errors: unknown): string {
  if (!Array.isArray(errors)) return 'malformed errors';
  const described = new Set<string>();
  for (const error of errors) {
    const code = isObject(error) && isObject(error.extensions) ? error.extensions.code : undefined;
    const message = isObject(error) ? error.message : undefined;
    described.add(typeof code === 'string' ? code : String(message).slice(0, 120));
  }
  return [...described].join(', ');
}
