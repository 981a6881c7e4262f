// GraphiQL's sign-in, in the browser: OpenID Connect's authorization code flow with PKCE (S256)
// against the configured issuer, for the public client GRAPHIQL_CLIENT_ID.
//
//   1. signIn.authorizationUrl() reads the issuer's discovery document, keeps a fresh state and
//      code verifier in sessionStorage, and returns the authorization endpoint's URL (with
//      resource=urn:casegraph and the code challenge) for the page to go to.
//   2. The provider sends the browser back to the page with ?code=...&state=...; the page removes
//      them from its URL at once (history.replaceState) and signIn.complete() checks the state
//      (and the RFC 9207 iss), then exchanges the code at the token endpoint with fetch.
//   3. The access token is kept in sessionStorage (this browser tab only, gone with it) and never
//      in a URL; its payload (a JWT's) says who is signed in.
//
// Plain JavaScript without imports or browser globals: the renderer inlines it in the page, and
// tests run it in Node with a storage and fetch of their own.

/** sessionStorage keys. */
export const SESSION_KEY = 'casegraph.graphiql.session';
export const PENDING_SIGN_IN_KEY = 'casegraph.graphiql.pendingSignIn';

/** What the provider's redirect back to the page may carry, all of it removed from the URL. */
const CALLBACK_PARAMETERS = ['code', 'state', 'iss', 'session_state', 'error', 'error_description', 'error_uri'];

/** A sign-in attempt older than this is not completed (the provider's interactions last 10 minutes). */
const PENDING_MAX_AGE_MS = 15 * 60 * 1000;

/** base64url without padding, as PKCE and JWTs use it. */
export function base64url(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The payload of a JWT, or null when `token` is not one. Not verified: the gateway verifies; this only shows who. */
export function decodeJwtPayload(token) {
  const part = typeof token === 'string' ? token.split('.')[1] : undefined;
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (character) => character.charCodeAt(0))));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : null;
  } catch {
    return null;
  }
}

/** Whether `url` is the provider's redirect back to the page (a code or an error, with a state). */
export function isSignInCallback(url) {
  return url.searchParams.has('state') && (url.searchParams.has('code') || url.searchParams.has('error'));
}

/** `url` without the parameters of the provider's redirect (the page's own ones stay). */
export function withoutCallbackParameters(url) {
  const clean = new URL(url.href);
  for (const name of CALLBACK_PARAMETERS) clean.searchParams.delete(name);
  return clean;
}

/** A sign-in problem to show the analyst, in plain words. */
export class SignInProblem extends Error {
  name = 'SignInProblem';
}

function readJson(storage, key) {
  const raw = storage.getItem(key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw);
  } catch {
    storage.removeItem(key);
    return null;
  }
}

export class SignIn {
  /**
   * @param options.issuer       the issuer as the browser reaches it
   * @param options.clientId     the public client (casegraph-graphiql)
   * @param options.resource     the resource indicator of the gateway (urn:casegraph)
   * @param options.storage      sessionStorage (or a stand-in with getItem, setItem, removeItem)
   * @param options.fetch        fetch
   * @param options.crypto       Web Crypto (getRandomValues, subtle.digest)
   * @param options.now          the clock, in milliseconds
   */
  constructor({ issuer, clientId, resource, storage, fetch, crypto, now = () => Date.now() }) {
    this.issuer = issuer.replace(/\/+$/, '');
    this.clientId = clientId;
    this.resource = resource;
    this.storage = storage;
    this.fetch = fetch;
    this.crypto = crypto;
    this.now = now;
    this.metadata = null;
  }

  /** The issuer's discovery document (authorization, token and end-session endpoints). */
  async discover() {
    if (this.metadata) return this.metadata;
    const url = `${this.issuer}/.well-known/openid-configuration`;
    let response;
    try {
      response = await this.fetch(url, { headers: { accept: 'application/json' } });
    } catch {
      throw new SignInProblem(`The identity provider at ${this.issuer} does not answer.`);
    }
    const metadata = response.ok ? await response.json().catch(() => null) : null;
    if (!metadata || typeof metadata.authorization_endpoint !== 'string' || typeof metadata.token_endpoint !== 'string') {
      throw new SignInProblem(`${this.issuer} has no usable OpenID Connect discovery document (${response.status}).`);
    }
    this.metadata = metadata;
    return metadata;
  }

