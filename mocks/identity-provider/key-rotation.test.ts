/**
 * Rotating the signing key at run time, as the gateway will have to live with it: new tokens
 * carry the new kid and verify through the JWKS, a verifier that has cached the old key set finds
 * the new key by fetching again, old tokens verify while their key stays published and stop when
 * it is dropped, and nobody is signed out by a rotation. Supplied keys are used as given.
 */
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUDIENCE } from '../../contracts/identity.js';
import { CookieJar } from './browser.js';
import { GRAPHIQL_CLIENT_ID } from './clients.js';
import { signInWithCodeFlow } from './code-flow.js';
import { demoAccessToken } from './demo-login.js';
import { startIdentityProvider, type IdentityProvider } from './provider.js';
import { generateSigningKey } from './signing-keys.js';

let idp: IdentityProvider;

beforeAll(async () => {
  idp = await startIdentityProvider();
});

afterAll(async () => {
  await idp?.close();
});

const verifyWith = (keys: ReturnType<typeof createRemoteJWKSet>, token: string) =>
  jwtVerify(token, keys, { issuer: idp.issuer, audience: DEFAULT_AUDIENCE, typ: 'at+jwt' });

async function publishedKids(): Promise<string[]> {
  const { keys } = (await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: { kid: string }[] };
  return keys.map((key) => key.kid);
}

describe('rotating the signing key', () => {
  it('signs new tokens with the new kid, still verifies old ones, and drops the old key on request', async () => {
    const firstKid = idp.signingKeyId;
    const before = await demoAccessToken(idp.issuer, 'kaisa.virtanen');
    expect(decodeProtectedHeader(before).kid).toBe(firstKid);
    // A verifier that fetched the key set before the rotation, and may fetch again at once.
    const cachedKeys = createRemoteJWKSet(new URL(`${idp.issuer}/jwks`), { cooldownDuration: 0 });
    await verifyWith(cachedKeys, before);

    const secondKid = await idp.rotateSigningKey();
    expect(secondKid).not.toBe(firstKid);
    expect(idp.signingKeyId).toBe(secondKid);
    expect(idp.publishedKeyIds).toEqual([secondKid, firstKid]);
    expect(await publishedKids()).toEqual([secondKid, firstKid]);

    const user = await demoAccessToken(idp.issuer, 'kaisa.virtanen');
    const service = await demoAccessToken(idp.issuer, 'bulk-checker');
    for (const token of [user, service]) {
      expect(decodeProtectedHeader(token).kid).toBe(secondKid);
      await expect(verifyWith(createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)), token)).resolves.toBeTruthy();
      // The unknown kid makes the cached key set fetch the JWKS again.
      await expect(verifyWith(cachedKeys, token)).resolves.toBeTruthy();
    }
    await expect(verifyWith(createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)), before)).resolves.toBeTruthy();

    const thirdKid = await idp.rotateSigningKey({ keepPrevious: false });
    expect(await publishedKids()).toEqual([thirdKid]);
    const fresh = createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
    await expect(verifyWith(fresh, before)).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    await expect(verifyWith(fresh, user)).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    const after = await demoAccessToken(idp.issuer, 'pekka.makinen');
    expect(decodeProtectedHeader(after).kid).toBe(thirdKid);
    await expect(verifyWith(fresh, after)).resolves.toMatchObject({ payload: { sub: 'pekka.makinen', unit: 'TRE-1' } });
  });

  it('keeps users signed in and codes redeemable across a rotation', async () => {
    const jar = new CookieJar();
    const signIn = (userId: string) =>
      signInWithCodeFlow({ issuer: idp.issuer, clientId: GRAPHIQL_CLIENT_ID, redirectUri: 'http://127.0.0.1:4000/', userId, jar });
    await signIn('liisa.nieminen');
    const kid = await idp.rotateSigningKey();
    // Still signed in: no sign-in page, so the unknown id is never used.
    const tokens = await signIn('nobody');
    expect(decodeProtectedHeader(tokens.access_token).kid).toBe(kid);
    const { payload } = await verifyWith(createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)), tokens.access_token);
    expect(payload.sub).toBe('liisa.nieminen');
  });

  it('rotates to a supplied key', async () => {
    const key = await generateSigningKey();
    expect(await idp.rotateSigningKey({ key })).toBe(key.kid);
    expect(decodeProtectedHeader(await demoAccessToken(idp.issuer, 'olli.jarvinen')).kid).toBe(key.kid);
    await expect(idp.rotateSigningKey({ key })).rejects.toThrow(/already in the ring/);
    expect(idp.signingKeyId).toBe(key.kid);
  });
});

describe('supplied signing keys', () => {
  it('signs with the first and publishes all', async () => {
    const [first, second] = [await generateSigningKey(), await generateSigningKey()];
    const supplied = await startIdentityProvider({ signingKeys: [first, second] });
    try {
      expect(supplied.signingKeyId).toBe(first.kid);
      const { keys } = (await (await fetch(`${supplied.issuer}/jwks`)).json()) as { keys: Record<string, unknown>[] };
      expect(keys.map((key) => key.kid)).toEqual([first.kid, second.kid]);
      for (const key of keys) expect(key).not.toHaveProperty('d');
      expect(decodeProtectedHeader(await demoAccessToken(supplied.issuer, 'tuula.laine')).kid).toBe(first.kid);
    } finally {
      await supplied.close();
    }
  });

  it('refuses keys it cannot sign ES256 with', async () => {
    const key = await generateSigningKey();
    const { d: _private, ...publicOnly } = key;
    await expect(startIdentityProvider({ signingKeys: [publicOnly] })).rejects.toThrow(/must be a private key/);
    await expect(startIdentityProvider({ signingKeys: [{ ...key, crv: 'P-384' }] })).rejects.toThrow(/EC P-256/);
    await expect(startIdentityProvider({ signingKeys: [key, { ...key }] })).rejects.toThrow(/distinct "kid"/);
    await expect(startIdentityProvider({ signingKeys: [] })).rejects.toThrow(/at least one/);
  });
});
