/**
 * The casegraph-graphiql client as the gateway's GraphiQL page uses it: the code flow with PKCE
 * for a redirect URI on whatever loopback port the gateway got (tests start it on port 0), and the
 * token endpoint answering CORS for that page's origin and for no other.
 */
import { createServer } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUDIENCE } from '../../contracts/identity.js';
import { browse, CookieJar, redirectTarget } from './browser.js';
import { GRAPHIQL_CLIENT_ID } from './clients.js';
import { signInWithCodeFlow } from './code-flow.js';
import { startIdentityProvider, type IdentityProvider } from './provider.js';

let idp: IdentityProvider;

beforeAll(async () => {
  idp = await startIdentityProvider();
});

afterAll(async () => {
  await idp?.close();
});

/** A port the system just handed out: what a gateway started on port 0 would get. */
async function someFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const graphiqlSignIn = (redirectUri: string, userId: string, tokenRequestOrigin?: string) =>
  signInWithCodeFlow({
    issuer: idp.issuer,
    clientId: GRAPHIQL_CLIENT_ID,
    redirectUri,
    userId,
    resource: null,
    ...(tokenRequestOrigin ? { tokenRequestOrigin } : {}),
  });

/** What /auth answers for `redirectUri`: a redirect onwards (accepted) or an error page (refused). */
async function authorizationAnswer(redirectUri: string): Promise<Response> {
  const url = new URL(`${idp.issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: GRAPHIQL_CLIENT_ID,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  }).toString();
  return browse(new CookieJar(), url);
}

describe('redirect URIs', () => {
  it.each(['127.0.0.1', 'localhost'])('signs in for GraphiQL on an arbitrary loopback port of %s', async (host) => {
    const port = await someFreePort();
    const origin = `http://${host}:${port}`;
    const tokens = await graphiqlSignIn(`${origin}/`, 'antti.heikkinen', origin);
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)), {
      issuer: idp.issuer,
      audience: DEFAULT_AUDIENCE,
      typ: 'at+jwt',
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({ sub: 'antti.heikkinen', client_id: GRAPHIQL_CLIENT_ID, roles: ['analyst'], unit: 'HEL-1' });
  });

  it('refuses another path, another host, a non-loopback host and https on loopback', async () => {
    for (const redirectUri of [
      'http://127.0.0.1:4000/elsewhere',
      'http://[::1]:4000/',
      'http://casegraph.example:4000/',
      'https://127.0.0.1:4000/',
    ]) {
      const answer = await authorizationAnswer(redirectUri);
      expect(answer.status, redirectUri).toBe(400);
      expect(await answer.text(), redirectUri).toContain('redirect_uri did not match any of the client');
    }
    expect((await authorizationAnswer('http://127.0.0.1:4000/')).status).toBe(303);
  });

  it('registers configured redirect URIs, with their paths', async () => {
    const configured = await startIdentityProvider({ graphiqlRedirectUris: ['http://127.0.0.1:4000/graphiql/callback'] });
    try {
      const port = await someFreePort();
      const tokens = await signInWithCodeFlow({
        issuer: configured.issuer,
        clientId: GRAPHIQL_CLIENT_ID,
        redirectUri: `http://127.0.0.1:${port}/graphiql/callback`,
        userId: 'sanna.koskinen',
      });
      expect(tokens.access_token).toEqual(expect.any(String));
      await expect(
        signInWithCodeFlow({
          issuer: configured.issuer,
          clientId: GRAPHIQL_CLIENT_ID,
          redirectUri: `http://127.0.0.1:${port}/`,
          userId: 'sanna.koskinen',
        }),
      ).rejects.toThrow(/redirect_uri did not match/);
    } finally {
      await configured.close();
    }
  });
});

describe('sign-out return addresses', () => {
  /** Signs out (no one is signed in, so the library confirms by itself) and returns where it sends the browser. */
  async function signOutTo(postLogoutRedirectUri: string): Promise<{ status: number; location: string | null; body: string }> {
    const jar = new CookieJar();
    const url = new URL(`${idp.issuer}/session/end`);
    url.search = new URLSearchParams({ client_id: GRAPHIQL_CLIENT_ID, post_logout_redirect_uri: postLogoutRedirectUri }).toString();
    const confirmation = await browse(jar, url);
    const body = await confirmation.text();
    if (confirmation.status !== 200) return { status: confirmation.status, location: null, body };
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(body)?.[1];
    expect(xsrf, postLogoutRedirectUri).toBeTruthy();
    const signedOut = await browse(jar, new URL(`${idp.issuer}/session/end/confirm`), { form: { xsrf: xsrf!, logout: 'yes' } });
    return { status: signedOut.status, location: signedOut.headers.get('location'), body: '' };
  }

  it('returns to a registered loopback post_logout_redirect_uri on any port (RFC 8252 7.3, as for sign-in)', async () => {
    const port = await someFreePort();
    for (const uri of [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`, 'http://127.0.0.1:4000/']) {
      expect(await signOutTo(uri), uri).toMatchObject({ status: 303, location: uri });
    }
  });

  it('refuses another path, another host, a non-loopback host and https on loopback', async () => {
    const port = await someFreePort();
    for (const uri of [
      `http://127.0.0.1:${port}/elsewhere`,
      `http://[::1]:${port}/`,
      'http://casegraph.example:4000/',
      `https://127.0.0.1:${port}/`,
    ]) {
      const answer = await signOutTo(uri);
      expect(answer.status, uri).toBe(400);
      expect(answer.body, uri).toContain('post_logout_redirect_uri not registered');
    }
  });
});

describe('CORS on the token endpoint', () => {
  const tokenRequest = (origin: string, clientId = GRAPHIQL_CLIENT_ID) =>
    fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: clientId,
        code: 'not-a-code',
        redirect_uri: 'http://127.0.0.1:4000/',
        code_verifier: 'x'.repeat(43),
      }),
    });

  it('answers the preflight of a loopback origin on any port', async () => {
    const origin = `http://127.0.0.1:${await someFreePort()}`;
    const preflight = await fetch(`${idp.issuer}/token`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  it('lets the GraphiQL page read the answer from loopback origins, and refuses other origins', async () => {
    for (const origin of [
      `http://127.0.0.1:${await someFreePort()}`,
      `http://localhost:${await someFreePort()}`,
      'http://127.0.0.1:4000',
    ]) {
      const answer = await tokenRequest(origin);
      expect(answer.headers.get('access-control-allow-origin'), origin).toBe(origin);
      expect(await answer.json()).toMatchObject({ error: 'invalid_grant' });
    }
    for (const origin of ['https://casegraph.example', 'http://casegraph.example:4000', 'null', 'http://[::1]:4000']) {
      const answer = await tokenRequest(origin);
      expect(answer.status, origin).toBe(400);
      expect(answer.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(await answer.json()).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('not allowed') });
    }
  });

  it('never admits a browser origin for the confidential bulk-checker client', async () => {
    const answer = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: {
        origin: 'http://127.0.0.1:4000',
        authorization: `Basic ${Buffer.from('bulk-checker:bulk-checker-demo-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a sign-in whose token request comes from a foreign origin is refused', async () => {
    await expect(graphiqlSignIn('http://127.0.0.1:4000/', 'kaisa.virtanen', 'https://casegraph.example')).rejects.toThrow(
      /invalid_request/,
    );
    // Not a CORS matter, but the flow is the browser's: the redirect goes to the port asked for.
    const answer = await authorizationAnswer(`http://127.0.0.1:${await someFreePort()}/`);
    expect(redirectTarget(answer, new URL(idp.issuer))?.pathname).toMatch(/^\/interaction\//);
  });
});
