import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RegistryError } from './registry-error.js';
import { pino } from 'pino';
import { createLogger } from '../../platform/logger.js';
import { XRoadClient, type XRoadClientOptions } from './xroad-client.js';

/** A stand-in security server whose next answer each test sets. */
let answer: (req: IncomingMessage, res: ServerResponse, body: string) => void;
const seen: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let server: http.Server;
let baseUrl: string;
const clients: XRoadClient[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ url: req.url!, headers: req.headers, body });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  seen.length = 0;
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function client(overrides: Partial<XRoadClientOptions> = {}): XRoadClient {
  const created = new XRoadClient({
    registry: 'population',
    securityServerUrl: baseUrl,
    instance: 'FI',
    clientId: 'FI/GOV/1765514-2/casegraph',
    userCountry: 'FI',
    timeoutMs: 1_000,
    connections: 4,
    retries: 1,
    breakerFailures: 0,
    breakerHalfOpenAfterMs: 1_000,
    logger: createLogger('test', 'silent'),
    ...overrides,
  });
  clients.push(created);
  return created;
}

const context = { requestId: 'req-1', userId: 'kaisa.virtanen', caseId: 'APP-0000001' };
const lookup = { method: 'POST' as const, service: 'persons/batch', body: { keys: ['131052-308T'] }, keys: 1 };

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryError);
  return error as RegistryError;
}

