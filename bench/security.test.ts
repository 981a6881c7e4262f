import { readFileSync } from 'node:fs';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUDIENCE } from '../contracts/identity.js';
import { generateAssertionKeys, GatewayAssertionVerifier } from '../platform/gateway-assertion.js';
import { BENCH_ISSUER, createBenchSecurity, TOKEN_LIFETIME_SECONDS } from './security.js';

describe("the bench's security material", async () => {
  const security = await createBenchSecurity();
  afterAll(() => security.dispose());
  const bearer = (headers: Record<string, string>) => headers.authorization!.replace(/^Bearer /, '');

  it('mints access tokens the gateway accepts from its key file, living longer than any run', async () => {
    const jwks = JSON.parse(readFileSync(security.casegraphEnv.OIDC_JWKS_FILE!, 'utf8')) as JSONWebKeySet;
    const token = bearer(security.headersFor('senior-case-worker'));
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), {
      issuer: BENCH_ISSUER,
      audience: DEFAULT_AUDIENCE,
      typ: 'at+jwt',
    });
    expect(security.casegraphEnv.OIDC_ISSUER).toBe(BENCH_ISSUER);
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({ sub: 'bench.senior-case-worker', roles: ['senior-case-worker'], unit: 'HEL-1' });
    expect(payload.exp! - payload.iat!).toBe(TOKEN_LIFETIME_SECONDS);
    expect(TOKEN_LIFETIME_SECONDS).toBeGreaterThanOrEqual(3 * 60 * 60);
  });

  it('gives the bulk checker its own token, and discovery the integrator role beside the caller’s', () => {
    expect(decodeJwt(bearer(security.headersFor('bulk-checker')))).toMatchObject({ sub: 'bench.bulk-checker', roles: ['bulk-checker'] });
    expect(decodeJwt(bearer(security.discoveryHeadersFor('bulk-checker'))).roles).toEqual(['bulk-checker', 'integrator']);
  });

  it("signs the peers' assertion with the run's key: the senior case worker's rights, about no case", async () => {
    const { signingKey, publicKeys } = await generateAssertionKeys();
    const { signingKeyEnv, peerAssertionFile } = await security.forGraph('cold', signingKey);
    expect(JSON.parse(signingKeyEnv.GATEWAY_ASSERTION_SIGNING_KEY!)).toEqual(signingKey);
    const claims = await new GatewayAssertionVerifier(publicKeys).verify(readFileSync(peerAssertionFile, 'utf8'));
    expect(claims).toMatchObject({ sub: 'bench.senior-case-worker', unit: 'HEL-1', case: null });
    expect(claims.rights).toEqual(expect.arrayContaining(['police:read', 'sis:alerts', 'cases:unit']));
    expect(claims.expiresAtMs - Date.now()).toBeGreaterThan((TOKEN_LIFETIME_SECONDS - 60) * 1000);
  });
});
