/**
 * The sign-in steps oidc-provider hands to the application (its "interactions"): which demo user
 * you are, and consent. GET /interaction/:uid shows the demo users; POST /interaction/:uid/login
 * with `user=<id>` signs that user in; POST /interaction/:uid/abort cancels.
 *
 * Consent is never asked: the clients are casegraph's own, so signing in grants what the client
 * requested at once (its OpenID scope, and the resource urn:casegraph with those of its scopes the
 * resource defines: none). Native clients would otherwise be sent through a consent step on every
 * authorization (the library requires one for them); that step is answered here without a page.
 *
 * Cross-site posts carry no interaction cookie (it is SameSite=Lax and scoped to this path), so
 * the forms need no token of their own. Bad or stale input answers a 4xx page, never a crash.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Interaction, InteractionResults } from 'oidc-provider';
import { DEFAULT_AUDIENCE } from '../../contracts/identity.js';
import { BodyTooLargeError, readBody } from '../../platform/http-server.js';
import type { Logger } from '../../platform/logger.js';
import type { DemoDirectory } from './accounts.js';
import { RESOURCE_SCOPE } from './configuration.js';
import { errorPage, signInPage, type Page } from './pages.js';

const MAX_FORM_BYTES = 4 * 1024;

/** /interaction/<uid>[/login|/abort]; uids are the library's nanoids. */
const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]{1,128})(?:\/(login|abort))?$/;

export interface InteractionRoutesOptions {
  /** The provider now serving (a key rotation replaces it). */
  provider: () => Provider;
  directory: DemoDirectory;
  /** Display names by client id, for the sign-in page. */
  clientNames: ReadonlyMap<string, string>;
  logger: Logger;
}

/** Handles a request under /interaction/. */
export type InteractionRoutes = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;

/** A request the user can fix by starting again: answered with its status and page. */
class InteractionRefused extends Error {
  constructor(readonly page: Page) {
    super(page.body);
  }
}

function refuse(status: number, title: string, detail: string): never {
  throw new InteractionRefused(errorPage(status, title, detail));
}

function send(res: ServerResponse, page: Page): void {
  res.writeHead(page.status, { ...page.headers, 'content-length': Buffer.byteLength(page.body) });
  res.end(page.body);
}

/** The library's own errors (an expired or unknown interaction) carry a 4xx status. */
function isClientError(error: unknown): error is Error & { status: number } {
  const status = (error as { status?: unknown } | null)?.status;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}

/** The library's errors say what went wrong in `error_description`; their message is only the code. */
function describe(error: Error): string {
  const description = (error as { error_description?: unknown }).error_description;
  return typeof description === 'string' ? description : error.message;
}

function requestedResources(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [DEFAULT_AUDIENCE];
}

export function createInteractionRoutes(options: InteractionRoutesOptions): InteractionRoutes {
  const { directory, logger } = options;

  /** The interaction this browser is in, which must be the one in the URL. */
  async function interactionOf(req: IncomingMessage, res: ServerResponse, uid: string): Promise<Interaction> {
    let details: Interaction;
    try {
      details = await options.provider().interactionDetails(req, res);
    } catch (error) {
      if (isClientError(error)) refuse(400, 'This sign-in has expired', 'The sign-in request was not found or has expired.');
      throw error;
    }
    if (details.uid !== uid)
      refuse(400, 'This sign-in is not the one in progress', 'The address does not match the sign-in request this browser is in.');
    return details;
  }

  /** Grants what the client asked for, to `accountId`: consent without a page, for first-party clients. */
  async function grantRequested(details: Interaction, accountId: string): Promise<string> {
    const provider = options.provider();
    const clientId = String(details.params.client_id);
    const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
    const grant = existing && existing.accountId === accountId ? existing : new provider.Grant({ accountId, clientId });
    const scope = typeof details.params.scope === 'string' ? details.params.scope : '';
    if (scope) grant.addOIDCScope(scope);
    // Only the scopes the resource defines: oidc-provider 8 puts whatever the grant holds for it
    // (openid, say) into the access token's `scope`.
    const defined = new Set(RESOURCE_SCOPE.split(' ').filter(Boolean));
    const resourceScope = scope
      .split(' ')
      .filter((name) => defined.has(name))
      .join(' ');
    for (const resource of requestedResources(details.params.resource)) grant.addResourceScope(resource, resourceScope);
    return grant.save();
  }

  /** Hands `result` to the library, which answers 303 to where the authorization resumes. */
  async function finish(req: IncomingMessage, res: ServerResponse, result: InteractionResults): Promise<void> {
    res.setHeader('cache-control', 'no-store');
    await options.provider().interactionFinished(req, res, result);
  }

  async function show(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    const details = await interactionOf(req, res, uid);
    const signedIn = details.session?.accountId;
    if (details.prompt.name === 'consent' && signedIn) {
      return finish(req, res, { consent: { grantId: await grantRequested(details, signedIn) } });
    }
    if (details.prompt.name !== 'login')
      refuse(400, 'Cannot continue this sign-in', `The step "${details.prompt.name}" is not supported here.`);
    const clientId = String(details.params.client_id);
    const signedInAs = signedIn === undefined ? undefined : directory.user(signedIn);
    send(
      res,
      signInPage({
        uid,
        clientName: options.clientNames.get(clientId) ?? clientId,
        users: directory.users,
        redirectUri: details.params.redirect_uri,
        ...(signedInAs ? { signedInAs } : {}),
      }),
    );
  }

  async function chosenUserId(req: IncomingMessage): Promise<string> {
    let body: string;
    try {
      body = await readBody(req, MAX_FORM_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) refuse(413, 'Sign-in form too large', `The form is larger than ${MAX_FORM_BYTES} bytes.`);
      throw error;
    }
    const users = new URLSearchParams(body).getAll('user');
    if (users.length !== 1 || !users[0]) refuse(400, 'No demo user chosen', 'Choose exactly one demo user.');
    return users[0];
  }

  async function login(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    const details = await interactionOf(req, res, uid);
    const userId = await chosenUserId(req);
    const user = directory.user(userId);
    if (!user) refuse(400, 'Unknown demo user', 'There is no demo user with that id; choose one of the listed users.');
    if (details.prompt.name !== 'login' && details.prompt.name !== 'consent')
      refuse(400, 'Cannot continue this sign-in', 'This sign-in does not ask who you are.');
    const grantId = await grantRequested(details, user.id);
    logger.info({ userId: user.id, clientId: details.params.client_id }, 'demo user signed in');
    return finish(req, res, { login: { accountId: user.id }, consent: { grantId } });
  }

  async function abort(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    await interactionOf(req, res, uid);
    return finish(req, res, { error: 'access_denied', error_description: 'the user cancelled the sign-in' });
  }

  return async (req, res, path) => {
    try {
      const match = INTERACTION_PATH.exec(path);
      const uid = match?.[1];
      if (uid === undefined) refuse(404, 'Not found', 'There is no such sign-in page.');
      const action = match?.[2];
      const expected = action === undefined ? 'GET' : 'POST';
      if (req.method !== expected) refuse(405, 'Method not allowed', `Use ${expected} here.`);
      if (action === 'login') await login(req, res, uid);
      else if (action === 'abort') await abort(req, res, uid);
      else await show(req, res, uid);
    } catch (error) {
      if (error instanceof InteractionRefused) return send(res, error.page);
      if (isClientError(error)) return send(res, errorPage(error.status, 'Cannot continue this sign-in', describe(error)));
      logger.error({ err: error }, 'interaction failed');
      send(res, errorPage(500, 'Sign-in failed', 'The identity provider failed; see its log.'));
    }
  };
}
