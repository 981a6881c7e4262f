/**
 * From measured windows to results: the gateways are measured in interleaved rounds
 * (A B C A B C ...) so that drift on a shared machine hits all of them alike; this module folds
 * the rounds of each gateway and scenario into one row, and compares casegraph with each peer.
 * Pure functions, tested in aggregate.test.ts.
 */
import type { LoadResult } from './load.js';
import type { RegistryCalls } from './registry-calls.js';

/** One measured window of one gateway on one scenario: what the load generator saw, and what the harness measured around it. */
export interface WindowSample extends Omit<LoadResult, 'items'> {
  gateway: string;
  scenario: string;
  round: number;
  /** CPU time the gateway process used during the window. */
  cpuMs: number;
  peakRssMb: number;
  registryCalls: RegistryCalls;
  /** Items handled by the expected answers, for scenarios that count them (bulk checks); else null. */
  items: number | null;
  /** Records the gateway's audit trail gained in the window; null (or absent) when it writes none the bench can count. */
  auditRecords?: number | null;
}

export interface RegistryCallsPerRequest {
  total: number;
  byRegistry: Record<string, number>;
}

export interface ResultRow {
  gateway: string;
  scenario: string;
  /** Requests per second: the median of the rounds. */
  rps: number;
  /** Latency percentiles: the median of the rounds' percentiles. */
  p50Ms: number;
  p99Ms: number;
  /** Every request that did not get the expected answer: no response, non-200, `errors`, wrong data. */
  errors: number;
  /** Gateway CPU time over all rounds divided by all completed requests. */
  cpuMsPerRequest: number;
  /** The highest RSS of the gateway process seen in any round. */
  peakRssMb: number;
  registryCallsPerRequest: RegistryCallsPerRequest;
  /** Requests completed over all rounds, and the registry calls they made, unrounded. */
  measuredRequests: number;
  registryCalls: Record<string, number>;
  /** Requests per second of each round, to show the spread behind the median. */
  rpsPerRound: number[];
  /** For scenarios that count items: items per second (median round) and registry calls per item. */
  itemsPerSecond: number | null;
  registryCallsPerItem: number | null;
  /** Why responses were unexpected, summed over the rounds. */
  unexpected: Record<string, number>;
  /** Audit records written per second (median round) and per request; null when not counted. */
  auditRecordsPerSecond: number | null;
  auditRecordsPerRequest: number | null;
}

/** casegraph's figure divided by the peer's, on the same scenario in the same run. */
export interface Ratio {
  scenario: string;
  peer: string;
  /** Above 1: casegraph serves more requests per second. Null when the peer's figure is 0. */
  rps: number | null;
  /** Below 1: casegraph spends less CPU per request. */
  cpuMsPerRequest: number | null;
  /** Below 1: casegraph's peak RSS is smaller. */
  peakRssMb: number | null;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Folds the rounds of one gateway on one scenario into a row. Rates and latencies take the median
 * round, so one disturbed round does not move them; per-request costs divide totals by totals, so
 * every request weighs the same; the peak is the highest seen.
 */
export function aggregateRounds(samples: readonly WindowSample[]): ResultRow {
  const first = samples[0];
  if (!first) throw new Error('no samples to aggregate');
  if (samples.some((sample) => sample.gateway !== first.gateway || sample.scenario !== first.scenario)) {
    throw new Error('samples of different gateways or scenarios cannot be aggregated together');
  }
  const completed = sum(samples.map((sample) => sample.completed));
  const perRequest = (total: number) => (completed === 0 ? 0 : total / completed);

  const unexpected: Record<string, number> = {};
  for (const sample of samples) {
    for (const [reason, count] of Object.entries(sample.unexpected)) unexpected[reason] = (unexpected[reason] ?? 0) + count;
  }
  const registryCalls: Record<string, number> = {};
  const byRegistry: Record<string, number> = {};
  for (const registry of Object.keys(first.registryCalls) as Array<keyof RegistryCalls>) {
    registryCalls[registry] = sum(samples.map((sample) => sample.registryCalls[registry]));
    byRegistry[registry] = roundTo(perRequest(registryCalls[registry]), 3);
  }
  const totalCalls = sum(Object.values(registryCalls));
  const rpsPerRound = samples.map((sample) => (sample.durationSeconds > 0 ? sample.completed / sample.durationSeconds : 0));
  const countsItems = samples.every((sample) => sample.items !== null);
  const items = sum(samples.map((sample) => sample.items ?? 0));
  const itemsPerRound = samples.map((sample) => (sample.durationSeconds > 0 ? (sample.items ?? 0) / sample.durationSeconds : 0));
  const countsAudit = samples.every((sample) => typeof sample.auditRecords === 'number');
  const auditRecords = sum(samples.map((sample) => sample.auditRecords ?? 0));
  const auditPerRound = samples.map((sample) => (sample.durationSeconds > 0 ? (sample.auditRecords ?? 0) / sample.durationSeconds : 0));

  return {
    gateway: first.gateway,
    scenario: first.scenario,
    rps: roundTo(median(rpsPerRound), 1),
    p50Ms: roundTo(median(samples.map((sample) => sample.p50Ms)), 1),
    p99Ms: roundTo(median(samples.map((sample) => sample.p99Ms)), 1),
    errors: sum(samples.map((sample) => sample.transportErrors)) + sum(Object.values(unexpected)),
    cpuMsPerRequest: roundTo(perRequest(sum(samples.map((sample) => sample.cpuMs))), 2),
    peakRssMb: roundTo(Math.max(...samples.map((sample) => sample.peakRssMb)), 1),
    registryCallsPerRequest: { total: roundTo(perRequest(totalCalls), 3), byRegistry },
    measuredRequests: completed,
    registryCalls,
    rpsPerRound: rpsPerRound.map((rps) => roundTo(rps, 1)),
    itemsPerSecond: countsItems ? roundTo(median(itemsPerRound), 1) : null,
    registryCallsPerItem: countsItems && items > 0 ? roundTo(totalCalls / items, 3) : null,
    unexpected,
    auditRecordsPerSecond: countsAudit ? roundTo(median(auditPerRound), 1) : null,
    auditRecordsPerRequest: countsAudit ? roundTo(perRequest(auditRecords), 3) : null,
  };
}

/** One row per gateway and scenario, in the order the samples first name them. */
export function aggregateSamples(samples: readonly WindowSample[]): ResultRow[] {
  const groups = new Map<string, WindowSample[]>();
  for (const sample of samples) {
    const key = JSON.stringify([sample.scenario, sample.gateway]);
    const group = groups.get(key);
    if (group) group.push(sample);
    else groups.set(key, [sample]);
  }
  return [...groups.values()].map(aggregateRounds);
}

/** casegraph against every other gateway, scenario by scenario (only where both were measured). */
export function computeRatios(rows: readonly ResultRow[], subject: string): Ratio[] {
  const ratios: Ratio[] = [];
  const divide = (a: number, b: number) => (b === 0 ? null : roundTo(a / b, 2));
  for (const own of rows.filter((row) => row.gateway === subject)) {
    for (const peer of rows.filter((row) => row.scenario === own.scenario && row.gateway !== subject)) {
      ratios.push({
        scenario: own.scenario,
        peer: peer.gateway,
        rps: divide(own.rps, peer.rps),
        cpuMsPerRequest: divide(own.cpuMsPerRequest, peer.cpuMsPerRequest),
        peakRssMb: divide(own.peakRssMb, peer.peakRssMb),
      });
    }
  }
  return ratios;
}
