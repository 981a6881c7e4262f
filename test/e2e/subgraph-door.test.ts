/**
 * Subgraphs trust the gateway, not the network. A request straight to a subgraph's port must carry
 * the gateway's assertion (contracts/gateway-assertion.ts): without one, or with anything else in
 * its place, it is 401 before a resolver runs. With a valid assertion, the subgraph checks every
 * field against its own SDL with the rights the assertion carries, and refuses the operation (403
 * FORBIDDEN) if any is not allowed, before any registry is asked. And who the registries hear
 * asked, about which case (X-Road-UserId, X-Road-Issue), comes from the assertion alone, whatever
 * headers the caller adds.
 *
 * The forged assertions are made here with jose, as someone on the network could make them: with
 * keys of their own, without a signature, or from a real access token.
 */
import { randomUUID } from 'node:crypto';
import { generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION } from '../../contracts/identity.js';
import type { Right } from '../../contracts/rights.js';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import type { StatsSnapshot } from '../../mocks/stats.js';
import { generateAssertionKeys, GatewayAssertionSigner, type AssertionSubject } from '../../platform/gateway-assertion.js';
import { applicantOf, applicantRepresentation } from '../dataset-fixtures.js';
import { postGraphQL, startTestGraph, type GraphQLResult, type TestGraph } from '../graph-harness.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph({
    mocks: { knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } },
    // Cold registries: every registry call a request makes shows in the counters.
    subgraphEnv: { REGISTRY_CACHE: 'off' },
    gatewayEnv: { RESPONSE_CACHE: 'off' },
  });
});
afterAll(() => graph.close());
beforeEach(() => graph.resetRegistryCalls());

/** The rights of the roles in gateway/rights.json, written out: what the gateway would assert for them. */
const CASE_WORKER_RIGHTS: Right[] = [
  'cases:unit',
  'case:read',
  'population:read',
  'sis:outcome',
  'employer:read',
  'tax:personal',
  'checks:read',
];
const SENIOR_CASE_WORKER_RIGHTS: Right[] = [...CASE_WORKER_RIGHTS, 'sis:alerts', 'police:read'];
const ANALYST_RIGHTS: Right[] = [
  'cases:unit',
  'case:read',
  'population:read',
  'sis:outcome',
  'employer:read',
  'checks:read',
  'schema:read',
  'documents:any',
  'query-plan:read',
];
const BULK_CHECKER_RIGHTS: Right[] = ['cases:all', 'checks:bulk', 'checks:read'];

function subject(userId: string, roles: string[], rights: Right[]): AssertionSubject {
  return { userId, organisation: DEMO_ORGANISATION, unit: 'HEL-1', roles, rights: new Set(rights) };
}

const SENIOR = subject('matti.korhonen', ['senior-case-worker'], SENIOR_CASE_WORKER_RIGHTS);
const CASE_WORKER = subject('kaisa.virtanen', ['case-worker'], CASE_WORKER_RIGHTS);

function subgraphUrl(name: string): string {
  const subgraph = graph.subgraphs.find((candidate) => candidate.name === name);
  if (!subgraph) throw new Error(`no subgraph ${name}`);
  return subgraph.url;
}

/** The showcase applicant as the gateway represents it to police and SIS (with their @requires fields). */
const showcaseApplicant = () => applicantRepresentation(applicantOf(graph.mocks.dataset, SCENARIO.showcase));

const ENTITIES = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Applicant { id %s } } }';

function askSubgraph(name: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  return postGraphQL<Record<string, unknown>>(subgraphUrl(name), query, variables, headers);
}

/** Police records of the showcase applicant, straight from the police subgraph. */
function askPolice(headers: Record<string, string>) {
  return askSubgraph('police', ENTITIES.replace('%s', 'police { hasEntries }'), { representations: [showcaseApplicant()] }, headers);
}

async function recentCalls() {
  return ((await (await fetch(`${graph.mocks.url}/__stats`)).json()) as StatsSnapshot).recentCalls;
}

async function registryCallCount(registry: 'police' | 'sis' | 'population' | 'caseRegister' | 'tax'): Promise<number> {
  return (await graph.registryCalls())[registry].calls;
}

