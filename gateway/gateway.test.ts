/**
 * The gateway over real HTTP: small subgraphs built here with buildSubgraphSchema and served on
 * port 0, composed with composeServices into a temporary supergraph file.
 *
 *   applications  up: application(id), applications(ids), worklist(first), slow, broken
 *   police        up: Applicant.police
 *   tax           unreachable: its URL is a port nobody listens on
 *   population    answers every request with an HTML 502, like a proxy in front of a dead service
 *
 * Further gateways over the same subgraphs override SUBGRAPH_<NAME>_URL to make them all
 * unreachable, or one of them silent.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { pino } from 'pino';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GatewayAssertionSigner, GatewayAssertionVerifier } from '../platform/gateway-assertion.js';
import { ConfigError } from '../platform/config.js';
import { principalFromClaims } from './authentication/principal.js';
import { loadRightsFile } from './authentication/rights-file.js';
import { createGraphQLHttpServer, listen, sendJson } from '../platform/http-server.js';
import { createLogger } from '../platform/logger.js';
import { createTestIdentity, DEFAULT_TEST_USER, TEST_ISSUER, type TestIdentity } from '../test/test-identity.js';
import { loadGatewayConfig } from './config.js';
import { startGateway, type RunningGateway } from './server.js';

const FEDERATION = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
  @link(url: "https://casegraph.invalid/authorization/v1.0", import: ["@requiresRights", "@notPersonalData"])
  @composeDirective(name: "@requiresRights") @composeDirective(name: "@notPersonalData")
  directive @requiresRights(rights: [[String!]!]!) on FIELD_DEFINITION | OBJECT
  directive @notPersonalData on FIELD_DEFINITION | OBJECT`;
const CASE = '@requiresRights(rights: [["case:read"]])';

const APPLICATIONS_SDL = `${FEDERATION}
  type Query {
    application(id: ID!): Application ${CASE}
    applications(ids: [ID!]!): [Application]! ${CASE}
    worklist(first: Int = 50): [Application!]! ${CASE}
    slow: String @notPersonalData
    broken: String @notPersonalData
  }
  type Application @key(fields: "id") ${CASE} { id: ID! applicant: Applicant! }
  type Applicant @key(fields: "id") ${CASE} { id: ID! name: String! applications: [Application!]! }
`;
const POLICE_SDL = `${FEDERATION}
  type Applicant @key(fields: "id") ${CASE} { id: ID! police: PoliceRecord @requiresRights(rights: [["police:read"]]) }
  type PoliceRecord @requiresRights(rights: [["police:read"]]) { hasEntries: Boolean! }
`;
const TAX_SDL = `${FEDERATION}
  type Applicant @key(fields: "id") ${CASE} { id: ID! taxDebt: TaxDebt @requiresRights(rights: [["tax:personal"]]) }
  type TaxDebt @requiresRights(rights: [["tax:personal"]]) { hasDebt: Boolean! }
`;
const POPULATION_SDL = `${FEDERATION}
  type Applicant @key(fields: "id") ${CASE} { id: ID! population: PopulationRecord @requiresRights(rights: [["population:read"]]) }
  type PopulationRecord @requiresRights(rights: [["population:read"]]) { municipality: String! }
`;

interface Forwarded {
  subgraph: string;
  requestId: string | undefined;
  /** From the gateway's assertion, verified as a subgraph verifies it. */
  user: string | undefined;
  case: string | null | undefined;
  rights: string[] | undefined;
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** What the subgraphs saw: one entry per request a subgraph received. */
const forwarded: Forwarded[] = [];
let slowEntered = deferred();
let slowRelease = deferred();

const quiet = createLogger('test-subgraph', 'silent');
const closers: Array<() => Promise<void>> = [];
const tempDir = mkdtempSync(path.join(tmpdir(), 'casegraph-gateway-test-'));

