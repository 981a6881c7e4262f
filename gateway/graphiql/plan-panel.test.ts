import { readdirSync, readFileSync } from 'node:fs';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { CasegraphPlan, RecordedRequest } from './fetcher.mjs';
import { fetchesOf, parseQueryPlan, PLAN_PLUGIN_TITLE, renderPlanPanel, timingsByFetch } from './plan-panel.mjs';

/** Apollo's prettyFormatQueryPlan of the shipped CaseView and Worklist operations over the supergraph. */
const CASE_VIEW_PLAN = readFileSync(new URL('./fixtures/case-view.query-plan.txt', import.meta.url), 'utf8');
const WORKLIST_PLAN = readFileSync(new URL('./fixtures/worklist.query-plan.txt', import.meta.url), 'utf8');

/** A stand-in for React.createElement: a plain tree, to read back. */
interface Element {
  type: unknown;
  props: Record<string, unknown>;
  children: Array<Element | string>;
}
const h = (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]): Element => ({
  type,
  props: props ?? {},
  children: (children.flat(Infinity) as Array<Element | string | null | undefined | false>).filter(
    (child): child is Element | string => child !== null && child !== undefined && child !== false && child !== '',
  ),
});
const textOf = (node: Element | string): string => (typeof node === 'string' ? node : node.children.map(textOf).join(''));
function all(node: Element | string, predicate: (element: Element) => boolean): Element[] {
  if (typeof node === 'string') return [];
  return [...(predicate(node) ? [node] : []), ...node.children.flatMap((child) => all(child, predicate))];
}
const byClass = (node: Element, name: string) =>
  all(node, (element) =>
    String(element.props.className ?? '')
      .split(' ')
      .includes(name),
  );

const ANALYST = { id: 'antti.heikkinen', name: 'Antti Heikkinen', roles: ['analyst'], unit: 'HEL-1' };
const CASE_WORKER = { id: 'kaisa.virtanen', name: 'Kaisa Virtanen', roles: ['case-worker'], unit: 'HEL-1' };

const ENTITY_FETCHES: Array<[string, string[]]> = [
  ['tax', ['application', 'applicant']],
  ['sis', ['application', 'applicant']],
  ['police', ['application', 'applicant']],
  ['population', ['application', 'applicant']],
  ['tax', ['application', 'employer']],
  ['trade-register', ['application', 'employer']],
];

const CASE_VIEW: CasegraphPlan = {
  queryPlan: CASE_VIEW_PLAN,
  fromResponseCache: false,
  fetches: [
    { subgraph: 'applications', path: [], entityFetch: false, durationMs: 31.4 },
    ...ENTITY_FETCHES.map(([subgraph, path], index) => ({ subgraph, path, entityFetch: true, durationMs: 20 + index })),
  ],
  registryCalls: [
    {
      subgraph: 'applications',
      registry: 'CASE_REGISTER',
      service: 'getApplications',
      keys: 1,
      durationMs: 24.6,
      fromCache: null,
      xRoadId: 'xr-1',
      outcome: 'ok',
    },
    {
      subgraph: 'population',
      registry: 'POPULATION',
      service: 'getPersons',
      keys: 1,
      durationMs: 0.2,
      fromCache: 'memory',
      xRoadId: 'xr-0',
      outcome: 'ok',
    },
    {
      subgraph: 'sis',
      registry: 'SIS',
      service: 'searchPerson',
      keys: 1,
      durationMs: 3000,
      fromCache: null,
      xRoadId: null,
      outcome: 'failed',
    },
  ],
};

const request = (plan: CasegraphPlan | null, overrides: Partial<RecordedRequest> = {}): RecordedRequest => ({
  operationName: 'CaseView',
  status: 200,
  durationMs: 84.25,
  askedForPlan: true,
  plan,
  errorCodes: [],
  at: '2026-10-01T10:00:00.000Z',
  ...overrides,
});

