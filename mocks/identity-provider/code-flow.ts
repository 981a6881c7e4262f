/**
 * A sign-in as a browser makes it, over real HTTP: the authorization-code flow with PKCE (S256)
 * against a running provider, choosing a demo user on its sign-in page, then the code exchange.
 * The redirect URI need not be served: the code is read from the Location header that points
 * there. demo-login uses it for `npm run token`; tests use it for every browser client.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_AUDIENCE } from '../../contracts/identity.js';
import { browse, CookieJar, redirectTarget } from './browser.js';

/** The discovery fields casegraph's tools use. */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
}

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  id_token?: string;
  scope?: string;
}

/** The provider refused, or was not there (`unreachable`); `message` says why. */
export class SignInError extends Error {
  override name = 'SignInError';

  constructor(
    message: string,
    readonly unreachable = false,
  ) {
    super(message);
  }
}

export async function discover(issuer: string): Promise<ProviderMetadata> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new SignInError(`no identity provider answers at ${issuer} (${(error as Error).cause ?? (error as Error).message})`, true);
  }
  if (!response.ok) throw new SignInError(`${url} answered ${response.status}; is ${issuer} an OpenID Connect issuer?`, true);
  const metadata = (await response.json()) as Partial<ProviderMetadata>;
  for (const field of ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    if (typeof metadata[field] !== 'string') throw new SignInError(`the discovery document of ${issuer} has no ${field}`);
  }
  return metadata as ProviderMetadata;
}

/** Reads a token endpoint answer: the tokens, or a SignInError with the OAuth error. */
export async function tokenResponse(response: Response): Promise<TokenResponse> {
  const body = (await response.json().catch(() => ({}))) as Partial<TokenResponse> & { error?: string; error_description?: string };
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new SignInError(
      `the token endpoint refused (${response.status} ${body.error ?? 'no error code'}: ${body.error_description ?? 'no description'})`,
    );
  }
  return body as TokenResponse;
}

export interface CodeFlowOptions {
  issuer: string;
  clientId: string;
  /** Sent as is; for a native client any port of a registered loopback URI is accepted. */
  redirectUri: string;
  /** The demo user to choose on the sign-in page (if the provider shows it). */
  userId: string;
  /** Default 'openid'. */
  scope?: string;
  /** Default urn:casegraph; null sends no resource (the provider then uses its default). */
  resource?: string | null;
  /** 'login' asks the provider to sign in again, e.g. to switch user. */
  prompt?: 'login';
  /** Keep one across flows to be the same browser (a signed-in session is then reused). */
  jar?: CookieJar;
  /** Sent as Origin on the token request, as a page's fetch would. */
  tokenRequestOrigin?: string;
  metadata?: ProviderMetadata;
}

/** At most this many redirects and pages in one sign-in; a loop is a bug, not a wait. */
const MAX_STEPS = 20;

const base64url = (bytes: Buffer) => bytes.toString('base64url');

function decodeHtml(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity]!);
}

/** The library's self-submitting form (used when a new sign-in replaces another user's session). */
function selfSubmittingForm(html: string): { action: string; fields: Record<string, string> } | null {
  if (!html.includes('document.forms[0].submit()')) return null;
  const action = /<form method="post" action="([^"]*)">/.exec(html)?.[1];
  if (action === undefined) return null;
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"\/>/g))
    fields[name!] = decodeHtml(value!);
  return { action: decodeHtml(action), fields };
}

/** What a refusing page says, for an error message (the provider's error pages put it in <pre>). */
function pageText(html: string): string {
  return html
    .replace(/<(style|script)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

function isAt(url: URL, redirectUri: URL): boolean {
  return (
    url.protocol === redirectUri.protocol &&
    url.hostname === redirectUri.hostname &&
    url.port === redirectUri.port &&
    url.pathname === redirectUri.pathname
  );
}

/** Signs `userId` in through `clientId` and returns the token response. */
export async function signInWithCodeFlow(options: CodeFlowOptions): Promise<TokenResponse> {
  const metadata = options.metadata ?? (await discover(options.issuer));
  const jar = options.jar ?? new CookieJar();
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const redirectUri = new URL(options.redirectUri);

  let url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: options.clientId,
    response_type: 'code',
    redirect_uri: options.redirectUri,
    scope: options.scope ?? 'openid',
    state,
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    ...(options.resource === null ? {} : { resource: options.resource ?? DEFAULT_AUDIENCE }),
    ...(options.prompt ? { prompt: options.prompt } : {}),
  }).toString();

  let response = await browse(jar, url);
  for (let step = 0; ; step++) {
    if (step >= MAX_STEPS) throw new SignInError(`the sign-in did not reach ${options.redirectUri} within ${MAX_STEPS} steps`);
    const target = redirectTarget(response, url);
    if (target && isAt(target, redirectUri)) {
      url = target;
      break;
    }
    if (target) {
      url = target;
      response = await browse(jar, url);
      continue;
    }
    const html = await response.text();
    const form = response.status === 200 ? selfSubmittingForm(html) : null;
    if (form) {
      url = new URL(form.action, url);
      response = await browse(jar, url, { form: form.fields });
    } else if (response.status === 200 && /^\/interaction\/[^/]+$/.test(url.pathname)) {
      url = new URL(`${url.pathname}/login`, url);
      response = await browse(jar, url, { form: { user: options.userId } });
    } else {
      throw new SignInError(`the sign-in stopped at ${url.pathname} with ${response.status}: ${pageText(html)}`);
    }
  }

  const answer = url.searchParams;
  if (answer.get('error'))
    throw new SignInError(`the provider refused the sign-in: ${answer.get('error')}: ${answer.get('error_description') ?? ''}`);
  if (answer.get('state') !== state) throw new SignInError('the redirect carried another state than was sent');
  if (answer.get('iss') !== null && answer.get('iss') !== metadata.issuer) throw new SignInError('the redirect came from another issuer');
  const code = answer.get('code');
  if (!code) throw new SignInError('the redirect carried no code');

  const exchange = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.tokenRequestOrigin ? { origin: options.tokenRequestOrigin } : {}),
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: options.redirectUri,
      code_verifier: verifier,
      client_id: options.clientId,
    }),
  });
  return tokenResponse(exchange);
}
