/**
 * `npm run bench`: casegraph's gateway against a vanilla Apollo Gateway and Hive Gateway, on the
 * same supergraph, the same subgraphs and the same mock registries, all as compiled processes on
 * this machine. casegraph runs with its security on as production would (access tokens verified,
 * field authorization, purpose binding, trusted documents enforced, assertions to the subgraphs,
 * the audit trail), once more with the audit trail off, so the run tells the trail's cost, and
 * once more with authentication and authorization off as well, so it tells theirs; every request
 * carries a bench caller's access token (security.ts). The peers call the subgraphs
 * with one fixed assertion the harness signs for the run (gateways.ts).
 *
 *   BENCH_AUDIT_DATABASE_URL=postgres://...  casegraph's trail in PostgreSQL (a migrated database,
 *                                            the writer role) in full production posture, instead
 *                                            of the JSONL file (append, fsync per batch)
 *
 * For each phase (phases.ts) that has scenarios: start the mocks and the subgraphs once, start
 * the gateways in turn, check that each answers every scenario as expected, then measure in
 * interleaved rounds (for each scenario: A B C, B C A, C A B, ...) so that drift on the shared
 * machine, and the place in a round, hit every gateway alike. Each window is a warm-up, then a measured window during which the
 * gateway's CPU time, its RSS and the registry calls are taken. Results go to bench/results/.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_OPERATIONS_DIR, DEFAULT_SUPERGRAPH_PATH } from '../gateway/config.js';
import { attemptsBeyond, networkGuardEnvironment, readNetworkAttempts } from '../scripts/network-guard-log.js';
import { startProcessGraph } from '../scripts/process-graph.js';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { REGISTRIES, REGISTRY_IDS } from '../contracts/registry-catalogue.js';
import { aggregateSamples, computeRatios, roundTo, type ResultRow, type WindowSample } from './aggregate.js';
import {
  APOLLO_GATEWAY,
  CASEGRAPH,
  CASEGRAPH_AUDIT_OFF,
  CASEGRAPH_SECURITY_OFF,
  HIVE_GATEWAY,
  gatewayDefinitions,
  startGateway,
  type GatewayDefinition,
  type GatewaySecurity,
  type RunningGateway,
} from './gateways.js';
import { busyPorts, shutdown, stopEverythingOnSignals, stoppedAtExit } from './lifecycle.js';
import { describeSample, measureWindow } from './measure.js';
import { describeWindow, parseBenchOptions, type BenchOptions } from './options.js';
import { PHASES, type Phase } from './phases.js';
import { post, prepareScenario, type PreparedScenario } from './prepare.js';
import { describeMachine, describeSource, renderMarkdown, type AnswerCheck, type BenchResults, type BenchSettings } from './report.js';
import { SCENARIOS, type Scenario } from './scenarios.js';
import { createBenchSecurity, TOKEN_LIFETIME_SECONDS, type BenchSecurity } from './security.js';
import { evaluateTargets } from './targets.js';

const MOCK_PORT = 4100;
const MOCK_LATENCY_MS = 20;
const MOCK_JITTER_MS = 0;
const LOG_LEVEL = 'warn';
/** The scenario profiled by --profile: the case view unless BENCH_PROFILE_SCENARIO names another. */
const PROFILED_SCENARIO = process.env.BENCH_PROFILE_SCENARIO || 'case-view';
/** The gateway profiled by --profile: casegraph unless BENCH_PROFILE_GATEWAY names another of its variants. */
const PROFILED_GATEWAY =
  [CASEGRAPH_AUDIT_OFF, CASEGRAPH_SECURITY_OFF].find((variant) => variant === process.env.BENCH_PROFILE_GATEWAY) ?? CASEGRAPH;

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_DIR = path.join(REPOSITORY, 'bench', 'results');
/**
 * The last full run before casegraph had any security (no tokens, no assertions, no audit): shown
 * beside the same run's security-off variant, for how far the rest of the code has moved since.
 */