// -- forging ---------------------------------------------------------------------------------------

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The gateway's signing key: only the gateway holds it; here it signs assertions that are wrong in one way each. */
const gatewaySigningKey = () => JSON.parse(graph.identity.gatewayEnv.GATEWAY_ASSERTION_SIGNING_KEY!) as JWK & { kid: string };

/** What a valid assertion for the senior case worker about the showcase case says. */
function validClaims(): Record<string, unknown> {
  const now = nowSeconds();
  return {
    iss: 'urn:casegraph:gateway',
    aud: 'urn:casegraph:subgraphs',
    sub: 'matti.korhonen',
    org: DEMO_ORGANISATION,
    unit: 'HEL-1',
    roles: ['senior-case-worker'],
    rights: SENIOR_CASE_WORKER_RIGHTS,
    case: SCENARIO.showcase,
    iat: now,
    exp: now + 60,
    jti: randomUUID(),
  };
}

/** Signed with the gateway's own key and header, with `changes` made to the claims or the header. */
async function signedByTheGateway(changes: { claims?: Record<string, unknown>; header?: Record<string, unknown> }): Promise<string> {
  const key = gatewaySigningKey();
  return new SignJWT({ ...validClaims(), ...changes.claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'casegraph-gateway+jwt', ...changes.header })
    .sign(await importJWK(key, 'EdDSA'));
}

interface Forgery {
  what: string;
  authorization: () => Promise<string>;
}

const FORGERIES: Forgery[] = [
  {
    what: 'an assertion signed by a gateway key the subgraph does not hold',
    authorization: async () => {
      const { signingKey } = await generateAssertionKeys('rogue-gateway');
      return `Bearer ${await (await GatewayAssertionSigner.create(signingKey, 60)).assertionFor(SENIOR, SCENARIO.showcase)}`;
    },
  },
  {
    what: "an assertion signed by another key under the gateway key's kid",
    authorization: async () => {
      const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      const token = await new SignJWT(validClaims())
        .setProtectedHeader({ alg: 'EdDSA', kid: gatewaySigningKey().kid, typ: 'casegraph-gateway+jwt' })
        .sign(privateKey);
      return `Bearer ${token}`;
    },
  },
  {
    what: 'an unsigned assertion (alg: none)',
    authorization: async () =>
      `Bearer ${base64url({ alg: 'none', kid: gatewaySigningKey().kid, typ: 'casegraph-gateway+jwt' })}.${base64url(validClaims())}.`,
  },
  {
    what: "a real access token of the gateway's trusted issuer instead of an assertion",
    authorization: async () => `Bearer ${await graph.identity.token('matti.korhonen')}`,
  },
  {
    what: 'an expired assertion',
    authorization: async () => `Bearer ${await signedByTheGateway({ claims: { iat: nowSeconds() - 300, exp: nowSeconds() - 60 } })}`,
  },
  {
    what: 'an assertion with a right casegraph does not know',
    authorization: async () =>
      `Bearer ${await signedByTheGateway({ claims: { rights: [...SENIOR_CASE_WORKER_RIGHTS, 'registries:everything'] } })}`,
  },
  {
    what: 'an assertion for another audience (access tokens’)',
    authorization: async () => `Bearer ${await signedByTheGateway({ claims: { aud: 'urn:casegraph' } })}`,
  },
  {
    what: 'an assertion of another issuer',
    authorization: async () => `Bearer ${await signedByTheGateway({ claims: { iss: 'urn:casegraph:someone-else' } })}`,
  },
  {
    what: 'an assertion of typ JWT',
    authorization: async () => `Bearer ${await signedByTheGateway({ header: { typ: 'JWT' } })}`,
  },
  {
    what: 'an assertion whose subject is not a user id',
    authorization: async () => `Bearer ${await signedByTheGateway({ claims: { sub: 'FI matti korhonen' } })}`,
  },
  {
    what: 'an assertion whose case is not an application id',
    authorization: async () => `Bearer ${await signedByTheGateway({ claims: { case: 'APP-1 OR 1=1' } })}`,
  },
  { what: 'Basic credentials', authorization: async () => `Basic ${Buffer.from('gateway:gateway').toString('base64')}` },
];

