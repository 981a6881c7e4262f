import { describe, expect, it } from 'vitest';
import { aggregateRounds, aggregateSamples, computeRatios, median, type ResultRow, type WindowSample } from './aggregate.js';
import { registryCalls } from './registry-calls.js';
import { evaluateTargets } from './targets.js';

const NO_CALLS = registryCalls();

function sample(overrides: Partial<WindowSample>): WindowSample {
  return {
    gateway: 'casegraph',
    scenario: 'case-view',
    round: 1,
    completed: 100,
    durationSeconds: 10,
    p50Ms: 50,
    p99Ms: 90,
    transportErrors: 0,
    unexpected: {},
    cpuMs: 500,
    peakRssMb: 100,
    registryCalls: NO_CALLS,
    items: null,
    ...overrides,
  };
}

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });
});

describe('aggregateRounds', () => {
  const rounds = [
    sample({ round: 1, completed: 100, durationSeconds: 10, p50Ms: 50, p99Ms: 90, cpuMs: 400, peakRssMb: 120 }),
    // A disturbed round: slow, and it must not move the median.
    sample({ round: 2, completed: 20, durationSeconds: 10, p50Ms: 400, p99Ms: 900, cpuMs: 100, peakRssMb: 110 }),
    sample({ round: 3, completed: 120, durationSeconds: 10, p50Ms: 40, p99Ms: 80, cpuMs: 500, peakRssMb: 130 }),
  ];

  it('takes the median round for rates and latencies', () => {
    const row = aggregateRounds(rounds);
    expect(row.rps).toBe(10);
    expect(row.rpsPerRound).toEqual([10, 2, 12]);
    expect(row.p50Ms).toBe(50);
    expect(row.p99Ms).toBe(90);
  });

  it('divides total CPU by total requests, and keeps the highest RSS', () => {
    const row = aggregateRounds(rounds);
    expect(row.cpuMsPerRequest).toBe(4.17); // (400 + 100 + 500) ms / (100 + 20 + 120) requests
    expect(row.peakRssMb).toBe(130);
  });

  it('counts every request that did not get the expected answer as an error', () => {
    const row = aggregateRounds([
      sample({ transportErrors: 2, unexpected: { 'status 500': 3 } }),
      sample({ round: 2, unexpected: { 'status 500': 1, 'errors: REGISTRY_TIMEOUT': 4 } }),
    ]);
    expect(row.errors).toBe(10);
    expect(row.unexpected).toEqual({ 'status 500': 4, 'errors: REGISTRY_TIMEOUT': 4 });
  });

  it('gives registry calls per request in total and per registry, with the raw counts', () => {
    const row = aggregateRounds([
      sample({ completed: 10, registryCalls: { ...NO_CALLS, caseRegister: 10, sis: 25 } }),
      sample({ round: 2, completed: 30, registryCalls: { ...NO_CALLS, caseRegister: 30, sis: 75 } }),
    ]);
    expect(row.registryCallsPerRequest.byRegistry).toMatchObject({ caseRegister: 1, sis: 2.5, police: 0 });
    expect(row.registryCallsPerRequest.total).toBe(3.5);
    expect(row.measuredRequests).toBe(40);
    expect(row.registryCalls).toMatchObject({ caseRegister: 40, sis: 100 });
  });

  it('refuses to mix gateways or scenarios', () => {
    expect(() => aggregateRounds([sample({}), sample({ gateway: 'other' })])).toThrow();
    expect(() => aggregateRounds([])).toThrow();
  });
});

