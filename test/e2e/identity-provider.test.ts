/**
 * The gateway against the real demo identity provider (oidc-provider), as in production: it finds
 * the provider's keys by discovery, not from a file, and lives through the provider rotating its
 * signing key and being down, without a restart.
 *
 * The provider is reached only through a proxy that can cut every connection (the provider "down")
 * or answer 503 for some paths, without its address changing. The provider's issuer is the proxy's
 * address, so tokens, discovery and the gateway all agree on it.
 */
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY_IDS } from '../../contracts/registry-catalogue.js';
import { demoAccessToken } from '../../mocks/identity-provider/demo-login.js';
import { startIdentityProvider, type IdentityProvider } from '../../mocks/identity-provider/provider.js';
import { startCountingProxy, type CountingProxy } from '../counting-proxy.js';
import { postGraphQL, startTestGraph, type GraphQLResult, type TestGraph } from '../graph-harness.js';

let providerProxy: CountingProxy;
let idp: IdentityProvider;
let graph: TestGraph;

/** The gateway's identity settings for the demo provider: discovery, and no key file (readConfig takes '' as unset). */
let providerEnv: Record<string, string>;

beforeAll(async () => {
  providerProxy = await startCountingProxy();
  idp = await startIdentityProvider({ port: 0, issuer: providerProxy.url });
  providerProxy.target = idp.url;
  providerEnv = {
    OIDC_ISSUER: idp.issuer,
    OIDC_JWKS_FILE: '',
    // A token with a kid the gateway has not seen makes it fetch the key set again at once.
    OIDC_JWKS_COOLDOWN_MS: '0',
    // The gateway's copy of the key set is fetched again when older than this: how long a key the
    // provider dropped may still verify a token the gateway has not seen. Short here, so the test can wait it out.
    OIDC_JWKS_MAX_AGE_MS: '1000',
  };
  graph = await startTestGraph({
    mocks: { knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } },
    subgraphEnv: { REGISTRY_CACHE: 'off' },
    gatewayEnv: { ...providerEnv, RESPONSE_CACHE: 'off' },
  });
});

afterAll(async () => {
  await graph?.close();
  await idp?.close();
  await providerProxy?.close();
});

/** Asks police records (a senior case worker's right, from the provider's roles claim) of the showcase case. */
const POLICE_OF_SHOWCASE = '{ application(id: "APP-0000001") { id applicant { police { hasEntries } } } }';

function askWith(gatewayUrl: string, token: string) {
  return postGraphQL<{ application: { id: string; applicant: { police: unknown } } }>(
    `${gatewayUrl}/graphql`,
    POLICE_OF_SHOWCASE,
    {},
    { authorization: `Bearer ${token}` },
  );
}

function expectAnswered(result: GraphQLResult<{ application: { id: string; applicant: { police: unknown } } }>): void {
  expect(result.status).toBe(200);
  expect(result.body.errors).toBeUndefined();
  expect(result.body.data?.application.id).toBe('APP-0000001');
  expect(result.body.data?.application.applicant.police).toEqual({ hasEntries: expect.any(Boolean) });
}

