import { createHash, webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUDIENCE } from '../../contracts/identity.js';
import { browse, CookieJar, redirectTarget } from '../../mocks/identity-provider/browser.js';
import { GRAPHIQL_CLIENT_ID } from '../../mocks/identity-provider/clients.js';
import { startIdentityProvider, type IdentityProvider } from '../../mocks/identity-provider/provider.js';
import {
  decodeJwtPayload,
  describeCaller,
  isSignInCallback,
  PENDING_SIGN_IN_KEY,
  rightsOfRoles,
  SESSION_KEY,
  SignIn,
  withoutCallbackParameters,
} from './sign-in.mjs';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

const ISSUER = 'http://127.0.0.1:4300';
const METADATA = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/auth`,
  token_endpoint: `${ISSUER}/token`,
  end_session_endpoint: `${ISSUER}/session/end`,
};

const jwt = (payload: Record<string, unknown>) =>
  ['{"alg":"ES256","typ":"at+jwt"}', JSON.stringify(payload)].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.c2ln';

interface Call {
  url: string;
  init?: RequestInit;
}

/** A provider stand-in: discovery, and a token endpoint answering `tokenAnswer`. */
function fakeProvider(tokenAnswer: { status: number; body: unknown }) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    calls.push({ url: String(url), ...(init ? { init } : {}) });
    if (String(url) === `${ISSUER}/.well-known/openid-configuration`) return Response.json(METADATA);
    if (String(url) === METADATA.token_endpoint) return Response.json(tokenAnswer.body, { status: tokenAnswer.status });
    return new Response('not found', { status: 404 });
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

function signInWith(fetch: typeof globalThis.fetch, storage = new MemoryStorage(), now = () => 1_000_000) {
  return {
    storage,
    signIn: new SignIn({
      issuer: `${ISSUER}/`,
      clientId: 'casegraph-graphiql',
      resource: 'urn:casegraph',
      storage,
      fetch,
      crypto: webcrypto,
      now,
    }),
  };
}

describe('starting a sign-in', () => {
  it('asks the authorization endpoint for a code with PKCE (S256), the resource and a state it keeps', async () => {
    const { fetch, calls } = fakeProvider({ status: 500, body: {} });
    const { signIn, storage } = signInWith(fetch);
    const url = new URL(await signIn.authorizationUrl({ redirectUri: 'http://127.0.0.1:4000/' }));

    expect(calls.map((call) => call.url)).toEqual([`${ISSUER}/.well-known/openid-configuration`]);
    expect(url.origin + url.pathname).toBe(METADATA.authorization_endpoint);
    const pending = JSON.parse(storage.getItem(PENDING_SIGN_IN_KEY)!);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'casegraph-graphiql',
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:4000/',
      scope: 'openid',
      resource: 'urn:casegraph',
      state: pending.state,
      code_challenge: createHash('sha256').update(pending.verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    expect(pending.verifier).toMatch(/^[\w-]{43}$/);
    expect(pending.state).toMatch(/^[\w-]{22}$/);
    expect(pending).toMatchObject({ redirectUri: 'http://127.0.0.1:4000/', tokenEndpoint: METADATA.token_endpoint, issuer: ISSUER });
  });

  it('asks to choose again (prompt=login) to switch user, with a new state and verifier each time', async () => {
    const { signIn, storage } = signInWith(fakeProvider({ status: 500, body: {} }).fetch);
    const first = new URL(await signIn.authorizationUrl({ redirectUri: 'http://127.0.0.1:4000/' }));
    const firstPending = storage.getItem(PENDING_SIGN_IN_KEY);
    const second = new URL(await signIn.authorizationUrl({ redirectUri: 'http://127.0.0.1:4000/', prompt: 'login' }));
    expect(first.searchParams.has('prompt')).toBe(false);
    expect(second.searchParams.get('prompt')).toBe('login');
    expect(second.searchParams.get('state')).not.toBe(first.searchParams.get('state'));
    expect(storage.getItem(PENDING_SIGN_IN_KEY)).not.toBe(firstPending);
  });

  it('says so when the issuer does not answer or has no discovery document', async () => {
    const down = signInWith((async () => Promise.reject(new TypeError('fetch failed'))) as typeof fetch).signIn;
    await expect(down.authorizationUrl({ redirectUri: 'http://127.0.0.1:4000/' })).rejects.toThrow(
      'The identity provider at http://127.0.0.1:4300 does not answer.',
    );
    const notOidc = signInWith((async () => new Response('<html>', { status: 404 })) as typeof fetch).signIn;
    await expect(notOidc.authorizationUrl({ redirectUri: 'http://127.0.0.1:4000/' })).rejects.toThrow(
      /no usable OpenID Connect discovery document \(404\)/,
    );
  });
});

describe('completing a sign-in', () => {
  const token = jwt({ sub: 'kaisa.virtanen', name: 'Kaisa Virtanen', roles: ['case-worker'], unit: 'HEL-1', exp: 1_000 + 3600 });

  async function started(
    tokenAnswer: { status: number; body: unknown } = {
      status: 200,
      body: { access_token: token, id_token: 'id.token.here', expires_in: 3600 },
    },
  ) {
    const provider = fakeProvider(tokenAnswer);
    const { signIn, storage } = signInWith(provider.fetch);
    const url = new URL(await signIn.authorizationUrl({ redirectUri: 'http://127.0.0.1:4000/' }));
    const { verifier } = JSON.parse(storage.getItem(PENDING_SIGN_IN_KEY)!);
    return { ...provider, signIn, storage, state: url.searchParams.get('state')!, verifier };
  }

  it('exchanges the code at the token endpoint with the verifier, and keeps the token for this tab', async () => {
    const { signIn, storage, calls, state, verifier } = await started();
    const session = await signIn.complete(new URL(`http://127.0.0.1:4000/?code=the-code&state=${state}&iss=${encodeURIComponent(ISSUER)}`));

    const exchange = calls.at(-1)!;
    expect(exchange.url).toBe(METADATA.token_endpoint);
    expect(exchange.init?.method).toBe('POST');
    expect(Object.fromEntries(new URLSearchParams(String(exchange.init?.body)))).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: 'http://127.0.0.1:4000/',
      code_verifier: verifier,
      client_id: 'casegraph-graphiql',
    });
    expect(session).toEqual({
      status: 'signed-in',
      accessToken: token,
      claims: expect.objectContaining({ sub: 'kaisa.virtanen', roles: ['case-worker'] }),
      expiresAt: (1_000 + 3600) * 1000,
    });
    expect(JSON.parse(storage.getItem(SESSION_KEY)!)).toEqual({ accessToken: token, expiresAt: 4_600_000 });
    expect(storage.getItem(PENDING_SIGN_IN_KEY)).toBeNull();
    // A code is used once: the same answer again is refused.
    await expect(signIn.complete(new URL(`http://127.0.0.1:4000/?code=the-code&state=${state}`))).rejects.toThrow(
      /not started from this page/,
    );
  });

  it.each([
    ['another state', (state: string) => `?code=c&state=${state}x`, /not started from this page/],
    [
      'another issuer',
      (state: string) => `?code=c&state=${state}&iss=${encodeURIComponent('https://evil.example')}`,
      /another identity provider/,
    ],
    ['a cancelled sign-in', (state: string) => `?error=access_denied&state=${state}`, /^Sign-in cancelled\.$/],
    [
      'a refusal',
      (state: string) => `?error=invalid_request&error_description=bad&state=${state}`,
      /refused the sign-in \(invalid_request: bad\)/,
    ],
  ])('refuses %s, and keeps no token', async (_what, query, message) => {
    const { signIn, storage, state, calls } = await started();
    await expect(signIn.complete(new URL(`http://127.0.0.1:4000/${query(state)}`))).rejects.toThrow(message);
    expect(storage.getItem(SESSION_KEY)).toBeNull();
    expect(calls.some((call) => call.url === METADATA.token_endpoint)).toBe(false);
  });

  it('says what the token endpoint refused', async () => {
    const { signIn, state } = await started({ status: 400, body: { error: 'invalid_grant' } });
    await expect(signIn.complete(new URL(`http://127.0.0.1:4000/?code=c&state=${state}`))).rejects.toThrow(
      'The identity provider did not give a token (400 invalid_grant).',
    );
    expect(signIn.session()).toEqual({ status: 'signed-out' });
  });

  it('counts a token as expired from its exp on, and forgets it on sign-out', async () => {
    let now = 1_000_000;
    const provider = fakeProvider({ status: 200, body: { access_token: token, expires_in: 3600 } });
    const { signIn } = signInWith(provider.fetch, new MemoryStorage(), () => now);
    const state = new URL(await signIn.authorizationUrl({ redirectUri: 'http://127.0.0.1:4000/' })).searchParams.get('state');
    await signIn.complete(new URL(`http://127.0.0.1:4000/?code=c&state=${state}`));
    expect(signIn.session().status).toBe('signed-in');
    now = 4_600_000;
    expect(signIn.session()).toEqual({ status: 'expired', claims: expect.objectContaining({ sub: 'kaisa.virtanen' }) });
    signIn.forget();
    expect(signIn.session()).toEqual({ status: 'signed-out' });
  });

  it('signs out at the provider too, naming the session by its ID token and returning to the page', async () => {
    const { signIn, state } = await started();
    await signIn.complete(new URL(`http://127.0.0.1:4000/?code=c&state=${state}`));
    const url = new URL((await signIn.endSessionUrl({ postLogoutRedirectUri: 'http://127.0.0.1:4000/' }))!);
    expect(url.origin + url.pathname).toBe(METADATA.end_session_endpoint);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'casegraph-graphiql',
      post_logout_redirect_uri: 'http://127.0.0.1:4000/',
    });
  });
});

