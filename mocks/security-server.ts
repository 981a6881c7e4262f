/**
 * A security-server-like HTTP endpoint: routes X-Road REST calls
 * `/r1/{INSTANCE}/{CLASS}/{MEMBER}/{SUBSYSTEM}/{SERVICE}/{path...}` to the registry services,
 * which run in this process (each is its own module with its own request handler), and adds
 * what X-Road adds: client header checks, X-Road errors, echoed headers, and the knobs' latency,
 * errors, timeouts and outages. Paths starting with /__, and /health, go to the admin routes (admin.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { sendJson } from '../platform/http-server.js';
import type { Logger } from '../platform/logger.js';
import { XRoadHeader, type XRoadErrorBody } from '../contracts/xroad.js';
import { REGISTRIES } from '../contracts/registry-catalogue.js';
import type { AdminRoutes } from './admin.js';
import { sampleLatencyMs, type KnobStore } from './knobs.js';
import { endpointName, serviceError, type RegistryService, type RequestBody, type ServiceResponse } from './registries/service.js';
import { CLIENT_CLOSED_STATUS, type CallStats } from './stats.js';

/** Larger bodies are refused by the security server (a batch of 500 identity codes is about 8 KB). */
export const MAX_BODY_BYTES = 1024 * 1024;

export const XRoadErrorType = {
  badRequest: 'Client.BadRequest',
  unknownService: 'Server.ServerProxy.UnknownService',
  networkError: 'Server.ServerProxy.NetworkError',
  timeout: 'Server.ServerProxy.ServiceFailed.Timeout',
} as const;

/** INSTANCE/CLASS/MEMBER/SUBSYSTEM, each part non-empty, without slashes or spaces. */
const CLIENT_SHAPE = /^[^/\s]+\/[^/\s]+\/[^/\s]+\/[^/\s]+$/;

export interface SecurityServerOptions {
  instance: string;
  registries: readonly RegistryService[];
  knobs: KnobStore;
  stats: CallStats;
  admin: AdminRoutes;
  logger: Logger;
}

interface ReadRequest {
  /** null when the body was larger than MAX_BODY_BYTES. */
  body: Buffer | null;
  /** Base64 SHA-256 of the whole body, as X-Road-Request-Hash carries it. */
  hash: string;
}

/** Reads the body, hashing all of it; past the size limit it is drained but not kept. */
function readRequest(req: IncomingMessage): Promise<ReadRequest> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: size <= MAX_BODY_BYTES ? Buffer.concat(chunks) : null, hash: hash.digest('base64') }));
    req.on('error', reject);
  });
}

