/**
 * Identity for tests that start casegraph in-process: a test issuer whose public keys the gateway
 * reads from a file (OIDC_JWKS_FILE), tokens for the demo users (or any claims) signed by it, and
 * a fresh gateway assertion key pair for the gateway and the subgraphs. Tests of the identity
 * provider itself, of discovery and of key rotation use the real provider (mocks/identity-provider/).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import { DEFAULT_AUDIENCE, DEMO_ORGANISATION, DEMO_SERVICE_ACCOUNTS, DEMO_USERS } from '../contracts/identity.js';
import { generateAssertionKeys, GatewayAssertionSigner, type AssertionSubject } from '../platform/gateway-assertion.js';

export const TEST_ISSUER = 'https://issuer.test.invalid';

/** The caller most tests ask as: a senior case worker of unit HEL-1, who may read every part of a case there. */
export const DEFAULT_TEST_USER = 'matti.korhonen';

export interface TokenClaims {
  sub: string;
  roles?: readonly string[];
  unit?: string | null;
  org?: string;
  name?: string;
  [claim: string]: unknown;
}

export interface TestIdentity {
  /** Environment for the gateway: the test issuer, its key file and the assertion signing key. */
  gatewayEnv: Record<string, string>;
  /** Environment for every subgraph: the gateway's public assertion keys. */
  subgraphEnv: Record<string, string>;
  /** An access token for a demo user or service account (by id), or for any claims. */
  token(
    who: string | TokenClaims,
    options?: { expiresInSeconds?: number; notBefore?: number; issuedAt?: number; audience?: string; issuer?: string; type?: string },
  ): Promise<string>;
  /** `{ authorization: 'Bearer ...' }` for a demo user, service account or claims. */
  as(who: string | TokenClaims): Promise<Record<string, string>>;
  /** A gateway assertion, for calling a subgraph directly as the gateway would. */
  assertion(subject: AssertionSubject, caseId?: string | null): Promise<string>;
  issuerKey: { privateKey: CryptoKey; kid: string };
  /** The gateway's audit trail (a JSONL file in a temporary directory) and its subject key. */
  audit: { file: string; subjectKey: Buffer };
}

function claimsOf(who: string | TokenClaims): TokenClaims {
  if (typeof who !== 'string') return who;
  const user = DEMO_USERS.find((candidate) => candidate.id === who);
  if (user) return { sub: user.id, roles: user.roles, unit: user.unit, org: DEMO_ORGANISATION, name: user.name };
  const account = DEMO_SERVICE_ACCOUNTS.find((candidate) => candidate.id === who);
  if (account) return { sub: account.id, roles: account.roles, org: DEMO_ORGANISATION };
  throw new Error(`no demo user or service account ${who}`);
}

export async function createTestIdentity(): Promise<TestIdentity> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `test-${randomUUID().slice(0, 8)}`;
  const jwks: JSONWebKeySet = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } as JWK] };
  const jwksFile = path.join(mkdtempSync(path.join(tmpdir(), 'casegraph-issuer-')), 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify(jwks));
  const { signingKey, publicKeys } = await generateAssertionKeys();
  const audit = { file: path.join(path.dirname(jwksFile), 'audit', 'trail.jsonl'), subjectKey: randomBytes(32) };
  const signer = await GatewayAssertionSigner.create(signingKey, 300);

  const token: TestIdentity['token'] = async (who, options = {}) => {
    const { sub, unit, ...claims } = claimsOf(who);
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ ...claims, ...(unit ? { unit } : {}), client_id: 'casegraph-test' })
      .setProtectedHeader({ alg: 'ES256', kid, typ: options.type ?? 'at+jwt' })
      .setIssuer(options.issuer ?? TEST_ISSUER)
      .setAudience(options.audience ?? DEFAULT_AUDIENCE)
      .setSubject(sub)
      .setIssuedAt(options.issuedAt ?? now)
      .setExpirationTime(now + (options.expiresInSeconds ?? 600))
      .setJti(randomUUID());
    if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
    return jwt.sign(privateKey);
  };

  return {
    gatewayEnv: {
      OIDC_ISSUER: TEST_ISSUER,
      OIDC_JWKS_FILE: jwksFile,
      GATEWAY_ASSERTION_SIGNING_KEY: JSON.stringify(signingKey),
      AUDIT_FILE: audit.file,
      AUDIT_SUBJECT_KEY: audit.subjectKey.toString('base64'),
    },
    subgraphEnv: { GATEWAY_ASSERTION_PUBLIC_KEYS: JSON.stringify(publicKeys) },
    token,
    as: async (who) => ({ authorization: `Bearer ${await token(who)}` }),
    assertion: (subject, caseId = null) => signer.assertionFor(subject, caseId),
    issuerKey: { privateKey, kid },
    audit,
  };
}