describe('the page address and the token', () => {
  it('recognises the provider’s redirect back, and removes only its parameters', () => {
    const back = new URL('http://127.0.0.1:4000/?keep=1&code=abc&state=xyz&iss=http%3A%2F%2Fidp&session_state=s');
    expect(isSignInCallback(back)).toBe(true);
    expect(isSignInCallback(new URL('http://127.0.0.1:4000/?error=access_denied&state=x'))).toBe(true);
    expect(isSignInCallback(new URL('http://127.0.0.1:4000/?code=abc'))).toBe(false);
    expect(withoutCallbackParameters(back).href).toBe('http://127.0.0.1:4000/?keep=1');
  });

  it('reads a JWT’s payload, names included, and nothing from what is not one', () => {
    expect(decodeJwtPayload(jwt({ sub: 'x', name: 'Äänekoski Öljynen' }))).toEqual({ sub: 'x', name: 'Äänekoski Öljynen' });
    for (const notOne of ['opaque-token', 'a.%%%.c', jwt({}).replace(/^[^.]+\.[^.]+/, 'a.WzFd'), undefined])
      expect(decodeJwtPayload(notOne)).toBeNull();
  });

  it('describes the caller by the rights file’s claim names, and their rights by its roles', () => {
    const claims = { sub: 'antti.heikkinen', name: 'Antti Heikkinen', groups: ['analyst', 'unknown'], ou: 'HEL-1' };
    expect(describeCaller(claims, { roles: 'groups', unit: 'ou' })).toEqual({
      id: 'antti.heikkinen',
      name: 'Antti Heikkinen',
      roles: ['analyst', 'unknown'],
      unit: 'HEL-1',
    });
    const roles = { analyst: { rights: ['schema:read', 'query-plan:read'] }, 'case-worker': { rights: ['case:read'] } };
    expect(rightsOfRoles(['analyst', 'unknown', 'constructor'], roles)).toEqual(['query-plan:read', 'schema:read']);
  });
});

