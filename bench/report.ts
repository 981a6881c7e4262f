/**
 * The benchmark's results file and its markdown rendering (bench/results/latest.{json,md}, also
 * printed at the end of a run). Rendering is pure, tested in report.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Ratio, ResultRow } from './aggregate.js';
import { describeWindow, type WindowSize } from './options.js';
import type { TargetOutcome } from './targets.js';
import { REGISTRIES, REGISTRY_IDS } from '../contracts/registry-catalogue.js';

export interface BenchSettings {
  mode: 'full' | 'quick' | 'profile';
  mockLatencyMs: number;
  mockJitterMs: number;
  logLevel: string;
  rounds: number;
  /** The size of each measured window (options.ts). */
  window: WindowSize;
  /** Concurrent connections per scenario id. */
  concurrency: Record<string, number>;
  nodeVersion: string;
  /** How casegraph's security ran (absent in results of runs before it had any). */
  security?: SecuritySettings;
}

export interface SecuritySettings {
  /** Where casegraph's audit trail went: the JSONL file (fsync per batch) or PostgreSQL. */
  auditSink: 'file' | 'postgres';
  /** NODE_ENV of casegraph's gateway: production needs the PostgreSQL trail. */
  casegraphNodeEnv: string;
  tokenLifetimeSeconds: number;
  /** The bench caller of each scenario (security.ts). */
  callers: Record<string, string>;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  os: string;
}

export interface GatewayInfo {
  id: string;
  title: string;
  command: string;
}

export interface ScenarioInfo {
  id: string;
  title: string;
  phase: string;
  operation: string;
  /** Which variable sets requests cycle through. */
  variables: string;
  connections: number;
  /** What bulk scenarios count per answer (e.g. `applications checked`). */
  itemUnit: string | null;
}

/** The outcome of the answer check made before a gateway is measured on a scenario. */
export interface AnswerCheck {
  phase: string;
  gateway: string;
  scenario: string;
  /** How many variable sets were sent. */
  variableSets: number;
  /** Null when every answer is the expected one and agrees with casegraph's. */
  problem: string | null;
}

/** Which code was measured. */
export interface SourceInfo {
  commit: string | null;
  /** Files changed since that commit, outside bench/results/ (the measured code may differ from it). */
  uncommittedChanges: number | null;
}

export interface BenchResults {
  startedAt: string;
  source: SourceInfo;
  totalSeconds: number;
  settings: BenchSettings;
  machine: MachineInfo;
  gateways: GatewayInfo[];
  scenarios: ScenarioInfo[];
  answerChecks: AnswerCheck[];
  rows: ResultRow[];
  ratios: Ratio[];
  targets: TargetOutcome[];
  /** What the network guard recorded of every process the run started (scripts/network-guard.mjs). */
  network: NetworkSummary;
  /** casegraph's rows of the last full run before security (issue 10's baseline), when at hand. */
  beforeSecurity?: { startedAt: string; commit: string | null; rows: ResultRow[] } | null;
}

export interface NetworkSummary {
  /** Connection attempts and DNS questions recorded in all processes. */
  attempts: number;
  /** Those that were not to a loopback address (each refused by the guard); the run fails on any. */
  beyondLoopback: Array<{ pid: number; kind: string; host?: string; port?: number }>;
}

function osDescription(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    const name = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(release)?.[1];
    if (name) return `${name}, Linux ${os.release()}`;
  } catch {
    // not a Linux with os-release
  }
  return `${os.type()} ${os.release()}`;
}

export function describeMachine(): MachineInfo {
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: osDescription(),
  };
}

export function describeSource(repository: string): SourceInfo {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repository, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const changes = git('status', '--porcelain', '--', '.', ':(exclude)bench/results').split('\n').filter(Boolean).length;
    return { commit: git('rev-parse', 'HEAD').trim(), uncommittedChanges: changes };
  } catch {
    return { commit: null, uncommittedChanges: null };
  }
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function formatRatio(value: number | null): string {
  return value === null ? 'n/a' : `${value.toFixed(2)}×`;
}

