/**
 * The demo identity provider as the gateway will meet it: discovery and JWKS, and access tokens
 * that verify with jose against the published keys and carry exactly the identity contract's
 * claims, for every demo user (authorization code + PKCE) and the bulk-checker service account
 * (client credentials). Real HTTP on a free port; the library is not mocked.
 */
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUDIENCE, DEMO_ORGANISATION, DEMO_USERS } from '../../contracts/identity.js';
import { CLI_CLIENT_ID, CLI_REDIRECT_URI } from './clients.js';
import { discover, signInWithCodeFlow, SignInError } from './code-flow.js';
import { demoAccessToken, UnknownDemoIdentityError } from './demo-login.js';
import { startIdentityProvider, type IdentityProvider } from './provider.js';

/** What RFC 9068 and oidc-provider put in every access token, besides the contract's claims. */
const REGISTERED_CLAIMS = ['iss', 'aud', 'exp', 'iat', 'jti', 'sub', 'client_id'];

let idp: IdentityProvider;

beforeAll(async () => {
  idp = await startIdentityProvider();
});

afterAll(async () => {
  await idp?.close();
});

async function verifyAccessToken(token: string): Promise<JWTPayload> {
  const keys = createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
  const { payload, protectedHeader } = await jwtVerify(token, keys, {
    issuer: idp.issuer,
    audience: DEFAULT_AUDIENCE,
    typ: 'at+jwt',
    algorithms: ['ES256'],
  });
  expect(protectedHeader.kid).toBe(idp.signingKeyId);
  return payload;
}

