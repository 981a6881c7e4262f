/**
 * The benchmark's security material, made afresh for each run and gone with it: casegraph is
 * measured with authentication, authorization, trusted documents and the audit trail on, as
 * production runs it, and the vanilla peers call the same subgraphs, which accept nothing but a
 * gateway assertion.
 *
 * - An issuer key pair (ES256). Its public half is a JWK set in a file, which casegraph's gateway
 *   reads as OIDC_JWKS_FILE (no identity provider runs, nothing is fetched); the bench mints access
 *   tokens with the private half, with the claims the demo identity provider gives its users
 *   (contracts/identity.ts), for bench callers of their own: a senior case worker of unit HEL-1
 *   (every field of the case view and the worklist, the cases of that unit) and the bulk checker.
 * - The gateway's assertion key pair: process-graph.ts makes it for the run (`assertionKeys`); the
 *   subgraphs hold the public key, casegraph's gateway signs with the private one, and the harness
 *   signs the peers' one fixed assertion with it (see peerAssertion).
 * - The audit trail's subject key.
 *
 * Tokens and the peers' assertion live TOKEN_LIFETIME_SECONDS, far longer than any run (a full run
 * takes about 15 minutes), so nothing expires while one is measured.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import { DEFAULT_AUDIENCE, DEMO_ORGANISATION } from '../contracts/identity.js';
import { principalFromClaims, type Principal } from '../gateway/authentication/principal.js';
import { DEFAULT_RIGHTS_FILE, loadRightsFile, type RightsPolicy } from '../gateway/authentication/rights-file.js';
import { GatewayAssertionSigner } from '../platform/gateway-assertion.js';
import type { BenchCaller } from './scenarios.js';

/** The issuer the bench's tokens name; never contacted (the keys come from a file). */
export const BENCH_ISSUER = 'https://issuer.bench.invalid';

/** Six hours: longer than any run, so no token or assertion expires while a window is measured. */
export const TOKEN_LIFETIME_SECONDS = 6 * 60 * 60;

export interface CallerClaims {
  sub: string;
  roles: readonly string[];
  unit: string | null;
}

/**
 * Who sends the measured requests, by the scenario's `caller`. Bench users of their own (not demo
 * users), with a demo role each and the unit of the README's examples.
 */
export const BENCH_CALLERS: Record<BenchCaller, CallerClaims> = {
  // Every field of the case view and the worklist (police records and SIS alert details included),
  // for the cases of unit HEL-1.
  'senior-case-worker': { sub: 'bench.senior-case-worker', roles: ['senior-case-worker'], unit: 'HEL-1' },
  // Bulk prerequisite checks over every unit's cases.
  'bulk-checker': { sub: 'bench.bulk-checker', roles: ['bulk-checker'], unit: null },
};

/** Whom the peers' fixed assertion names, and whom the security-off variant serves every request as. */
export const PEER_CALLER: BenchCaller = 'senior-case-worker';

/**
 * A bench caller as the gateway knows them once their token is verified: the claims the bench's
 * tokens carry, under the claim names the rights file gives, read as the gateway reads them.
 */
export function benchCallerPrincipal(caller: BenchCaller, policy: RightsPolicy): Principal {
  const { sub, roles, unit } = BENCH_CALLERS[caller];
  const claims = { sub, [policy.claims.roles]: [...roles], [policy.claims.unit]: unit, [policy.claims.organisation]: DEMO_ORGANISATION };
  const principal = principalFromClaims(claims, policy);
  if ('rejected' in principal) throw new Error(`the bench caller ${caller} is not one the gateway accepts: ${principal.rejected}`);
  return principal;
}

/**
 * Finding a scenario's variable sets (scenarios.ts) takes documents of its own, which trusted
 * documents in enforce mode refuse unless the caller holds documents:any: the same caller, with the
 * integrator's role beside their own (the schema and any document, no personal data).
 */
const DISCOVERY_EXTRA_ROLE = 'integrator';