async function serveSubgraph(name: string, sdl: string, resolvers: Record<string, unknown>): Promise<string> {
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never }),
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();
  const server = createGraphQLHttpServer({
    apollo,
    maxBodyBytes: 1024 * 1024,
    logger: quiet,
    routes: { 'GET /health': (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    // These subgraphs record what the gateway asserts, verified with its public keys, and let
    // every request through: what a real subgraph refuses is tested with the real subgraphs.
    authenticate: async () => ({ ok: true as const, caller: undefined }),
    context: async (req) => {
      const header = (key: string) => req.headers[key] as string | undefined;
      const bearer = header('authorization')?.replace(/^Bearer /, '');
      const assertion = bearer ? await assertionVerifier.verify(bearer).catch(() => undefined) : undefined;
      forwarded.push({
        subgraph: name,
        requestId: header('x-request-id'),
        user: assertion?.sub,
        case: assertion?.case,
        rights: assertion?.rights,
      });
      return {};
    },
  });
  const { url } = await listen(server, 0, '127.0.0.1');
  closers.push(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await apollo.stop();
  });
  return `${url}/graphql`;
}

/** A port nothing listens on: bound and released by this process. */
async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function application(id: string) {
  return { id, applicant: { id: `CUS-${id.slice(4)}`, name: 'Test Applicant' } };
}

let identity: TestIdentity;
let assertionVerifier: GatewayAssertionVerifier;
let supergraphPath: string;
let operationsDir: string;
let deadUrl: string;
let baseEnv: Record<string, string>;

beforeAll(async () => {
  identity = await createTestIdentity();
  assertionVerifier = new GatewayAssertionVerifier(JSON.parse(identity.subgraphEnv.GATEWAY_ASSERTION_PUBLIC_KEYS!));
  const applicationsUrl = await serveSubgraph('applications', APPLICATIONS_SDL, {
    Query: {
      application: (_: unknown, { id }: { id: string }) => application(id),
      applications: (_: unknown, { ids }: { ids: string[] }) => ids.map(application),
      worklist: () => [application('APP-0000001')],
      slow: async () => {
        slowEntered.resolve();
        await slowRelease.promise;
        return 'finished';
      },
      broken: () => {
        throw new Error('connection to db01.internal:5432 refused at /srv/casegraph/secret.ts');
      },
    },
    Applicant: { applications: () => [] },
  });
  const policeUrl = await serveSubgraph('police', POLICE_SDL, {
    Applicant: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, police: { hasEntries: false } }) },
  });

  const badGateway = http.createServer((_req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<html><body>502 Bad Gateway</body></html>');
  });
  const { url: populationUrl } = await listen(badGateway, 0, '127.0.0.1');
  closers.push(() => new Promise<void>((resolve) => badGateway.close(() => resolve())));

  deadUrl = `http://127.0.0.1:${await unusedPort()}/graphql`;
  const composition = composeServices([
    { name: 'applications', url: applicationsUrl, typeDefs: parse(APPLICATIONS_SDL) },
    { name: 'police', url: policeUrl, typeDefs: parse(POLICE_SDL) },
    { name: 'tax', url: deadUrl, typeDefs: parse(TAX_SDL) },
    { name: 'population', url: `${populationUrl}/graphql`, typeDefs: parse(POPULATION_SDL) },
  ]);
  if (composition.errors) throw new Error(composition.errors.map((error) => error.message).join('\n'));
  supergraphPath = path.join(tempDir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composition.supergraphSdl);

  operationsDir = path.join(tempDir, 'operations');
  mkdirSync(operationsDir);
  writeFileSync(
    path.join(operationsDir, 'OneApplication.graphql'),
    '# One application by id.\nquery OneApplication($id: ID! = "APP-0000001") {\n  application(id: $id) { id applicant { name } }\n}\n',
  );
  writeFileSync(
    path.join(operationsDir, 'ApplicantPoliceCheck.graphql'),
    'query ApplicantPoliceCheck($id: ID! = "APP-0000002", $after: String) {\n  application(id: $id) { applicant { police { hasEntries } } }\n}\n',
  );
  baseEnv = {
    PORT: '0',
    SUPERGRAPH_PATH: supergraphPath,
    OPERATIONS_DIR: operationsDir,
    MAX_BODY_BYTES: String(64 * 1024),
    ...identity.gatewayEnv,
  };
});

afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  rmSync(tempDir, { recursive: true, force: true });
});

beforeEach(() => {
  forwarded.length = 0;
});