/**
 * The cost of security: casegraph with everything on, against the same with the audit trail off,
 * and that against the same with authentication and authorization off too (all in the same run);
 * and, as a rough guide, against the last run before casegraph had any security (another run:
 * other code, another day's load on the machine).
 */
function renderSecurity(results: BenchResults, scenarioTitle: (id: string) => string): string[] {
  const security = results.settings.security;
  if (!security) return [];
  const row = (gateway: string, scenario: string) =>
    results.rows.find((candidate) => candidate.gateway === gateway && candidate.scenario === scenario);
  const before = results.beforeSecurity ?? null;
  const scenarios = [
    ...new Set(results.rows.filter((candidate) => candidate.gateway === 'casegraph').map((candidate) => candidate.scenario)),
  ];
  const ratio = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined || b === 0 ? 'n/a' : formatRatio(a / b);
  // The vanilla Apollo Gateway's work did not change between the runs (it only adds a static header
  // now): how much its CPU/request moved is the machine's doing, and is divided out.
  const drift = (scenario: string) => {
    const now = row('apollo-gateway', scenario)?.cpuMsPerRequest;
    const then = before?.rows.find(
      (candidate) => candidate.gateway === 'apollo-gateway' && candidate.scenario === scenario,
    )?.cpuMsPerRequest;
    return now === undefined || then === undefined || then === 0 ? undefined : now / then;
  };
  const figure = (value: number | undefined, digits: number) => (value === undefined ? 'n/a' : value.toFixed(digits));
  const costTable = table(
    [
      'Scenario',
      'CPU ms/req: all on',
      'audit off',
      'security off',
      'before security',
      'All on / audit off',
      'Audit off / security off',
      'Security off / before, drift removed',
      'p99 ms: all on',
      'audit off',
      'security off',
      'before security',
    ],
    scenarios.map((scenario) => {
      const on = row('casegraph', scenario);
      const auditOff = row('casegraph-audit-off', scenario);
      const securityOff = row('casegraph-security-off', scenario);
      const earlier = before?.rows.find((candidate) => candidate.gateway === 'casegraph' && candidate.scenario === scenario);
      const machine = drift(scenario);
      const sinceBefore =
        securityOff === undefined || earlier === undefined || earlier.cpuMsPerRequest === 0
          ? undefined
          : securityOff.cpuMsPerRequest / earlier.cpuMsPerRequest;
      return [
        scenarioTitle(scenario),
        figure(on?.cpuMsPerRequest, 2),
        figure(auditOff?.cpuMsPerRequest, 2),
        figure(securityOff?.cpuMsPerRequest, 2),
        figure(earlier?.cpuMsPerRequest, 2),
        ratio(on?.cpuMsPerRequest, auditOff?.cpuMsPerRequest),
        ratio(auditOff?.cpuMsPerRequest, securityOff?.cpuMsPerRequest),
        ratio(sinceBefore, machine),
        figure(on?.p99Ms, 0),
        figure(auditOff?.p99Ms, 0),
        figure(securityOff?.p99Ms, 0),
        figure(earlier?.p99Ms, 0),
      ];
    }),
  );
  const callers = [...new Set(Object.values(security.callers))].join(', ');
  return [
    `Security: casegraph verifies an access token on every request (ES256, issuer keys from a file made for the run, ${security.tokenLifetimeSeconds / 3600} h lifetime; ` +
      `callers: ${callers}), authorizes fields, binds reads to the caller's unit's cases, enforces trusted documents, signs an Ed25519 assertion for every subgraph request, ` +
      `and writes the audit trail (${security.auditSink === 'postgres' ? 'PostgreSQL' : 'a JSONL file, fsync per batch'}) before answering, under NODE_ENV=${security.casegraphNodeEnv}` +
      `${security.casegraphNodeEnv === 'production' ? '' : " with production's settings named (production refuses the file trail)"}. ` +
      `"audit off" is the same gateway with AUDIT_SINK=off in the same run (issue 11's baseline). ` +
      `"security off" is that with authentication and authorization off as well (bench/peers/casegraph-security-off.ts, issue 10's baseline, same run): every request served as the senior case worker without its token looked at, no field authorization or case check, and the peers' fixed assertion to the subgraphs. The peers send one fixed assertion the harness signed for the senior case worker. ` +
      `"before security" is ${before ? `the full run of ${before.startedAt} on commit ${before.commit?.slice(0, 10) ?? 'unknown'}` : 'not at hand'}, before casegraph had any security: other code and another day's load; "drift removed" divides by how much the vanilla Apollo Gateway's CPU/request moved between the two runs, so the column says roughly how much everything but caller security (trusted documents, limits, tracing, the audit extension) costs now.`,
    '',
    costTable,
    '',
  ];
}

