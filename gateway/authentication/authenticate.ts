/**
 * Authentication at the gateway's door: every GraphQL request (and every admin and metrics route)
 * carries `Authorization: Bearer <access token>`. No token, or a bad, expired, not-yet-valid,
 * wrong-audience or wrong-issuer one, is HTTP 401 UNAUTHENTICATED with a WWW-Authenticate header
 * (RFC 6750) before the body is read: no subgraph, registry or resolver is touched. When the
 * identity provider's keys cannot be had, it is 503 AUTHENTICATION_UNAVAILABLE with Retry-After:
 * nobody is let in unchecked, and nothing falls back to anonymous.
 */
import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../../platform/errors.js';
import type { Authentication } from '../../platform/http-server.js';
import type { Logger } from '../../platform/logger.js';
import { AccessTokenRejected, SigningKeysUnavailable, type AccessTokenVerifier, type VerifiedAccessToken } from './access-tokens.js';
import { principalFromClaims, type Principal } from './principal.js';
import type { RightsPolicy } from './rights-file.js';

const REALM = 'Bearer realm="casegraph"';
/** RFC 6750 b64token. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)\s*$/i;

type RefusalReason = 'missing_token' | 'malformed_header' | 'invalid_token' | 'claims_rejected';

function refused(description: string | null, reason: RefusalReason): Authentication<never> {
  return {
    ok: false,
    status: 401,
    code: ErrorCode.UNAUTHENTICATED,
    reason,
    message: description ?? 'Sign in: send an access token (Authorization: Bearer <token>).',
    headers: {
      'www-authenticate':
        description === null ? REALM : `${REALM}, error="invalid_token", error_description="${description.replaceAll('"', "'")}"`,
    },
  };
}

export type GatewayAuthentication = (req: IncomingMessage, requestId: string) => Promise<Authentication<Principal>>;

export function gatewayAuthentication(verifier: AccessTokenVerifier, policy: RightsPolicy, logger: Logger): GatewayAuthentication {
  // One principal per verified token: the verifier remembers tokens, this remembers what they mean.
  const principals = new WeakMap<VerifiedAccessToken, Principal | { rejected: string }>();
  return async (req, requestId) => {
    const header = req.headers.authorization;
    if (header === undefined || header === '') return refused(null, 'missing_token');
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match) return refused('The Authorization header is not a bearer token.', 'malformed_header');
    let verified: VerifiedAccessToken;
    try {
      verified = await verifier.verify(match[1]!);
    } catch (error) {
      if (error instanceof AccessTokenRejected) return refused(error.description, 'invalid_token');
      if (error instanceof SigningKeysUnavailable) {
        logger.warn({ requestId, reason: error.message }, 'access tokens cannot be verified');
        return {
          ok: false,
          status: 503,
          code: ErrorCode.AUTHENTICATION_UNAVAILABLE,
          reason: 'keys_unavailable',
          message: 'Access tokens cannot be verified right now; try again shortly.',
          headers: { 'retry-after': '5' },
        };
      }
      throw error;
    }
    let principal = principals.get(verified);
    if (!principal) {
      principal = principalFromClaims(verified.claims, policy);
      principals.set(verified, principal);
    }
    if ('rejected' in principal) return refused(principal.rejected, 'claims_rejected');
    return { ok: true, caller: principal };
  };
}
