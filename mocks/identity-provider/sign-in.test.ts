/**
 * Signing in and out as a person does it in a browser: the sign-in page (what it lists, that it
 * loads nothing from anywhere, its CSP), refusals that leave the process serving, cancelling,
 * staying signed in, switching user with prompt=login, and signing out. Real HTTP, a cookie jar.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUDIENCE, DEMO_USERS, UNITS } from '../../contracts/identity.js';
import { browse, CookieJar, redirectTarget } from './browser.js';
import { GRAPHIQL_CLIENT_ID } from './clients.js';
import { signInWithCodeFlow } from './code-flow.js';
import { startIdentityProvider, type IdentityProvider } from './provider.js';

/** A GraphiQL page on some loopback port; nothing needs to listen there. */
const GRAPHIQL = 'http://127.0.0.1:5173/';

let idp: IdentityProvider;

beforeAll(async () => {
  idp = await startIdentityProvider();
});

afterAll(async () => {
  await idp?.close();
});

/** Starts an authorization request in `jar` and follows it to the sign-in page. */
async function openSignInPage(jar: CookieJar, extra: Record<string, string> = {}): Promise<{ url: URL; response: Response }> {
  let url = new URL(`${idp.issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: GRAPHIQL_CLIENT_ID,
    response_type: 'code',
    redirect_uri: GRAPHIQL,
    scope: 'openid',
    state: 'some-state',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    ...extra,
  }).toString();
  let response = await browse(jar, url);
  for (let target = redirectTarget(response, url); target; target = redirectTarget(response, url)) {
    url = target;
    response = await browse(jar, url);
  }
  expect(url.pathname).toMatch(/^\/interaction\/[\w-]+$/);
  return { url, response };
}

async function subjectOf(accessToken: string): Promise<unknown> {
  const { payload } = await jwtVerify(accessToken, createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)), {
    issuer: idp.issuer,
    audience: DEFAULT_AUDIENCE,
  });
  return payload.sub;
}

const signIn = (jar: CookieJar, userId: string, prompt?: 'login') =>
  signInWithCodeFlow({
    issuer: idp.issuer,
    clientId: GRAPHIQL_CLIENT_ID,
    redirectUri: GRAPHIQL,
    userId,
    jar,
    ...(prompt ? { prompt } : {}),
  });

describe('the sign-in page', () => {
  it('lists every demo user with id, name, roles and unit, and loads nothing from anywhere', async () => {
    const { response } = await openSignInPage(new CookieJar());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<title>Sign in to casegraph (demo identity provider)</title>');
    for (const user of DEMO_USERS) {
      expect(html).toContain(`name="user" value="${user.id}"`);
      expect(html).toContain(user.name);
      for (const role of user.roles) expect(html).toContain(role);
      if (user.unit) expect(html).toContain(UNITS[user.unit]);
    }
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(|https?:\/\/(?!127\.0\.0\.1)/i);
  });

  it('is served under a strict Content-Security-Policy', async () => {
    const { response } = await openSignInPage(new CookieJar());
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self' http:\/\/127\.0\.0\.1:5173; frame-ancestors 'none'; base-uri 'none'$/,
    );
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('refusals', () => {
  it('answers 400 to an unknown user, a missing user or two users, and the same sign-in then still works', async () => {
    const jar = new CookieJar();
    const { url } = await openSignInPage(jar);
    const login = new URL(`${url.pathname}/login`, url);
    for (const body of ['user=mallory', '', 'user=kaisa.virtanen&user=matti.korhonen', 'user=%E0%A4%A']) {
      const response = await fetch(login, {
        method: 'POST',
        headers: { cookie: jar.headerFor(login) ?? '', 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      });
      expect(response.status, body).toBe(400);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    const chosen = await browse(jar, login, { form: { user: 'kaisa.virtanen' } });
    expect(chosen.status).toBe(303);
    expect(chosen.headers.get('location')).toMatch(/\/auth\/[\w-]+$/);
  });

  it('answers 413 to an oversized form and 400 without the interaction cookie', async () => {
    const jar = new CookieJar();
    const { url } = await openSignInPage(jar);
    const login = new URL(`${url.pathname}/login`, url);
    const oversized = await browse(jar, login, { form: { user: 'x'.repeat(10_000) } });
    expect(oversized.status).toBe(413);
    const cookieless = await fetch(url);
    expect(cookieless.status).toBe(400);
    expect(await cookieless.text()).toContain('This sign-in has expired');
    const otherUid = await browse(jar, new URL('/interaction/not-this-one', url));
    expect(otherUid.status).toBe(400);
  });

  it('sends a cancelled sign-in back to the client with access_denied', async () => {
    const jar = new CookieJar();
    const { url } = await openSignInPage(jar);
    let response = await browse(jar, new URL(`${url.pathname}/abort`, url), { form: {} });
    let target = redirectTarget(response, url);
    while (target && target.origin === idp.url) {
      response = await browse(jar, target);
      target = redirectTarget(response, target);
    }
    expect(target?.origin).toBe('http://127.0.0.1:5173');
    expect(target?.searchParams.get('error')).toBe('access_denied');
    expect(target?.searchParams.get('state')).toBe('some-state');
  });
});

describe('sessions', () => {
  it('keeps a user signed in, switches user on prompt=login, and signs out', async () => {
    const jar = new CookieJar();
    expect(await subjectOf((await signIn(jar, 'kaisa.virtanen')).access_token)).toBe('kaisa.virtanen');
    // Signed in: no sign-in page is shown, so the (unknown) user id given here is never used.
    expect(await subjectOf((await signIn(jar, 'nobody')).access_token)).toBe('kaisa.virtanen');

    const { response: switchPage } = await openSignInPage(jar, { prompt: 'login' });
    expect(await switchPage.text()).toContain('Signed in now as Kaisa Virtanen (kaisa.virtanen)');
    expect(await subjectOf((await signIn(jar, 'matti.korhonen', 'login')).access_token)).toBe('matti.korhonen');
    expect(await subjectOf((await signIn(jar, 'nobody')).access_token)).toBe('matti.korhonen');

    const endSession = new URL(`${idp.issuer}/session/end`);
    endSession.search = new URLSearchParams({ client_id: GRAPHIQL_CLIENT_ID, post_logout_redirect_uri: GRAPHIQL, state: 'bye' }).toString();
    const confirmation = await browse(jar, endSession);
    expect(confirmation.status).toBe(200);
    expect(confirmation.headers.get('content-security-policy')).toContain("form-action 'self' http://127.0.0.1:5173;");
    const html = await confirmation.text();
    expect(html).toContain('Sign out of casegraph (demo identity provider)?');
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)">/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(action && xsrf).toBeTruthy();

    const signedOut = await browse(jar, new URL(action!), { form: { xsrf: xsrf!, logout: 'yes' } });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe(`${GRAPHIQL}?state=bye`);
    // Signed out: the sign-in page is shown again, and refuses the unknown id.
    await expect(signIn(jar, 'nobody')).rejects.toThrow(/Unknown demo user/);
  });

  it('shows a signed-out page when the client names no return address', async () => {
    const jar = new CookieJar();
    await signIn(jar, 'olli.jarvinen');
    const confirmation = await browse(jar, new URL(`${idp.issuer}/session/end`));
    const html = await confirmation.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    let response = await browse(jar, new URL(`${idp.issuer}/session/end/confirm`), { form: { xsrf: xsrf!, logout: 'yes' } });
    let url = new URL(`${idp.issuer}/session/end/confirm`);
    for (let target = redirectTarget(response, url); target; target = redirectTarget(response, url)) {
      url = target;
      response = await browse(jar, url);
    }
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('You are signed out of the casegraph demo identity provider.');
  });
});