describe('reading Apollo’s query plan', () => {
  it('gives the case view as a root fetch, then the six registry subgraphs in parallel by entity key', () => {
    const tree = parseQueryPlan(CASE_VIEW_PLAN);
    expect(tree).toMatchObject({ kind: 'Sequence' });
    const [root, parallel] = tree!.kind === 'Sequence' ? tree!.children : [];
    expect(root).toEqual({
      kind: 'Fetch',
      service: 'applications',
      path: [],
      entityFetch: false,
      entityTypes: [],
      keyFields: [],
      fields: ['application'],
    });
    expect(parallel).toMatchObject({ kind: 'Parallel' });
    expect(fetchesOf(parallel!).map((fetch) => [fetch.service, fetch.path.join('.'), fetch.entityTypes, fetch.fields])).toEqual([
      ['tax', 'application.applicant', ['Applicant'], ['taxDebt']],
      ['sis', 'application.applicant', ['Applicant'], ['sis']],
      ['police', 'application.applicant', ['Applicant'], ['police']],
      ['population', 'application.applicant', ['Applicant'], ['population']],
      ['tax', 'application.employer', ['Employer'], ['taxCompliance']],
      ['trade-register', 'application.employer', ['Employer'], ['tradeRegister']],
    ]);
    // SIS and police @require the applicant's biographic data besides the key.
    const sis = fetchesOf(parallel!).find((fetch) => fetch.service === 'sis')!;
    expect(sis).toMatchObject({ entityFetch: true });
    expect(sis.keyFields).toEqual([
      'id',
      'personalIdentityCode',
      'givenNames',
      'familyName',
      'dateOfBirth',
      'nationalities',
      'travelDocument',
    ]);
  });

  it('keeps list paths ("@") of a worklist', () => {
    const paths = fetchesOf(parseQueryPlan(WORKLIST_PLAN)).map((fetch) => `${fetch.service}@${fetch.path.join('.')}`);
    expect(paths[0]).toBe('applications@');
    expect(paths).toContain('sis@worklist.items.@.applicant');
    expect(paths).toContain('tax@worklist.items.@.employer');
  });

  it('reads conditions and unknown steps without losing their fetches', () => {
    const text = `QueryPlan {
  Include(if: $withPolice) {
    Sequence {
      Fetch(service: "applications", id: 0) {
        {
          a
        }
      },
      Mystery {
        Fetch(service: "police") {
          {
            b(x: 1) {
              c
            }
          }
        },
      },
    }
  },
}`;
    const tree = parseQueryPlan(text)!;
    expect(tree).toMatchObject({ kind: 'Step', label: 'If $withPolice', children: [{ kind: 'Sequence' }] });
    expect(fetchesOf(tree).map((fetch) => [fetch.service, fetch.fields])).toEqual([
      ['applications', ['a']],
      ['police', ['b']],
    ]);
    expect(parseQueryPlan('not a plan')).toBeNull();
    expect(parseQueryPlan(undefined)).toBeNull();
  });

  it('reads what Apollo’s planner makes of every shipped operation over the supergraph', () => {
    const supergraph = Supergraph.build(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'));
    const planner = new QueryPlanner(supergraph);
    const operations = new URL('../operations/', import.meta.url);
    for (const file of readdirSync(operations).filter((name) => name.endsWith('.graphql'))) {
      const document = parse(readFileSync(new URL(file, operations), 'utf8'));
      const text = prettyFormatQueryPlan(planner.buildQueryPlan(operationFromDocument(supergraph.schema, document)));
      const fetches = fetchesOf(parseQueryPlan(text));
      expect(fetches.length, file).toBe(text.match(/Fetch\(service: "/g)?.length);
      for (const fetch of fetches) {
        expect(fetch.fields.length, `${file}: ${fetch.service}`).toBeGreaterThan(0);
        if (fetch.entityFetch) expect(fetch.keyFields.length, `${file}: ${fetch.service}`).toBeGreaterThan(0);
      }
    }
  });

  it('pairs each fetch with its measured time by subgraph and path, in order', () => {
    const tree = parseQueryPlan(CASE_VIEW_PLAN);
    const timings = timingsByFetch(tree, CASE_VIEW.fetches);
    expect(fetchesOf(tree).map((fetch) => timings.get(fetch)?.durationMs)).toEqual([31.4, 20, 21, 22, 23, 24, 25]);
    expect(timingsByFetch(tree, []).size).toBe(0);
  });
});

describe('the plan panel', () => {
  it('shows the last request’s plan as a sequence/parallel tree, and its registry calls as a table', () => {
    const panel = renderPlanPanel(h, {
      caller: ANALYST,
      canSeePlans: true,
      planRoles: ['analyst', 'integrator'],
      last: request(CASE_VIEW),
    });
    expect(textOf(byClass(panel, 'graphiql-doc-explorer-title')[0]!)).toBe(PLAN_PLUGIN_TITLE);
    expect(textOf(byClass(panel, 'cg-plan-summary')[0]!)).toBe(
      'CaseView: 84 ms in the browser · 7 fetches from 6 subgraphs (6 entity fetches) · 3 registry calls, 1 from cache',
    );

    const [sequence] = byClass(panel, 'cg-plan-sequence');
    expect(textOf(byClass(sequence!, 'cg-plan-group-label')[0]!)).toBe('Sequence: one after another');
    const steps = all(sequence!, (element) => element.type === 'ol')[0]!.children as Element[];
    expect(steps.map((step) => step.props.className)).toEqual(['cg-plan-fetch', 'cg-plan-group cg-plan-parallel']);
    const line = (fetch: Element) => byClass(fetch, 'cg-plan-fetch-line')[0]!.children.map(textOf);
    const detail = (fetch: Element) => textOf(byClass(fetch, 'cg-plan-fetch-detail')[0]!);
    expect(line(steps[0]!)).toEqual(['applications', 'root fetch', '31 ms']);
    expect(detail(steps[0]!)).toBe('root: application');
    expect(textOf(byClass(steps[1]!, 'cg-plan-group-label')[0]!)).toBe('Parallel: at the same time');
    const parallel = byClass(steps[1]!, 'cg-plan-entity');
    expect(parallel.map(line)).toEqual([
      ['tax', 'entity fetch', '20 ms'],
      ['sis', 'entity fetch', '21 ms'],
      ['police', 'entity fetch', '22 ms'],
      ['population', 'entity fetch', '23 ms'],
      ['tax', 'entity fetch', '24 ms'],
      ['trade-register', 'entity fetch', '25 ms'],
    ]);
    expect(detail(parallel[0]!)).toBe('Applicant by id, personalIdentityCode at application.applicant → taxDebt');
    expect(detail(parallel[5]!)).toBe('Employer by businessId at application.employer → tradeRegister');
    // Each fetch's bar is as long as its time is against the longest.
    const widths = byClass(sequence!, 'cg-plan-bar').map((bar) => ((bar.children[0] as Element).props.style as { width: string }).width);
    expect(widths).toEqual(['100%', '64%', '67%', '70%', '73%', '76%', '80%']);

    const table = all(panel, (element) => element.type === 'table')[0]!;
    const rows = all(table, (element) => element.type === 'tr').map((row) => row.children.map(textOf));
    expect(rows).toEqual([
      ['Registry and X-Road service', 'Keys', 'Time', 'Answered by'],
      ['CASE_REGISTERgetApplications', '1', '25 ms', 'registry'],
      ['X-Road request id xr-1 · by applications'],
      ['POPULATIONgetPersons', '1', '0.2 ms', 'memory cache'],
      ['X-Road request id xr-0 · by population'],
      ['SISsearchPerson', '1', '3000 ms', 'failed'],
      ['X-Road request id – · by sis'],
    ]);
    expect(byClass(table, 'cg-plan-failed')).toHaveLength(1);
    expect(textOf(all(panel, (element) => element.type === 'pre')[0]!)).toBe(CASE_VIEW_PLAN);
  });

  it('says so when the answer came from the gateway’s response cache', () => {
    const cached = { queryPlan: '', fetches: [], registryCalls: [], fromResponseCache: true };
    const panel = renderPlanPanel(h, { caller: ANALYST, canSeePlans: true, planRoles: [], last: request(cached) });
    expect(textOf(byClass(panel, 'cg-plan-note')[0]!)).toMatch(
      /^CaseView was answered from the gateway's response cache: no query plan ran, and no subgraph or registry was asked\. For a fresh answer send Cache-Control: no-cache/,
    );
  });

  it('says there were no registry calls when every answer was at hand', () => {
    const panel = renderPlanPanel(h, {
      caller: ANALYST,
      canSeePlans: true,
      planRoles: [],
      last: request({ ...CASE_VIEW, registryCalls: [] }),
    });
    expect(textOf(panel)).toContain('No registry calls');
  });

  it.each([
    ['nobody signed in', { caller: null, canSeePlans: false, last: null }, 'Sign in to see how the gateway plans your operations.'],
    [
      'a case worker, who lacks the right',
      { caller: CASE_WORKER, canSeePlans: false, last: request(null) },
      'The query plan needs the query-plan right (query-plan:read), which Kaisa Virtanen (case-worker) does not hold; the roles that do (analyst, integrator) see it here.',
    ],
    [
      'an analyst before running anything',
      { caller: ANALYST, canSeePlans: true, last: null },
      'Run an operation: its query plan and the registry calls it caused appear here.',
    ],
    [
      'an analyst whose request went unsigned',
      { caller: ANALYST, canSeePlans: true, last: request(null, { status: 401 }) },
      'No query plan for CaseView: the request was not signed in.',
    ],
    [
      'an analyst whose operation was refused before planning',
      { caller: ANALYST, canSeePlans: true, last: request(null, { status: 400 }) },
      'No query plan for CaseView: the gateway answered without one (it refused the operation before planning it, or could not run it).',
    ],
  ])('tells %s what there is to see', (_who, state, note) => {
    const panel = renderPlanPanel(h, { planRoles: ['analyst', 'integrator'], ...state });
    expect(textOf(byClass(panel, 'cg-plan-note')[0]!)).toBe(note);
  });
});