  /**
   * Starts a sign-in: keeps a new state and code verifier for the return, and gives the URL of
   * the provider's authorization endpoint. `prompt: 'login'` asks the provider to let the analyst
   * choose again (switching user) rather than reuse its session.
   */
  async authorizationUrl({ redirectUri, prompt } = {}) {
    const metadata = await this.discover();
    const random = (length) => base64url(this.crypto.getRandomValues(new Uint8Array(length)));
    const verifier = random(32);
    const state = random(16);
    const challenge = base64url(new Uint8Array(await this.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
    this.storage.setItem(
      PENDING_SIGN_IN_KEY,
      JSON.stringify({
        state,
        verifier,
        redirectUri,
        issuer: metadata.issuer ?? this.issuer,
        tokenEndpoint: metadata.token_endpoint,
        startedAt: this.now(),
      }),
    );
    const url = new URL(metadata.authorization_endpoint);
    const parameters = {
      client_id: this.clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: 'openid',
      resource: this.resource,
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...(prompt ? { prompt } : {}),
    };
    for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
    return url.href;
  }

  /**
   * Completes a sign-in from the provider's redirect `url` (already removed from the address bar):
   * checks it answers the sign-in this tab started, exchanges the code, and keeps the tokens.
   * Throws a SignInProblem saying what went wrong; the previous session, if any, is kept then.
   */
  async complete(url) {
    const pending = readJson(this.storage, PENDING_SIGN_IN_KEY);
    this.storage.removeItem(PENDING_SIGN_IN_KEY);
    const answer = url.searchParams;
    if (!pending || pending.state !== answer.get('state')) {
      throw new SignInProblem('This sign-in was not started from this page (or was already used): sign in again.');
    }
    if (this.now() - pending.startedAt > PENDING_MAX_AGE_MS) throw new SignInProblem('The sign-in took too long: sign in again.');
    if (answer.get('error')) {
      const description = answer.get('error_description');
      throw new SignInProblem(
        answer.get('error') === 'access_denied'
          ? 'Sign-in cancelled.'
          : `The identity provider refused the sign-in (${answer.get('error')}${description ? `: ${description}` : ''}).`,
      );
    }
    if (answer.has('iss') && answer.get('iss') !== pending.issuer)
      throw new SignInProblem('The answer came from another identity provider.');
    const code = answer.get('code');
    let response;
    try {
      response = await this.fetch(pending.tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: pending.redirectUri,
          code_verifier: pending.verifier,
          client_id: this.clientId,
        }).toString(),
      });
    } catch {
      throw new SignInProblem(`The identity provider's token endpoint does not answer.`);
    }
    const tokens = await response.json().catch(() => ({}));
    if (!response.ok || typeof tokens.access_token !== 'string') {
      throw new SignInProblem(`The identity provider did not give a token (${response.status} ${tokens.error ?? ''}).`.replace(' )', ')'));
    }
    const claims = decodeJwtPayload(tokens.access_token);
    const lifetimeMs = typeof tokens.expires_in === 'number' ? tokens.expires_in * 1000 : Infinity;
    const expiresAt = Math.min(this.now() + lifetimeMs, typeof claims?.exp === 'number' ? claims.exp * 1000 : Infinity);
    const session = { accessToken: tokens.access_token, expiresAt: Number.isFinite(expiresAt) ? expiresAt : null };
    this.storage.setItem(SESSION_KEY, JSON.stringify(session));
    return this.session();
  }

  /**
   * The kept session: `{ status: 'signed-in', accessToken, claims, expiresAt }`,
   * `{ status: 'expired', claims }` once its token has expired, or `{ status: 'signed-out' }`.
   */
  session() {
    const kept = readJson(this.storage, SESSION_KEY);
    if (!kept || typeof kept.accessToken !== 'string') return { status: 'signed-out' };
    const claims = decodeJwtPayload(kept.accessToken) ?? {};
    if (kept.expiresAt !== null && this.now() >= kept.expiresAt) return { status: 'expired', claims };
    return { status: 'signed-in', accessToken: kept.accessToken, claims, expiresAt: kept.expiresAt };
  }

  /** Forgets the token (signing out of this page; the provider's own session is another matter). */
  forget() {
    this.storage.removeItem(SESSION_KEY);
  }

  /**
   * Where to sign out at the provider too (its end-session endpoint, returning to the page), or
   * null when it has none. It names the client, not the session: no token goes into an address.
   */
  async endSessionUrl({ postLogoutRedirectUri }) {
    const metadata = await this.discover();
    if (typeof metadata.end_session_endpoint !== 'string') return null;
    const url = new URL(metadata.end_session_endpoint);
    url.searchParams.set('client_id', this.clientId);
    url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri);
    return url.href;
  }
}

/** What the page shows of who is signed in, from the token's claims and the rights file's claim names. */
export function describeCaller(claims, claimNames) {
  const roles = claims[claimNames.roles];
  const unit = claims[claimNames.unit];
  return {
    id: typeof claims.sub === 'string' ? claims.sub : '(no subject)',
    name: typeof claims.name === 'string' ? claims.name : null,
    roles: Array.isArray(roles) ? roles.filter((role) => typeof role === 'string') : [],
    unit: typeof unit === 'string' ? unit : null,
  };
}

/** The rights `roles` hold by the rights file (`{ role: { rights } }`), sorted. */
export function rightsOfRoles(roles, rolesTable) {
  const rights = new Set();
  for (const role of roles) for (const right of Object.hasOwn(rolesTable, role) ? rolesTable[role].rights : []) rights.add(right);
  return [...rights].sort();
}
