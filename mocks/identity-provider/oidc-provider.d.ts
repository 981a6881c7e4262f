/**
 * Types for the part of oidc-provider 9 the demo identity provider uses. The library ships no
 * declarations and @types/oidc-provider is not a dependency of casegraph, so this module declares
 * only what mocks/identity-provider/ calls, as the library's documentation (docs/README.md of
 * panva/node-oidc-provider) describes it. Anything not listed here is deliberately unused.
 */
declare module 'oidc-provider' {
  import type { EventEmitter } from 'node:events';
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type UnknownObject = Record<string, unknown>;

  /** A client as the library hands it to configuration helpers. */
  export interface ClientView {
    readonly clientId: string;
    readonly clientAuthMethod: string;
    readonly redirectUris: readonly string[];
  }

  /** The Koa context the library passes to configuration helpers (only what is read here). */
  export interface ProviderContext {
    oidc: {
      readonly route?: string;
      readonly params?: Readonly<Record<string, unknown>>;
      readonly client?: ClientView;
    };
    status: number;
    type: string;
    body: unknown;
    set(field: string, value: string): void;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string, claims: UnknownObject, rejected: string[]): Promise<UnknownObject> | UnknownObject;
  }

  /** An access token (`kind` AccessToken) or client-credentials token (`kind` ClientCredentials). */
  export interface IssuedToken {
    readonly kind: string;
    readonly accountId?: string;
    readonly clientId?: string;
  }

  export interface ResourceServerInfo {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: 'opaque' | 'jwt';
    jwt?: { sign?: { alg?: string; kid?: string } };
  }

  /** The storage interface: one instance per model name (Session, Interaction, Grant...). */
  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface AdapterPayload {
    [key: string]: unknown;
    grantId?: string;
    uid?: string;
    userCode?: string;
    consumed?: number;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    client_name?: string;
    application_type?: 'web' | 'native';
    token_endpoint_auth_method?: string;
    grant_types?: string[];
    response_types?: string[];
    redirect_uris?: string[];
    post_logout_redirect_uris?: string[];
    scope?: string;
  }

  /** A private JWK (with `d`). */
  export interface PrivateJwk {
    kty: string;
    kid?: string;
    alg?: string;
    use?: string;
    crv?: string;
    x?: string;
    y?: string;
    d?: string;
    [parameter: string]: unknown;
  }

  export type TtlValue = number | ((ctx: ProviderContext, token: unknown, client: ClientView) => number);

  export interface Configuration {
    adapter?: (model: string) => Adapter;
    clients?: ClientMetadata[];
    clientDefaults?: Partial<Omit<ClientMetadata, 'client_id'>> & { id_token_signed_response_alg?: string };
    clientAuthMethods?: string[];
    clientBasedCORS?: (ctx: ProviderContext, origin: string, client: ClientView) => boolean;
    claims?: Record<string, string[] | null>;
    scopes?: string[];
    responseTypes?: string[];
    cookies?: {
      keys?: string[];
      long?: { httpOnly?: boolean; sameSite?: 'lax' | 'strict' | 'none' };
      short?: { httpOnly?: boolean; sameSite?: 'lax' | 'strict' | 'none' };
    };
    jwks?: { keys: PrivateJwk[] };
    findAccount?: (ctx: ProviderContext, sub: string, token?: unknown) => Promise<Account | undefined>;
    extraTokenClaims?: (ctx: ProviderContext, token: IssuedToken) => Promise<object | undefined>;
    fetch?: (url: URL | string, options: unknown) => Promise<Response>;
    interactions?: { url?: (ctx: ProviderContext, interaction: { uid: string }) => Promise<string> };
    pkce?: { required?: (ctx: ProviderContext, client: ClientView) => boolean };
    renderError?: (ctx: ProviderContext, out: Record<string, string | undefined>, error: Error) => Promise<void>;
    ttl?: Record<string, TtlValue>;
    features?: {
      devInteractions?: { enabled: boolean };
      clientCredentials?: { enabled: boolean };
      introspection?: { enabled: boolean };
      revocation?: { enabled: boolean };
      userinfo?: { enabled: boolean };
      registration?: { enabled: boolean };
      pushedAuthorizationRequests?: { enabled: boolean };
      dPoP?: { enabled: boolean };
      rpInitiatedLogout?: {
        enabled: boolean;
        logoutSource?: (ctx: ProviderContext, form: string) => Promise<void>;
        postLogoutSuccessSource?: (ctx: ProviderContext) => Promise<void>;
      };
      resourceIndicators?: {
        enabled: boolean;
        defaultResource?: (ctx: ProviderContext, client: ClientView, oneOf?: string[]) => Promise<string | string[] | undefined>;
        useGrantedResource?: (ctx: ProviderContext, model: unknown) => Promise<boolean>;
        getResourceServerInfo?: (ctx: ProviderContext, resourceIndicator: string, client: ClientView) => Promise<ResourceServerInfo>;
      };
    };
  }

  export interface InteractionPrompt {
    name: string;
    reasons: string[];
    details: UnknownObject;
  }

  export interface InteractionDetails {
    readonly uid: string;
    readonly prompt: InteractionPrompt;
    readonly params: Readonly<Record<string, unknown>>;
    readonly session?: { accountId?: string };
    readonly grantId?: string;
  }

  export interface InteractionResults {
    login?: { accountId: string; remember?: boolean };
    consent?: { grantId: string };
    error?: string;
    error_description?: string;
  }

  export class Grant {
    constructor(properties: { accountId: string; clientId: string });
    static find(id: string): Promise<Grant | undefined>;
    readonly accountId: string;
    readonly clientId: string;
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export class Provider extends EventEmitter {
    constructor(issuer: string, configuration: Configuration);
    readonly issuer: string;
    readonly Grant: typeof Grant;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionResult(req: IncomingMessage, res: ServerResponse, result: InteractionResults): Promise<string>;
  }

  export const errors: {
    InvalidTarget: new (description?: string) => Error;
    SessionNotFound: new (description?: string) => Error;
  };

  export default Provider;
}
