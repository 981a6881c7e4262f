/**
 * Admin routes of a subgraph's registry cache, for operators and for registry change notices:
 *
 *   POST /admin/cache/evict  {"registry": "POPULATION", "subject": "<identity code, Business ID or case-register id>"}
 *   POST /admin/cache/flush
 *   GET  /admin/cache/stats
 *
 * Only the gateway reaches them, on behalf of an operator: they need the gateway's assertion with
 * the cache:admin right. The gateway's /admin/cache/evict fans out to every subgraph. Logs name the
 * registry, never the subject.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseEvictionRequest, type EvictionRequest } from '../../../contracts/cache-admin.js';
import { REGISTRIES } from '../../../contracts/registry-catalogue.js';
import { ErrorCode } from '../../../platform/errors.js';
import { readJsonBody, sendJson, sendRequestError, type RouteHandler } from '../../../platform/http-server.js';
import type { Logger } from '../../../platform/logger.js';
import type { RegistryCache } from './registry-cache.js';

/** Reads and checks an eviction request body; answers 400 itself and returns null when it is wrong. */
export async function readEvictionRequest(req: IncomingMessage, res: ServerResponse): Promise<EvictionRequest | null> {
  const body = await readJsonBody(req, res, 4096, 'Send JSON: {"registry": "POPULATION", "subject": "..."}');
  if (body === undefined) return null;
  const parsed = parseEvictionRequest(body);
  if (!parsed.ok) {
    sendRequestError(res, 400, ErrorCode.BAD_USER_INPUT, parsed.reason);
    return null;
  }
  return parsed.request;
}

/** The routes, each wrapped by `guarded` (which lets only callers with the cache administration right through). */
export function cacheAdminRoutes(
  cache: RegistryCache,
  guarded: (handle: RouteHandler) => RouteHandler,
  logger: Logger,
): Record<string, RouteHandler> {
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