const BEFORE_SECURITY = path.join(RESULTS_DIR, 'before-security.json');
/** casegraph's audit trail in PostgreSQL instead of the JSONL file, when set. */
const AUDIT_DATABASE_URL = process.env.BENCH_AUDIT_DATABASE_URL || null;
const PROFILES_DIR = path.join(REPOSITORY, 'bench', 'profiles');
/**
 * A focused run: only these gateways and scenarios (comma-separated ids), for measuring one change
 * quickly at full window size. Its results go to bench/results/focused.*, never to latest.*.
 */
const FOCUS = {
  gateways: process.env.BENCH_GATEWAYS?.split(',').filter(Boolean) ?? null,
  scenarios: process.env.BENCH_SCENARIOS?.split(',').filter(Boolean) ?? null,
};
const focused = FOCUS.gateways !== null || FOCUS.scenarios !== null;

const runStarted = performance.now();

function log(message: string): void {
  const elapsed = ((performance.now() - runStarted) / 1000).toFixed(0).padStart(4);
  process.stdout.write(`[bench ${elapsed}s] ${message}\n`);
}

// ---- one phase ----------------------------------------------------------------------------------

interface PhaseOutcome {
  samples: WindowSample[];
  answerChecks: AnswerCheck[];
}

async function runPhase(
  options: BenchOptions,
  phase: Phase,
  scenarios: readonly Scenario[],
  definitions: readonly GatewayDefinition[],
  supergraphPath: string,
  operationsDir: string,
  security: BenchSecurity,
): Promise<PhaseOutcome> {
  log(
    `${phase.name} phase: starting the mocks (latency ${MOCK_LATENCY_MS} ms, jitter ${MOCK_JITTER_MS} ms) and the subgraphs (${JSON.stringify(phase.subgraphEnv)})`,
  );
  const graph = await stoppedAtExit(
    startProcessGraph({
      // Not started (gateway: false): the benchmark starts its own gateways below.
      gatewayPort: definitions[0]!.port,
      mockPort: MOCK_PORT,
      gateway: false,
      // Two cores shared with others' test runs: eight processes starting at once can take a while.
      healthTimeoutMs: 120_000,
      // The audit subgraph reads casegraph's trail, with its subject key (process-graph.ts gives it the AUDIT_* settings).
      env: {
        LOG_LEVEL,
        ...phase.subgraphEnv,
        AUDIT_SUBJECT_KEY: security.casegraphEnv.AUDIT_SUBJECT_KEY!,
        ...(AUDIT_DATABASE_URL
          ? { AUDIT_SINK: 'postgres', AUDIT_DATABASE_URL }
          : { AUDIT_SINK: 'file', AUDIT_FILE: security.auditFile(phase.name, CASEGRAPH) }),
      },
      mockEnv: { MOCK_LATENCY_MS: String(MOCK_LATENCY_MS), MOCK_JITTER_MS: String(MOCK_JITTER_MS) },
      onOutput: (name, line) => log(`[${name}] ${line}`),
      onUnexpectedExit: (name, code) => void shutdown(1, `${name} exited unexpectedly (code ${code})`),
    }),
  );

  // The subgraphs trust the assertion key pair made for this start of them.
  if (!graph.assertionKeys) {
    throw new Error('the environment brings its own GATEWAY_ASSERTION_SIGNING_KEY: unset it, the benchmark makes a key pair for each run');
  }
  const { signingKeyEnv, peerAssertionFile } = await security.forGraph(phase.name, graph.assertionKeys.signingKey);
  const gatewaySecurity: GatewaySecurity = {
    casegraphEnv: { ...security.casegraphEnv, ...signingKeyEnv },
    peerAssertionFile,
    auditFile: (variant) => security.auditFile(phase.name, variant),
    auditDatabaseUrl: AUDIT_DATABASE_URL,
  };

  const gateways: RunningGateway[] = [];
  for (const definition of definitions) {
    const profiled = options.mode === 'profile' && definition.id === PROFILED_GATEWAY;
    log(`starting ${definition.title} on port ${definition.port}${profiled ? ` under --cpu-prof (profile to ${PROFILES_DIR})` : ''}`);
    if (profiled) mkdirSync(PROFILES_DIR, { recursive: true });
    gateways.push(
      await stoppedAtExit(
        startGateway(definition, {
          supergraphPath,
          security: gatewaySecurity,
          probeHeaders: security.discoveryHeadersFor('senior-case-worker'),
          env: { LOG_LEVEL },
          nodeFlags: profiled ? ['--cpu-prof', '--cpu-prof-dir', PROFILES_DIR] : [],
          onOutput: (line) => log(`[${definition.id}] ${line}`),
          onUnexpectedExit: (code, signal) => void shutdown(1, `${definition.id} exited unexpectedly (${code ?? signal})`),
        }),
      ),
    );
  }

  const answerChecks: AnswerCheck[] = [];
  const preparedScenarios: PreparedScenario[] = [];
  for (const scenario of scenarios) {
    const { prepared, checks, dropped } = await prepareScenario(options, phase, scenario, operationsDir, gateways, {
      measured: security.headersFor(scenario.caller),
      discovery: security.discoveryHeadersFor(scenario.caller),
    });
    preparedScenarios.push(prepared);
    answerChecks.push(...checks);
    if (dropped.length > 0)
      log(`${scenario.id}: ${CASEGRAPH} answered ${dropped.length} variable set(s) wrongly, not used (first: ${dropped[0]})`);
    log(`${scenario.id}: ${prepared.variableSets.length} variable sets checked on ${checks.length} gateway(s)`);
  }
  for (const check of answerChecks) {
    if (check.problem !== null) log(`NOT MEASURED: ${check.gateway} on ${check.scenario}: ${check.problem}`);
  }
  const answersCorrectly = (gateway: RunningGateway, scenario: Scenario) =>
    answerChecks.some((check) => check.gateway === gateway.definition.id && check.scenario === scenario.id && check.problem === null);

  const samples: WindowSample[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    for (const prepared of preparedScenarios) {
      // Each round starts with the next gateway: whoever goes first or last in a round (after a
      // quiet spell, or behind the others' leftover work) is not always the same one.
      const shift = (round - 1) % gateways.length;
      for (const gateway of [...gateways.slice(shift), ...gateways.slice(0, shift)]) {
        if (!answersCorrectly(gateway, prepared.scenario)) continue;
        if (prepared.scenario.gateways && !prepared.scenario.gateways.includes(gateway.definition.id)) continue;
        const previous = samples.findLast((sample) => sample.gateway === gateway.definition.id && sample.scenario === prepared.scenario.id);
        const previousRps = previous && previous.durationSeconds > 0 ? previous.completed / previous.durationSeconds : undefined;
        if (phase.refreshBeforeMeasuring) {
          // Through the gateway measured next when it is casegraph's (each variant has its own
          // response cache), else through casegraph: the subgraphs' registry caches are shared.
          const refresher = gateway.definition.casegraph ? gateway : gateways[0]!;
          for (const variables of prepared.variableSets) {
            await post(refresher.graphqlUrl, prepared.query, variables, { ...prepared.headers, 'cache-control': 'no-cache' });
          }
        }
        const sample = await measureWindow(options, graph, gateway, prepared, round, previousRps);
        samples.push(sample);
        log(
          `${phase.name} round ${round}/${options.rounds} · ${prepared.scenario.title} · ${gateway.definition.id}: ${describeSample(sample)}`,
        );
      }
    }
  }

  for (const gateway of gateways) await gateway.stop();
  await graph.stop();
  return { samples, answerChecks };
}

