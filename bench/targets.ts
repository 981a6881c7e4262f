/**
 * The performance targets of issue 3, judged on one run's results. The benchmark reports them;
 * meeting them is the gateway's work, not the benchmark's.
 */
import type { Ratio, ResultRow } from './aggregate.js';

export interface TargetOutcome {
  target: string;
  /** Null when the run did not measure what the target needs. */
  met: boolean | null;
  /** The figure the judgement rests on. */
  actual: string;
}

export interface TargetSubjects {
  /** The gateway the targets are about. */
  subject: string;
  apollo: string;
  hive: string;
  /** Scenario ids. */
  caseView: string;
  worklist: string;
  /** Registries that answer many keys in one call. */
  batchRegistries: readonly string[];
}

const PEAK_RSS_LIMIT_MB = 250;

function ratioTarget(ratios: readonly Ratio[], scenario: string, peer: string, label: string, atLeast: number): TargetOutcome {
  const rps = ratios.find((ratio) => ratio.scenario === scenario && ratio.peer === peer)?.rps ?? null;
  return {
    target: `${label}: requests/s ≥ ${atLeast}× ${peer}'s`,
    met: rps === null ? null : rps >= atLeast,
    actual: rps === null ? 'not measured' : `${rps.toFixed(2)}×`,
  };
}

export function evaluateTargets(rows: readonly ResultRow[], ratios: readonly Ratio[], on: TargetSubjects): TargetOutcome[] {
  const outcomes: TargetOutcome[] = [
    ratioTarget(ratios, on.caseView, on.hive, 'case view', 1.5),
    ratioTarget(ratios, on.caseView, on.apollo, 'case view', 2),
  ];

  for (const ratio of ratios.filter((candidate) => candidate.peer === on.apollo)) {
    outcomes.push({
      target: `${ratio.scenario}: CPU/request ≤ ½ of ${on.apollo}'s`,
      met: ratio.cpuMsPerRequest === null ? null : ratio.cpuMsPerRequest <= 0.5,
      actual: ratio.cpuMsPerRequest === null ? 'not measured' : `${ratio.cpuMsPerRequest.toFixed(2)}×`,
    });
  }

  const ownRows = rows.filter((row) => row.gateway === on.subject);
  const peakRss = ownRows.length === 0 ? null : Math.max(...ownRows.map((row) => row.peakRssMb));
  outcomes.push({
    target: `peak RSS < ${PEAK_RSS_LIMIT_MB} MB`,
    met: peakRss === null ? null : peakRss < PEAK_RSS_LIMIT_MB,
    actual: peakRss === null ? 'not measured' : `${peakRss} MB`,
  });

  const worklist = ownRows.find((row) => row.scenario === on.worklist);
  // Exactly: raw counts, not the rounded per-request figure.
  const batchCalls = on.batchRegistries.map((registry) => [registry, worklist?.registryCallsPerRequest.byRegistry[registry]] as const);
  outcomes.push({
    target: 'worklist: exactly 1 call per batch registry per request',
    met:
      worklist === undefined
        ? null
        : worklist.measuredRequests > 0 && on.batchRegistries.every((registry) => worklist.registryCalls[registry] === worklist.measuredRequests),
    actual: worklist === undefined ? 'not measured' : batchCalls.map(([registry, calls]) => `${registry} ${calls}`).join(', '),
  });
  return outcomes;
}