/** Starts a gateway on `env` (over baseEnv); its log lines are collected in `logLines`. */
async function startTestGateway(env: Record<string, string> = {}) {
  const logLines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  const gateway = await startGateway(loadGatewayConfig({ ...baseEnv, ...env }), { logger });
  return { gateway, logLines };
}

interface GraphQLResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
  };
}

/** POSTs as DEFAULT_TEST_USER (a senior case worker) unless `headers` carry an authorization of their own. */
async function postGraphQL(gateway: RunningGateway, payload: unknown, headers: Record<string, string> = {}): Promise<GraphQLResult> {
  const signedIn = 'authorization' in headers ? headers : { ...(await identity.as(DEFAULT_TEST_USER)), ...headers };
  const response = await request(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signedIn },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text, body: JSON.parse(text) };
}

const codesOf = (result: GraphQLResult) => (result.body.errors ?? []).map((error) => error.extensions?.code);

describe('the gateway with its subgraphs', () => {
  let gateway: RunningGateway;
  let logLines: string[];

  beforeAll(async () => {
    ({ gateway, logLines } = await startTestGateway());
  });
  afterAll(() => gateway.close());

  it('answers a query across subgraphs', async () => {
    const result = await postGraphQL(gateway, {
      query: '{ application(id: "APP-0000001") { id applicant { name police { hasEntries } } } }',
    });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      data: { application: { id: 'APP-0000001', applicant: { name: 'Test Applicant', police: { hasEntries: false } } } },
    });
  });

  it('forwards the request id, the caller and the case named by a literal application id', async () => {
    const result = await postGraphQL(
      gateway,
      { query: '{ application(id: "APP-0000001") { applicant { police { hasEntries } } } }' },
      { 'x-request-id': 'req-literal-1', ...(await identity.as('matti.korhonen')) },
    );
    expect(result.headers['x-request-id']).toBe('req-literal-1');
    expect(forwarded.map((seen) => seen.subgraph).sort()).toEqual(['applications', 'police']);
    for (const seen of forwarded) {
      expect(seen).toMatchObject({ requestId: 'req-literal-1', user: 'matti.korhonen', case: 'APP-0000001' });
      expect(seen.rights).toContain('police:read');
    }
  });

  it('forwards the case named by a variable', async () => {
    await postGraphQL(gateway, {
      query: 'query Case($id: ID!) { application(id: $id) { applicant { police { hasEntries } } } }',
      variables: { id: 'APP-0000002' },
    });
    expect(forwarded).toHaveLength(2);
    for (const seen of forwarded) expect(seen.case).toBe('APP-0000002');
  });

  it('forwards no case for an operation about several applications', async () => {
    await postGraphQL(gateway, {
      query: '{ a: application(id: "APP-0000001") { id } b: application(id: "APP-0000002") { id } }',
    });
    await postGraphQL(gateway, { query: '{ applications(ids: ["APP-0000001"]) { id } }' });
    expect(forwarded).toHaveLength(2);
    for (const seen of forwarded) expect(seen.case).toBeNull();
  });

  it('prefers a well-formed x-case-id header and ignores a malformed one', async () => {
    const query = { query: '{ application(id: "APP-0000001") { id } }' };
    await postGraphQL(gateway, query, { 'x-case-id': 'APP-0000009' });
    await postGraphQL(gateway, query, { 'x-case-id': 'APP-1; drop' });
    // A case the caller names is checked first (the applications subgraph answers whether they
    // may read it), then the operation runs under it; a malformed one leaves the case to the operation.
    expect(forwarded.map((seen) => seen.case)).toEqual(['APP-0000009', 'APP-0000009', 'APP-0000001']);
  });

  it('refuses a request without an access token with 401, and never trusts a caller named in a header', async () => {
    const refused = await postGraphQL(gateway, { query: '{ application(id: "APP-0000001") { id } }' }, { authorization: '' });
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="casegraph"');
    expect(codesOf(refused)).toEqual(['UNAUTHENTICATED']);
    expect(forwarded).toHaveLength(0);

    await postGraphQL(
      gateway,
      { query: '{ application(id: "APP-0000001") { id } }' },
      { 'x-user-id': 'someone.else', 'x-casegraph-user': 'someone.else' },
    );
    expect(forwarded[0]?.user).toBe(DEFAULT_TEST_USER);
  });

  it('delivers the other subgraphs’ data when one cannot be reached', async () => {
    const result = await postGraphQL(gateway, {
      query: '{ application(id: "APP-0000001") { id applicant { name police { hasEntries } taxDebt { hasDebt } } } }',
    });
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({
      application: { id: 'APP-0000001', applicant: { name: 'Test Applicant', police: { hasEntries: false }, taxDebt: null } },
    });
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors?.[0]?.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE' });
    // Where the answer is missing (the entity whose fields the subgraph adds), not which subgraph failed: an internal name.
    expect(result.body.errors?.[0]?.path).toEqual(['application', 'applicant']);
    expect(result.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack|tax\b|serviceName/i);
  });

  it('treats a subgraph answering a 5xx HTML page as unavailable', async () => {
    const result = await postGraphQL(gateway, {
      query: '{ application(id: "APP-0000001") { applicant { name population { municipality } } } }',
    });
    expect(result.body.data).toEqual({ application: { applicant: { name: 'Test Applicant', population: null } } });
    expect(result.body.errors?.map((error) => error.extensions)).toEqual([{ code: 'SUBGRAPH_UNAVAILABLE' }]);
    expect(result.text).not.toMatch(/Bad Gateway|html/i);
  });

  it('answers an oversized body with 413 and a code', async () => {
    const result = await postGraphQL(gateway, { query: `{ __typename } #${'x'.repeat(70 * 1024)}` });
    expect(result.status).toBe(413);
    expect(codesOf(result)).toEqual(['BAD_REQUEST']);
  });

  it('answers malformed JSON with 400 and a code', async () => {
    const result = await postGraphQL(gateway, '{"query": "{ __typename }"');
    expect(result.status).toBe(400);
    expect(codesOf(result)).toEqual(['BAD_REQUEST']);
  });

  it('masks an error thrown by a resolver, without a stack', async () => {
    const result = await postGraphQL(gateway, { query: '{ broken }' });
    expect(result.body.data).toEqual({ broken: null });
    expect(result.body.errors).toEqual([
      { message: 'Internal server error', path: ['broken'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    expect(result.text).not.toMatch(/db01|secret|stacktrace|\.ts/);
  });

  it.each([
    ['too deep', `{ application(id: "APP-0000001") { ${'applicant { applications { '.repeat(5)}id${' } }'.repeat(5)} } }`],
    ['too many aliases', `{ ${Array.from({ length: 21 }, (_, i) => `a${i}: application(id: "APP-0000001") { id }`).join(' ')} }`],
    ['too many directives', `{ application(id: "APP-0000001") { ${'id @include(if: true) '.repeat(21)}} }`],
    ['too costly', '{ worklist(first: 100000) { id applicant { name applications { id } } } }'],
    ['too many tokens', `{ ${'__typename '.repeat(3001)}}`],
    ['a string literal over 1,000 characters', `{ application(id: "${'A'.repeat(1001)}") { id } }`],
    ['a block string over 1,000 characters', `{ application(id: """${'A'.repeat(1001)}""") { id } }`],
  ])('refuses a query that is %s with QUERY_TOO_COMPLEX', async (_shape, query) => {
    const result = await postGraphQL(gateway, { query });
    expect(result.status).toBe(400);
    expect(codesOf(result)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(result.body.errors?.[0]?.message).not.toMatch(/Syntax Error/);
    expect(forwarded).toEqual([]);
  });

  it('refuses a variable holding a string over 1,000 characters with BAD_USER_INPUT, naming where it is, before anything runs', async () => {
    const name = 'x'.repeat(1001);
    const posted = await postGraphQL(gateway, {
      query: 'query Search($filter: WorklistFilter) { worklist(filter: $filter) { totalCount } }',
      variables: { filter: { employerBusinessId: name } },
    });
    expect(posted.status).toBe(400);
    expect(posted.body.errors).toEqual([
      {
        message: 'The variable $filter.employerBusinessId is a string of 1001 characters; a string may have at most 1000.',
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
    const search = new URLSearchParams({
      query: 'query A($id: ID!) { application(id: $id) { id } }',
      variables: JSON.stringify({ id: name }),
    });
    const got = await request(`${gateway.url}/graphql?${search}`, {
      headers: { ...(await identity.as(DEFAULT_TEST_USER)), 'apollo-require-preflight': 'true' },
    });
    expect(got.statusCode).toBe(400);
    expect(JSON.parse(await got.body.text())).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    // A key that is no GraphQL name (here an identity code) is not echoed.
    const oddKey = await postGraphQL(gateway, { query: '{ __typename }', variables: { '131052-308T': name } });
    expect(oddKey.body.errors?.[0]?.message).toBe('A variable is a string of 1001 characters; a string may have at most 1000.');
    expect(forwarded).toEqual([]);
    // At the limit it is not this check that answers: the operation runs (and the id is simply not found).
    const atLimit = await postGraphQL(gateway, {
      query: 'query A($id: ID!) { application(id: $id) { id } }',
      variables: { id: 'x'.repeat(1000) },
    });
    expect(atLimit.text).not.toMatch(/at most 1000/);
  });

  it('logs one line per request without variables, literals or credentials', async () => {
    const token = await identity.token('kaisa.virtanen');
    logLines.length = 0;
    await postGraphQL(
      gateway,
      { query: 'query Lookup($id: ID!) { application(id: $id) { id } }', variables: { id: 'APP-0007777' } },
      { 'x-request-id': 'req-log-1', authorization: `Bearer ${token}` },
    );
    await postGraphQL(
      gateway,
      { query: '{ application(id: "APP-0008888") { applicant { taxDebt { hasDebt } } } }' },
      { 'x-request-id': 'req-log-2' },
    );
    await request(`${gateway.url}/health`).then((response) => response.body.dump());

    const requestLines = logLines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
    expect(requestLines).toHaveLength(3);
    // An operation name casegraph does not ship is the caller's text: logged as a keyed hash.
    expect(requestLines[0]).toMatchObject({
      requestId: 'req-log-1',
      operationName: expect.stringMatching(/^#[0-9a-f]{12}$/),
      status: 200,
      path: '/graphql',
    });
    expect(requestLines[0].durationMs).toEqual(expect.any(Number));
    expect(requestLines[1]).toMatchObject({ requestId: 'req-log-2', status: 200, errorCodes: ['SUBGRAPH_UNAVAILABLE'] });
    expect(requestLines[2]).toMatchObject({ path: '/health', status: 200 });
    expect(logLines.join('\n')).not.toMatch(/APP-0007777|APP-0008888|Kaisa|Virtanen/);
    expect(logLines.join('\n')).not.toContain(token);
  });

  it('logs a subgraph outage once when it starts, not once per fetch', async () => {
    const { gateway: another, logLines: anotherLog } = await startTestGateway();
    for (let i = 0; i < 3; i++)
      await postGraphQL(another, { query: '{ application(id: "APP-0000001") { applicant { taxDebt { hasDebt } } } }' });
    const outages = anotherLog.map((line) => JSON.parse(line)).filter((entry) => /subgraph (still )?unavailable/.test(entry.msg));
    expect(outages.filter((entry) => entry.level === 40)).toEqual([
      expect.objectContaining({ subgraph: 'tax', msg: 'subgraph unavailable' }),
    ]);
    await another.close();
  });

  it('answers /health and /ready, with each subgraph’s reachability', async () => {
    const health = await request(`${gateway.url}/health`);
    expect(health.statusCode).toBe(200);
    expect(await health.body.json()).toEqual({ status: 'ok' });

    const ready = await request(`${gateway.url}/ready`);
    expect(ready.statusCode).toBe(200);
    expect(await ready.body.json()).toEqual({
      status: 'ready',
      subgraphs: { applications: 'reachable', police: 'reachable', tax: 'unreachable', population: 'unreachable' },
    });
  });

  describe('GraphiQL at /', () => {
    it('is self-contained: every src, href and url() is relative, data: or blob:', async () => {
      const response = await request(`${gateway.url}/`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      const html = await response.body.text();
      expect(html).toContain('<title>casegraph</title>');

      const references = [
        ...html.matchAll(/\b(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))|url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\)/gi),
      ].map((match) =>
        match
          .slice(1)
          .find((group) => group !== undefined)!
          .trim(),
      );
      expect(references.length).toBeGreaterThan(50);
      const external = references.filter(
        (reference) => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(reference) || /^(?:https?|wss?|ftp|javascript):/i.test(reference),
      );
      expect(external).toEqual([]);
    });

    it('offers the example operations, as tabs with their default variables', async () => {
      const html = await (await request(`${gateway.url}/`)).body.text();
      expect(html).toContain('query OneApplication(');
      expect(html).toContain('query ApplicantPoliceCheck(');
      expect(html).toContain('"defaultTabs"');
      expect(html).toContain(JSON.stringify(JSON.stringify({ id: 'APP-0000002' }, null, 2)));
    });

    it('needs no token, signs in at the configured issuer, and may connect only to itself and that issuer', async () => {
      const response = await request(`${gateway.url}/`);
      expect(response.statusCode).toBe(200);
      const html = await response.body.text();
      const config = JSON.parse(/<script type="application\/json" id="casegraph-config">(.*?)<\/script>/s.exec(html)![1]!);
      expect(config.signIn).toEqual({ issuer: TEST_ISSUER, clientId: 'casegraph-graphiql', resource: 'urn:casegraph' });
      expect(config.rights.roles.analyst.rights).toContain('query-plan:read');
      const policy = String(response.headers['content-security-policy']).split('; ');
      expect(policy).toContain(`connect-src 'self' ${TEST_ISSUER}`);
      expect(policy).toContain("default-src 'self'");
      // The sign-in's address of return is the page itself: it must not be cached with a code in it.
      expect(response.headers['cache-control']).toBe('no-cache');
    });

    it('is served gzipped when accepted, with an ETag that answers 304', async () => {
      const plain = await request(`${gateway.url}/`);
      const plainBody = Buffer.from(await plain.body.arrayBuffer());
      expect(plain.headers['content-encoding']).toBeUndefined();

      const zipped = await request(`${gateway.url}/`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toBe('accept-encoding');
      const zippedBody = Buffer.from(await zipped.body.arrayBuffer());
      expect(zippedBody.length).toBeLessThan(plainBody.length / 2);
      expect(gunzipSync(zippedBody).equals(plainBody)).toBe(true);

      const etag = zipped.headers.etag as string;
      expect(etag).toMatch(/^".+"$/);
      expect(etag).not.toBe(plain.headers.etag);
      const revalidated = await request(`${gateway.url}/`, { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
      expect(revalidated.statusCode).toBe(304);
      expect(await revalidated.body.text()).toBe('');

      const refused = await request(`${gateway.url}/`, { headers: { 'accept-encoding': 'gzip;q=0' } });
      expect(refused.headers['content-encoding']).toBeUndefined();
      await refused.body.dump();
    });
  });
});

describe("the benchmark's security-off gateway (issue 10's baseline, bench/peers/casegraph-security-off.ts)", () => {
  async function securityOff() {
    const config = loadGatewayConfig(baseEnv);
    const caller = principalFromClaims(
      { sub: 'bench.fixed-caller', roles: ['senior-case-worker'], unit: 'HEL-1' },
      loadRightsFile(config.rightsFile),
    );
    if ('rejected' in caller) throw new Error(caller.rejected);
    const signer = await GatewayAssertionSigner.create(JSON.parse(identity.gatewayEnv.GATEWAY_ASSERTION_SIGNING_KEY!), 600);
    return { config, callerSecurityOff: { caller, subgraphAssertion: await signer.assertionFor(caller, null) } };
  }

  it('is refused in production', async () => {
    const { config, callerSecurityOff } = await securityOff();
    const started = startGateway({ ...config, production: true }, { logger: createLogger('test', 'silent'), callerSecurityOff });
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(/security-off gateway never runs in production/);
  });

  it('serves every request as its one caller, looking at no token, with its one assertion', async () => {
    const { config, callerSecurityOff } = await securityOff();
    const gateway = await startGateway(config, { logger: createLogger('test', 'silent'), callerSecurityOff });
    try {
      const query = { query: '{ application(id: "APP-0000001") { id applicant { police { hasEntries } } } }' };
      const withoutToken = await postGraphQL(gateway, query, { authorization: '' });
      expect(withoutToken.status).toBe(200);
      expect(withoutToken.body.data).toEqual({ application: { id: 'APP-0000001', applicant: { police: { hasEntries: false } } } });
      // The case travels only in assertions signed per case: the fixed one names none.
      expect(forwarded.map((seen) => [seen.subgraph, seen.user, seen.case]).sort()).toEqual([
        ['applications', 'bench.fixed-caller', null],
        ['police', 'bench.fixed-caller', null],
      ]);
    } finally {
      await gateway.close();
    }
  });
});

describe('a gateway whose subgraphs are all down', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    ({ gateway } = await startTestGateway({
      SUBGRAPH_APPLICATIONS_URL: deadUrl,
      SUBGRAPH_POLICE_URL: deadUrl,
      SUBGRAPH_TAX_URL: deadUrl,
      SUBGRAPH_POPULATION_URL: deadUrl,
    }));
  });
  afterAll(() => gateway.close());

  it('starts, and is not ready while no subgraph is reachable', async () => {
    const ready = await request(`${gateway.url}/ready`);
    expect(ready.statusCode).toBe(503);
    expect(await ready.body.json()).toEqual({
      status: 'no-subgraph-reachable',
      subgraphs: { applications: 'unreachable', police: 'unreachable', tax: 'unreachable', population: 'unreachable' },
    });
  });

  it('answers a query with SUBGRAPH_UNAVAILABLE', async () => {
    const result = await postGraphQL(gateway, { query: '{ application(id: "APP-0000001") { id } }' });
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({ application: null });
    expect(result.body.errors?.map((error) => error.extensions)).toEqual([{ code: 'SUBGRAPH_UNAVAILABLE' }]);
  });

  it('refuses introspection, and suggests no field names, to a caller without the schema right', async () => {
    const introspection = await postGraphQL(gateway, { query: '{ __schema { types { name } } }' });
    expect(introspection.status).toBe(403);
    expect(codesOf(introspection)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE']);

    const misspelt = await postGraphQL(gateway, { query: '{ applicatio(id: "APP-0000001") { id } }' });
    expect(codesOf(misspelt)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(misspelt.text).not.toMatch(/Did you mean|"application"/);
  });

  it('gives both to an analyst, who holds the schema right', async () => {
    const analyst = await identity.as('antti.heikkinen');
    const introspection = await postGraphQL(gateway, { query: '{ __schema { queryType { name } } }' }, analyst);
    expect(introspection.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const misspelt = await postGraphQL(gateway, { query: '{ applicatio(id: "APP-0000001") { id } }' }, analyst);
    expect(misspelt.body.errors?.[0]?.message).toMatch(/Did you mean "application"/);
  });
});

describe('a subgraph that does not answer in time', () => {
  it('costs its fields, with SUBGRAPH_UNAVAILABLE, and not the rest of the answer', async () => {
    const silent = http.createServer(() => {
      // Accepts the request and never answers.
    });
    const { url: silentUrl } = await listen(silent, 0, '127.0.0.1');
    const { gateway } = await startTestGateway({ SUBGRAPH_POPULATION_URL: `${silentUrl}/graphql`, SUBGRAPH_TIMEOUT_MS: '200' });
    try {
      const result = await postGraphQL(gateway, {
        query: '{ application(id: "APP-0000001") { applicant { name population { municipality } } } }',
      });
      expect(result.body.data).toEqual({ application: { applicant: { name: 'Test Applicant', population: null } } });
      expect(result.body.errors?.map((error) => error.extensions)).toEqual([{ code: 'SUBGRAPH_UNAVAILABLE' }]);
      expect(result.text).not.toMatch(/timeout/i);
    } finally {
      await gateway.close();
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('graceful shutdown', () => {
  it('lets a request in flight finish, then refuses new connections', async () => {
    const { gateway } = await startTestGateway();
    slowEntered = deferred();
    slowRelease = deferred();

    const inFlight = postGraphQL(gateway, { query: '{ slow }' });
    await slowEntered.promise;
    const closed = gateway.close();
    slowRelease.resolve();

    const result = await inFlight;
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: { slow: 'finished' } });
    await closed;

    const connection = net.connect(gateway.port, '127.0.0.1');
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => connection.once('error', resolve));
    expect(error.code).toBe('ECONNREFUSED');
  });
});