describe('against the demo identity provider', () => {
  let idp: IdentityProvider;
  beforeAll(async () => {
    idp = await startIdentityProvider();
  });
  afterAll(() => idp?.close());

  it('signs an analyst in: the provider accepts the request as the page makes it, and the token names them', async () => {
    const storage = new MemoryStorage();
    const signIn = new SignIn({
      issuer: idp.issuer,
      clientId: GRAPHIQL_CLIENT_ID,
      resource: DEFAULT_AUDIENCE,
      storage,
      fetch,
      crypto: webcrypto,
    });
    const redirectUri = 'http://127.0.0.1:45678/';
    // The browser's part: the authorization request, the sign-in page, choosing a user, the redirects.
    const jar = new CookieJar();
    let url = new URL(await signIn.authorizationUrl({ redirectUri }));
    let response = await browse(jar, url);
    for (let step = 0; step < 10 && !url.href.startsWith(redirectUri); step++) {
      const target = redirectTarget(response, url);
      if (target) url = target;
      else url = new URL(`${url.pathname}/login`, url);
      if (url.href.startsWith(redirectUri)) break;
      response = await browse(jar, url, target ? {} : { form: { user: 'antti.heikkinen' } });
    }
    expect(url.href.startsWith(redirectUri)).toBe(true);
    expect(isSignInCallback(url)).toBe(true);

    const session = await signIn.complete(url);
    expect(session.status).toBe('signed-in');
    const claims = session.status === 'signed-in' ? session.claims : {};
    expect(claims).toMatchObject({
      sub: 'antti.heikkinen',
      name: 'Antti Heikkinen',
      roles: ['analyst'],
      unit: 'HEL-1',
      aud: DEFAULT_AUDIENCE,
    });
    expect(claims.iss).toBe(idp.issuer);
    const signOut = new URL((await signIn.endSessionUrl({ postLogoutRedirectUri: redirectUri }))!);
    expect(signOut.pathname).toBe('/session/end');
    expect(Object.fromEntries(signOut.searchParams)).toEqual({ client_id: GRAPHIQL_CLIENT_ID, post_logout_redirect_uri: redirectUri });
  });
});