// ---- the run ------------------------------------------------------------------------------------

function writeAtomically(file: string, content: string): void {
  writeFileSync(`${file}.tmp`, content);
  renameSync(`${file}.tmp`, file);
}

function newestProfile(): string | undefined {
  const profiles = readdirSync(PROFILES_DIR)
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => path.join(PROFILES_DIR, file));
  return profiles.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

/** What the report shows of how each gateway was started. */
const SHOWN_SETTINGS = new Set(['NODE_ENV', 'TRUSTED_DOCUMENTS', 'AUDIT_SINK', 'AUDIT_FAILURE_MODE']);
const DESCRIBED_SECURITY: GatewaySecurity = {
  casegraphEnv: {},
  peerAssertionFile: '<peer assertion>',
  auditFile: (variant) => `<audit trail of ${variant}>`,
  auditDatabaseUrl: AUDIT_DATABASE_URL,
};

/** casegraph's and the peers' rows of the last full run before security, when its results are at hand. */
function rowsBeforeSecurity(): { startedAt: string; commit: string | null; rows: ResultRow[] } | null {
  if (!existsSync(BEFORE_SECURITY)) return null;
  const results = JSON.parse(readFileSync(BEFORE_SECURITY, 'utf8')) as Pick<BenchResults, 'startedAt' | 'source' | 'rows'>;
  return { startedAt: results.startedAt, commit: results.source.commit, rows: results.rows };
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const startedAt = new Date();
  const source = describeSource(REPOSITORY);
  // The gateway's own defaults say where the built supergraph and example operations are.
  const supergraphPath = DEFAULT_SUPERGRAPH_PATH;
  const operationsDir = DEFAULT_OPERATIONS_DIR;
  const profiling = options.mode === 'profile';
  const definitions = gatewayDefinitions().filter((definition) =>
    profiling
      ? // The security-off variant cannot find variable sets itself (trusted documents refuse its one caller
        // the discovery documents): the audit-off variant, started first, finds them.
        definition.id === PROFILED_GATEWAY || (PROFILED_GATEWAY === CASEGRAPH_SECURITY_OFF && definition.id === CASEGRAPH_AUDIT_OFF)
      : (FOCUS.gateways?.includes(definition.id) ?? true),
  );
  const scenarios = SCENARIOS.filter((scenario) =>
    profiling
      ? scenario.id === PROFILED_SCENARIO
      : (options.mode !== 'quick' || !scenario.notInQuickRun) && (FOCUS.scenarios?.includes(scenario.id) ?? true),
  );
  if (definitions.length === 0 || scenarios.length === 0)
    throw new Error('BENCH_GATEWAYS or BENCH_SCENARIOS names nothing the benchmark has');

  const ports = [MOCK_PORT, ...SUBGRAPHS.map((subgraph) => subgraph.defaultPort), ...definitions.map((definition) => definition.port)];
  const busy = await busyPorts(ports);
  if (busy.length > 0) {
    throw new Error(
      `port(s) ${busy.join(', ')} already in use (is npm start or another benchmark running?); the benchmark needs ${ports.join(', ')}`,
    );
  }

  const settings: BenchSettings = {
    mode: options.mode,
    mockLatencyMs: MOCK_LATENCY_MS,
    mockJitterMs: MOCK_JITTER_MS,
    logLevel: LOG_LEVEL,
    rounds: options.rounds,
    window: options.window,
    concurrency: Object.fromEntries(scenarios.map((scenario) => [scenario.id, scenario.connections])),
    nodeVersion: process.version,
    security: {
      auditSink: AUDIT_DATABASE_URL ? 'postgres' : 'file',
      casegraphNodeEnv: AUDIT_DATABASE_URL ? 'production' : 'development',
      tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,
      callers: Object.fromEntries(scenarios.map((scenario) => [scenario.id, scenario.caller])),
    },
  };
  // Every process the run starts (mocks, subgraphs, each gateway, the load generator) runs under the
  // network guard, which records and refuses anything but loopback: no run of ours phones home.
  mkdirSync(RESULTS_DIR, { recursive: true });
  const networkLog = path.join(RESULTS_DIR, 'network-attempts.tmp');
  rmSync(networkLog, { force: true });
  Object.assign(process.env, networkGuardEnvironment(networkLog));

  log(
    `${options.mode} run: ${options.rounds} round(s), each ${describeWindow(options.window)}; gateways ${definitions.map((d) => d.id).join(', ')}`,
  );
  // Keys, tokens and trails of this run, in a temporary directory removed at the end.
  const security = await stoppedAtExit(createBenchSecurity().then((made) => ({ ...made, stop: () => Promise.resolve(made.dispose()) })));
  log(
    `security: access tokens from a run-made issuer (OIDC_JWKS_FILE, ${TOKEN_LIFETIME_SECONDS / 3600} h lifetime), trusted documents enforced, audit trail ${AUDIT_DATABASE_URL ? 'in PostgreSQL (BENCH_AUDIT_DATABASE_URL)' : `in JSONL files under ${security.dir}`}`,
  );

  const samples: WindowSample[] = [];
  const answerChecks: AnswerCheck[] = [];
  for (const phase of PHASES) {
    const phaseScenarios = scenarios.filter((scenario) => scenario.phase === phase.name);
    if (phaseScenarios.length === 0) {
      log(`${phase.name} phase: no scenarios, skipped`);
      continue;
    }
    const outcome = await runPhase(options, phase, phaseScenarios, definitions, supergraphPath, operationsDir, security);
    samples.push(...outcome.samples);
    answerChecks.push(...outcome.answerChecks);
  }

  const attempts = readNetworkAttempts(networkLog);
  const beyondLoopback = attemptsBeyond(attempts).map(({ pid, kind, host, port }) => ({ pid, kind, host, port }));
  rmSync(networkLog, { force: true });

  const rows = aggregateSamples(samples);
  const ratios = computeRatios(rows, CASEGRAPH);
  const beforeSecurity = rowsBeforeSecurity();
  const results: BenchResults & { windows: WindowSample[] } = {
    startedAt: startedAt.toISOString(),
    source,
    totalSeconds: roundTo((performance.now() - runStarted) / 1000, 1),
    settings,
    machine: describeMachine(),
    gateways: definitions.map((definition) => {
      // The settings that tell the variants apart; keys, tokens and paths of the run are left out.
      const { nodeFlags, script, args, env } = definition.command(
        path.relative(REPOSITORY, supergraphPath),
        definition.port,
        DESCRIBED_SECURITY,
      );
      const settings = Object.entries(env)
        .filter(([name]) => SHOWN_SETTINGS.has(name))
        .map(([name, value]) => `${name}=${value}`);
      return {
        id: definition.id,
        title: definition.title,
        command: [
          ...settings,
          'node',
          ...(nodeFlags ?? []),
          ...[script, ...args].map((arg) => (path.isAbsolute(arg) ? path.relative(REPOSITORY, arg) : arg)),
        ].join(' '),
      };
    }),
    scenarios: scenarios.map(({ id, title, phase, operation, variablesDescription, connections, items }) => ({
      id,
      title,
      phase,
      operation,
      variables: variablesDescription,
      connections,
      itemUnit: items?.unit ?? null,
    })),
    answerChecks,
    rows,
    ratios,
    targets: evaluateTargets(rows, ratios, {
      subject: CASEGRAPH,
      auditOff: CASEGRAPH_AUDIT_OFF,
      securityOff: CASEGRAPH_SECURITY_OFF,
      apollo: APOLLO_GATEWAY,
      hive: HIVE_GATEWAY,
      caseView: 'case-view',
      worklist: 'worklist',
      caseViewWarm: 'case-view-warm',
      bulkChecks: scenarios.filter((scenario) => scenario.items).map((scenario) => scenario.id),
      batchRegistries: REGISTRY_IDS.filter((id) => REGISTRIES[id].batch),
    }),
    network: { attempts: attempts.length, beyondLoopback },
    beforeSecurity: beforeSecurity
      ? { startedAt: beforeSecurity.startedAt, commit: beforeSecurity.commit, rows: beforeSecurity.rows }
      : null,
    windows: samples,
  };

  // Only a full run is the benchmark's result; quick and profile runs go beside it (ignored by git).
  const baseName = focused && !profiling ? 'focused' : options.mode === 'full' ? 'latest' : options.mode;
  const markdown = renderMarkdown(results);
  writeAtomically(path.join(RESULTS_DIR, `${baseName}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeAtomically(path.join(RESULTS_DIR, `${baseName}.md`), markdown);
  process.stdout.write(`\n${markdown}\n`);
  log(`results in ${path.relative(REPOSITORY, path.join(RESULTS_DIR, baseName))}.{json,md}`);
  if (profiling) log(`CPU profile of casegraph's gateway: ${newestProfile() ?? '(none written)'} (open in Chrome DevTools or speedscope)`);

  if (beyondLoopback.length > 0)
    throw new Error(`a process of the run tried to reach beyond this machine: ${JSON.stringify(beyondLoopback)}`);
  const leftovers = await busyPorts(ports);
  if (leftovers.length > 0) throw new Error(`port(s) ${leftovers.join(', ')} still in use after stopping everything`);
}

stopEverythingOnSignals();
main().then(
  () => shutdown(0),
  (error: unknown) => shutdown(1, error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
