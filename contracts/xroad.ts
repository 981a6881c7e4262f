/**
 * Shapes every registry's X-Road REST API has in common.
 *
 * Registry-specific request and response types live beside each subgraph's registry client
 * (`subgraphs/<name>/registry-api.ts`); the mocks implement the same types, so a change to a
 * registry's API is a type error on both sides.
 */

/** Request body of a batch lookup: many keys in one call (at most MAX_BATCH_KEYS). */
export interface BatchLookupRequest {
  keys: string[];
}

/** One answer of a batch lookup. An unknown key is `found: false`, never an error. */
export type BatchLookupResult<T> = { key: string; found: true; record: T } | { key: string; found: false };

/** Response body of a batch lookup: one result per requested key, in the order asked. */
export interface BatchLookupResponse<T> {
  results: BatchLookupResult<T>[];
}

/** Error body from X-Road itself; sent with an `X-Road-Error` header carrying `type`. */
export interface XRoadErrorBody {
  type: string;
  message: string;
  /** A UUID identifying the error in the security server's log. */
  detail: string;
}

/** Error body from a registry service itself (no `X-Road-Error` header). */
export interface RegistryServiceErrorBody {
  error: string;
  message: string;
}

/** X-Road headers, lower-cased as Node sees them. */
export const XRoadHeader = {
  client: 'x-road-client',
  id: 'x-road-id',
  userId: 'x-road-userid',
  issue: 'x-road-issue',
  service: 'x-road-service',
  requestHash: 'x-road-request-hash',
  error: 'x-road-error',
} as const;

/** ISO date, YYYY-MM-DD. */
export type IsoDate = string;
/** ISO timestamp with time zone. */
export type IsoDateTime = string;
