/**
 * Subgraphs trust the gateway, not the network: every request must carry the gateway's assertion
 * (`Authorization: Bearer <assertion>`, contracts/gateway-assertion.ts). A request without one, or
 * with a forged, expired or foreign one, straight to a subgraph port, is 401 before its body is
 * read; the reason goes to the log, never to the caller.
 */
import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../../platform/errors.js';
import { AssertionRefused, type GatewayAssertionVerifier } from '../../platform/gateway-assertion.js';
import type { Authentication } from '../../platform/http-server.js';
import type { Logger } from '../../platform/logger.js';
import { callerOf, type SubgraphCaller } from './request-context.js';

const CHALLENGE = 'Bearer realm="casegraph-subgraph"';

function bearerOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header);
  return match ? match[1]! : null;
}

export function gatewayCallerAuthentication(
  verifier: GatewayAssertionVerifier,
  logger: Logger,
): (req: IncomingMessage, requestId: string) => Promise<Authentication<SubgraphCaller>> {
  return async (req, requestId) => {
    const token = bearerOf(req);
    if (token === null) {
      return {
        ok: false,
        status: 401,
        code: ErrorCode.UNAUTHENTICATED,
        message: 'Only the gateway may call a subgraph.',
        headers: { 'www-authenticate': CHALLENGE },
      };
    }
    try {
      return { ok: true, caller: callerOf(await verifier.verify(token)) };
    } catch (error) {
      if (!(error instanceof AssertionRefused)) throw error;
      logger.warn({ requestId, reason: error.message }, 'gateway assertion refused');
      return {
        ok: false,
        status: 401,
        code: ErrorCode.UNAUTHENTICATED,
        message: 'Only the gateway may call a subgraph.',
        headers: { 'www-authenticate': `${CHALLENGE}, error="invalid_token"` },
      };
    }
  };
}
