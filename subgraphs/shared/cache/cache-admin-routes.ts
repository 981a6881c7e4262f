/**
 * Admin routes of a subgraph's registry cache, for operators and for registry change notices:
 *
 *   POST /admin/cache/evict  {"registry": "POPULATION", "subject": "<identity code, Business ID or case-register id>"}
 *   POST /admin/cache/flush
 *   GET  /admin/cache/stats
 *
 * They need `Authorization: Bearer <ADMIN_TOKEN>`; without ADMIN_TOKEN configured they do not
 * exist. The gateway's /admin/cache/evict fans out to every subgraph. Logs name the registry,
 * never the subject.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../errors.js';
import { readBody, sendJson, sendRequestError, type RouteHandler } from '../http-server.js';
import type { Logger } from '../logger.js';
import { REGISTRIES, REGISTRY_IDS, type RegistryId } from '../registry-catalogue.js';
import type { RegistryCache } from './registry-cache.js';

const REGISTRY_BY_CODE = new Map(REGISTRY_IDS.map((id) => [REGISTRIES[id].code, id]));
const SUBJECT_SHAPE = /^[A-Za-z0-9+\-_.:]{1,128}$/;

/** Whether the request carries the admin token (compared in constant time). */
export function hasAdminToken(req: IncomingMessage, token: string): boolean {
  const given = req.headers.authorization;
  if (typeof given !== 'string' || !given.startsWith('Bearer ')) return false;
  const a = Buffer.from(given.slice('Bearer '.length));
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface EvictionRequest {
  registry: RegistryId;
  subject: string;
}

/** Reads and checks an eviction request body; answers 400 itself and returns null when it is wrong. */
export async function readEvictionRequest(req: IncomingMessage, res: ServerResponse): Promise<EvictionRequest | null> {
  let body: { registry?: unknown; subject?: unknown };
  try {
    body = JSON.parse(await readBody(req, 4096)) as typeof body;
  } catch {
    sendRequestError(res, 400, ErrorCode.BAD_REQUEST, 'Send JSON: {"registry": "POPULATION", "subject": "..."}');
    return null;
  }
  const registry = typeof body.registry === 'string' ? REGISTRY_BY_CODE.get(body.registry) : undefined;
  if (!registry) {
    sendRequestError(res, 400, ErrorCode.BAD_USER_INPUT, `registry must be one of ${[...REGISTRY_BY_CODE.keys()].join(', ')}`);
    return null;
  }
  if (typeof body.subject !== 'string' || !SUBJECT_SHAPE.test(body.subject)) {
    sendRequestError(res, 400, ErrorCode.BAD_USER_INPUT, 'subject must be an identity code, Business ID, document number or case-register id');
    return null;
  }
  return { registry, subject: body.subject };
}

/** Wraps an admin route so that it answers 401 without the admin token. */
export function adminOnly(adminToken: string, handle: RouteHandler): RouteHandler {
  return (req, res) => {
    if (!hasAdminToken(req, adminToken)) return sendRequestError(res, 401, ErrorCode.UNAUTHENTICATED, 'Admin routes need Authorization: Bearer <ADMIN_TOKEN>');
    return handle(req, res);
  };
}

export function cacheAdminRoutes(cache: RegistryCache, adminToken: string | undefined, logger: Logger): Record<string, RouteHandler> {
  if (!adminToken) return {};
  const guarded = (handle: RouteHandler) => adminOnly(adminToken, handle);
  return {
    'POST /admin/cache/evict': guarded(async (req, res) => {
      const request = await readEvictionRequest(req, res);
      if (!request) return;
      const evicted = await cache.evict(request.registry, request.subject);
      logger.info({ registry: REGISTRIES[request.registry].code, evicted }, 'registry cache: subject evicted');
      sendJson(res, 200, { evicted });
    }),
    'POST /admin/cache/flush': guarded(async (_req, res) => {
      const flushed = await cache.flush();
      logger.info({ flushed }, 'registry cache flushed');
      sendJson(res, 200, { flushed });
    }),
    'GET /admin/cache/stats': guarded((_req, res) => sendJson(res, 200, cache.stats())),
  };
}
