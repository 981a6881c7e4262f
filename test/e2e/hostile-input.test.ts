/**
 * Hostile and malformed requests at the gateway's door, over raw HTTP (undici), against the whole
 * graph. Every answer is a 4xx with a code from platform/errors.ts (or 200 with errors where
 * GraphQL-over-HTTP says so), none is a 5xx, none names an internal thing (a subgraph, an address,
 * a stack, Apollo's headers), none of the personal data the requests carry reaches the log, and
 * the gateway answers a real query afterwards.
 */
import { pino } from 'pino';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig, subgraphUrlVariable } from '../../gateway/config.js';
import { startGateway, type RunningGateway } from '../../gateway/server.js';
import { ErrorCode } from '../../platform/errors.js';
import { exampleOperation, startTestGraph, type TestGraph } from '../graph-harness.js';

/** Personal data a caller may put anywhere in a request: none of it may reach the log. */
const IDENTITY_CODE = '131052-308T';
const IDENTITY_CODE_AS_NAME = '131052A308T';
const FAMILY_NAME = 'Virtanen';
const DATE_OF_BIRTH = '1952-10-13';
const BUSINESS_ID = '0245437-2';

/** Codes a client may see: the registry's, and Apollo's client-error codes it lets through. */
const KNOWN_CODES = new Set<string>([...Object.values(ErrorCode), 'PERSISTED_QUERY_NOT_FOUND']);

interface HostileRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Sign in as the default user (true unless the request is about the door itself). */
  signedIn?: boolean;
  /** Harmless enough to be answered (200 with data); what matters is what it leaves in the log and the answer. */
  answered?: boolean;
}

const json = { 'content-type': 'application/json' };
const nested = (open: string, inner: string, close: string, depth: number) => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ');

