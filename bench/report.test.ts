import { describe, expect, it } from 'vitest';
import { aggregateRounds, computeRatios } from './aggregate.js';
import { registryCalls } from './registry-calls.js';
import { renderMarkdown, type BenchResults } from './report.js';

const calls = registryCalls({ caseRegister: 10, population: 10, police: 10, sis: 10, tradeRegister: 10, tax: 20 });
const window = {
  scenario: 'case-view',
  round: 1,
  durationSeconds: 10,
  p50Ms: 60,
  p99Ms: 120,
  transportErrors: 0,
  unexpected: {},
  registryCalls: calls,
  items: null,
};
const rows = [
  aggregateRounds([{ ...window, gateway: 'casegraph', completed: 10, cpuMs: 30, peakRssMb: 150 }]),
  aggregateRounds([{ ...window, gateway: 'apollo-gateway', completed: 5, cpuMs: 60, peakRssMb: 100, unexpected: { 'status 502': 1 } }]),
];

const results: BenchResults = {
  startedAt: '2026-01-01T00:00:00.000Z',
  source: { commit: '0123456789abcdef', uncommittedChanges: 0 },
  totalSeconds: 420,
  settings: {
    mode: 'full',
    mockLatencyMs: 20,
    mockJitterMs: 0,
    logLevel: 'warn',
    rounds: 3,
    window: { kind: 'timed', warmupSeconds: 2, firstWarmupSeconds: 5, measureSeconds: 8 },
    concurrency: { 'case-view': 10 },
    nodeVersion: 'v20.20.2',
  },
  machine: { cpuModel: 'Test CPU', cores: 2, memoryGb: 24, os: 'Test OS' },
  gateways: [
    { id: 'casegraph', title: 'casegraph', command: 'node dist/gateway/main.js' },
    { id: 'apollo-gateway', title: 'Apollo Gateway (vanilla)', command: 'node dist/bench/peers/apollo-gateway.js' },
  ],
  scenarios: [
    {
      id: 'case-view',
      title: 'case view',
      phase: 'cold',
      operation: 'CaseView',
      variables: '40 applications',
      connections: 10,
      itemUnit: null,
    },
  ],
  answerChecks: [],
  rows,
  ratios: computeRatios(rows, 'casegraph'),
  targets: [{ target: 'peak RSS < 250 MB', met: true, actual: '150 MB' }],
  network: { attempts: 12, beyondLoopback: [] },
};

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(results);

  it('says whether any process reached beyond loopback', () => {
    expect(markdown).toContain('all 12 connection attempts and DNS questions were to loopback addresses');
    const leaked = renderMarkdown({
      ...results,
      network: { attempts: 13, beyondLoopback: [{ pid: 1, kind: 'connect', host: '169.254.169.254', port: 80 }] },
    });
    expect(leaked).toContain('1 attempt(s) beyond loopback: connect 169.254.169.254:80');
  });

  it('gives a row per gateway and scenario with every figure', () => {
    expect(markdown).toContain('| case view | casegraph | 10 | 1.0 | 60 | 120 | 0 | 3.00 | 150 | 7.00 |');
    expect(markdown).toContain('| case view | Apollo Gateway (vanilla) | 10 | 0.5 | 60 | 120 | 1 | 12.00 | 100 | 14.00 |');
  });

  it('gives casegraph against each peer, the targets, the machine and the code measured', () => {
    expect(markdown).toContain('| case view | Apollo Gateway (vanilla) | 2.00× | 0.25× | 1.50× |');
    expect(markdown).toContain('| peak RSS < 250 MB | yes | 150 MB |');
    expect(markdown).toContain('Test CPU, 2 cores, 24 GB, Test OS');
    expect(markdown).toContain('commit 0123456789');
  });

  it('shows the slowest and fastest round beside the median', () => {
    const twoRounds = aggregateRounds([
      { ...window, gateway: 'casegraph', completed: 10, cpuMs: 30, peakRssMb: 150 },
      { ...window, gateway: 'casegraph', round: 2, completed: 30, cpuMs: 90, peakRssMb: 150 },
    ]);
    expect(renderMarkdown({ ...results, rows: [twoRounds], ratios: [] })).toContain('| case view | casegraph | 10 | 2.0 (1.0–3.0) |');
  });

  it('gives bulk scenarios in items per second', () => {
    const bulk = aggregateRounds([
      { ...window, scenario: 'bulk', gateway: 'casegraph', completed: 10, cpuMs: 30, peakRssMb: 150, items: 1000 },
    ]);
    const withBulk = renderMarkdown({
      ...results,
      scenarios: [
        ...results.scenarios,
        {
          id: 'bulk',
          title: 'bulk checks',
          phase: 'cold',
          operation: 'X',
          variables: 'pages',
          connections: 2,
          itemUnit: 'applications checked',
        },
      ],
      rows: [...rows, bulk],
    });
    expect(withBulk).toContain('| bulk checks | casegraph | 100.0 applications checked | 0.07 |');
    expect(markdown).not.toContain('Bulk scenarios');
  });

  it('gives the cost of security: all on, audit off, security off, before security, and the audit records written', () => {
    const on = aggregateRounds([{ ...window, gateway: 'casegraph', completed: 10, cpuMs: 34, peakRssMb: 150, auditRecords: 10 }]);
    const off = aggregateRounds([{ ...window, gateway: 'casegraph-audit-off', completed: 10, cpuMs: 32, peakRssMb: 150 }]);
    const securityOff = aggregateRounds([{ ...window, gateway: 'casegraph-security-off', completed: 10, cpuMs: 30, peakRssMb: 150 }]);
    const before = aggregateRounds([{ ...window, gateway: 'casegraph', completed: 10, cpuMs: 25, peakRssMb: 150 }]);
    const secured = renderMarkdown({
      ...results,
      settings: {
        ...results.settings,
        security: {
          auditSink: 'file',
          casegraphNodeEnv: 'development',
          tokenLifetimeSeconds: 21_600,
          callers: { 'case-view': 'senior-case-worker' },
        },
      },
      rows: [on, off, securityOff],
      ratios: computeRatios([on, off, securityOff], 'casegraph'),
      beforeSecurity: { startedAt: '2025-12-01T00:00:00.000Z', commit: 'abcdef0123456', rows: [before] },
    });
    expect(secured).toContain('| case view | 3.40 | 3.20 | 3.00 | 2.50 | 1.06× | 1.07× | n/a | 120 | 120 | 120 | 120 |');
    expect(secured).toContain("with production's settings named (production refuses the file trail)");
    expect(secured).toContain('the full run of 2025-12-01T00:00:00.000Z on commit abcdef0123');
    expect(secured).toContain('| case view | casegraph | 1.0 | 1.00 |');
    expect(markdown).not.toContain('Audit trail');
  });

  it('lists unexpected responses', () => {
    expect(markdown).toContain('- Apollo Gateway (vanilla), case view: 1 × status 502');
  });
});
