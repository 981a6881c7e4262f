/**
 * One measured window of one gateway on one scenario: a warm-up, then a fixed number of
 * requests during which the gateway's CPU time and RSS and the registry calls are taken.
 */
import type { ProcessGraph } from '../scripts/process-graph.js';
import type { WindowSample } from './aggregate.js';
import type { RunningGateway } from './gateways.js';
import { runLoad, type LoadResult } from './load.js';
import type { BenchOptions } from './options.js';
import { REQUEST_HEADERS, type PreparedScenario } from './prepare.js';
import { cpuTimeMs, PeakRssSampler } from './process-stats.js';
import { readRegistryCalls, resetRegistryCalls } from './registry-calls.js';

/** A measured window that takes longer than this has hung: the worker is stopped and the run fails. */
const MEASURED_WINDOW_LIMIT_MS = 120_000;

/** Longer than any pause between the registry calls of one request (a hop through the gateway). */
const REGISTRIES_QUIET_MS = 400;

/**
 * Waits until requests the warm-up abandoned at its end are done, so that their registry calls
 * are not counted in the next window: at least `settleMs` (the warm-up's p99 latency, by which
 * they have ended) and until no registry call has arrived for REGISTRIES_QUIET_MS.
 */
async function waitForAbandonedRequests(mocksUrl: string, settleMs: number): Promise<void> {
  const started = Date.now();
  const deadline = started + 15_000;
  const totalCalls = async () => Object.values(await readRegistryCalls(mocksUrl)).reduce((a, b) => a + b, 0);
  let last = await totalCalls();
  let quietSince = Date.now();
  while ((Date.now() - quietSince < REGISTRIES_QUIET_MS || Date.now() - started < settleMs) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = await totalCalls();
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    }
  }
}

export async function measureWindow(
  options: BenchOptions,
  graph: ProcessGraph,
  gateway: RunningGateway,
  { scenario, headers, query, variableSets }: PreparedScenario,
  round: number,
  /** This gateway's rate on this scenario in the previous round, if any. */
  previousRps: number | undefined,
): Promise<WindowSample> {
  const load = {
    url: gateway.graphqlUrl,
    scenarioId: scenario.id,
    query,
    variableSets,
    headers: { ...REQUEST_HEADERS, ...headers },
    connections: scenario.connections,
  };
  const { window } = options;
  let requests = scenario.connections * (window.kind === 'counted' ? window.requestsPerConnection : 1);
  if (window.kind === 'timed') {
    // The warm-up runs before the counters are reset, so its registry calls are not counted.
    const warmupSeconds = round === 1 ? window.firstWarmupSeconds : window.warmupSeconds;
    const warmup = await runLoad({ ...load, window: { seconds: warmupSeconds } }, warmupSeconds * 1000 + 60_000);
    await waitForAbandonedRequests(graph.mocksUrl, warmup.p99Ms);
    // As many requests as fill the window at the warm-up's rate, or the previous round's when
    // higher: a warm-up shorter than a few requests (the heavy worklist) underestimates it.
    const warmupRps = warmup.durationSeconds > 0 ? warmup.completed / warmup.durationSeconds : 0;
    requests = Math.max(requests, Math.round(Math.max(warmupRps, previousRps ?? 0) * window.measureSeconds));
  }
  await resetRegistryCalls(graph.mocksUrl);

  // Every request is answered before the window closes, so the CPU time and the registry calls
  // taken around it belong to exactly these requests.
  const trailBefore = gateway.auditRecords === null ? null : await gateway.auditRecords.mark();
  const cpuBefore = cpuTimeMs(gateway.pid);
  const rss = new PeakRssSampler(gateway.pid);
  let measured: LoadResult;
  let peakRssMb: number;
  try {
    measured = await runLoad({ ...load, window: { requests } }, MEASURED_WINDOW_LIMIT_MS);
  } finally {
    peakRssMb = rss.stop();
  }
  const cpuMs = cpuTimeMs(gateway.pid) - cpuBefore;
  const registryCalls = await readRegistryCalls(graph.mocksUrl);
  // Each record is durable (fsync, or commit) before its answer leaves, and every answer is in:
  // the records added since the window opened are exactly its requests'.
  const auditRecords = gateway.auditRecords === null || trailBefore === null ? null : await gateway.auditRecords.since(trailBefore);

  return {
    gateway: gateway.definition.id,
    scenario: scenario.id,
    round,
    ...measured,
    cpuMs,
    peakRssMb,
    registryCalls,
    items: scenario.items ? measured.items : null,
    auditRecords,
  };
}

export function describeSample(sample: WindowSample): string {
  const errors = sample.transportErrors + Object.values(sample.unexpected).reduce((a, b) => a + b, 0);
  const calls = Object.values(sample.registryCalls).reduce((a, b) => a + b, 0);
  const perRequest = (value: number) => (sample.completed === 0 ? 0 : value / sample.completed);
  return [
    `${(sample.completed / sample.durationSeconds).toFixed(1)} req/s (${sample.completed} in ${sample.durationSeconds.toFixed(1)} s)`,
    `p50 ${sample.p50Ms} ms, p99 ${sample.p99Ms} ms`,
    `${errors} errors`,
    `${perRequest(sample.cpuMs).toFixed(2)} ms CPU/req`,
    `peak ${sample.peakRssMb.toFixed(0)} MB`,
    `${perRequest(calls).toFixed(2)} registry calls/req`,
    ...(sample.auditRecords === null || sample.auditRecords === undefined
      ? []
      : [`${sample.auditRecords} audit records (${(sample.auditRecords / sample.durationSeconds).toFixed(1)}/s)`]),
  ].join(', ');
}
