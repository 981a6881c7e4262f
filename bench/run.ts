/**
 * `npm run bench`: casegraph's gateway against a vanilla Apollo Gateway and Hive Gateway, on the
 * same supergraph, the same subgraphs and the same mock registries, all as compiled processes in
 * production mode on this machine.
 *
 * For each phase (phases.ts) that has scenarios: start the mocks and the subgraphs once, start
 * the gateways in turn, check that each answers every scenario as expected, then measure in
 * interleaved rounds (for each scenario: A B C, A B C, ...) so that drift on the shared machine
 * hits every gateway alike. Each window is a warm-up, then a measured window during which the
 * gateway's CPU time, its RSS and the registry calls are taken. Results go to bench/results/.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGatewayConfig } from '../gateway/config.js';
import { attemptsBeyond, networkGuardEnvironment, readNetworkAttempts } from '../scripts/network-guard-log.js';
import { startProcessGraph } from '../scripts/process-graph.js';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { REGISTRIES, REGISTRY_IDS } from '../contracts/registry-catalogue.js';
import { aggregateSamples, computeRatios, roundTo, type WindowSample } from './aggregate.js';
import {
  APOLLO_GATEWAY,
  CASEGRAPH,
  HIVE_GATEWAY,
  gatewayDefinitions,
  startGateway,
  type GatewayDefinition,
  type RunningGateway,
} from './gateways.js';
import { busyPorts, shutdown, stopEverythingOnSignals, stoppedAtExit } from './lifecycle.js';
import { describeSample, measureWindow } from './measure.js';
import { describeWindow, parseBenchOptions, type BenchOptions } from './options.js';
import { PHASES, type Phase } from './phases.js';
import { post, prepareScenario, type PreparedScenario } from './prepare.js';
import { describeMachine, describeSource, renderMarkdown, type AnswerCheck, type BenchResults, type BenchSettings } from './report.js';
import { SCENARIOS, type Scenario } from './scenarios.js';
import { evaluateTargets } from './targets.js';

const MOCK_PORT = 4100;
const MOCK_LATENCY_MS = 20;
const MOCK_JITTER_MS = 0;
const LOG_LEVEL = 'warn';
/** The case view is the scenario profiled by --profile. */
const PROFILED_SCENARIO = 'case-view';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_DIR = path.join(REPOSITORY, 'bench', 'results');
const PROFILES_DIR = path.join(REPOSITORY, 'bench', 'profiles');

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
      env: { LOG_LEVEL, ...phase.subgraphEnv },
      mockEnv: { MOCK_LATENCY_MS: String(MOCK_LATENCY_MS), MOCK_JITTER_MS: String(MOCK_JITTER_MS) },
      onOutput: (name, line) => log(`[${name}] ${line}`),
      onUnexpectedExit: (name, code) => void shutdown(1, `${name} exited unexpectedly (code ${code})`),
    }),
  );

  const gateways: RunningGateway[] = [];
  for (const definition of definitions) {
    const profiled = options.mode === 'profile' && definition.id === CASEGRAPH;
    log(`starting ${definition.title} on port ${definition.port}${profiled ? ` under --cpu-prof (profile to ${PROFILES_DIR})` : ''}`);
    if (profiled) mkdirSync(PROFILES_DIR, { recursive: true });
    gateways.push(
      await stoppedAtExit(
        startGateway(definition, {
          supergraphPath,
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
    const { prepared, checks, dropped } = await prepareScenario(options, phase, scenario, operationsDir, gateways);
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
      for (const gateway of gateways) {
        if (!answersCorrectly(gateway, prepared.scenario)) continue;
        if (prepared.scenario.gateways && !prepared.scenario.gateways.includes(gateway.definition.id)) continue;
        const previous = samples.findLast((sample) => sample.gateway === gateway.definition.id && sample.scenario === prepared.scenario.id);
        const previousRps = previous && previous.durationSeconds > 0 ? previous.completed / previous.durationSeconds : undefined;
        if (phase.refreshBeforeMeasuring) {
          for (const variables of prepared.variableSets) {
            await post(gateways[0]!.graphqlUrl, prepared.query, variables, { 'cache-control': 'no-cache' });
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

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const startedAt = new Date();
  const source = describeSource(REPOSITORY);
  // The gateway's own defaults say where the built supergraph and example operations are.
  const { supergraphPath, operationsDir } = loadGatewayConfig({});
  const profiling = options.mode === 'profile';
  const definitions = gatewayDefinitions().filter((definition) => !profiling || definition.id === CASEGRAPH);
  const scenarios = SCENARIOS.filter((scenario) =>
    profiling ? scenario.id === PROFILED_SCENARIO : options.mode !== 'quick' || !scenario.notInQuickRun,
  );

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

  const samples: WindowSample[] = [];
  const answerChecks: AnswerCheck[] = [];
  for (const phase of PHASES) {
    const phaseScenarios = scenarios.filter((scenario) => scenario.phase === phase.name);
    if (phaseScenarios.length === 0) {
      log(`${phase.name} phase: no scenarios, skipped`);
      continue;
    }
    const outcome = await runPhase(options, phase, phaseScenarios, definitions, supergraphPath, operationsDir);
    samples.push(...outcome.samples);
    answerChecks.push(...outcome.answerChecks);
  }

  const attempts = readNetworkAttempts(networkLog);
  const beyondLoopback = attemptsBeyond(attempts).map(({ pid, kind, host, port }) => ({ pid, kind, host, port }));
  rmSync(networkLog, { force: true });

  const rows = aggregateSamples(samples);
  const ratios = computeRatios(rows, CASEGRAPH);
  const results: BenchResults & { windows: WindowSample[] } = {
    startedAt: startedAt.toISOString(),
    source,
    totalSeconds: roundTo((performance.now() - runStarted) / 1000, 1),
    settings,
    machine: describeMachine(),
    gateways: definitions.map((definition) => {
      const { script, args } = definition.command(path.relative(REPOSITORY, supergraphPath), definition.port);
      return { id: definition.id, title: definition.title, command: ['node', path.relative(REPOSITORY, script), ...args].join(' ') };
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
      apollo: APOLLO_GATEWAY,
      hive: HIVE_GATEWAY,
      caseView: 'case-view',
      worklist: 'worklist',
      caseViewWarm: 'case-view-warm',
      bulkChecks: scenarios.filter((scenario) => scenario.items).map((scenario) => scenario.id),
      batchRegistries: REGISTRY_IDS.filter((id) => REGISTRIES[id].batch),
    }),
    network: { attempts: attempts.length, beyondLoopback },
    windows: samples,
  };

  // Only a full run is the benchmark's result; quick and profile runs go beside it (ignored by git).
  const baseName = options.mode === 'full' ? 'latest' : options.mode;
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
