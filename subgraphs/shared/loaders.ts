/**
 * Per-request DataLoaders over the registries, through the registry cache.
 *
 * Batch registries (population, trade register, tax, case register) get every key a request
 * asks for in as few calls as the registry allows (MAX_BATCH_KEYS per call), and only the keys
 * the cache could not answer. Single-subject registries (police, SIS) get at most one call per
 * distinct subject, with a bounded number in flight per request, so one large worklist cannot
 * take every connection of the pool. Results always come back in key order, one per key, with
 * errors in place of the keys whose call failed, so a failing chunk nulls only its own fields.
 */
import DataLoader from 'dataloader';
import pLimit from 'p-limit';
import { RegistryError } from './registry-error.js';
import { MAX_BATCH_KEYS, REGISTRIES } from '../../contracts/registry-catalogue.js';
import type { AnswerSource } from '../../contracts/registry-activity.js';
import { inSpan, trace, TraceAttribute } from '../../platform/trace-context.js';
import type { CacheLookup, Fetch } from './cache/registry-cache.js';
import type { BatchLookupRequest, BatchLookupResponse } from '../../contracts/xroad.js';
import { noteAnswerFreshUntil, perRequest, type SubgraphContext } from './request-context.js';
import type { Provenance, RegistryAnswer, RegistryResponse, XRoadClient } from './xroad-client.js';

/** The subjects (identity codes, Business IDs, case-register ids) an answer is about, for cache eviction. */
export type SubjectsOf<T> = (key: string, record: T | null) => readonly string[];

/** By default a batch answer is about the key it was asked by. */
const theKeyItself: SubjectsOf<unknown> = (key) => [key];

const tracer = trace.getTracer('casegraph-registry');

/**
 * A lookup through the registry cache, in a span that says how many keys each place answered
 * (memory, Redis, a call already in flight, the registry): a cache hit is a lookup with no
 * registry keys. What it read is reported to the gateway as before (registry-activity.ts).
 */
function tracedLookup<T>(
  client: XRoadClient,
  context: SubgraphContext,
  lookup: Omit<CacheLookup<T>, 'record'>,
  fetch: Fetch<T>,
): Promise<Array<RegistryAnswer<T> | RegistryError>> {
  const attributes = {
    [TraceAttribute.registry]: REGISTRIES[client.registry].code,
    [TraceAttribute.registryService]: client.serviceId(lookup.service),
    [TraceAttribute.keys]: lookup.keys.length,
    [TraceAttribute.fresh]: lookup.fresh,
  };
  return inSpan(tracer, `registry lookup ${REGISTRIES[client.registry].code}`, { attributes }, async (span) => {
    const keysFrom: Record<AnswerSource, number> = { memory: 0, redis: 0, shared: 0, registry: 0 };
    const answers = await context.cache.lookup<T>(
      {
        ...lookup,
        record: (activity) => {
          keysFrom[activity.source] += activity.keys;
          context.registryActivity.push(activity);
        },
      },
      fetch,
    );
    const failed = answers.filter((answer) => answer instanceof RegistryError).length;
    span.setAttributes({
      [TraceAttribute.keysFromMemory]: keysFrom.memory,
      [TraceAttribute.keysFromRedis]: keysFrom.redis,
      [TraceAttribute.keysShared]: keysFrom.shared,
      [TraceAttribute.keysFromRegistry]: keysFrom.registry,
      [TraceAttribute.fromCache]: keysFrom.registry === 0 && keysFrom.shared === 0,
      [TraceAttribute.outcome]: failed === 0 ? 'ok' : failed === answers.length ? 'failed' : 'partial',
    });
    return answers;
  });
}

/** Asks a batch registry for keys, splitting into calls of at most MAX_BATCH_KEYS. */
async function askBatchRegistry<T>(
  client: XRoadClient,
  context: SubgraphContext,
  service: string,
  keys: readonly string[],
): Promise<Array<RegistryAnswer<T> | RegistryError>> {
  const chunks: string[][] = [];
  for (let start = 0; start < keys.length; start += MAX_BATCH_KEYS) {
    chunks.push(keys.slice(start, start + MAX_BATCH_KEYS));
  }
  const answered = await Promise.all(
    chunks.map(async (chunk) => {
      try {
        const body: BatchLookupRequest = { keys: chunk };
        const response = await client.call<BatchLookupResponse<T>>(context, {
          method: 'POST',
          service,
          body,
          keys: chunk.length,
        });
        const byKey = new Map<string, T | null>();
        for (const result of response.body.results ?? []) {
          byKey.set(result.key, result.found ? result.record : null);
        }
        return chunk.map((key): RegistryAnswer<T> | RegistryError => {
          if (!byKey.has(key)) {
            return new RegistryError(
              { registry: client.registry, code: 'REGISTRY_ERROR', xRoadId: response.provenance.requestId },
              'the registry left a requested key unanswered',
            );
          }
          return { record: byKey.get(key) ?? null, provenance: response.provenance };
        });
      } catch (error) {
        if (error instanceof RegistryError) return chunk.map(() => error);
        throw error;
      }
    }),
  );
  return answered.flat();
}

