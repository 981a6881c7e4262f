/**
 * Starting the demo identity provider in-process: a real OpenID Connect provider (oidc-provider)
 * on plain node:http, standing in for the organisation's. Tests start it on port 0; main.ts
 * starts it as a process for `npm start`.
 *
 * Besides the library's endpoints it serves GET /health and the sign-in pages under
 * /interaction/. Rotating the signing key builds a new Provider over the same store (the library
 * reads its JWKS once), and requests go to whichever provider is current.
 */
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import Provider, { type JWK } from 'oidc-provider';
import { DEMO_SERVICE_ACCOUNTS, DEMO_USERS, type DemoServiceAccount, type DemoUser } from '../../contracts/identity.js';
import { closeGracefully, listen, sendJson } from '../../platform/http-server.js';
import { createLogger, type Logger } from '../../platform/logger.js';
import { DemoDirectory } from './accounts.js';
import { allowNativeLoopbackSignOut, clientMetadata, DEFAULT_GRAPHIQL_REDIRECT_URIS, demoServiceAccountSecret } from './clients.js';
import { providerConfiguration } from './configuration.js';
import { createInteractionRoutes } from './interactions.js';
import { errorPage } from './pages.js';
import { SigningKeyRing, type RotationOptions } from './signing-keys.js';
import { ProviderStore } from './store.js';

export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 3600;

/** How long close() lets requests in flight finish before cutting them. */
const CLOSE_GRACE_MS = 1000;

export interface IdentityProviderOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: the URL it listens on, http://<host>:<port>. Tokens carry it as `iss`. */
  issuer?: string;
  /** Default DEMO_USERS. */
  users?: readonly DemoUser[];
  /** Default DEMO_SERVICE_ACCOUNTS. */
  serviceAccounts?: readonly DemoServiceAccount[];
  /** Client secrets by service account id; default `<id>-demo-secret`. */
  serviceAccountSecrets?: Readonly<Record<string, string>>;
  /** Lifetime of access tokens (users and service accounts); default 3600 s. */
  accessTokenTtlSeconds?: number;
  /** Redirect URIs of the GraphiQL client (any port on a loopback host); default DEFAULT_GRAPHIQL_REDIRECT_URIS. */
  graphiqlRedirectUris?: readonly string[];
  /** Private signing keys (EC P-256 JWKs with a kid), the first signs; default: one generated at start. */
  signingKeys?: readonly JWK[];
  /** Silent by default. */
  logger?: Logger;
}

export interface IdentityProvider {
  issuer: string;
  /** Where it listens, e.g. http://127.0.0.1:4300. */
  url: string;
  port: number;
  /** The `kid` of the key new tokens are signed with. */
  readonly signingKeyId: string;
  /** Every `kid` the JWKS endpoint publishes, the signing one first. */
  readonly publishedKeyIds: string[];
  /**
   * Signs with a new key from now on (generated unless given) and returns its `kid`; the previous
   * keys stay published unless `keepPrevious` is false.
   */
  rotateSigningKey(options?: RotationOptions): Promise<string>;
  close(): Promise<void>;
}

export async function startIdentityProvider(options: IdentityProviderOptions = {}): Promise<IdentityProvider> {
  const logger = options.logger ?? createLogger('identity-provider', 'silent');
  const directory = new DemoDirectory(options.users ?? DEMO_USERS, options.serviceAccounts ?? DEMO_SERVICE_ACCOUNTS);
  let keyRing = options.signingKeys ? new SigningKeyRing(options.signingKeys) : await SigningKeyRing.generate();
  const store = new ProviderStore();
  const clientOptions = {
    graphiqlRedirectUris: options.graphiqlRedirectUris ?? DEFAULT_GRAPHIQL_REDIRECT_URIS,
    serviceAccounts: directory.serviceAccounts,
    serviceAccountSecrets:
      options.serviceAccountSecrets ??
      Object.fromEntries(directory.serviceAccounts.map((account) => [account.id, demoServiceAccountSecret(account.id)])),
  };
  const cookieKeys = [randomBytes(32).toString('base64url')];
  const accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;

  let current: { provider: Provider; handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> } | undefined;

  const interactions = createInteractionRoutes({
    provider: () => current!.provider,
    directory,
    clientNames: new Map(clientMetadata(clientOptions).map((client) => [client.client_id, client.client_name ?? client.client_id])),
    logger,
  });

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!current) {
      res.writeHead(503, { 'retry-after': '1' }).end();
      return;
    }
    if (path === '/health') {
      if (req.method === 'GET' || req.method === 'HEAD') return sendJson(res, 200, { status: 'ok' });
      const page = errorPage(405, 'Method not allowed', 'Use GET here.');
      res.writeHead(page.status, page.headers).end(page.body);
      return;
    }
    if (path.startsWith('/interaction/')) return void interactions(req, res, path);
    void current.handle(req, res);
  });

  const listening = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const issuer = options.issuer ?? listening.url;

  /** A provider signing with `ring`; the store, clients and cookie keys are the same for all. */
  function buildProvider(ring: SigningKeyRing): Provider {
    const provider = new Provider(
      issuer,
      providerConfiguration({ ...clientOptions, directory, store, signingKeys: ring.privateJwks(), cookieKeys, accessTokenTtlSeconds }),
    );
    allowNativeLoopbackSignOut(provider);
    // Koa (the provider's `app` in oidc-provider 8) logs unhandled errors to stderr unless someone
    // listens; the library answers them itself.
    provider.app.on('error', (error: unknown) => logger.error({ err: error }, 'identity provider request failed'));
    provider.on('server_error', (_ctx, error) => logger.error({ err: error }, 'identity provider server error'));
    provider.on('grant.error', (_ctx, error) => logger.info({ error: error.error }, 'token request refused'));
    provider.on('authorization.error', (_ctx, error) => logger.info({ error: error.error }, 'authorization request refused'));
    return provider;
  }

  function install(provider: Provider): void {
    current = { provider, handle: provider.callback() };
  }

  try {
    install(buildProvider(keyRing));
  } catch (error) {
    await closeGracefully(server, 0);
    throw error;
  }
  logger.debug({ issuer, kid: keyRing.signingKeyId }, 'identity provider configured');

  return {
    issuer,
    url: listening.url,
    port: listening.port,
    get signingKeyId() {
      return keyRing.signingKeyId;
    },
    get publishedKeyIds() {
      return keyRing.publishedKeyIds;
    },
    async rotateSigningKey(rotation) {
      const rotated = await keyRing.rotated(rotation);
      install(buildProvider(rotated));
      keyRing = rotated;
      logger.info({ kid: rotated.signingKeyId, published: rotated.publishedKeyIds }, 'signing key rotated');
      return rotated.signingKeyId;
    },
    async close() {
      await closeGracefully(server, CLOSE_GRACE_MS);
      store.clear();
    },
  };
}
