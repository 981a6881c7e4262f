/**
 * Admin routes beside the X-Road services: knobs (GET /__knobs, PATCH /__knobs[/{registryId}],
 * POST /__knobs/reset) and counters (GET /__stats, POST /__stats/reset). Not X-Road: no X-Road
 * headers, plain JSON, errors as {error, message}.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody, sendJson } from '../platform/http-server.js';
import { REGISTRY_IDS, type RegistryId } from '../contracts/registry-catalogue.js';
import { parseKnobsPatch, type KnobStore, type KnobsPatch } from './knobs.js';
import type { CallStats } from './stats.js';

const MAX_ADMIN_BODY_BYTES = 64 * 1024;

export type AdminRoutes = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;

function sendError(res: ServerResponse, status: number, error: string, message: string): void {
  sendJson(res, status, { error, message });
}

/** Reads and validates a knobs patch; on failure answers 400/413 itself and returns null. */
async function readPatch(req: IncomingMessage, res: ServerResponse): Promise<KnobsPatch | null> {
  let raw: string;
  try {
    raw = await readBody(req, MAX_ADMIN_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    sendError(res, 413, 'bad_request', `the body is larger than ${MAX_ADMIN_BODY_BYTES} bytes`);
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    sendError(res, 400, 'bad_request', 'the body is not valid JSON; send an object such as {"latencyMs": 100, "down": false}');
    return null;
  }
  const parsed = parseKnobsPatch(value);
  if (!parsed.ok) {
    sendError(res, 400, 'bad_request', `invalid knobs: ${parsed.message}`);
    return null;
  }
  return parsed.patch;
}

export function createAdminRoutes(knobs: KnobStore, stats: CallStats): AdminRoutes {
  return async (req, res, path) => {
    const route = `${req.method} ${path}`;
    // Liveness, for the launcher and process supervisors.
    if (route === 'GET /health') return sendJson(res, 200, { status: 'ok' });
    if (route === 'GET /__knobs') return sendJson(res, 200, { registries: knobs.all() });
    if (route === 'POST /__knobs/reset') return sendJson(res, 200, { registries: knobs.reset() });
    if (route === 'PATCH /__knobs') {
      const patch = await readPatch(req, res);
      if (patch) sendJson(res, 200, { registries: knobs.patchAll(patch) });
      return;
    }
    const registryKnobs = /^PATCH \/__knobs\/([^/]+)$/.exec(route);
    if (registryKnobs) {
      const registry = registryKnobs[1] as RegistryId;
      if (!REGISTRY_IDS.includes(registry)) {
        return sendError(res, 404, 'not_found', `no registry ${registry}; registries are ${REGISTRY_IDS.join(', ')}`);
      }
      const patch = await readPatch(req, res);
      if (patch) sendJson(res, 200, { registry, knobs: knobs.patch(registry, patch) });
      return;
    }
    if (route === 'GET /__stats') return sendJson(res, 200, stats.snapshot());
    if (route === 'POST /__stats/reset') {
      stats.reset();
      return sendJson(res, 200, stats.snapshot());
    }
    sendError(res, 404, 'not_found', `no admin route ${route}`);
  };
}