describe('items of bulk scenarios', () => {
  it('gives items per second (median round) and registry calls per item', () => {
    const row = aggregateRounds([
      sample({ completed: 10, durationSeconds: 10, items: 1000, registryCalls: { ...NO_CALLS, sis: 900, tax: 10 } }),
      sample({ round: 2, completed: 20, durationSeconds: 10, items: 2000, registryCalls: { ...NO_CALLS, sis: 1900, tax: 20 } }),
      sample({ round: 3, completed: 30, durationSeconds: 10, items: 3000, registryCalls: { ...NO_CALLS, sis: 2900, tax: 30 } }),
    ]);
    expect(row.itemsPerSecond).toBe(200);
    expect(row.registryCallsPerItem).toBe(0.96); // (5700 + 60) calls / 6000 items
  });

  it('gives none for scenarios that count no items', () => {
    const row = aggregateRounds([sample({})]);
    expect(row.itemsPerSecond).toBeNull();
    expect(row.registryCallsPerItem).toBeNull();
  });
});

describe('audit records', () => {
  it('gives records per second (median round) and per request', () => {
    const row = aggregateRounds([
      sample({ completed: 10, durationSeconds: 10, auditRecords: 10 }),
      sample({ round: 2, completed: 20, durationSeconds: 10, auditRecords: 20 }),
      sample({ round: 3, completed: 30, durationSeconds: 10, auditRecords: 33 }),
    ]);
    expect(row.auditRecordsPerSecond).toBe(2);
    expect(row.auditRecordsPerRequest).toBe(1.05); // 63 records / 60 requests
  });

  it('gives none for a gateway whose trail is not counted', () => {
    const row = aggregateRounds([sample({}), sample({ round: 2, auditRecords: null })]);
    expect(row.auditRecordsPerSecond).toBeNull();
    expect(row.auditRecordsPerRequest).toBeNull();
  });
});

describe('aggregateSamples', () => {
  it('groups interleaved rounds by scenario and gateway, in the order first seen', () => {
    const interleaved = [1, 2].flatMap((round) =>
      ['case-view', 'worklist'].flatMap((scenario) =>
        ['casegraph', 'apollo', 'hive'].map((gateway) => sample({ round, scenario, gateway })),
      ),
    );
    const rows = aggregateSamples(interleaved);
    expect(rows.map((row) => `${row.scenario}/${row.gateway}`)).toEqual([
      'case-view/casegraph',
      'case-view/apollo',
      'case-view/hive',
      'worklist/casegraph',
      'worklist/apollo',
      'worklist/hive',
    ]);
    expect(rows.every((row) => row.rpsPerRound.length === 2)).toBe(true);
  });
});

function row(gateway: string, scenario: string, overrides: Partial<ResultRow> = {}): ResultRow {
  return { ...aggregateRounds([sample({ gateway, scenario })]), ...overrides };
}

describe('computeRatios', () => {
  it('divides casegraph by each peer on the same scenario', () => {
    const rows = [
      row('casegraph', 'case-view', { rps: 300, cpuMsPerRequest: 2, peakRssMb: 150 }),
      row('apollo', 'case-view', { rps: 100, cpuMsPerRequest: 8, peakRssMb: 100 }),
      row('hive', 'case-view', { rps: 200, cpuMsPerRequest: 0, peakRssMb: 300 }),
      row('apollo', 'worklist'),
    ];
    expect(computeRatios(rows, 'casegraph')).toEqual([
      { scenario: 'case-view', peer: 'apollo', rps: 3, cpuMsPerRequest: 0.25, peakRssMb: 1.5 },
      { scenario: 'case-view', peer: 'hive', rps: 1.5, cpuMsPerRequest: null, peakRssMb: 0.5 },
    ]);
  });
});

