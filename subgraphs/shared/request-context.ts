/**
 * The per-request context every subgraph resolver receives.
 *
 * It carries who is asking and about which case, as the gateway's verified assertion says (sent on
 * to the registries as X-Road-UserId and X-Road-Issue: nothing a caller writes in a header of its
 * own reaches them), and the request's DataLoaders. Loaders live exactly as long as one request:
 * batching and de-duplication never mix two callers' data.
 */
import type { IncomingMessage } from 'node:http';
import { ForwardedHeader } from '../../contracts/forwarded-headers.js';
import type { Right } from '../../contracts/rights.js';
import type { VerifiedAssertion } from '../../platform/gateway-assertion.js';
import type { RegistryCache } from './cache/registry-cache.js';
import type { RegistryActivity } from '../../contracts/registry-activity.js';
import type { RegistryCallContext } from './xroad-client.js';
import { budgetFromHeader, type RegistryCallBudget } from './registry-call-budget.js';

/** The caller, as the gateway asserted: who, of which organisation and unit, with which rights, about which case. */
export interface SubgraphCaller {
  userId: string;
  organisation: string | null;
  unit: string | null;
  roles: readonly string[];
  rights: ReadonlySet<Right>;
  /** The application the request is about, checked by the gateway; null when it is about no single case. */
  caseId: string | null;
}

export function callerOf(assertion: VerifiedAssertion): SubgraphCaller {
  return {
    userId: assertion.sub,
    organisation: assertion.org,
    unit: assertion.unit,
    roles: assertion.roles,
    rights: new Set(assertion.rights),
    caseId: assertion.case,
  };
}

export interface SubgraphContext extends RegistryCallContext {
  caller: SubgraphCaller;
  /** The process's registry cache; the loaders go through it. */
  cache: RegistryCache;
  /** The caller asked for fresh data: cached answers are skipped (what is fetched is stored). */
  fresh: boolean;
  /**
   * Until when (epoch ms) every registry answer this request used may still be served: the
   * least of their TTL horizons. The subgraph tells the gateway in Cache-Control, so a cached
   * response never outlives the registry policy of anything in it.
   */
  answersFreshUntil: number;
  /** What this request read from the registries, reported to the gateway (contracts/registry-activity.ts). */
  readonly registryActivity: RegistryActivity[];
  /** The fields the request's operation selects, once the operation guard has looked (what this subgraph serves). */
  servedFields: string[];
  /** Per-request memo for loaders; use `perRequest`. */
  readonly memo: Map<string, unknown>;
  /** The registry calls this request may still make here (registry-call-budget.ts). */
  callBudget: RegistryCallBudget;
}

export function subgraphContextFromRequest(
  req: IncomingMessage,
  requestId: string,
  cache: RegistryCache,
  caller: SubgraphCaller,
  /** The most registry calls one request may make here, whatever the gateway says. */
  callBudgetCeiling: number,
): SubgraphContext {
  return {
    requestId,
    caller,
    userId: caller.userId,
    caseId: caller.caseId,
    cache,
    fresh: req.headers[ForwardedHeader.fresh] === '1',
    answersFreshUntil: Number.POSITIVE_INFINITY,
    registryActivity: [],
    servedFields: [],
    memo: new Map(),
    // Read only here, on a request whose assertion the door has verified: only the gateway sets it.
    callBudget: budgetFromHeader(req.headers[ForwardedHeader.registryCallBudget], callBudgetCeiling),
  };
}

/** Records that this request used an answer that may be served until `untilMs`. */
export function noteAnswerFreshUntil(context: SubgraphContext, untilMs: number): void {
  if (untilMs < context.answersFreshUntil) context.answersFreshUntil = untilMs;
}

/** Returns the request's instance of something, creating it on first use. */
export function perRequest<T>(context: SubgraphContext, key: string, create: () => T): T {
  let value = context.memo.get(key) as T | undefined;
  if (value === undefined) {
    value = create();
    context.memo.set(key, value);
  }
  return value;
}