const kidOf = (token: string) => decodeProtectedHeader(token).kid;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('signing key rotation while the gateway runs', () => {
  it('accepts tokens of a new key at once, old ones while the key is published, and none once it is dropped', async () => {
    const firstKid = idp.signingKeyId;
    const first = await demoAccessToken(idp.issuer, 'matti.korhonen');
    // Tokens of the first key the gateway will see only after the rotations: it caches tokens it
    // has verified until they expire, so only a token it has not seen shows what it does with a key.
    const firstUnseenWhilePublished = await demoAccessToken(idp.issuer, 'matti.korhonen');
    const firstUnseenAfterDrop = await demoAccessToken(idp.issuer, 'matti.korhonen');
    expect([first, firstUnseenWhilePublished, firstUnseenAfterDrop].map(kidOf)).toEqual([firstKid, firstKid, firstKid]);
    expectAnswered(await askWith(graph.gatewayUrl, first));

    const secondKid = await idp.rotateSigningKey();
    const second = await demoAccessToken(idp.issuer, 'matti.korhonen');
    const secondUnseenAfterDrop = await demoAccessToken(idp.issuer, 'matti.korhonen');
    expect(kidOf(second)).toBe(secondKid);
    expect(secondKid).not.toBe(firstKid);
    // A kid the gateway's key set lacks: it fetches the provider's JWKS again and finds it.
    expectAnswered(await askWith(graph.gatewayUrl, second));
    expectAnswered(await askWith(graph.gatewayUrl, firstUnseenWhilePublished));

    const thirdKid = await idp.rotateSigningKey({ keepPrevious: false });
    expect(idp.publishedKeyIds).toEqual([thirdKid]);
    const third = await demoAccessToken(idp.issuer, 'matti.korhonen');
    expect(kidOf(third)).toBe(thirdKid);
    expectAnswered(await askWith(graph.gatewayUrl, third));

    // Once the gateway's copy of the key set is older than OIDC_JWKS_MAX_AGE_MS it is fetched again,
    // without the dropped keys.
    await sleep(1_200);
    await graph.resetRegistryCalls();
    for (const dropped of [firstUnseenAfterDrop, secondUnseenAfterDrop]) {
      const refused = await askWith(graph.gatewayUrl, dropped);
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer realm="casegraph", error="invalid_token"/);
    }
    const calls = await graph.registryCalls();
    expect(REGISTRY_IDS.map((registry) => calls[registry].calls)).toEqual(REGISTRY_IDS.map(() => 0));

    // The current key still works, after all that, in the same gateway.
    expectAnswered(await askWith(graph.gatewayUrl, await demoAccessToken(idp.issuer, 'matti.korhonen')));
  });

  it('gives a token of a service account (client credentials) its rights too', async () => {
    const token = await demoAccessToken(idp.issuer, 'bulk-checker');
    const result = await postGraphQL<{ prerequisiteChecks: { items: unknown[] } }>(
      `${graph.gatewayUrl}/graphql`,
      '{ prerequisiteChecks(type: WORK_PERMIT, first: 2, asOf: "2026-10-01") { items { recommendation } } }',
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.prerequisiteChecks.items).toHaveLength(2);
  });
});

describe('the identity provider down', () => {
  it('is 503 AUTHENTICATION_UNAVAILABLE with Retry-After when the gateway first needs keys, and recovers when it is back', async () => {
    const token = await demoAccessToken(idp.issuer, 'matti.korhonen');
    providerProxy.down = true;
    try {
      // A gateway that has not fetched the provider's keys yet.
      const gateway = await graph.startAnotherGateway(providerEnv);
      await graph.resetRegistryCalls();
      const unavailable = await askWith(gateway.url, token);
      expect(unavailable.status).toBe(503);
      expect(unavailable.body.data).toBeUndefined();
      expect(unavailable.body.errors?.map((error) => error.extensions?.code)).toEqual(['AUTHENTICATION_UNAVAILABLE']);
      expect(Number(unavailable.headers.get('retry-after'))).toBeGreaterThan(0);
      // Not a verdict on the token: the client keeps it and tries again.
      expect(unavailable.headers.get('www-authenticate')).toBeNull();
      const calls = await graph.registryCalls();
      expect(REGISTRY_IDS.map((registry) => calls[registry].calls)).toEqual(REGISTRY_IDS.map(() => 0));

      providerProxy.down = false;
      const statuses: number[] = [];
      let answered: Awaited<ReturnType<typeof askWith>> | undefined;
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const result = await askWith(gateway.url, token);
        statuses.push(result.status);
        if (result.status !== 503) {
          answered = result;
          break;
        }
        await sleep(250);
      }
      // Until the keys are had, 503 (never 401: the token was good all along); then the answer.
      expect(statuses.slice(0, -1).every((status) => status === 503)).toBe(true);
      expectAnswered(answered!);
    } finally {
      providerProxy.down = false;
    }
  });

  // An HTTP error from the key-set endpoint (a 503 from a load balancer, say) means the keys
  // cannot be had, not that the token is bad: 503, so a client keeps its good token and retries.
  it('is 503, not 401, when the provider answers the key set request with an HTTP error', async () => {
    const token = await demoAccessToken(idp.issuer, 'matti.korhonen');
    // Discovery works; the key set does not.
    providerProxy.unavailablePaths = /^\/jwks/;
    try {
      const gateway = await graph.startAnotherGateway(providerEnv);
      const result = await askWith(gateway.url, token);
      expect(result.headers.get('www-authenticate')).toBeNull();
      expect(result.body.errors?.map((error) => error.extensions?.code)).toEqual(['AUTHENTICATION_UNAVAILABLE']);
      expect(result.status).toBe(503);
    } finally {
      providerProxy.unavailablePaths = null;
    }
  });
});