function expectRefused(result: GraphQLResult<Record<string, unknown>>, challenge: string | RegExp): void {
  expect(result.status).toBe(401);
  expect(result.body.data).toBeUndefined();
  expect(result.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  expect(result.headers.get('www-authenticate')).toMatch(challenge);
}

describe('a request straight to a subgraph', () => {
  it('without an assertion is 401, and no registry is asked', async () => {
    const result = await askPolice({ 'x-user-id': 'matti.korhonen', 'x-casegraph-user': 'matti.korhonen' });
    expectRefused(result, /^Bearer realm="casegraph-subgraph"$/);
    expect(await registryCallCount('police')).toBe(0);
  });

  it.each(FORGERIES)('with $what is 401, and no registry is asked', async ({ authorization }) => {
    const header = await authorization();
    const result = await askPolice({ authorization: header });
    // A bearer token that is not a valid assertion is named invalid; other schemes get the bare challenge.
    expectRefused(
      result,
      header.startsWith('Bearer ') ? /^Bearer realm="casegraph-subgraph", error="invalid_token"$/ : /^Bearer realm="casegraph-subgraph"$/,
    );
    expect(await registryCallCount('police')).toBe(0);
  });

  it('with a valid assertion for a caller who may read the field is answered (the counters above can count)', async () => {
    const result = await askPolice({ authorization: `Bearer ${await graph.identity.assertion(SENIOR, SCENARIO.showcase)}` });
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data).toEqual({ _entities: [{ id: showcaseApplicant().id, police: { hasEntries: expect.any(Boolean) } }] });
    expect(await registryCallCount('police')).toBe(1);
  });
});

