/**
 * The OAuth clients the demo provider knows, which browser origins may call its token endpoint
 * for them, and where they may be sent back to.
 *
 * The browser clients (GraphiQL in the gateway, the `npm run token` CLI) are public clients of
 * application type "native". That is what makes a loopback redirect URI work on any port (RFC
 * 8252 section 7.3): a registered `http://127.0.0.1:4000/` also admits `http://127.0.0.1:53127/`
 * (scheme, host and path must still match exactly). oidc-provider 8 does this itself for the
 * redirect URI of an authorization request, but compares a sign-out's post_logout_redirect_uri
 * exactly; allowNativeLoopbackSignOut teaches it the same rule there. Tests start the gateway on
 * port 0; the provider need not know the port.
 */
import type { Client, ClientMetadata, KoaContextWithOIDC } from 'oidc-provider';
import type { DemoServiceAccount } from '../../contracts/identity.js';

export const GRAPHIQL_CLIENT_ID = 'casegraph-graphiql';
export const CLI_CLIENT_ID = 'casegraph-cli';

/** Where GraphiQL is served by default (the gateway's GATEWAY_PORT 4000), under both loopback names. */
export const DEFAULT_GRAPHIQL_REDIRECT_URIS: readonly string[] = ['http://127.0.0.1:4000/', 'http://localhost:4000/'];

/**
 * The CLI's redirect URI. Nothing listens there: demo-login reads the code from the Location
 * header of the redirect to it. The port in a request may be any (RFC 8252 7.3).
 */
export const CLI_REDIRECT_URI = 'http://127.0.0.1/callback';

/** The documented demo secret of a service account, when none is configured. */
export function demoServiceAccountSecret(id: string): string {
  return `${id}-demo-secret`;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** An http URL on a loopback host, the kind whose port is not compared. */
export function isLoopbackHttpUrl(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Why a GraphiQL redirect URI cannot be registered, or null when it can. A native client may use
 * http only on loopback hosts, and https only elsewhere; fragments are never allowed.
 */
export function graphiqlRedirectUriProblem(value: string): string | null {
  const url = URL.parse(value);
  if (!url) return 'is not an absolute URL';
  if (url.hash !== '' || value.includes('#')) return 'must not have a fragment';
  if (url.protocol === 'http:')
    return isLoopbackHttpUrl(url) ? null : 'uses http on a host that is not loopback (127.0.0.1, localhost or [::1])';
  if (url.protocol === 'https:') return LOOPBACK_HOSTS.has(url.hostname) ? 'uses https on a loopback host; use http there' : null;
  return 'must be an http or https URL';
}

export interface ClientOptions {
  graphiqlRedirectUris: readonly string[];
  serviceAccounts: readonly DemoServiceAccount[];
  /** Client secrets by service account id. */
  serviceAccountSecrets: Readonly<Record<string, string>>;
}

export function clientMetadata(options: ClientOptions): ClientMetadata[] {
  const browserClient = (clientId: string, clientName: string, redirectUris: readonly string[]): ClientMetadata => ({
    client_id: clientId,
    client_name: clientName,
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: [...redirectUris],
    post_logout_redirect_uris: [...redirectUris],
  });
  return [
    browserClient(GRAPHIQL_CLIENT_ID, 'casegraph GraphiQL', options.graphiqlRedirectUris),
    browserClient(CLI_CLIENT_ID, 'casegraph command line (npm run token)', [CLI_REDIRECT_URI, 'http://localhost/callback']),
    ...options.serviceAccounts.map((account): ClientMetadata => ({
      client_id: account.id,
      client_name: `service account ${account.id}`,
      client_secret: options.serviceAccountSecrets[account.id] ?? demoServiceAccountSecret(account.id),
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    })),
  ];
}

/**
 * RFC 8252 section 7.3 as oidc-provider 8 applies it to authorization requests: `value` is one of
 * `registered`, or, for a native client, an http URL on a loopback host that is one of them but
 * for its port.
 */
export function nativeRedirectAllowed(applicationType: string | undefined, registered: readonly string[], value: string): boolean {
  const requested = URL.parse(value);
  if (!requested) return false;
  if (registered.some((uri) => URL.parse(uri)?.href === requested.href)) return true;
  if (applicationType !== 'native' || !isLoopbackHttpUrl(requested)) return false;
  requested.port = '';
  return registered.some((uri) => {
    const candidate = URL.parse(uri);
    if (!candidate) return false;
    candidate.port = '';
    return candidate.href === requested.href;
  });
}

/**
 * Lets a native client's sign-out return to its loopback post_logout_redirect_uris on any port, as
 * its sign-in may. oidc-provider 8 compares them exactly (9 applies the rule to both); its Client
 * class is per Provider, so this changes only `provider`.
 */
export function allowNativeLoopbackSignOut(provider: { readonly Client: typeof Client }): void {
  provider.Client.prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(this: Client, value: string): boolean {
    return nativeRedirectAllowed(this.applicationType, this.postLogoutRedirectUris ?? [], value);
  };
}

/**
 * oidc-provider's `clientBasedCORS`, asked on every cross-origin call naming a client. A public
 * client may be called from the origin of one of its redirect URIs, and, for loopback ones, from
 * the same loopback host on any port (where the gateway serves GraphiQL in tests). Confidential
 * clients (service accounts) are never called from a browser. The preflight itself is answered
 * by the library for any origin; the real request is refused here.
 */
export function allowsCorsOrigin(_ctx: KoaContextWithOIDC, origin: string, client: Client): boolean {
  if (client.clientAuthMethod !== 'none') return false;
  const caller = URL.parse(origin);
  if (!caller || caller.origin !== origin) return false;
  return (client.redirectUris ?? []).some((uri) => {
    const registered = URL.parse(uri);
    if (!registered) return false;
    if (registered.origin === origin) return true;
    return isLoopbackHttpUrl(registered) && isLoopbackHttpUrl(caller) && registered.hostname === caller.hostname;
  });
}
