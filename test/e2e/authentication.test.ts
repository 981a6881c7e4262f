/**
 * The gateway's door: every request must carry an access token of the trusted issuer, for
 * casegraph, valid now, signed with one of the issuer's published asymmetric keys, of type at+jwt,
 * for a subject that is a user id. Anything else is 401 UNAUTHENTICATED with an RFC 6750 challenge,
 * answered before anything else happens: the counting proxies in front of the subgraphs and the
 * mocks' counters show that no subgraph and no registry is asked.
 *
 * The bad tokens are made here with jose, as an attacker would make them: with the issuer's public
 * keys (published), other keys of their own, or none at all. Only the harness's test issuer holds
 * the private key of the trusted issuer (test/test-identity.ts).
 */
import { randomUUID, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_AUDIENCE, DEMO_ORGANISATION } from '../../contracts/identity.js';
import { Supergraph } from '@apollo/federation-internals';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { REGISTRIES, REGISTRY_IDS } from '../../contracts/registry-catalogue.js';
import { DEFAULT_SUPERGRAPH_PATH } from '../../gateway/config.js';
import { estimateRegistryCalls } from '../../gateway/registry-budget.js';
import { exampleOperation, postGraphQL, startTestGraph, type GraphQLResult, type TestGraph } from '../graph-harness.js';
import { TEST_ISSUER } from '../test-identity.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph({
    countSubgraphRequests: true,
    mocks: { knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } },
    // Cold registries: a registry call made for a refused request would show in the counters.
    subgraphEnv: { REGISTRY_CACHE: 'off' },
    // Nor may a response cached for a valid token answer a refused request.
    gatewayEnv: { RESPONSE_CACHE: 'off' },
  });
});
afterAll(() => graph.close());

beforeEach(async () => {
  await graph.resetRegistryCalls();
  graph.resetSubgraphRequests();
});

/** The case view asks every subgraph and all six registries: whatever gets through shows. */
const CASE_VIEW = exampleOperation('CaseView');

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The claims a demo senior case worker's token carries, valid now. */
function seniorCaseWorkerClaims(): JWTPayload & Record<string, unknown> {
  const now = nowSeconds();
  return {
    iss: TEST_ISSUER,
    aud: DEFAULT_AUDIENCE,
    sub: 'matti.korhonen',
    roles: ['senior-case-worker'],
    unit: 'HEL-1',
    org: DEMO_ORGANISATION,
    iat: now,
    exp: now + 600,
    jti: randomUUID(),
  };
}

/** The trusted issuer's public keys, as its JWKS endpoint would publish them to anyone. */
function publishedIssuerKey(): JWK & { kid: string } {
  const jwks = JSON.parse(readFileSync(graph.identity.gatewayEnv.OIDC_JWKS_FILE!, 'utf8')) as { keys: Array<JWK & { kid: string }> };
  return jwks.keys[0]!;
}

async function signedWithKeyOfOurOwn(kid: string): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT(seniorCaseWorkerClaims()).setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' }).sign(privateKey);
}

async function hmacSignedWith(secret: string): Promise<string> {
  return new SignJWT(seniorCaseWorkerClaims())
    .setProtectedHeader({ alg: 'HS256', kid: publishedIssuerKey().kid, typ: 'at+jwt' })
    .sign(new TextEncoder().encode(secret));
}

interface BadCredential {
  what: string;
  /** The Authorization header, or undefined for none at all. */
  authorization: () => Promise<string | undefined>;
}

const bearer = (token: string) => `Bearer ${token}`;

