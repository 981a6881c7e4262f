/**
 * The registry calls one request may make in this subgraph: the last line of "one request's
 * appetite". The gateway estimates an operation's registry calls before it runs and refuses one
 * over budget (gateway/registry-budget.ts); this counts the calls actually made, against what the
 * gateway says is left of the request's budget (the x-casegraph-registry-budget header, read only
 * on requests carrying the gateway's verified assertion), and never more than this subgraph's own
 * ceiling (REGISTRY_CALL_BUDGET_MAX), header or not. A call over budget is not made: the keys it
 * was for get a QUERY_TOO_COMPLEX error in their place, so only the fields it would have answered
 * are null, and the registry never hears of it.
 */
import { Counter, type Registry } from 'prom-client';
import { REGISTRIES, REGISTRY_IDS, type RegistryId } from '../../contracts/registry-catalogue.js';
import { ErrorCode } from '../../platform/errors.js';
import { RegistryError } from './registry-error.js';

export class RegistryCallBudget {
  private used = 0;
  /** Set once the first call is refused, so the subgraph logs a request's overrun once. */
  overrun = false;

  constructor(readonly limit: number) {}

  /** Takes one call from the budget; false (and nothing taken) when none is left. */
  take(): boolean {
    if (this.used >= this.limit) {
      this.overrun = true;
      return false;
    }
    this.used += 1;
    return true;
  }

  get callsMade(): number {
    return this.used;
  }
}

/** The budget a request gets: what the gateway says is left (a non-negative integer), capped by `ceiling`. */
export function budgetFromHeader(value: string | string[] | undefined, ceiling: number): RegistryCallBudget {
  const asked = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : ceiling;
  return new RegistryCallBudget(Math.min(asked, ceiling));
}

/** The error in place of each key a call over budget would have asked for. */
export function overBudgetError(registry: RegistryId, budget: RegistryCallBudget): RegistryError {
  return new RegistryError(
    { registry, code: ErrorCode.QUERY_TOO_COMPLEX },
    `not asked: the request has used its budget of ${budget.limit} registry calls; ask for fewer items`,
  );
}

/** Calls refused over budget, per registry, for the subgraph's /metrics; process-wide. */
const refusedCalls: Record<RegistryId, number> = Object.fromEntries(REGISTRY_IDS.map((id) => [id, 0])) as Record<RegistryId, number>;
let overrunRequests = 0;

/** Counts a call `budget` refused; `firstOfRequest` when it is the request's first refusal. */
export function countRefusedCall(registry: RegistryId, firstOfRequest: boolean): void {
  refusedCalls[registry] += 1;
  if (firstOfRequest) overrunRequests += 1;
}

export function registryCallBudgetStats(): { overrunRequests: number; refusedCalls: Record<RegistryId, number> } {
  return { overrunRequests, refusedCalls: { ...refusedCalls } };
}

export function registerRegistryCallBudgetMetrics(metrics: Registry): void {
  new Counter({
    name: 'casegraph_registry_calls_refused_over_budget_total',
    help: 'Registry calls not made because the request had used its budget of registry calls',
    labelNames: ['registry'],
    registers: [metrics],
    collect() {
      this.reset();
      for (const id of REGISTRY_IDS) this.inc({ registry: REGISTRIES[id].code }, refusedCalls[id]);
    },
  });
  new Counter({
    name: 'casegraph_requests_over_registry_call_budget_total',
    help: 'Requests that ran out of their budget of registry calls in this subgraph',
    registers: [metrics],
    collect() {
      this.reset();
      this.inc(overrunRequests);
    },
  });
}
