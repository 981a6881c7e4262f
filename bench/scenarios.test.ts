import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkResponse, scenarioById, SCENARIOS } from './scenarios.js';

const caseView = scenarioById('case-view');
const worklist = scenarioById('worklist');

const provenance = (registry: string) => ({ registry, retrievedAt: 't' });
const completeCaseView = {
  application: {
    id: 'APP-0000070',
    provenance: provenance('CASE_REGISTER'),
    applicant: {
      population: { provenance: provenance('POPULATION') },
      police: { provenance: provenance('POLICE') },
      sis: { provenance: provenance('SIS') },
      taxDebt: null,
    },
    employer: { tradeRegister: { provenance: provenance('TRADE_REGISTER') }, taxCompliance: { provenance: provenance('TAX') } },
  },
};
const body = (value: unknown) => JSON.stringify(value);

/** The problem checkResponse finds, or null when the answer is the expected one. */
function problemIn(...args: Parameters<typeof checkResponse>): string | null {
  const outcome = checkResponse(...args);
  return 'problem' in outcome ? outcome.problem : null;
}

describe('checkResponse', () => {
  it('gives the data of an expected answer', () => {
    expect(checkResponse(caseView, { id: 'APP-0000070' }, 200, body({ data: completeCaseView }))).toEqual({ data: completeCaseView });
  });

  it('accepts a case view of the application asked for with an answer from all six registries', () => {
    expect(problemIn(caseView, { id: 'APP-0000070' }, 200, body({ data: completeCaseView }))).toBeNull();
  });

  it('refuses a non-200 status, a body with errors, no data, or not JSON', () => {
    expect(problemIn(caseView, { id: 'APP-0000070' }, 500, body({ data: completeCaseView }))).toBe('status 500');
    expect(
      problemIn(
        caseView,
        { id: 'APP-0000070' },
        200,
        body({ data: completeCaseView, errors: [{ message: 'x', extensions: { code: 'REGISTRY_TIMEOUT' } }] }),
      ),
    ).toBe('errors: REGISTRY_TIMEOUT');
    expect(problemIn(caseView, { id: 'APP-0000070' }, 200, body({ data: null }))).toBe('no data');
    expect(problemIn(caseView, { id: 'APP-0000070' }, 200, '<html>')).toBe('body is not JSON');
  });

  it('refuses another application, or a case view missing a registry', () => {
    expect(problemIn(caseView, { id: 'APP-0000071' }, 200, body({ data: completeCaseView }))).toBe('application.id is not APP-0000071');
    const withoutSis = structuredClone(completeCaseView);
    (withoutSis.application.applicant as { sis: unknown }).sis = null;
    expect(problemIn(caseView, { id: 'APP-0000070' }, 200, body({ data: withoutSis }))).toBe('no provenance from SIS');
  });

  it('wants a full worklist page whose applicants all have a SIS answer', () => {
    const item = { id: 'APP-1', applicant: { sis: { hitCount: 0 } }, employer: null };
    const page = (items: unknown[]) => body({ data: { worklist: { items } } });
    expect(problemIn(worklist, { first: 100 }, 200, page(Array(100).fill(item)))).toBeNull();
    expect(problemIn(worklist, { first: 100 }, 200, page(Array(99).fill(item)))).toBe('worklist has 99 items, expected 100');
    expect(problemIn(worklist, { first: 100 }, 200, page([...Array(99).fill(item), { ...item, applicant: { sis: null } }]))).toBe(
      'worklist item 99 has no SIS answer',
    );
  });
});

describe('SCENARIOS', () => {
  it('have unique ids and run the shipped example operations', () => {
    expect(new Set(SCENARIOS.map((scenario) => scenario.id)).size).toBe(SCENARIOS.length);
    expect(SCENARIOS.map((scenario) => `${scenario.phase}:${scenario.operation}`)).toEqual([
      'cold:CaseView',
      'cold:Worklist',
      'cold:Worklist',
      'warm:CaseView',
      'warm:Worklist',
      'cold:BulkPrerequisiteChecks',
      'cold:BulkPrerequisiteChecks',
      'cold:BulkPrerequisiteChecks',
    ]);
    for (const scenario of SCENARIOS) {
      expect(existsSync(new URL(`../gateway/operations/${scenario.operation}.graphql`, import.meta.url)), scenario.operation).toBe(true);
    }
  });

  it("measure each warm scenario exactly as its cold twin, and bulk checks on casegraph's variants only, as the bulk checker", () => {
    for (const warm of SCENARIOS.filter((scenario) => scenario.phase === 'warm')) {
      const cold = SCENARIOS.find((scenario) => `${scenario.id}-warm` === warm.id)!;
      const { notInQuickRun: _quick, ...sameRequests } = { ...warm, id: cold.id, title: cold.title, phase: 'cold' as const };
      const { notInQuickRun: _coldQuick, ...coldRequests } = cold;
      expect(sameRequests).toEqual(coldRequests);
    }
    for (const bulk of SCENARIOS.filter((scenario) => scenario.operation === 'BulkPrerequisiteChecks')) {
      expect(bulk.gateways).toEqual(['casegraph', 'casegraph-audit-off']);
      expect(bulk.caller).toBe('bulk-checker');
      expect(bulk.items?.unit).toBe('applications');
    }
    for (const scenario of SCENARIOS.filter((candidate) => candidate.operation !== 'BulkPrerequisiteChecks')) {
      // Police records and SIS alert details are in the case view and the worklist.
      expect(scenario.caller, scenario.id).toBe('senior-case-worker');
    }
  });

  it('walk worklist pages by cursor, keeping only full pages', async () => {
    const cursors = ['c1', 'c2', null];
    const calls: unknown[] = [];
    const variableSets = await worklist.discoverVariableSets(async (_query, variables) => {
      calls.push(variables);
      const index = calls.length - 1;
      return { worklist: { nextCursor: cursors[index], items: Array(index < 2 ? 100 : 40).fill({ id: 'x' }) } };
    });
    expect(variableSets).toEqual([{ first: 100 }, { first: 100, after: 'c1' }]);
  });
});
