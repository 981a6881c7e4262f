/**
 * The gateway's assertion to subgraphs: a short-lived JWT the gateway signs with its own key and
 * sends with every subgraph request (`Authorization: Bearer <assertion>`), carrying the caller it
 * verified, their rights and unit, and the case the request is about. Subgraphs trust this and
 * nothing else: a request without a valid assertion (straight to a subgraph port, or forged) is
 * refused, and X-Road-UserId and X-Road-Issue come only from it.
 */
import type { Right } from './rights.js';

export const GATEWAY_ASSERTION = {
  issuer: 'urn:casegraph:gateway',
  audience: 'urn:casegraph:subgraphs',
  /** The JWT `typ` header, so no other token (an access token, an ID token) passes as one. */
  type: 'casegraph-gateway+jwt',
  /** Asymmetric only: a subgraph holds public keys and can never mint an assertion. */
  algorithms: ['EdDSA', 'ES256'],
} as const;

/** What an assertion says, besides iss, aud, iat, exp and jti. */
export interface GatewayAssertionClaims {
  /** The caller: a user or service account id (USER_ID_SHAPE); sent as X-Road-UserId. */
  sub: string;
  /** The caller's organisation (X-Road member), when the token named one. */
  org: string | null;
  /** The caller's unit, which their case scope `cases:unit` refers to. */
  unit: string | null;
  roles: string[];
  rights: Right[];
  /** The application the request is about (APPLICATION_ID_SHAPE); sent as X-Road-Issue. Null: about no single case. */
  case: string | null;
}