const BAD_CREDENTIALS: BadCredential[] = [
  { what: 'no Authorization header', authorization: async () => undefined },
  {
    what: 'an expired token (beyond the 30 s clock skew)',
    authorization: async () =>
      bearer(await graph.identity.token('matti.korhonen', { issuedAt: nowSeconds() - 720, expiresInSeconds: -120 })),
  },
  {
    what: 'a token not valid yet (nbf 2 minutes ahead, beyond the skew)',
    authorization: async () => bearer(await graph.identity.token('matti.korhonen', { notBefore: nowSeconds() + 120 })),
  },
  {
    what: 'a token issued in the future (iat 2 minutes ahead, beyond the skew)',
    authorization: async () => bearer(await graph.identity.token('matti.korhonen', { issuedAt: nowSeconds() + 120 })),
  },
  {
    what: 'a token of another issuer, signed with the trusted key',
    authorization: async () => bearer(await graph.identity.token('matti.korhonen', { issuer: 'https://login.attacker.invalid' })),
  },
  {
    what: 'a token for another audience',
    authorization: async () => bearer(await graph.identity.token('matti.korhonen', { audience: 'urn:another-service' })),
  },
  {
    what: 'an unsigned token (alg: none)',
    authorization: async () => bearer(`${base64url({ alg: 'none', typ: 'at+jwt' })}.${base64url(seniorCaseWorkerClaims())}.`),
  },
  {
    what: 'an unsigned token (alg: none) naming the trusted key',
    authorization: async () =>
      bearer(`${base64url({ alg: 'none', kid: publishedIssuerKey().kid, typ: 'at+jwt' })}.${base64url(seniorCaseWorkerClaims())}.`),
  },
  {
    what: 'a token signed by a key the issuer does not publish',
    authorization: async () => bearer(await signedWithKeyOfOurOwn(`attacker-${randomUUID().slice(0, 8)}`)),
  },
  {
    what: 'a token signed by another key under the kid of the trusted key',
    authorization: async () => bearer(await signedWithKeyOfOurOwn(publishedIssuerKey().kid)),
  },
  {
    what: "HS256 with the issuer's public key (PEM) as the HMAC secret",
    authorization: async () =>
      bearer(
        await hmacSignedWith(
          createPublicKey({ key: publishedIssuerKey(), format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString(),
        ),
      ),
  },
  {
    what: "HS256 with the issuer's published JWKS as the HMAC secret",
    authorization: async () => bearer(await hmacSignedWith(readFileSync(graph.identity.gatewayEnv.OIDC_JWKS_FILE!, 'utf8'))),
  },
  {
    what: 'a token of typ JWT (an ID token, not an access token)',
    authorization: async () => bearer(await graph.identity.token('matti.korhonen', { type: 'JWT' })),
  },
  {
    what: 'a token without an expiry',
    authorization: async () => {
      const { exp: _exp, ...claims } = seniorCaseWorkerClaims();
      const { privateKey, kid } = graph.identity.issuerKey;
      return bearer(await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' }).sign(privateKey));
    },
  },
  {
    what: 'a subject that is not a user id',
    authorization: async () =>
      bearer(await graph.identity.token({ sub: 'Matti Korhonen <matti@example.fi>', roles: ['senior-case-worker'], unit: 'HEL-1' })),
  },
  { what: 'Basic credentials', authorization: async () => `Basic ${Buffer.from('matti.korhonen:secret').toString('base64')}` },
  { what: 'the Bearer scheme without a token', authorization: async () => 'Bearer' },
  {
    what: 'a bearer token with characters outside b64token',
    authorization: async () => `Bearer ${await graph.identity.token('matti.korhonen')},admin`,
  },
  { what: 'two bearer tokens', authorization: async () => `Bearer ${await graph.identity.token('matti.korhonen')} second-token` },
  { what: 'a bearer token that is not a JWT', authorization: async () => 'Bearer not-a-jwt' },
];

/** Asserts nothing behind the gateway was asked: no subgraph request, no registry call. */
async function expectNothingAsked(): Promise<void> {
  expect(Object.values(graph.subgraphRequests()).every((count) => count === 0)).toBe(true);
  const calls = await graph.registryCalls();
  for (const registry of REGISTRY_IDS) expect({ registry, calls: calls[registry].calls }).toEqual({ registry, calls: 0 });
}

function expectUnauthenticated(result: GraphQLResult, tokenSent: boolean): void {
  expect(result.status).toBe(401);
  expect(result.body.data).toBeUndefined();
  expect(result.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  const challenge = result.headers.get('www-authenticate');
  if (tokenSent) {
    expect(challenge).toMatch(/^Bearer realm="casegraph", error="invalid_token", error_description="[^"]+"$/);
  } else {
    expect(challenge).toBe('Bearer realm="casegraph"');
  }
}

describe('the gateway refuses bad credentials with 401 before asking anyone', () => {
  it.each(BAD_CREDENTIALS)('$what', async ({ authorization }) => {
    const header = await authorization();
    // postGraphQL (not graph.query) so that the harness adds no valid token of its own.
    const result = await postGraphQL<Record<string, unknown>>(
      `${graph.gatewayUrl}/graphql`,
      CASE_VIEW,
      {},
      header === undefined ? {} : { authorization: header },
    );
    expectUnauthenticated(result, header !== undefined);
    await expectNothingAsked();
  });

  it('answers the same for a GET request, and never reads the caller from x-user-id', async () => {
    const response = await fetch(`${graph.gatewayUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      // The preflight header lets CSRF prevention pass: were the caller taken from x-user-id, this would be 200.
      headers: { 'x-user-id': 'matti.korhonen', 'x-casegraph-user': 'matti.korhonen', 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="casegraph"');
    await expectNothingAsked();
  });
});

describe('a valid access token', () => {
  it('gets the case view, from every subgraph and registry (the counters above can count)', async () => {
    const result = await postGraphQL<{ application: { id: string; applicant: { police: unknown } } }>(
      `${graph.gatewayUrl}/graphql`,
      CASE_VIEW,
      {},
      { authorization: bearer(await graph.identity.token('matti.korhonen')) },
    );
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.application.id).toBe('APP-0000001');
    expect(result.body.data?.application.applicant.police).not.toBeNull();
    const requests = graph.subgraphRequests();
    for (const subgraph of ['applications', 'population', 'police', 'sis', 'trade-register', 'tax']) {
      expect({ subgraph, asked: requests[subgraph]! > 0 }).toEqual({ subgraph, asked: true });
    }
    // Every registry the case view reads (all six of the shipped graph; a registry scaffolded since
    // hangs a field the shipped operation does not select) was asked.
    const document = parse(CASE_VIEW);
    const operation = document.definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    )!;
    const apiSchema = Supergraph.build(readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema();
    const read = new Set(Object.keys(estimateRegistryCalls(apiSchema, document, operation, {}).byRegistry));
    const readIds = REGISTRY_IDS.filter((registry) => read.has(REGISTRIES[registry].code));
    expect(readIds.length).toBeGreaterThanOrEqual(6);
    const calls = await graph.registryCalls();
    for (const registry of readIds) expect({ registry, asked: calls[registry].calls > 0 }).toEqual({ registry, asked: true });
  });

  it('is accepted within the 30 s clock skew: expired 10 s ago, valid from 10 s ahead, issued 10 s ahead', async () => {
    const now = nowSeconds();
    for (const token of [
      await graph.identity.token('matti.korhonen', { issuedAt: now - 600, expiresInSeconds: -10 }),
      await graph.identity.token('matti.korhonen', { notBefore: now + 10 }),
      await graph.identity.token('matti.korhonen', { issuedAt: now + 10 }),
    ]) {
      const result = await postGraphQL(`${graph.gatewayUrl}/graphql`, '{ __typename }', {}, { authorization: bearer(token) });
      expect(result.status).toBe(200);
      expect(result.body).toEqual({ data: { __typename: 'Query' } });
    }
  });
});

describe('a token for a role the rights file does not know (ville.trainee)', () => {
  it('is authenticated: the graph answers what needs no right at all', async () => {
    const result = await graph.query('{ __typename }', {}, await graph.as('ville.trainee'));
    expect(result.status).toBe(200);
    expect(result.headers.get('www-authenticate')).toBeNull();
    expect(result.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('is denied every personal-data root field, with 403 and one error per field, and nothing asked', async () => {
    const result = await graph.query(
      `query Everything {
        application(id: "APP-0000001") { id }
        applications(ids: ["APP-0000001"]) { id }
        worklist(first: 1) { totalCount }
        applicant(id: "CUS-0000001") { id }
        searchApplicants(familyName: "Ferreira") { id }
        populationRecord(personalIdentityCode: "140391Y714Y") { familyName }
        employer(businessId: "3317876-1") { businessId }
        prerequisiteChecks(type: WORK_PERMIT, first: 1) { totalCount }
      }`,
      {},
      await graph.as('ville.trainee'),
    );
    expect(result.status).toBe(403);
    expect(result.headers.get('www-authenticate')).toBeNull();
    expect(result.body.data).toBeUndefined();
    const errors = result.body.errors ?? [];
    expect(errors.map((error) => error.extensions?.code)).toEqual(Array(8).fill('UNAUTHORIZED_FIELD_OR_TYPE'));
    expect(errors.map((error) => error.path?.join('.')).sort()).toEqual(
      [
        'application',
        'applications',
        'worklist',
        'applicant',
        'searchApplicants',
        'populationRecord',
        'employer',
        'prerequisiteChecks',
      ].sort(),
    );
    await expectNothingAsked();
  });
});
