/**
 * An access token for a demo user or service account from a running demo provider, the way a
 * real client gets one: users through the authorization-code flow with PKCE as the
 * casegraph-cli client (code-flow.ts), service accounts through the client-credentials grant.
 * For `npm run token`, tests and examples; nothing here bypasses the provider.
 */
import { DEFAULT_AUDIENCE, DEMO_SERVICE_ACCOUNTS, DEMO_USERS, type DemoServiceAccount, type DemoUser } from '../../contracts/identity.js';
import { CLI_CLIENT_ID, CLI_REDIRECT_URI, demoServiceAccountSecret } from './clients.js';
import { discover, signInWithCodeFlow, SignInError, tokenResponse } from './code-flow.js';

export interface DemoLoginOptions {
  /** The users the provider knows; default DEMO_USERS. */
  users?: readonly DemoUser[];
  /** The service accounts it knows; default DEMO_SERVICE_ACCOUNTS. */
  serviceAccounts?: readonly DemoServiceAccount[];
  /** A service account's client secret; default its documented demo secret (`<id>-demo-secret`). */
  clientSecret?: string;
}

/** `who` is neither a demo user nor a service account. */
export class UnknownDemoIdentityError extends Error {
  override name = 'UnknownDemoIdentityError';
}

/** The client-credentials grant for a service account, with client_secret_basic. */
async function serviceAccountToken(issuer: string, clientId: string, clientSecret: string): Promise<string> {
  const metadata = await discover(issuer);
  // RFC 6749 2.3.1: id and secret are form-urlencoded before they are joined and base64-encoded.
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: DEFAULT_AUDIENCE }),
  });
  return (await tokenResponse(response)).access_token;
}

/**
 * An access token for `who` (a demo user id such as kaisa.virtanen, or a service account id such
 * as bulk-checker) from the provider at `issuer`. Throws UnknownDemoIdentityError, listing the
 * known ids, for anyone else, and SignInError when the provider refuses or is not running.
 */
export async function demoAccessToken(issuer: string, who: string, options: DemoLoginOptions = {}): Promise<string> {
  const users = options.users ?? DEMO_USERS;
  const serviceAccounts = options.serviceAccounts ?? DEMO_SERVICE_ACCOUNTS;
  if (serviceAccounts.some((account) => account.id === who)) {
    return serviceAccountToken(issuer, who, options.clientSecret ?? demoServiceAccountSecret(who));
  }
  if (!users.some((user) => user.id === who)) {
    const known = [...users.map((user) => user.id), ...serviceAccounts.map((account) => account.id)];
    throw new UnknownDemoIdentityError(`${JSON.stringify(who)} is not a demo user or service account; known: ${known.join(', ')}`);
  }
  const tokens = await signInWithCodeFlow({ issuer, clientId: CLI_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, userId: who });
  return tokens.access_token;
}

export { SignInError };
