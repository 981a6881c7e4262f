// Types of sign-in.mjs (plain JavaScript, inlined in the GraphiQL page), for its tests.

export const SESSION_KEY: string;
export const PENDING_SIGN_IN_KEY: string;

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface WebCrypto {
  getRandomValues<T extends Uint8Array>(array: T): T;
  subtle: { digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer> };
}

export type Session =
  | { status: 'signed-in'; accessToken: string; claims: Record<string, unknown>; expiresAt: number | null }
  | { status: 'expired'; claims: Record<string, unknown> }
  | { status: 'signed-out' };

export function base64url(bytes: Iterable<number>): string;
export function decodeJwtPayload(token: unknown): Record<string, unknown> | null;
export function isSignInCallback(url: URL): boolean;
export function withoutCallbackParameters(url: URL): URL;

export class SignInProblem extends Error {}

export class SignIn {
  constructor(options: {
    issuer: string;
    clientId: string;
    resource: string;
    storage: KeyValueStorage;
    fetch: typeof fetch;
    crypto: WebCrypto;
    now?: () => number;
  });
  discover(): Promise<{ issuer?: string; authorization_endpoint: string; token_endpoint: string; end_session_endpoint?: string }>;
  authorizationUrl(options: { redirectUri: string; prompt?: 'login' }): Promise<string>;
  complete(url: URL): Promise<Session>;
  session(): Session;
  forget(): void;
  endSessionUrl(options: { postLogoutRedirectUri: string }): Promise<string | null>;
}

export interface Caller {
  id: string;
  name: string | null;
  roles: string[];
  unit: string | null;
}

export function describeCaller(claims: Record<string, unknown>, claimNames: { roles: string; unit: string }): Caller;
export function rightsOfRoles(roles: readonly string[], rolesTable: Record<string, { rights: readonly string[] }>): string[];