describe('evaluateTargets', () => {
  const on = {
    subject: 'casegraph',
    apollo: 'apollo',
    hive: 'hive',
    caseView: 'case-view',
    worklist: 'worklist',
    caseViewWarm: 'case-view-warm',
    bulkChecks: ['bulk-10', 'bulk-100'],
    batchRegistries: ['caseRegister', 'population', 'tradeRegister', 'tax'],
  };

  it('judges every target of issue 3 on the run', () => {
    const rows = [
      row('casegraph', 'case-view', { rps: 300, cpuMsPerRequest: 2, peakRssMb: 240 }),
      row('apollo', 'case-view', { rps: 100, cpuMsPerRequest: 8, peakRssMb: 100 }),
      row('hive', 'case-view', { rps: 250, cpuMsPerRequest: 3, peakRssMb: 300 }),
      row('casegraph', 'worklist', {
        measuredRequests: 7,
        registryCalls: registryCalls({ caseRegister: 7, population: 7, police: 0, sis: 600, tradeRegister: 7, tax: 8 }),
      }),
    ];
    const outcomes = evaluateTargets(rows, computeRatios(rows, 'casegraph'), on);
    expect(outcomes.map((outcome) => [outcome.target, outcome.met])).toEqual([
      ["case view: requests/s ≥ 1.5× hive's", false],
      ["case view: requests/s ≥ 2× apollo's", true],
      ["case-view: CPU/request ≤ ½ of apollo's", true],
      ['peak RSS < 250 MB', true],
      ['worklist: exactly 1 call per batch registry per request', false],
      ['warm case view: p99 < 10 ms', null],
      ['warm case view: requests/s ≥ 5× cold', null],
      ['warm case view: 0 registry calls per request', null],
      ['bulk checks: ≥ 128 applications/s (230,000 in 30 min)', null],
    ]);
  });

  it('judges the warm case view against the cold one, and the best bulk page size', () => {
    const rows = [
      row('casegraph', 'case-view', { rps: 100 }),
      row('casegraph', 'case-view-warm', { rps: 480, p99Ms: 9, measuredRequests: 5000, registryCalls: { sis: 0, population: 0 } }),
      row('casegraph', 'bulk-10', { itemsPerSecond: 90 }),
      row('casegraph', 'bulk-100', { itemsPerSecond: 400 }),
    ];
    const outcomes = evaluateTargets(rows, [], on).slice(-4);
    expect(outcomes.map((outcome) => [outcome.met, outcome.actual])).toEqual([
      [true, '9 ms'],
      [false, '4.8×'],
      [true, '0 calls in 5000 requests'],
      [true, '400 /s (bulk-100)'],
    ]);
  });

  it('says n/a rather than yes or no for what was not measured', () => {
    const outcomes = evaluateTargets([], [], on);
    expect(outcomes.every((outcome) => outcome.met === null)).toBe(true);
    const withSecurity = evaluateTargets([], [], { ...on, auditOff: 'casegraph-audit-off', securityOff: 'casegraph-security-off' });
    expect(withSecurity.every((outcome) => outcome.met === null)).toBe(true);
  });

  it('judges the audit trail against the same gateway without it, and caller security against the same without that, in the same run', () => {
    const rows = [
      row('casegraph', 'case-view', { cpuMsPerRequest: 3.4 }),
      row('casegraph-audit-off', 'case-view', { cpuMsPerRequest: 3.2 }),
      row('casegraph-security-off', 'case-view', { cpuMsPerRequest: 2.5 }),
      row('casegraph-audit-off', 'case-view-warm', { p99Ms: 12 }),
    ];
    const outcomes = evaluateTargets(rows, [], { ...on, auditOff: 'casegraph-audit-off', securityOff: 'casegraph-security-off' });
    const about = (words: string) => outcomes.find((outcome) => outcome.target.includes(words));
    expect(about('with the audit trail')).toMatchObject({ met: true, actual: '1.06× (3.4 vs 3.2 ms)' });
    expect(about('with them off')).toMatchObject({ met: false, actual: '1.28× (3.2 vs 2.5 ms)' });
    const cheaper = evaluateTargets(
      rows.map((candidate) => (candidate.gateway === 'casegraph-security-off' ? { ...candidate, cpuMsPerRequest: 3 } : candidate)),
      [],
      { ...on, auditOff: 'casegraph-audit-off', securityOff: 'casegraph-security-off' },
    );
    expect(cheaper.find((outcome) => outcome.target.includes('with them off'))).toMatchObject({ met: true, actual: '1.07× (3.2 vs 3 ms)' });
    expect(about('audit off: p99')).toMatchObject({ met: false, actual: '12 ms' });
  });
});