const HOSTILE: Array<[string, HostileRequest]> = [
  // The JSON body
  ['malformed JSON', { body: '{"query": "{ __typename }"' }],
  ['JSON with a trailing comma', { body: '{"query": "{ __typename }",}' }],
  ['an empty body', { body: '' }],
  ['a body of null', { body: 'null' }],
  ['a body of a number', { body: '42' }],
  ['a body of a string', { body: '"{ __typename }"' }],
  ['a batch (array) of operations', { body: [{ query: '{ __typename }' }, { query: '{ __typename }' }] }],
  ['an empty object', { body: {} }],
  ['query as a number', { body: { query: 42 } }],
  ['query as an object', { body: { query: { a: 1 } } }],
  ['query as an array', { body: { query: ['{ __typename }'] } }],
  ['query as null', { body: { query: null } }],
  ['variables as a string', { body: { query: '{ __typename }', variables: '{}' } }],
  ['variables as an array', { body: { query: '{ __typename }', variables: [1, 2] } }],
  ['variables as a number', { body: { query: '{ __typename }', variables: 7 } }],
  ['extensions as a string', { body: { query: '{ __typename }', extensions: 'x' } }],
  ['extensions as an array', { body: { query: '{ __typename }', extensions: [] } }],
  ['operationName as a number', { body: { query: '{ __typename }', operationName: 7 } }],
  ['operationName as an object', { body: { query: '{ __typename }', operationName: {} } }],
  ['variables nested 5,000 lists deep', { body: `{"query":"{ __typename }","variables":{"x":${nested('[', '', ']', 5000)}}}` }],
  ['variables nested 5,000 objects deep', { body: `{"query":"{ __typename }","variables":{"x":${nested('{"a":', '1', '}', 5000)}}}` }],
  ['extensions nested 5,000 deep', { body: `{"query":"{ __typename }","extensions":{"x":${nested('[', '', ']', 5000)}}}` }],
  ['a body over the size limit', { body: { query: '{ __typename }', padding: 'x'.repeat(300 * 1024) } }],
  [
    'a giant string variable',
    {
      body: { query: 'query($n: String!) { searchApplicants(familyName: $n) { id } }', variables: { n: 'x'.repeat(200 * 1024) } },
    },
  ],
  ['a NUL and lone surrogates in the query', { body: { query: '{ __typename \u0000 \ud800 }' } }],
  [
    'unicode oddities in a string literal',
    { body: { query: '{ searchApplicants(familyName: "\u202e\ufeffVir\u0000tanen\ud83d") { id } }' } },
  ],
  [
    'a right-to-left override in an identity code',
    { body: { query: `{ populationRecord(personalIdentityCode: "\u202e${IDENTITY_CODE}") { familyName } }` } },
  ],
  // Operations
  ['an unknown operationName', { body: { query: 'query A { __typename }', operationName: 'B' } }],
  ['two operations without operationName', { body: { query: 'query A { __typename } query B { __typename }' } }],
  ['a mutation', { body: { query: 'mutation { __typename }' } }],
  ['a subscription', { body: { query: 'subscription { __typename }' } }],
  ['an anonymous operation beside a named one', { body: { query: '{ __typename } query B { __typename }' } }],
  ['a syntax error', { body: { query: '{ application(id: ' } }],
  ['an unknown field', { body: { query: '{ nope }' } }],
  ['a query of only a comment', { body: { query: '# nothing' } }],
  ['an empty query', { body: { query: '' } }],
  ['a list literal nested 1,400 deep', { body: { query: `{ applications(ids: ${nested('[', '', ']', 1400)}) { id } }` } }],
  ['an object literal nested 1,000 deep', { body: { query: `{ worklist(filter: ${nested('{ a: ', '1', ' }', 1000)}) { totalCount } }` } }],
  ['selections nested 2,000 deep', { body: { query: nested('{ a ', '', '}', 2000) } }],
  ['an alias bomb', { body: { query: `{ ${aliases(5000)} }` } }],
  [
    'a depth bomb',
    { body: { query: `{ application(id: "APP-0000001") { ${'applicant { applications { '.repeat(8)}id${' } }'.repeat(8)} } }` } },
  ],
  [
    'a cost bomb',
    { body: { query: '{ worklist(first: 100000) { items { applicant { population { familyRelations { person { familyName } } } } } } }' } },
  ],
  ['a directive overload', { body: { query: `{ __typename ${'@include(if: true) '.repeat(500)}}` } }],
  ['unknown directives', { body: { query: `{ __typename @nope @nope2 }` } }],
  ['a token bomb', { body: { query: `{ ${'__typename '.repeat(10_000)}}` } }],
  ['fragments that spread each other', { body: { query: '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }' } }],
  ['a malformed Date literal', { body: { query: `{ searchApplicants(familyName: "${FAMILY_NAME}", dateOfBirth: "2026-13-45") { id } }` } }],
  [
    'a Date literal of the wrong kind',
    { body: { query: `{ searchApplicants(familyName: "${FAMILY_NAME}", dateOfBirth: 19521013) { id } }` } },
  ],
  [
    'a malformed Date variable',
    { body: { query: 'query($d: Date) { searchApplicants(familyName: "X", dateOfBirth: $d) { id } }', variables: { d: '2026-02-30' } } },
  ],
  ['a variable of the wrong type', { body: { query: 'query($f: Int) { worklist(first: $f) { totalCount } }', variables: { f: 'many' } } }],
  ['a required variable missing', { body: { query: 'query($id: ID!) { application(id: $id) { id } }' } }],
  ['an undeclared variable', { body: { query: '{ application(id: $id) { id } }' } }],
  [
    'a malformed identity code',
    { body: { query: `{ populationRecord(personalIdentityCode: "${IDENTITY_CODE.replace('T', 'U')}") { familyName } }` } },
  ],
  ['a malformed Business ID', { body: { query: '{ employer(businessId: "0245437-3") { businessId } }' } }],
  ['a page too large', { body: { query: '{ worklist(first: 100000) { totalCount } }' } }],
  ['introspection by a case worker', { body: { query: '{ __schema { types { name } } }' } }],
  ['__type by a case worker', { body: { query: '{ __type(name: "Applicant") { fields { name } } }' } }],
  ['an operation named after an identity code', { answered: true, body: { query: `query _${IDENTITY_CODE_AS_NAME} { __typename }` } }],
  [
    'an operation named after a person',
    {
      answered: true,
      body: {
        query: `query ${FAMILY_NAME}_${DATE_OF_BIRTH.replace(/-/g, '_')} { __typename }`,
        operationName: `${FAMILY_NAME}_${DATE_OF_BIRTH.replace(/-/g, '_')}`,
      },
    },
  ],
  ['an unknown persisted query hash', { body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } } }],
  // HTTP
  ['no content type', { headers: {}, body: '{"query":"{ __typename }"}' }],
  ['text/plain (a browser form)', { headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' }],
  ['form-urlencoded', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' }],
  ['multipart/form-data', { headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\n\r\n{}\r\n--x--' }],
  [
    'a content type that does not parse',
    { answered: true, headers: { 'content-type': 'application/json; charset=' }, body: '{"query":"{ __typename }"}' },
  ],
  [
    'an unsupported charset',
    { answered: true, headers: { 'content-type': 'application/json; charset=utf-16' }, body: '{"query":"{ __typename }"}' },
  ],
  ['an Accept nothing can satisfy', { headers: { ...json, accept: 'image/png' }, body: { query: '{ __typename }' } }],
  ['PUT', { method: 'PUT', body: { query: '{ __typename }' } }],
  ['DELETE', { method: 'DELETE' }],
  ['PATCH on /graphql', { method: 'PATCH', body: { query: '{ __typename }' } }],
  ['OPTIONS', { method: 'OPTIONS' }],
  ['a path carrying an identity code', { method: 'GET', path: `/graphql/${IDENTITY_CODE}` }],
  ['a path carrying a name and a Business ID', { method: 'POST', path: `/${FAMILY_NAME}/${BUSINESS_ID}`, body: {} }],
  ['a path traversal', { method: 'GET', path: '/../../etc/passwd' }],
  ['GET without a query', { method: 'GET', path: '/graphql', headers: json }],
  ['GET with variables that are not JSON', { method: 'GET', path: '/graphql?query=%7B__typename%7D&variables=%7B', headers: json }],
  ['GET with a mutation', { method: 'GET', path: '/graphql?query=mutation%7B__typename%7D', headers: json }],
  ['GET without CSRF protection', { method: 'GET', path: '/graphql?query=%7B__typename%7D', headers: {} }],
  ['GET with the query twice', { method: 'GET', path: '/graphql?query=%7B__typename%7D&query=%7B__typename%7D', headers: json }],
  [
    'GET with deep variables',
    {
      method: 'GET',
      path: `/graphql?query=%7B__typename%7D&variables=${encodeURIComponent(`{"x":${nested('[', '', ']', 500)}}`)}`,
      headers: json,
    },
  ],
  ['GET with a URL too long for the headers limit', { method: 'GET', path: `/graphql?query=${'a'.repeat(20_000)}`, headers: json }],
  ['a header too large', { headers: { ...json, 'x-padding': 'x'.repeat(20_000) }, body: { query: '{ __typename }' } }],
  [
    'a malformed x-request-id carrying an identity code',
    { answered: true, headers: { ...json, 'x-request-id': `<${IDENTITY_CODE}>` }, body: { query: '{ __typename }' } },
  ],
  [
    'an x-case-id that is not a case id',
    { answered: true, headers: { ...json, 'x-case-id': IDENTITY_CODE }, body: { query: '{ application(id: "APP-0000001") { id } }' } },
  ],
  ['no access token', { signedIn: false, body: { query: '{ __typename }' } }],
  [
    'a malformed bearer token',
    { signedIn: false, headers: { ...json, authorization: `Bearer ${IDENTITY_CODE}` }, body: { query: '{ __typename }' } },
  ],
  [
    'a Basic authorization',
    {
      signedIn: false,
      headers: { ...json, authorization: `Basic ${Buffer.from(`${FAMILY_NAME}:x`).toString('base64')}` },
      body: { query: '{ __typename }' },
    },
  ],
  ['an admin route without the right', { method: 'POST', path: '/admin/cache/flush', body: {} }],
  ['an admin route with malformed JSON', { method: 'POST', path: '/admin/cache/evict', body: '{' }],
];

let graph: TestGraph;
let gateway: RunningGateway;
let token: string;
const logLines: string[] = [];

beforeAll(async () => {
  graph = await startTestGraph();
  // A gateway of its own over the graph's subgraphs, logging everything it logs at debug into logLines.
  const subgraphUrls = Object.fromEntries(graph.subgraphs.map((subgraph) => [subgraphUrlVariable(subgraph.name), subgraph.url]));
  const config = loadGatewayConfig({ PORT: '0', ...graph.identity.gatewayEnv, ...subgraphUrls });
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  gateway = await startGateway(config, { logger });
  token = (await graph.as('kaisa.virtanen')).authorization!;
});
afterAll(async () => {
  await gateway?.close();
  await graph?.close();
});

async function send(hostile: HostileRequest) {
  const { method = 'POST', path = '/graphql', body, signedIn = true } = hostile;
  const headers = { ...(hostile.headers ?? json), ...(signedIn && !hostile.headers?.authorization ? { authorization: token } : {}) };
  const response = await request(`${gateway.url}${path}`, {
    method: method as 'POST',
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text };
}

/** What an answer must never show: addresses, stacks, subgraph names as such, Apollo's internals. */
function internalNamesIn(text: string): string[] {
  const subgraphOrigins = graph.subgraphs.map((subgraph) => new URL(subgraph.url).host);
  const patterns = [
    /serviceName/,
    /stacktrace|\n\s+at |\.ts:\d+|node_modules/,
    /127\.0\.0\.1|localhost/,
    /apollo-require-preflight|x-apollo-operation-name/i,
    /subgraph/i,
    /Maximum call stack/,
    /trade-register|"(applications|population|police|sis|tax|checks)"/,
  ];
  return [...subgraphOrigins.filter((origin) => text.includes(origin)), ...patterns.filter((pattern) => pattern.test(text)).map(String)];
}

describe('hostile input at the door', () => {
  it('has at least 60 kinds of request', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(60);
  });

  it.each(HOSTILE)('%s: a 4xx (or 200 with errors) with a known code, nothing internal', async (_name, hostile) => {
    const { status, text, headers } = await send(hostile);
    expect(status).toBeLessThan(500);
    expect(String(headers['content-type'])).toMatch(/json/);
    const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: unknown } }> };
    expect(internalNamesIn(text)).toEqual([]);
    if (hostile.answered && status === 200) return;
    expect(body.errors?.length).toBeGreaterThan(0);
    for (const error of body.errors!) expect(KNOWN_CODES).toContain(error.extensions?.code);
    if (status !== 200) expect(status).toBeGreaterThanOrEqual(400);
  });

  it('still serves a real query afterwards, and is ready', async () => {
    const health = await request(`${gateway.url}/ready`);
    expect(health.statusCode).toBe(200);
    await health.body.dump();
    const { status, text } = await send({ body: { query: '{ application(id: "APP-0000001") { id } }' } });
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ data: { application: { id: 'APP-0000001' } } });
    const caseView = await send({ body: { query: exampleOperation('CaseView') } });
    expect(caseView.status).toBe(200);
  });

  it('logged none of the personal data or credentials the requests carried', () => {
    const log = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(HOSTILE.length);
    for (const secret of [
      IDENTITY_CODE,
      IDENTITY_CODE_AS_NAME,
      FAMILY_NAME,
      DATE_OF_BIRTH,
      DATE_OF_BIRTH.replace(/-/g, '_'),
      BUSINESS_ID,
      token.slice(7),
    ]) {
      expect(log).not.toContain(secret);
    }
    const operationNames = logLines
      .map((line) => JSON.parse(line) as { operationName?: string })
      .flatMap((entry) => entry.operationName ?? []);
    // A shipped operation's name is logged as it is; every other name as a keyed hash.
    expect(operationNames).toContain('CaseView');
    expect(operationNames.filter((name) => name !== 'CaseView').every((name) => /^#[0-9a-f]{12}$/.test(name))).toBe(true);
    const paths = new Set(
      logLines.map((line) => JSON.parse(line) as { path?: string }).flatMap((entry) => (entry.path ? [entry.path] : [])),
    );
    expect([...paths].sort()).toEqual(
      ['(no such route)', '/admin/cache/evict', '/admin/cache/flush', '/graphql', '/ready'].filter((path) => paths.has(path)).sort(),
    );
  });
});