function parseBody(body: Buffer): RequestBody {
  if (body.length === 0) return { kind: 'none' };
  try {
    return { kind: 'json', value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { kind: 'invalid' };
  }
}

/** Keys asked: the length of a `keys` array, else 1 (a single subject, a search, a page). */
function keysAsked(body: RequestBody): number {
  if (body.kind === 'json' && body.value !== null && typeof body.value === 'object' && !Array.isArray(body.value)) {
    const { keys } = body.value as { keys?: unknown };
    if (Array.isArray(keys)) return keys.length;
  }
  return 1;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function xRoadError(type: string, message: string): XRoadErrorBody {
  return { type, message, detail: randomUUID() };
}

export function createSecurityServer(options: SecurityServerOptions): http.Server {
  const { instance, knobs, stats, admin, logger } = options;
  const registryBySubsystem = new Map(options.registries.map((registry) => [REGISTRIES[registry.id].xRoadSubsystem, registry]));

  async function handleXRoad(req: IncomingMessage, res: ServerResponse, path: string, search: string): Promise<void> {
    const startedAt = Date.now();
    const { body, hash } = await readRequest(req);
    let segments: string[] | null;
    try {
      segments = path
        .slice('/r1/'.length)
        .split('/')
        .filter((s) => s !== '')
        .map(decodeURIComponent);
    } catch {
      segments = null;
    }
    const xRoadId = header(req, XRoadHeader.id) || randomUUID();
    const client = header(req, XRoadHeader.client);
    const echoed: Record<string, string> = { 'X-Road-Id': xRoadId, 'X-Road-Request-Hash': hash };
    if (client !== undefined) echoed['X-Road-Client'] = client;
    if (segments && segments.length >= 5) echoed['X-Road-Service'] = segments.slice(0, 5).join('/');
    const failXRoad = (status: number, type: string, message: string) =>
      sendJson(res, status, xRoadError(type, message), { ...echoed, 'X-Road-Error': type });

    if (body === null) return failXRoad(400, XRoadErrorType.badRequest, `The request body is larger than ${MAX_BODY_BYTES} bytes`);
    if (client === undefined || !CLIENT_SHAPE.test(client)) {
      return failXRoad(
        400,
        XRoadErrorType.badRequest,
        'The X-Road-Client header is missing or malformed; expected INSTANCE/CLASS/MEMBER/SUBSYSTEM',
      );
    }
    const registry =
      segments && segments.length >= 5 && segments[0] === instance ? registryBySubsystem.get(segments.slice(1, 4).join('/')) : undefined;
    if (!segments || !registry || !registry.services.has(segments[4]!)) {
      return failXRoad(500, XRoadErrorType.unknownService, `Unknown service: ${segments ? segments.slice(0, 5).join('/') : path}`);
    }

    const service = segments[4]!;
    const servicePath = segments.slice(5).join('/');
    const endpoint = endpointName(service, servicePath);
    const knownEndpoint = registry.endpoints.includes(endpoint) ? endpoint : null;
    const requestBody = parseBody(body);
    const keys = keysAsked(requestBody);
    stats.recordCall(registry.id, knownEndpoint, keys);

    const finish = (status: number) => {
      stats.recordOutcome({
        registry: registry.id,
        service: knownEndpoint ?? `${service}/*`,
        keys,
        status,
        xRoadId,
        xRoadClient: client,
        xRoadUserId: header(req, XRoadHeader.userId) ?? null,
        xRoadIssue: header(req, XRoadHeader.issue) ?? null,
        at: new Date(startedAt).toISOString(),
      });
      logger.debug(
        { registry: registry.id, endpoint: knownEndpoint ?? `${service}/*`, status, keys, xRoadId, ms: Date.now() - startedAt },
        'registry call',
      );
    };

    // The client may go away while we wait: stop waiting, answer no one.
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const wait = async (ms: number): Promise<boolean> => {
      try {
        await sleep(ms, undefined, { signal: gone.signal });
        return true;
      } catch {
        finish(CLIENT_CLOSED_STATUS);
        return false;
      }
    };

    const settings = knobs.get(registry.id);
    if (settings.down) {
      finish(500);
      return failXRoad(500, XRoadErrorType.networkError, `Cannot connect to ${REGISTRIES[registry.id].xRoadSubsystem}: connection refused`);
    }
    if (Math.random() < settings.timeoutRate) {
      if (!(await wait(settings.timeoutMs))) return;
      finish(500);
      return failXRoad(500, XRoadErrorType.timeout, `The service did not answer within ${settings.timeoutMs} ms`);
    }
    if (!(await wait(sampleLatencyMs(settings)))) return;
    let answer: ServiceResponse;
    if (Math.random() < settings.errorRate) {
      answer = serviceError(500, 'internal_error', 'The registry failed to process the request');
    } else {
      answer = registry.handle({
        method: req.method ?? 'GET',
        service,
        path: servicePath,
        query: new URLSearchParams(search),
        body: requestBody,
      });
    }
    finish(answer.status);
    sendJson(res, answer.status, answer.body, echoed);
  }

  return http.createServer((req, res) => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const search = queryAt === -1 ? '' : url.slice(queryAt + 1);
    const work = path.startsWith('/r1/')
      ? handleXRoad(req, res, path, search)
      : path.startsWith('/__') || path === '/health'
        ? admin(req, res, path)
        : sendJson(res, 404, { error: 'not_found', message: `No route for ${path}; X-Road services are under /r1/` });
    Promise.resolve(work).catch((error: unknown) => {
      logger.error({ err: error, path }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error', message: 'The mock security server failed' });
      else res.destroy();
    });
  });
}