/** One column per registry of the catalogue, in its order. */
const REGISTRY_COLUMNS: Array<[id: string, title: string]> = REGISTRY_IDS.map((id) => [id, REGISTRIES[id].shortName]);

export function renderMarkdown(results: BenchResults): string {
  const { settings, machine } = results;
  const gatewayTitle = (id: string) => results.gateways.find((gateway) => gateway.id === id)?.title ?? id;
  const scenario = (id: string) => results.scenarios.find((candidate) => candidate.id === id);
  const scenarioTitle = (id: string) => scenario(id)?.title ?? id;

  const mainTable = table(
    ['Scenario', 'Gateway', 'Conc.', 'req/s (rounds)', 'p50 ms', 'p99 ms', 'Errors', 'CPU ms/req', 'Peak RSS MB', 'Registry calls/req'],
    results.rows.map((row) => [
      scenarioTitle(row.scenario),
      gatewayTitle(row.gateway),
      String(scenario(row.scenario)?.connections ?? ''),
      row.rpsPerRound.length > 1
        ? `${row.rps.toFixed(1)} (${Math.min(...row.rpsPerRound).toFixed(1)}–${Math.max(...row.rpsPerRound).toFixed(1)})`
        : row.rps.toFixed(1),
      row.p50Ms.toFixed(0),
      row.p99Ms.toFixed(0),
      String(row.errors),
      row.cpuMsPerRequest.toFixed(2),
      row.peakRssMb.toFixed(0),
      row.registryCallsPerRequest.total.toFixed(2),
    ]),
  );
  const ratioTable = table(
    ['Scenario', 'casegraph vs', 'req/s', 'CPU/req', 'Peak RSS'],
    results.ratios.map((ratio) => [
      scenarioTitle(ratio.scenario),
      gatewayTitle(ratio.peer),
      formatRatio(ratio.rps),
      formatRatio(ratio.cpuMsPerRequest),
      formatRatio(ratio.peakRssMb),
    ]),
  );
  const callsTable = table(
    ['Scenario', 'Gateway', ...REGISTRY_COLUMNS.map(([, title]) => title), 'total'],
    results.rows.map((row) => [
      scenarioTitle(row.scenario),
      gatewayTitle(row.gateway),
      ...REGISTRY_COLUMNS.map(([id]) => (row.registryCallsPerRequest.byRegistry[id] ?? 0).toFixed(2)),
      row.registryCallsPerRequest.total.toFixed(2),
    ]),
  );
  const targetTable = table(
    ['Target (issues 3, 4, 5, 10, 11)', 'Met', 'Actual'],
    results.targets.map((outcome) => [
      outcome.target.replaceAll('|', '\\|'),
      outcome.met === null ? 'n/a' : outcome.met ? 'yes' : 'no',
      outcome.actual,
    ]),
  );
  const bulkRows = results.rows.filter((row) => row.itemsPerSecond !== null);
  const bulkTable = table(
    ['Scenario', 'Gateway', 'Per second', 'Registry calls each'],
    bulkRows.map((row) => [
      scenarioTitle(row.scenario),
      gatewayTitle(row.gateway),
      `${row.itemsPerSecond!.toFixed(1)} ${scenario(row.scenario)?.itemUnit ?? 'items'}`,
      row.registryCallsPerItem === null ? 'n/a' : row.registryCallsPerItem.toFixed(2),
    ]),
  );
  const auditRows = results.rows.filter((row) => row.auditRecordsPerSecond !== null);
  const auditTable = table(
    ['Scenario', 'Gateway', 'Audit records/s', 'Records/request'],
    auditRows.map((row) => [
      scenarioTitle(row.scenario),
      gatewayTitle(row.gateway),
      row.auditRecordsPerSecond!.toFixed(1),
      row.auditRecordsPerRequest === null ? 'n/a' : row.auditRecordsPerRequest.toFixed(2),
    ]),
  );
  const securitySection = renderSecurity(results, scenarioTitle);
  const problems = results.answerChecks.filter((check) => check.problem !== null);
  const unexpected = results.rows.filter((row) => Object.keys(row.unexpected).length > 0);

  const { commit, uncommittedChanges } = results.source;
  const source =
    commit === null
      ? 'outside git'
      : `commit ${commit.slice(0, 10)}${uncommittedChanges ? ` with ${uncommittedChanges} uncommitted change(s)` : ''}`;
  return [
    `Run of ${results.startedAt} (${settings.mode}, ${Math.round(results.totalSeconds)} s) on ${source}. ` +
      `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}; Node ${settings.nodeVersion}.`,
    '',
    `Settings: mock registry latency ${settings.mockLatencyMs} ms with ${settings.mockJitterMs} ms jitter, LOG_LEVEL=${settings.logLevel}, ` +
      `${settings.rounds} interleaved round(s) per gateway and scenario, each ${describeWindow(settings.window)}; req/s, p50 and p99 are the median round (slowest–fastest round in brackets), CPU and registry calls per request ` +
      `are totals over all rounds divided by all requests, peak RSS the highest sample (every 100 ms) of any round.`,
    '',
    mainTable,
    '',
    ...(bulkRows.length > 0 ? ['Bulk scenarios:', '', bulkTable, ''] : []),
    ...securitySection,
    ...(auditRows.length > 0
      ? [
          `Audit trail (${settings.security?.auditSink === 'postgres' ? 'PostgreSQL' : 'JSONL file, fsync per batch'}): records written during the measured windows, counted in the trail:`,
          '',
          auditTable,
          '',
        ]
      : []),
    ratioTable,
    '',
    'Registry calls per request:',
    '',
    callsTable,
    '',
    targetTable,
    '',
    results.network.beyondLoopback.length === 0
      ? `Network: every process ran under the network guard; all ${results.network.attempts} connection attempts and DNS questions were to loopback addresses.`
      : `Network: ${results.network.beyondLoopback.length} attempt(s) beyond loopback: ${results.network.beyondLoopback.map((attempt) => `${attempt.kind} ${attempt.host}:${attempt.port ?? ''}`).join(', ')}.`,
    ...(problems.length > 0
      ? [
          '',
          'Answer checks that failed before measuring:',
          '',
          ...problems.map((check) => `- ${gatewayTitle(check.gateway)}, ${scenarioTitle(check.scenario)}: ${check.problem}`),
        ]
      : []),
    ...(unexpected.length > 0
      ? [
          '',
          'Unexpected responses during load:',
          '',
          ...unexpected.map(
            (row) =>
              `- ${gatewayTitle(row.gateway)}, ${scenarioTitle(row.scenario)}: ` +
              Object.entries(row.unexpected)
                .map(([reason, count]) => `${count} × ${reason}`)
                .join('; '),
          ),
        ]
      : []),
    '',
  ].join('\n');
}
