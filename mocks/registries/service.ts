/**
 * What every mock registry service shares: the request it is handed by the security server, its
 * routing, its error bodies and batch lookups. A registry service is synchronous and knows
 * nothing of X-Road or latency; the security server (security-server.ts) adds those.
 */
import type { BatchLookupResponse, RegistryServiceErrorBody } from '../../contracts/xroad.js';
import { MAX_BATCH_KEYS, type RegistryId } from '../../contracts/registry-catalogue.js';

/** The body as the security server read it: parsed once, so a malformed one is the service's to refuse. */
export type RequestBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'invalid' };

export interface ServiceRequest {
  method: string;
  /** The X-Road service code: the first path segment after the subsystem, e.g. "persons". */
  service: string;
  /** The rest of the path, e.g. "batch"; empty when there is none. */
  path: string;
  query: URLSearchParams;
  body: RequestBody;
}

export interface ServiceResponse {
  status: number;
  body: unknown;
}

export type EndpointHandler = (request: ServiceRequest) => ServiceResponse;

export interface RegistryService {
  id: RegistryId;
  /** X-Road service codes this registry serves; any other is unknown to X-Road. */
  services: ReadonlySet<string>;
  /** Endpoint names, `service/path` (or just `service` without a path), e.g. persons/batch. */
  endpoints: readonly string[];
  handle(request: ServiceRequest): ServiceResponse;
}

/** How counters and logs name an endpoint: persons/batch; GET applications is just "applications". */
export function endpointName(service: string, path: string): string {
  return path ? `${service}/${path}` : service;
}

/**
 * A registry service from its routes, keyed "METHOD service/path". A path the registry does not
 * serve is its own 404, a known path with another method its own 405 (neither is an X-Road error).
 */
export function defineRegistryService(id: RegistryId, routes: Record<string, EndpointHandler>): RegistryService {
  const endpoints = [...new Set(Object.keys(routes).map((route) => route.slice(route.indexOf(' ') + 1)))];
  return {
    id,
    services: new Set(endpoints.map((endpoint) => endpoint.split('/')[0]!)),
    endpoints,
    handle(request) {
      const endpoint = endpointName(request.service, request.path);
      const handler = routes[`${request.method} ${endpoint}`];
      if (handler) return handler(request);
      if (endpoints.includes(endpoint)) {
        return serviceError(405, 'method_not_allowed', `${request.method} is not allowed on ${endpoint}`);
      }
      return serviceError(404, 'not_found', `this registry has no endpoint ${endpoint}`);
    },
  };
}

export function serviceError(status: number, error: string, message: string): ServiceResponse {
  const body: RegistryServiceErrorBody = { error, message };
  return { status, body };
}

export function badRequest(message: string): ServiceResponse {
  return serviceError(400, 'bad_request', message);
}

export function ok(body: unknown): ServiceResponse {
  return { status: 200, body };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: ServiceResponse };

function refuse(response: ServiceResponse): { ok: false; response: ServiceResponse } {
  return { ok: false, response };
}

/** The JSON object a single-subject or search service is asked with. */
export function readJsonObject(request: ServiceRequest): Parsed<Record<string, unknown>> {
  if (request.body.kind === 'none') return refuse(badRequest('the request body is empty; send a JSON object'));
  if (request.body.kind === 'invalid') return refuse(badRequest('the request body is not valid JSON'));
  const { value } = request.body;
  if (Array.isArray(value)) {
    return refuse(badRequest('this service answers one subject per call; send one JSON object, not an array'));
  }
  if (value === null || typeof value !== 'object') return refuse(badRequest('the request body must be a JSON object'));
  return { ok: true, value: value as Record<string, unknown> };
}

/** The `keys` of a batch lookup: an array of at most MAX_BATCH_KEYS strings. */
export function readBatchKeys(request: ServiceRequest): Parsed<string[]> {
  const object = readJsonObject(request);
  if (!object.ok) return object;
  const { keys } = object.value;
  if (!Array.isArray(keys)) return refuse(badRequest('the request body must be {"keys": [...]}, an array of strings'));
  if (keys.length > MAX_BATCH_KEYS) {
    return refuse(serviceError(400, 'too_many_keys', `at most ${MAX_BATCH_KEYS} keys per call; this call has ${keys.length}`));
  }
  const notString = keys.findIndex((key) => typeof key !== 'string');
  if (notString !== -1) return refuse(badRequest(`keys[${notString}] is not a string`));
  return { ok: true, value: keys as string[] };
}

/** Answers every key in the order asked, duplicates included; an unknown key is `found: false`. */
export function batchLookup<T>(keys: readonly string[], find: (key: string) => T | undefined): BatchLookupResponse<T> {
  return {
    results: keys.map((key) => {
      const record = find(key);
      return record === undefined ? { key, found: false } : { key, found: true, record };
    }),
  };
}

/** A batch endpoint: reads the keys and answers each with `find`. */
export function batchEndpoint<T>(find: (key: string) => T | undefined): EndpointHandler {
  return (request) => {
    const keys = readBatchKeys(request);
    return keys.ok ? ok(batchLookup(keys.value, find)) : keys.response;
  };
}

/**
 * An optional string field of a request object: absent or null is undefined, an empty string
 * too; anything but a string is a 400 naming the field.
 */
export function optionalString(object: Record<string, unknown>, field: string): Parsed<string | undefined> {
  const value = object[field];
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value !== 'string') return refuse(badRequest(`${field} must be a string`));
  const trimmed = value.trim();
  return { ok: true, value: trimmed === '' ? undefined : trimmed };
}

/** Personal identity codes and Business IDs are compared upper-case, without surrounding spaces. */
export function codeKey(code: string): string {
  return code.trim().toUpperCase();
}

/** A map from key to every record with that key, in the order added; a null key leaves the record out. */
export function groupBy<T>(records: Iterable<T>, keyOf: (record: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const key = keyOf(record);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  return groups;
}

/** Like groupBy, for records found under several keys (an alert under each of its names). */
export function groupByEach<T>(records: Iterable<T>, keysOf: (record: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    for (const key of keysOf(record)) {
      const group = groups.get(key);
      if (group) group.push(record);
      else groups.set(key, [record]);
    }
  }
  return groups;
}