describe('XRoadClient', () => {
  it('calls the service path with the X-Road headers and reports provenance', async () => {
    answer = (_req, res) => json(res, 200, { results: [] });
    const response = await client().call(context, lookup);
    expect(seen[0]!.url).toBe('/r1/FI/GOV/0245437-2/VTJkysely/persons/batch');
    expect(seen[0]!.headers['x-road-client']).toBe('FI/GOV/1765514-2/casegraph');
    expect(seen[0]!.headers['x-road-userid']).toBe('FIkaisa.virtanen');
    expect(seen[0]!.headers['x-road-issue']).toBe('APP-0000001');
    expect(seen[0]!.headers['x-road-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(seen[0]!.body)).toEqual({ keys: ['131052-308T'] });
    expect(response.provenance).toMatchObject({
      registry: 'POPULATION',
      service: 'FI/GOV/0245437-2/VTJkysely/persons',
      requestId: seen[0]!.headers['x-road-id'],
      fromCache: false,
    });
  });

  it('leaves out X-Road-UserId and X-Road-Issue when the caller and case are unknown', async () => {
    answer = (_req, res) => json(res, 200, { results: [] });
    await client().call({ requestId: 'r', userId: null, caseId: null }, lookup);
    expect(seen[0]!.headers['x-road-userid']).toBeUndefined();
    expect(seen[0]!.headers['x-road-issue']).toBeUndefined();
  });

  it.each([
    ['Server.ServerProxy.NetworkError', 500, 'REGISTRY_UNAVAILABLE'],
    ['Server.ServerProxy.ServiceFailed', 500, 'REGISTRY_UNAVAILABLE'],
    ['Server.ServerProxy.UnknownService', 500, 'REGISTRY_UNAVAILABLE'],
    ['Server.ServerProxy.AccessDenied', 500, 'REGISTRY_ACCESS_DENIED'],
    ['Server.ServerProxy.ServiceFailed.Timeout', 500, 'REGISTRY_TIMEOUT'],
    ['Client.BadRequest', 400, 'REGISTRY_ERROR'],
  ])('maps the X-Road error %s to %s naming the registry', async (type, status, code) => {
    answer = (_req, res) => json(res, status, { type, message: 'x', detail: 'd' }, { 'x-road-error': type });
    const error = await failure(client().call(context, lookup));
    expect(error.extensions).toMatchObject({
      code: code === 'REGISTRY_ERROR' ? 'REGISTRY_ERROR' : code,
      registry: 'POPULATION',
      xRoadError: type,
    });
    expect(error.message).toMatch(/^Population information system \(VTJ\): /);
  });

  it('maps a registry error without the X-Road-Error header to REGISTRY_ERROR with the status', async () => {
    answer = (_req, res) => json(res, 500, { error: 'internal_error', message: 'boom' });
    const error = await failure(client().call(context, lookup));
    expect(error.extensions).toMatchObject({ code: 'REGISTRY_ERROR', registry: 'POPULATION', status: 500 });
    expect(error.extensions.xRoadError).toBeUndefined();
  });

  it('maps 503 from the registry to REGISTRY_UNAVAILABLE', async () => {
    answer = (_req, res) => json(res, 503, { error: 'maintenance', message: 'later' });
    expect((await failure(client().call(context, lookup))).extensions.code).toBe('REGISTRY_UNAVAILABLE');
  });

  it('refuses an answer that is not JSON', async () => {
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>proxy error</html>');
    };
    const error = await failure(client().call(context, lookup));
    expect(error.extensions.code).toBe('REGISTRY_ERROR');
    expect(error.message).toMatch(/not JSON/);
  });

  it('gives up after the deadline with REGISTRY_TIMEOUT', async () => {
    answer = (_req, res) => setTimeout(() => json(res, 200, { results: [] }), 500);
    const error = await failure(client({ timeoutMs: 100 }).call(context, lookup));
    expect(error.extensions.code).toBe('REGISTRY_TIMEOUT');
  });

  it('reports a refused connection as REGISTRY_UNAVAILABLE', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(client({ securityServerUrl: `http://127.0.0.1:${port}` }).call(context, lookup));
    expect(error.extensions.code).toBe('REGISTRY_UNAVAILABLE');
  });

  it('retries once when the connection breaks before an answer', async () => {
    let calls = 0;
    answer = (req, res) => {
      calls += 1;
      if (calls === 1) req.socket.destroy();
      else json(res, 200, { results: [] });
    };
    await client().call(context, lookup);
    expect(calls).toBe(2);
  });

  it('opens the circuit after consecutive failures and fails fast without calling', async () => {
    answer = (_req, res) =>
      json(res, 500, { type: 'Server.ServerProxy.NetworkError' }, { 'x-road-error': 'Server.ServerProxy.NetworkError' });
    const breaking = client({ breakerFailures: 3, breakerHalfOpenAfterMs: 60_000 });
    for (let i = 0; i < 3; i++) await failure(breaking.call(context, lookup));
    const callsBefore = seen.length;
    const error = await failure(breaking.call(context, lookup));
    expect(error.extensions.code).toBe('REGISTRY_CIRCUIT_OPEN');
    expect(seen.length).toBe(callsBefore);
  });

  it('closes the circuit again once the registry answers after the half-open delay', async () => {
    answer = (_req, res) =>
      json(res, 500, { type: 'Server.ServerProxy.NetworkError' }, { 'x-road-error': 'Server.ServerProxy.NetworkError' });
    const breaking = client({ breakerFailures: 2, breakerHalfOpenAfterMs: 50 });
    for (let i = 0; i < 2; i++) await failure(breaking.call(context, lookup));
    answer = (_req, res) => json(res, 200, { results: [] });
    await new Promise((resolve) => setTimeout(resolve, 80));
    await expect(breaking.call(context, lookup)).resolves.toBeDefined();
  });

  it('logs an outage once when it starts and once when the registry answers again, not once per call', async () => {
    const lines: Array<{ level: number; msg: string; failedCalls?: number }> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const outage = client({ logger, breakerFailures: 5, breakerHalfOpenAfterMs: 60_000 });
    answer = (_req, res) =>
      json(res, 500, { type: 'Server.ServerProxy.NetworkError' }, { 'x-road-error': 'Server.ServerProxy.NetworkError' });
    // Down, then the circuit opens (failing fast), then 200 more calls: one warning (and the breaker's own).
    for (let i = 0; i < 205; i++) await failure(outage.call(context, lookup));
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings.map((line) => line.msg)).toEqual([
      'registry calls failing: further failures are logged when it answers again',
      'registry circuit opened: failing fast',
    ]);
    // A registry refusing one request (4xx) is no outage and no warning.
    const refusing = client({ logger });
    answer = (_req, res) => json(res, 400, { error: 'bad_cursor' });
    for (let i = 0; i < 5; i++) await failure(refusing.call(context, lookup));
    expect(lines.filter((line) => line.level === 40)).toHaveLength(2);

    const recovering = client({ logger });
    answer = (_req, res) => json(res, 503, { error: 'maintenance' });
    for (let i = 0; i < 3; i++) await failure(recovering.call(context, lookup));
    answer = (_req, res) => json(res, 200, { results: [] });
    await recovering.call(context, lookup);
    await recovering.call(context, lookup);
    expect(lines.filter((line) => line.level === 40)).toHaveLength(3);
    expect(lines.filter((line) => line.msg === 'registry answering again')).toEqual([
      expect.objectContaining({ level: 30, failedCalls: 3 }),
    ]);
  });
});