describe('a valid assertion for a field its rights do not allow', () => {
  interface Overreach {
    what: string;
    subgraph: string;
    caller: AssertionSubject;
    query: string;
    variables: () => Record<string, unknown>;
    /** Type.field the subgraph names as not allowed. */
    coordinate: string;
    registry: 'police' | 'sis' | 'population' | 'caseRegister' | 'tax';
  }
  const OVERREACHES: Overreach[] = [
    {
      what: "a case worker's police records through _entities",
      subgraph: 'police',
      caller: CASE_WORKER,
      query: ENTITIES.replace('%s', 'police { hasEntries }'),
      variables: () => ({ representations: [showcaseApplicant()] }),
      coordinate: 'Applicant.police',
      registry: 'police',
    },
    {
      what: "a case worker's SIS alert details through _entities",
      subgraph: 'sis',
      caller: CASE_WORKER,
      query: ENTITIES.replace('%s', 'sis { hitCount hits { alertId } }'),
      variables: () => ({ representations: [showcaseApplicant()] }),
      coordinate: 'SisCheck.hits',
      registry: 'sis',
    },
    {
      what: "an analyst's view of personal tax debt through _entities",
      subgraph: 'tax',
      caller: subject('antti.heikkinen', ['analyst'], ANALYST_RIGHTS),
      query: ENTITIES.replace('%s', 'taxDebt { hasDebt }'),
      variables: () => ({
        representations: [
          { __typename: 'Applicant', id: showcaseApplicant().id, personalIdentityCode: showcaseApplicant().personalIdentityCode },
        ],
      }),
      coordinate: 'Applicant.taxDebt',
      registry: 'tax',
    },
    {
      what: "the bulk checker's population record through a root field",
      subgraph: 'population',
      caller: subject('bulk-checker', ['bulk-checker'], BULK_CHECKER_RIGHTS),
      query: 'query($code: String!) { populationRecord(personalIdentityCode: $code) { familyName } }',
      variables: () => ({ code: showcaseApplicant().personalIdentityCode }),
      coordinate: 'Query.populationRecord',
      registry: 'population',
    },
    {
      what: "a trainee's application through a root field",
      subgraph: 'applications',
      caller: subject('ville.trainee', ['trainee'], []),
      query: 'query($id: ID!) { application(id: $id) { id status } }',
      variables: () => ({ id: SCENARIO.showcase }),
      coordinate: 'Query.application',
      registry: 'caseRegister',
    },
  ];

  it.each(OVERREACHES)('$what: 403 FORBIDDEN naming the field, and no registry asked', async (overreach) => {
    const assertion = await graph.identity.assertion(overreach.caller, SCENARIO.showcase);
    const result = await askSubgraph(overreach.subgraph, overreach.query, overreach.variables(), { authorization: `Bearer ${assertion}` });
    expect(result.status).toBe(403);
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors![0]!.extensions?.code).toBe('FORBIDDEN');
    expect(result.body.errors![0]!.message).toContain(overreach.coordinate);
    expect(await registryCallCount(overreach.registry)).toBe(0);
  });

  it('answers the same caller what their rights allow (the refusals above are about the field)', async () => {
    const assertion = await graph.identity.assertion(CASE_WORKER, SCENARIO.showcase);
    const result = await askSubgraph(
      'sis',
      ENTITIES.replace('%s', 'sis { hitCount }'),
      { representations: [showcaseApplicant()] },
      {
        authorization: `Bearer ${assertion}`,
      },
    );
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data).toEqual({ _entities: [{ id: showcaseApplicant().id, sis: { hitCount: expect.any(Number) } }] });
    expect(await registryCallCount('sis')).toBe(1);
  });

  it("refuses the subgraph's own SDL (_service) to a caller without the schema right", async () => {
    const assertion = await graph.identity.assertion(SENIOR, null);
    const result = await askSubgraph('police', '{ _service { sdl } }', {}, { authorization: `Bearer ${assertion}` });
    expect(result.status).toBe(403);
    expect(result.body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

describe('X-Road-UserId and X-Road-Issue come from the assertion alone', () => {
  /** Headers someone might add hoping a registry hears another caller or case. */
  const SPOOFED_HEADERS = {
    'x-user-id': 'intruder',
    'x-casegraph-user': 'intruder',
    'x-casegraph-case': 'APP-0000009',
    'x-road-userid': 'FIintruder',
    'x-road-issue': 'APP-0000009',
  };

  it('through the gateway: the signed-in user and the case the request is about', async () => {
    const result = await graph.operation('CaseView', {}, { ...(await graph.as('matti.korhonen')), ...SPOOFED_HEADERS });
    expect(result.status).toBe(200);
    const calls = await recentCalls();
    expect(new Set(calls.map((call) => call.registry))).toEqual(
      new Set(['caseRegister', 'population', 'police', 'sis', 'tradeRegister', 'tax']),
    );
    for (const call of calls) {
      expect({ registry: call.registry, userId: call.xRoadUserId, issue: call.xRoadIssue }).toEqual({
        registry: call.registry,
        userId: 'FImatti.korhonen',
        issue: SCENARIO.showcase,
      });
    }
  });

  it('straight to a subgraph with a valid assertion: its subject and case, not the headers', async () => {
    const assertion = await graph.identity.assertion(CASE_WORKER, SCENARIO.showcase);
    const result = await askSubgraph(
      'population',
      'query($code: String!) { populationRecord(personalIdentityCode: $code) { familyName } }',
      { code: showcaseApplicant().personalIdentityCode },
      { authorization: `Bearer ${assertion}`, ...SPOOFED_HEADERS },
    );
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    // The case register first (is the case the caller's, and the person its applicant?), then the person.
    const calls = await recentCalls();
    expect(calls.map((call) => call.registry)).toEqual(['caseRegister', 'population']);
    for (const call of calls) expect(call).toMatchObject({ xRoadUserId: 'FIkaisa.virtanen', xRoadIssue: SCENARIO.showcase });
  });

  it('an assertion about no case names none, whatever the headers say', async () => {
    const assertion = await graph.identity.assertion(CASE_WORKER, null);
    // A worklist is about no single case.
    await askSubgraph(
      'applications',
      '{ worklist(first: 1) { totalCount } }',
      {},
      {
        authorization: `Bearer ${assertion}`,
        ...SPOOFED_HEADERS,
        'x-case-id': 'APP-0000009',
      },
    );
    const calls = await recentCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ registry: 'caseRegister', xRoadUserId: 'FIkaisa.virtanen', xRoadIssue: null });
  });
});
