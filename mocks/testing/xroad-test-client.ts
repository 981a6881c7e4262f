/** Calling the mock registries over HTTP the way an X-Road client does; for the mocks' tests. */
import { xRoadServicePath, type RegistryId } from '../../contracts/registry-catalogue.js';

export const TEST_CLIENT = 'FI/GOV/0245439-9/casegraph';

export interface XRoadCall {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as it is, for malformed bodies. */
  rawBody?: string;
  query?: Record<string, string>;
  /** Replaces the default headers (X-Road-Client: TEST_CLIENT); null leaves a header out. */
  headers?: Record<string, string | null>;
}

export interface XRoadAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON; tests read its fields freely. */
  body: any;
}

/** Calls `endpoint` (e.g. "persons/batch") of a registry at `baseUrl`. */
export async function callRegistry(baseUrl: string, registry: RegistryId, endpoint: string, call: XRoadCall = {}): Promise<XRoadAnswer> {
  const query = call.query ? `?${new URLSearchParams(call.query)}` : '';
  return callPath(baseUrl, `${xRoadServicePath('FI', registry, endpoint)}${query}`, call);
}

/** Calls any path on the mocks, with X-Road headers by default. */
export async function callPath(baseUrl: string, path: string, call: XRoadCall = {}): Promise<XRoadAnswer> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ 'X-Road-Client': TEST_CLIENT, 'content-type': 'application/json', ...call.headers })) {
    if (value !== null) headers[name] = value;
  }
  const body = call.rawBody ?? (call.json === undefined ? undefined : JSON.stringify(call.json));
  const response = await fetch(`${baseUrl}${path}`, { method: call.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