function clientCredentials(secret: string, body: Record<string, string> = {}, clientId = 'bulk-checker') {
  return fetch(`${idp.issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...body }),
  });
}

describe('discovery and keys', () => {
  it('serves a discovery document whose issuer is the URL it listens on', async () => {
    expect(idp.issuer).toBe(idp.url);
    expect(idp.url).toBe(`http://127.0.0.1:${idp.port}`);
    const metadata = await discover(idp.issuer);
    expect(metadata).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: `${idp.issuer}/auth`,
      token_endpoint: `${idp.issuer}/token`,
      jwks_uri: `${idp.issuer}/jwks`,
      end_session_endpoint: `${idp.issuer}/session/end`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['ES256'],
    });
    expect((metadata as unknown as { grant_types_supported: string[] }).grant_types_supported.sort()).toEqual([
      'authorization_code',
      'client_credentials',
    ]);
  });

  it('publishes the public half of its ES256 signing key, with its kid', async () => {
    const response = await fetch(`${idp.issuer}/jwks`);
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: idp.signingKeyId });
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('answers /health', async () => {
    const response = await fetch(`${idp.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('demo users (authorization code with PKCE)', () => {
  it.each(DEMO_USERS.map((user) => [user.id, user] as const))('%s gets a token with exactly the contract claims', async (_id, user) => {
    const token = await demoAccessToken(idp.issuer, user.id);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    const payload = await verifyAccessToken(token);
    const expected = {
      sub: user.id,
      roles: [...user.roles],
      ...(user.unit === null ? {} : { unit: user.unit }),
      org: DEMO_ORGANISATION,
      name: user.name,
    };
    expect(payload).toMatchObject({ ...expected, iss: idp.issuer, aud: DEFAULT_AUDIENCE, client_id: CLI_CLIENT_ID });
    expect(Object.keys(payload).sort()).toEqual([...REGISTERED_CLAIMS, ...Object.keys(expected).filter((key) => key !== 'sub')].sort());
    expect(Array.isArray(payload.roles)).toBe(true);
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it('issues a JWT for urn:casegraph to a client that names no resource', async () => {
    const tokens = await signInWithCodeFlow({
      issuer: idp.issuer,
      clientId: CLI_CLIENT_ID,
      redirectUri: CLI_REDIRECT_URI,
      userId: 'kaisa.virtanen',
      resource: null,
      scope: 'openid profile',
    });
    const payload = await verifyAccessToken(tokens.access_token);
    expect(payload).toMatchObject({ sub: 'kaisa.virtanen', aud: DEFAULT_AUDIENCE, unit: 'HEL-1' });
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.id_token).toEqual(expect.any(String));
  });

  it('refuses a resource other than urn:casegraph', async () => {
    await expect(
      signInWithCodeFlow({
        issuer: idp.issuer,
        clientId: CLI_CLIENT_ID,
        redirectUri: CLI_REDIRECT_URI,
        userId: 'kaisa.virtanen',
        resource: 'urn:elsewhere',
      }),
    ).rejects.toThrow(/invalid_target/);
  });

  it('refuses an unknown user with the known ids, and keeps serving', async () => {
    const refusal = demoAccessToken(idp.issuer, 'mallory');
    await expect(refusal).rejects.toBeInstanceOf(UnknownDemoIdentityError);
    await expect(refusal).rejects.toThrow(/kaisa\.virtanen.*bulk-checker/);
    // Past demoAccessToken's own check: the sign-in page itself refuses the id.
    await expect(
      signInWithCodeFlow({ issuer: idp.issuer, clientId: CLI_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, userId: 'mallory' }),
    ).rejects.toThrow(/400: Unknown demo user/);
    await expect(verifyAccessToken(await demoAccessToken(idp.issuer, 'matti.korhonen'))).resolves.toMatchObject({ sub: 'matti.korhonen' });
  });
});

describe('the bulk-checker service account (client credentials)', () => {
  it('gets a token with its roles, the organisation and sub = client id', async () => {
    const payload = await verifyAccessToken(await demoAccessToken(idp.issuer, 'bulk-checker'));
    expect(payload).toMatchObject({ sub: 'bulk-checker', client_id: 'bulk-checker', roles: ['bulk-checker'], org: DEMO_ORGANISATION });
    expect(Object.keys(payload).sort()).toEqual([...REGISTERED_CLAIMS, 'roles', 'org'].sort());
  });

  it('gets a JWT for urn:casegraph without naming the resource', async () => {
    const response = await clientCredentials('bulk-checker-demo-secret');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    expect(body.expires_in).toBe(3600);
    await expect(verifyAccessToken(body.access_token)).resolves.toMatchObject({ sub: 'bulk-checker', aud: DEFAULT_AUDIENCE });
  });

  it('is refused with a wrong secret, and a public client cannot use the grant', async () => {
    const wrong = await clientCredentials('not-the-secret');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    await expect(demoAccessToken(idp.issuer, 'bulk-checker', { clientSecret: 'not-the-secret' })).rejects.toThrow(SignInError);
    await expect(demoAccessToken(idp.issuer, 'bulk-checker', { clientSecret: 'not-the-secret' })).rejects.toThrow(/401 invalid_client/);

    const publicClient = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CLI_CLIENT_ID }),
    });
    expect(publicClient.status).toBe(400);
    expect(await publicClient.json()).toMatchObject({
      error: 'invalid_request',
      error_description: 'requested grant type is not allowed for this client',
    });
  });
});

describe('options', () => {
  it('takes the access token lifetime and service account secrets', async () => {
    const short = await startIdentityProvider({
      accessTokenTtlSeconds: 120,
      serviceAccountSecrets: { 'bulk-checker': 'configured-secret' },
    });
    try {
      const user = await demoAccessToken(short.issuer, 'liisa.nieminen');
      const service = await demoAccessToken(short.issuer, 'bulk-checker', { clientSecret: 'configured-secret' });
      for (const token of [user, service]) {
        const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${short.issuer}/jwks`)), {
          issuer: short.issuer,
          audience: DEFAULT_AUDIENCE,
        });
        expect(payload.exp! - payload.iat!).toBe(120);
      }
      await expect(demoAccessToken(short.issuer, 'bulk-checker')).rejects.toThrow(/invalid_client/);
    } finally {
      await short.close();
    }
  });

  it('takes its own users', async () => {
    const users = [{ id: 'test.user', name: 'Test User', roles: ['analyst'], unit: 'TKU-1' as const }];
    const custom = await startIdentityProvider({ users });
    try {
      const token = await demoAccessToken(custom.issuer, 'test.user', { users });
      const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(`${custom.issuer}/jwks`)), {
        issuer: custom.issuer,
        audience: DEFAULT_AUDIENCE,
      });
      expect(payload).toMatchObject({ sub: 'test.user', roles: ['analyst'], unit: 'TKU-1', name: 'Test User' });
    } finally {
      await custom.close();
    }
  });
});