export interface BenchSecurity {
  /** The directory holding the run's key set, peer assertions and audit trails; removed by dispose(). */
  dir: string;
  /** Environment for every casegraph gateway: the issuer, its key file and the audit subject key. */
  casegraphEnv: Record<string, string>;
  /** `authorization: Bearer <access token>` of a bench caller, for measured requests. */
  headersFor(caller: BenchCaller): Record<string, string>;
  /** The same caller allowed any document, for finding variable sets and for readiness probes. */
  discoveryHeadersFor(caller: BenchCaller): Record<string, string>;
  /**
   * For a start of the subgraphs, which trust the assertion key pair process-graph.ts made for it:
   * casegraph's signing key, and a file holding the peers' fixed assertion signed with it.
   */
  forGraph(phase: string, assertionSigningKey: JWK): Promise<{ signingKeyEnv: Record<string, string>; peerAssertionFile: string }>;
  /** The audit trail file of a gateway variant in a phase. */
  auditFile(phase: string, variant: string): string;
  dispose(): void;
}

async function issuerKeys(): Promise<{ privateKey: CryptoKey; kid: string; jwks: JSONWebKeySet }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `bench-${randomUUID().slice(0, 8)}`;
  const jwks: JSONWebKeySet = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } as JWK] };
  return { privateKey, kid, jwks };
}

export async function createBenchSecurity(): Promise<BenchSecurity> {
  const dir = mkdtempSync(path.join(tmpdir(), 'casegraph-bench-'));
  const { privateKey, kid, jwks } = await issuerKeys();
  const jwksFile = path.join(dir, 'issuer-jwks.json');
  writeFileSync(jwksFile, JSON.stringify(jwks), { mode: 0o600 });

  const mint = async ({ sub, roles, unit }: CallerClaims): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ roles: [...roles], ...(unit ? { unit } : {}), org: DEMO_ORGANISATION, client_id: 'casegraph-bench' })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
      .setIssuer(BENCH_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setSubject(sub)
      .setIssuedAt(now)
      .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
      .setJti(randomUUID())
      .sign(privateKey);
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const measured = {} as Record<BenchCaller, Record<string, string>>;
  const discovery = {} as Record<BenchCaller, Record<string, string>>;
  for (const [caller, claims] of Object.entries(BENCH_CALLERS) as Array<[BenchCaller, CallerClaims]>) {
    measured[caller] = bearer(await mint(claims));
    discovery[caller] = bearer(await mint({ ...claims, roles: [...claims.roles, DISCOVERY_EXTRA_ROLE] }));
  }

  const forGraph: BenchSecurity['forGraph'] = async (phase, assertionSigningKey) => {
    // The peers' assertion: what casegraph's gateway would sign for the senior case worker on a
    // request about no single case (the case view names its case in the operation, which only
    // casegraph reads; the subgraphs still refuse an application of another unit).
    const signer = await GatewayAssertionSigner.create(assertionSigningKey, TOKEN_LIFETIME_SECONDS);
    const peerAssertion = await signer.assertionFor(benchCallerPrincipal(PEER_CALLER, loadRightsFile(DEFAULT_RIGHTS_FILE)), null);
    const peerAssertionFile = path.join(dir, `peer-assertion-${phase}.jwt`);
    writeFileSync(peerAssertionFile, peerAssertion, { mode: 0o600 });
    return { signingKeyEnv: { GATEWAY_ASSERTION_SIGNING_KEY: JSON.stringify(assertionSigningKey) }, peerAssertionFile };
  };

  return {
    dir,
    casegraphEnv: {
      OIDC_ISSUER: BENCH_ISSUER,
      OIDC_JWKS_FILE: jwksFile,
      AUDIT_SUBJECT_KEY: randomBytes(32).toString('base64'),
    },
    headersFor: (caller) => measured[caller],
    discoveryHeadersFor: (caller) => discovery[caller],
    forGraph,
    auditFile: (phase, variant) => path.join(dir, 'audit', phase, variant, 'trail.jsonl'),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