/** Looks up keys in a batch registry: what the cache holds from it, the rest from the registry. */
function lookupBatch<T>(
  client: XRoadClient,
  context: SubgraphContext,
  service: string,
  keys: readonly string[],
  subjectsOf: SubjectsOf<T> = theKeyItself,
): Promise<Array<RegistryAnswer<T> | RegistryError>> {
  return tracedLookup<T>(
    client,
    context,
    {
      registry: client.registry,
      service,
      keys,
      fresh: context.fresh,
      subjectsOf,
      noteFreshUntil: (until) => noteAnswerFreshUntil(context, until),
    },
    (missing) => askBatchRegistry<T>(client, context, service, missing),
  );
}

/** A per-request loader for a batch registry service keyed by a string. */
export function batchLoader<T>(
  client: XRoadClient,
  context: SubgraphContext,
  service: string,
  subjectsOf: SubjectsOf<T> = theKeyItself,
): DataLoader<string, RegistryAnswer<T>> {
  return perRequest(
    context,
    `batch:${client.registry}:${service}`,
    () =>
      new DataLoader<string, RegistryAnswer<T>>((keys) => lookupBatch<T>(client, context, service, keys, subjectsOf), {
        maxBatchSize: Number.POSITIVE_INFINITY, // lookupBatch splits by MAX_BATCH_KEYS itself, in parallel
      }),
  );
}

export interface SubjectLoaderOptions<Q> {
  service: string;
  /** Identifies a subject, so the same subject asked twice in a request (or in flight) is one call. */
  subjectKey: (query: Q) => string;
  /** The identity codes and document numbers a query is about, for cache eviction. */
  subjectsOf: (query: Q) => readonly string[];
  /** Calls in flight at once for one request. */
  concurrency: number;
}

/** A per-request loader for a single-subject registry service: one call per distinct subject. */
export function subjectLoader<Q, T>(
  client: XRoadClient,
  context: SubgraphContext,
  options: SubjectLoaderOptions<Q>,
): DataLoader<Q, RegistryAnswer<T>, string> {
  return perRequest(context, `subject:${client.registry}:${options.service}`, () => {
    const limit = pLimit(options.concurrency);
    return new DataLoader<Q, RegistryAnswer<T>, string>(
      async (queries) => {
        const queryByKey = new Map(queries.map((query) => [options.subjectKey(query), query]));
        return tracedLookup<T>(
          client,
          context,
          {
            registry: client.registry,
            service: options.service,
            keys: [...queryByKey.keys()],
            fresh: context.fresh,
            subjectsOf: (key) => options.subjectsOf(queryByKey.get(key)!),
            noteFreshUntil: (until) => noteAnswerFreshUntil(context, until),
          },
          (missing) =>
            Promise.all(
              missing.map((key) =>
                limit(async (): Promise<RegistryAnswer<T> | RegistryError> => {
                  try {
                    const response = await client.call<T>(context, {
                      method: 'POST',
                      service: options.service,
                      body: queryByKey.get(key),
                      keys: 1,
                    });
                    return { record: response.body, provenance: response.provenance };
                  } catch (error) {
                    if (error instanceof RegistryError) return error;
                    throw error;
                  }
                }),
              ),
            ),
        );
      },
      { cacheKeyFn: options.subjectKey },
    );
  });
}

export interface CachedCallOptions<T> {
  service: string;
  /** Everything the answer depends on, e.g. a listing's filters and page. */
  cacheKey: string;
  subjectsOf: (body: T) => readonly string[];
}

/** One registry call whose answer is cached as a whole (a listing or a search); throws RegistryError on failure. */
export async function cachedCall<T>(
  client: XRoadClient,
  context: SubgraphContext,
  options: CachedCallOptions<T>,
  call: () => Promise<RegistryResponse<T>>,
): Promise<RegistryAnswer<T> & { record: T }> {
  const [outcome] = await tracedLookup<T>(
    client,
    context,
    {
      registry: client.registry,
      service: options.service,
      keys: [options.cacheKey],
      fresh: context.fresh,
      subjectsOf: (_key, body) => (body === null ? [] : options.subjectsOf(body)),
      noteFreshUntil: (until) => noteAnswerFreshUntil(context, until),
    },
    async () => {
      try {
        const response = await call();
        return [{ record: response.body, provenance: response.provenance }];
      } catch (error) {
        if (error instanceof RegistryError) return [error];
        throw error;
      }
    },
  );
  if (outcome instanceof RegistryError) throw outcome;
  return outcome as RegistryAnswer<T> & { record: T };
}

/** The record with its provenance attached, as the GraphQL types expect; null when not found. */
export function withProvenance<T extends object>(answer: RegistryAnswer<T>): (T & { provenance: Provenance }) | null {
  return answer.record ? { ...answer.record, provenance: answer.provenance } : null;
}
