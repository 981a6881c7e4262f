/**
 * Garbage in, a 4xx out: malformed, incomplete and hostile requests to the authorization, token,
 * sign-in, sign-out and other endpoints get the library's (or the sign-in pages') client errors,
 * never a 5xx, and the provider keeps serving. Raw node:http, so that even a request fetch would
 * refuse to send (an invalid path, a broken cookie) reaches the server.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccessToken } from './demo-login.js';
import { startIdentityProvider, type IdentityProvider } from './provider.js';

let idp: IdentityProvider;

beforeAll(async () => {
  idp = await startIdentityProvider();
});

afterAll(async () => {
  await idp?.close();
});

interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

function send(request: RawRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { host: '127.0.0.1', port: idp.port, method: request.method ?? 'GET', path: request.path, headers: request.headers },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const PKCE = 'code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256';
const GRAPHIQL = 'client_id=casegraph-graphiql&redirect_uri=http%3A%2F%2F127.0.0.1%3A4000%2F';

/** Requests whose answer must be exactly this status. */
const CASES: [string, number, RawRequest][] = [
  ['authorization without parameters', 400, { path: '/auth' }],
  ['authorization for an unknown client', 400, { path: '/auth?client_id=nobody&response_type=code&scope=openid' }],
  ['authorization with a client id only', 400, { path: '/auth?client_id=casegraph-graphiql' }],
  [
    'authorization with an unregistered redirect URI',
    400,
    { path: `/auth?client_id=casegraph-graphiql&response_type=code&scope=openid&redirect_uri=javascript:alert(1)&${PKCE}` },
  ],
  ['authorization with broken percent-encoding', 400, { path: '/auth?client_id=%E0%A4%A&response_type=code' }],
  [
    'authorization with a repeated parameter',
    400,
    { path: `/auth?${GRAPHIQL}&client_id=casegraph-cli&response_type=code&scope=openid&${PKCE}` },
  ],
  ['authorization by an unsupported method', 404, { method: 'PUT', path: '/auth' }],
  ['resuming an authorization that never began', 400, { path: '/auth/not-an-interaction' }],
  [
    'resuming with a forged resume cookie',
    400,
    { path: '/auth/abc', headers: { cookie: '_interaction_resume=abc; _interaction_resume.sig=forged' } },
  ],
  ['token request without a body', 400, { method: 'POST', path: '/token' }],
  [
    'token request with broken JSON',
    400,
    { method: 'POST', path: '/token', headers: { 'content-type': 'application/json' }, body: '{"grant_type":' },
  ],
  ['token request with a form of garbage', 400, { method: 'POST', path: '/token', headers: FORM, body: '%%%&&&===' }],
  [
    'token request with an unsupported grant',
    400,
    { method: 'POST', path: '/token', headers: FORM, body: 'grant_type=password&client_id=casegraph-cli&username=a&password=b' },
  ],
  [
    'token request without a code',
    400,
    { method: 'POST', path: '/token', headers: FORM, body: 'grant_type=authorization_code&client_id=casegraph-cli' },
  ],
  [
    'token request with a garbage code',
    400,
    {
      method: 'POST',
      path: '/token',
      headers: FORM,
      body: `grant_type=authorization_code&client_id=casegraph-cli&code=${'A'.repeat(500)}&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&code_verifier=${'v'.repeat(43)}`,
    },
  ],
  [
    'token request by an unknown client',
    401,
    { method: 'POST', path: '/token', headers: FORM, body: 'grant_type=client_credentials&client_id=nobody' },
  ],
  [
    'token request with a broken Basic header',
    400,
    { method: 'POST', path: '/token', headers: { ...FORM, authorization: 'Basic !!!not-base64' }, body: 'grant_type=client_credentials' },
  ],
  [
    'token request with a repeated grant_type',
    400,
    {
      method: 'POST',
      path: '/token',
      headers: FORM,
      body: 'grant_type=client_credentials&grant_type=authorization_code&client_id=casegraph-cli',
    },
  ],
  [
    'token request with a body over the limit',
    400,
    { method: 'POST', path: '/token', headers: FORM, body: `grant_type=client_credentials&junk=${'x'.repeat(200_000)}` },
  ],
  ['token endpoint by GET', 404, { path: '/token' }],
  ['sign-in page of no interaction', 400, { path: '/interaction/abcdef' }],
  ['sign-in page with an invalid uid', 404, { path: '/interaction/%00%ff' }],
  ['sign-in page below the interaction', 404, { path: '/interaction/abc/def/ghi' }],
  ['sign-in with no interaction', 400, { method: 'POST', path: '/interaction/abcdef/login', headers: FORM, body: 'user=kaisa.virtanen' }],
  ['sign-in form by GET', 405, { path: '/interaction/abcdef/login' }],
  [
    'sign-in page with a garbage cookie',
    400,
    { path: '/interaction/abcdef', headers: { cookie: '_interaction=%%%; _interaction.sig=%zz' } },
  ],
  ['sign-out with a garbage id_token_hint', 400, { path: '/session/end?id_token_hint=not.a.jwt' }],
  ['sign-out with an unknown client', 400, { path: '/session/end?client_id=nobody' }],
  ['sign-out confirmation without xsrf', 400, { method: 'POST', path: '/session/end/confirm', headers: FORM, body: 'logout=yes' }],
  ['JWKS by POST', 404, { method: 'POST', path: '/jwks' }],
  ['an invalid path', 404, { path: '/%zz%' }],
  ['an unknown path', 404, { path: '/admin' }],
  ['health by POST', 405, { method: 'POST', path: '/health' }],
];

describe('bad input', () => {
  it.each(CASES)('%s answers %i', async (_name, status, request) => {
    const answer = await send(request);
    expect(answer.status).toBe(status);
  });

  it('answers nothing with a 5xx, and still issues tokens afterwards', async () => {
    const answers = await Promise.all(CASES.map(([, , request]) => send(request)));
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    expect((await send({ path: '/.well-known/openid-configuration' })).status).toBe(200);
    await expect(demoAccessToken(idp.issuer, 'kaisa.virtanen')).resolves.toEqual(expect.any(String));
  });

  it('sends no stack trace or internal detail in its error pages', async () => {
    for (const [, , request] of CASES) {
      const { body } = await send(request);
      expect(body).not.toMatch(/node_modules|at \w+ \(|Error: /);
    }
  });
});
