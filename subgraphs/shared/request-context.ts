/**
 * The per-request context every subgraph resolver receives.
 *
 * It carries who is asking and about which case (forwarded by the gateway, sent on to the
 * registries as X-Road-UserId and X-Road-Issue), and the request's DataLoaders. Loaders live exactly as long as one request: batching and
 * de-duplication never mix two callers' data.
 */
import type { IncomingMessage } from 'node:http';
import { ForwardedHeader } from '../../contracts/forwarded-headers.js';
import { isApplicationId, isUserId } from '../../contracts/identifiers.js';
import type { RegistryCache } from './cache/registry-cache.js';
import type { RegistryCallContext } from './xroad-client.js';

export interface SubgraphContext extends RegistryCallContext {
  /** The process's registry cache; the loaders go through it. */
  cache: RegistryCache;
  /** The caller asked for fresh data: cached answers are skipped (what is fetched is stored). */
  fresh: boolean;
  /**
   * What confidential data the caller may see, e.g. POLICE_RECORDS: a case worker without that
   * right still sees the integrity outcome of a prerequisite check, not the records behind it.
   */
  rights: ReadonlySet<string>;
  /**
   * Until when (epoch ms) every registry answer this request used may still be served: the
   * least of their TTL horizons. The subgraph tells the gateway in Cache-Control, so a cached
   * response never outlives the registry policy of anything in it.
   */
  answersFreshUntil: number;
  /** Per-request memo for loaders; use `perRequest`. */
  readonly memo: Map<string, unknown>;
}

/** A forwarded header of the shape `accepts`; anything else is dropped (it would end up in an X-Road header). */
function header(req: IncomingMessage, name: string, accepts: (value: unknown) => value is string): string | null {
  const value = req.headers[name];
  return accepts(value) ? value : null;
}

const NO_RIGHTS: ReadonlySet<string> = new Set();

/**
 * The caller's rights. Access control arrives with the security work; until then no caller has
 * any right, so every confidential value is withheld from everyone. This is the one place to
 * change: derive the set from the authenticated caller the gateway forwards.
 */
function rightsOf(_req: IncomingMessage): ReadonlySet<string> {
  return NO_RIGHTS;
}

export function subgraphContextFromRequest(req: IncomingMessage, requestId: string, cache: RegistryCache): SubgraphContext {
  return {
    requestId,
    userId: header(req, ForwardedHeader.user, isUserId),
    caseId: header(req, ForwardedHeader.caseId, isApplicationId),
    cache,
    fresh: req.headers[ForwardedHeader.fresh] === '1',
    rights: rightsOf(req),
    answersFreshUntil: Number.POSITIVE_INFINITY,
    memo: new Map(),
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
