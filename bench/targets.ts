/**
 * The performance targets of issues 3 (against the peers), 4 (warm answers), 5 (bulk
 * prerequisite checks), 10 (the cost of authentication and authorization) and 11 (the cost of the
 * audit trail), judged on one run's results. The benchmark reports them; meeting them is
 * the gateway's and the subgraphs' work, not the benchmark's.
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
  /** The same gateway with the audit trail off, in the same run (issue 11's baseline). */
  auditOff?: string;
  /** The same gateway with authentication and authorization off as well, in the same run (issue 10's baseline). */
  securityOff?: string;
  apollo: string;
  hive: string;
  /** Scenario ids. */
  caseView: string;
  worklist: string;
  /** The case view with the registry cache on. */
  caseViewWarm: string;
  /** Bulk prerequisite-check scenarios (applications per second). */
  bulkChecks: readonly string[];
  /** Registries that answer many keys in one call. */
  batchRegistries: readonly string[];
}

const PEAK_RSS_LIMIT_MB = 250;
/** Issue 11: the audit trail costs at most 15 % more gateway CPU on the cold case view. */
const AUDIT_CPU_LIMIT = 1.15;
/** Issue 10: authentication and authorization cost at most 10 % more gateway CPU on the cold case view. */
const SECURITY_CPU_LIMIT = 1.1;
const WARM_P99_LIMIT_MS = 10;
const WARM_OVER_COLD_AT_LEAST = 5;
/** 230,000 applications in under 30 minutes. */
const BULK_APPLICATIONS_PER_SECOND = 128;

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
        : worklist.measuredRequests > 0 &&
          on.batchRegistries.every((registry) => worklist.registryCalls[registry] === worklist.measuredRequests),
    actual: worklist === undefined ? 'not measured' : batchCalls.map(([registry, calls]) => `${registry} ${calls}`).join(', '),
  });

  const coldCaseView = ownRows.find((row) => row.scenario === on.caseView);
  const warmCaseView = ownRows.find((row) => row.scenario === on.caseViewWarm);
  outcomes.push({
    target: `warm case view: p99 < ${WARM_P99_LIMIT_MS} ms`,
    met: warmCaseView === undefined ? null : warmCaseView.p99Ms < WARM_P99_LIMIT_MS,
    actual: warmCaseView === undefined ? 'not measured' : `${warmCaseView.p99Ms} ms`,
  });
  const warmOverCold = warmCaseView && coldCaseView && coldCaseView.rps > 0 ? warmCaseView.rps / coldCaseView.rps : null;
  outcomes.push({
    target: `warm case view: requests/s ≥ ${WARM_OVER_COLD_AT_LEAST}× cold`,
    met: warmOverCold === null ? null : warmOverCold >= WARM_OVER_COLD_AT_LEAST,
    actual: warmOverCold === null ? 'not measured' : `${warmOverCold.toFixed(1)}×`,
  });
  const warmCalls = warmCaseView ? Object.values(warmCaseView.registryCalls).reduce((sum, calls) => sum + calls, 0) : null;
  outcomes.push({
    target: 'warm case view: 0 registry calls per request',
    met: warmCalls === null ? null : warmCalls === 0,
    actual: warmCalls === null || !warmCaseView ? 'not measured' : `${warmCalls} calls in ${warmCaseView.measuredRequests} requests`,
  });

  if (on.auditOff !== undefined) {
    const withoutAudit = rows.find((row) => row.gateway === on.auditOff && row.scenario === on.caseView);
    const ratio =
      coldCaseView && withoutAudit && withoutAudit.cpuMsPerRequest > 0 ? coldCaseView.cpuMsPerRequest / withoutAudit.cpuMsPerRequest : null;
    outcomes.push({
      target: `cold case view: CPU/request with the audit trail ≤ ${AUDIT_CPU_LIMIT}× without (issue 11, same run)`,
      met: ratio === null ? null : ratio <= AUDIT_CPU_LIMIT,
      actual:
        ratio === null || !coldCaseView || !withoutAudit
          ? 'not measured'
          : `${ratio.toFixed(2)}× (${coldCaseView.cpuMsPerRequest} vs ${withoutAudit.cpuMsPerRequest} ms)`,
    });
    const withoutSecurity = rows.find((row) => row.gateway === on.securityOff && row.scenario === on.caseView);
    const securityRatio =
      withoutAudit && withoutSecurity && withoutSecurity.cpuMsPerRequest > 0
        ? withoutAudit.cpuMsPerRequest / withoutSecurity.cpuMsPerRequest
        : null;
    outcomes.push({
      target: `cold case view: CPU/request with authentication and authorization ≤ ${SECURITY_CPU_LIMIT}× with them off (issue 10, both audit off, same run)`,
      met: securityRatio === null ? null : securityRatio <= SECURITY_CPU_LIMIT,
      actual:
        securityRatio === null || !withoutAudit || !withoutSecurity
          ? 'not measured'
          : `${securityRatio.toFixed(2)}× (${withoutAudit.cpuMsPerRequest} vs ${withoutSecurity.cpuMsPerRequest} ms)`,
    });
    const warmWithoutAudit = rows.find((row) => row.gateway === on.auditOff && row.scenario === on.caseViewWarm);
    outcomes.push({
      target: `warm case view, audit off: p99 < ${WARM_P99_LIMIT_MS} ms`,
      met: warmWithoutAudit === undefined ? null : warmWithoutAudit.p99Ms < WARM_P99_LIMIT_MS,
      actual: warmWithoutAudit === undefined ? 'not measured' : `${warmWithoutAudit.p99Ms} ms`,
    });
  }

  const bulk = ownRows.filter((row) => on.bulkChecks.includes(row.scenario) && row.itemsPerSecond !== null);
  const best = bulk.length === 0 ? null : bulk.reduce((a, b) => (b.itemsPerSecond! > a.itemsPerSecond! ? b : a));
  outcomes.push({
    target: `bulk checks: ≥ ${BULK_APPLICATIONS_PER_SECOND} applications/s (230,000 in 30 min)`,
    met: best === null ? null : best.itemsPerSecond! >= BULK_APPLICATIONS_PER_SECOND,
    actual: best === null ? 'not measured' : `${best.itemsPerSecond} /s (${best.scenario})`,
  });
  return outcomes;
}
