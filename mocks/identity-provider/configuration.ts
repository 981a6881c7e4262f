/**
 * The oidc-provider 8 configuration of the demo identity provider: what it issues and to whom.
 *
 * - Access tokens are RFC 9068 JWTs (`typ: at+jwt`) for the one resource urn:casegraph, signed
 *   ES256, with the contract's claims. A client that names no resource gets one all the same
 *   (defaultResource, useGrantedResource), and with userinfo off no token is ever for anything else.
 * - Clients: clients.ts. PKCE is required of all, with S256 only.
 * - Sign-in is this provider's own pages (interactions.ts); devInteractions are off.
 * - The provider fetches nothing: no client uses jwks_uri or sector_identifier_uri, dynamic
 *   registration is off, and `httpOptions` (asked before every outgoing request) refuses anyway,
 *   so it contacts nothing beyond its callers.
 */
import { errors, type Configuration, type KoaContextWithOIDC, type ResourceServer } from 'oidc-provider';
import { DEFAULT_AUDIENCE } from '../../contracts/identity.js';
import type { DemoDirectory } from './accounts.js';
import { allowsCorsOrigin, clientMetadata, type ClientOptions } from './clients.js';
import { logoutConfirmationBody, oauthErrorBody, originOf, pageHeaders, signedOutBody } from './pages.js';
import { SIGNING_ALGORITHM, type SigningJwk } from './signing-keys.js';
import type { ProviderStore } from './store.js';

export interface ProviderConfigurationInput extends ClientOptions {
  directory: DemoDirectory;
  store: ProviderStore;
  signingKeys: SigningJwk[];
  /** Keys for signing the provider's cookies; kept across key rotations so sessions survive them. */
  cookieKeys: string[];
  accessTokenTtlSeconds: number;
}

/** A working day: how long a demo sign-in and what it granted last. */
const SESSION_TTL_SECONDS = 8 * 60 * 60;

/**
 * The scopes urn:casegraph defines: none. Rights come from roles (the gateway's rights file), not
 * from OAuth scopes. A grant holds only these for the resource, so no access token has a `scope`.
 */
export const RESOURCE_SCOPE = '';

function html(ctx: KoaContextWithOIDC, body: string, formTargets: string[] = []): void {
  for (const [name, value] of Object.entries(pageHeaders(formTargets))) ctx.set(name, value);
  ctx.type = 'html';
  ctx.body = body;
}

export function providerConfiguration(input: ProviderConfigurationInput): Configuration {
  const resourceServer: ResourceServer = {
    scope: RESOURCE_SCOPE,
    audience: DEFAULT_AUDIENCE,
    accessTokenTTL: input.accessTokenTtlSeconds,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: SIGNING_ALGORITHM } },
  };

  return {
    adapter: input.store.adapterFor,
    clients: clientMetadata(input),
    clientDefaults: { id_token_signed_response_alg: SIGNING_ALGORITHM },
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post'],
    clientBasedCORS: allowsCorsOrigin,
    scopes: ['openid', 'profile'],
    claims: { openid: ['sub'], profile: ['name'] },
    responseTypes: ['code'],
    cookies: {
      keys: input.cookieKeys,
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    jwks: { keys: input.signingKeys },
    findAccount: input.directory.findAccount,
    extraTokenClaims: input.directory.extraTokenClaims,
    pkce: { methods: ['S256'], required: () => true },
    httpOptions: (url) => {
      throw new Error(`the demo identity provider fetches nothing (asked for ${url.href})`);
    },
    ttl: {
      AccessToken: input.accessTokenTtlSeconds,
      ClientCredentials: input.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: input.accessTokenTtlSeconds,
      Interaction: 10 * 60,
      Session: SESSION_TTL_SECONDS,
      Grant: SESSION_TTL_SECONDS,
    },
    renderError: async (ctx, out) => html(ctx, oauthErrorBody(out)),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: false },
      revocation: { enabled: false },
      registration: { enabled: false },
      // Plain bearer tokens by plain requests: nothing the gateway or GraphiQL would use.
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
      userinfo: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => html(ctx, logoutConfirmationBody(form), originOf(ctx.oidc.params?.post_logout_redirect_uri)),
        postLogoutSuccessSource: async (ctx) => html(ctx, signedOutBody()),
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx, _client, oneOf) =>
          oneOf === undefined || oneOf.includes(DEFAULT_AUDIENCE) ? DEFAULT_AUDIENCE : oneOf,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resourceIndicator) => {
          if (resourceIndicator !== DEFAULT_AUDIENCE) throw new errors.InvalidTarget(`the only resource here is ${DEFAULT_AUDIENCE}`);
          return resourceServer;
        },
      },
    },
  };
}
