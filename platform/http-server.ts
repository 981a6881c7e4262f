/**
 * Serving an Apollo Server over plain node:http, for the gateway and every subgraph.
 *
 * Apollo Server 5's standalone server stacks cors, body-parser and finalhandler on every
 * request; casegraph's servers speak JSON to a known set of clients, so this reads the body
 * itself (with a size limit), hands it to `executeHTTPGraphQLRequest`, and adds the few extra
 * routes a service needs (health, readiness, GraphiQL, metrics). Bad input - an oversized or
 * malformed body - is answered with a GraphQL-shaped error carrying `extensions.code`; it never
 * reaches a resolver and never crashes the process.
 */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { mayHoldPersonalIdentifier } from '../contracts/identifiers.js';
import { ErrorCode } from './errors.js';
import type { Logger } from './logger.js';
import { MAX_NESTING, nestsDeeperThan, overlongStringIn } from './request-shape.js';
import { serveInSpan, trace } from './trace-context.js';

const tracer = trace.getTracer('casegraph-http');

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Who a GraphQL request comes from, or why it is refused before its body is read. */
export type Authentication<TCaller> =
  | { ok: true; caller: TCaller }
  | {
      ok: false;
      status: 401 | 403 | 503;
      code: ErrorCode;
      message: string;
      headers?: Record<string, string>;
      /** Why, as a short fixed word for metrics (e.g. missing_token); never the token or its claims. */
      reason?: string;
    };

export interface GraphQLHttpServerOptions<TContext extends BaseContext, TCaller> {
  apollo: ApolloServer<TContext>;
  /**
   * Decides who the caller is, before the body is read or anything is executed: a refusal is
   * answered at once with its status, code and headers (e.g. WWW-Authenticate).
   */
  authenticate: (req: IncomingMessage, requestId: string) => Promise<Authentication<TCaller>>;
  /** Builds the per-request context. Runs only for GraphQL requests. */
  context: (req: IncomingMessage, requestId: string, caller: TCaller) => Promise<TContext>;
  /**
   * Rewrites or refuses a GraphQL request once its body is read, before Apollo Server sees it
   * (the gateway's trusted documents put a stored document in place of its id).
   */
  prepareRequest?: (
    request: { method: string; body: unknown; search: string },
    caller: TCaller,
    requestId: string,
  ) => Promise<PreparedRequest> | PreparedRequest;
  /** Extra routes keyed by "METHOD /path" (exact path match, query string ignored). */
  routes?: Record<string, RouteHandler>;
  graphqlPath?: string;
  maxBodyBytes: number;
  /** Characters a string in a request's variables may have (refused with BAD_USER_INPUT beyond); no limit when absent. */
  maxVariableStringLength?: number;
  /** How long a client may take to send its request (slow clients); DEFAULT_HTTP_TIMEOUTS when not given. */
  timeouts?: HttpTimeouts;
  logger: Logger;
}

export type PreparedRequest =
  { ok: true; body: unknown; search: string } | { ok: false; status: 400 | 403; code: ErrorCode; message: string };

/**
 * How long a client may take: to send its request headers, to send the whole request, and to
 * send its next request on a kept-alive connection. A stalled client is cut off (408) when one
 * runs out, so it cannot hold a connection for minutes.
 */
export interface HttpTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

/**
 * Headers take a real client milliseconds and a 256 KB body well under a second; the margins are
 * for slow links. Keep-alive outlasts undici's 4 s default, and undici reads the Keep-Alive hint
 * and closes its side first, so there is no reuse-after-close race.
 */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 60_000 };

/**
 * How often node looks for requests past their timeouts. Its default, 30 s, lets a stalled client
 * hold a connection up to 30 s past its timeout; looking each second costs a walk of the
 * connection list, nothing per request.
 */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/** How soon a client refused during a drain should try again (another instance, or this one restarted). */
const DRAIN_RETRY_AFTER_SECONDS = 1;

/**
 * Request ids we accept from callers; anything else is replaced, never echoed. The id is logged,
 * sent on to every subgraph and kept in the audit trail, so one that may hold an identity code or
 * a Business ID is replaced too.
 */
const REQUEST_ID_SHAPE = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID_SHAPE.test(given) && !mayHoldPersonalIdentifier(given) ? given : randomUUID();
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  // Already answered: at the end of a drain (closeGracefully) a request still in flight gets its 503 there.
  if (res.headersSent) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

/** A GraphQL-over-HTTP error response for requests that never reached GraphQL execution. */
export function sendRequestError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

export class BodyTooLargeError extends Error {}

/** Reads a request body up to `limit` bytes; rejects with BodyTooLargeError past it. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Reads a JSON body of at most `limit` bytes; answers 400 itself and resolves undefined when it is not JSON. */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse, limit: number, hint: string): Promise<unknown> {
  try {
    return JSON.parse(await readBody(req, limit)) as unknown;
  } catch {
    sendRequestError(res, 400, ErrorCode.BAD_REQUEST, hint);
    return undefined;
  }
}

/**
 * Wraps a route (admin, metrics) so that only an authenticated caller holding `right` reaches it:
 * the refusal of `authenticate` is answered as it says (401 with its challenge, 503), a caller
 * without the right gets 403 FORBIDDEN.
 */
export function routeRequiringRight<TCaller extends { rights: ReadonlySet<string> }>(
  authenticate: (req: IncomingMessage, requestId: string) => Promise<Authentication<TCaller>>,
  right: string,
  handle: (req: IncomingMessage, res: ServerResponse, caller: TCaller) => void | Promise<void>,
): RouteHandler {
  return async (req, res) => {
    const authentication = await authenticate(req, String(res.getHeader('x-request-id') ?? ''));
    if (!authentication.ok) {
      return sendJson(
        res,
        authentication.status,
        { errors: [{ message: authentication.message, extensions: { code: authentication.code } }] },
        authentication.headers,
      );
    }
    if (!authentication.caller.rights.has(right)) return sendRequestError(res, 403, ErrorCode.FORBIDDEN, `This needs the ${right} right.`);
    return handle(req, res, authentication.caller);
  };
}

/** Error codes of a well-formed GraphQL request whose document or variables are unusable. */
const GRAPHQL_REQUEST_ERROR_CODES = new Set<unknown>([
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.OPERATION_RESOLUTION_FAILURE,
]);

/**
 * Whether the client named application/json and not application/graphql-response+json. The
 * GraphQL-over-HTTP spec asks for status 200 on a well-formed request's GraphQL errors then (such
 * a client reads errors from the body, and a 4xx from it could have come from any proxy); with
 * application/graphql-response+json, a wildcard or no Accept, the status says what went wrong.
 */
function acceptsLegacyJsonOnly(accept: string | undefined): boolean {
  return accept !== undefined && /\bapplication\/json\b/i.test(accept) && !/application\/graphql-response\+json/i.test(accept);
}

/** A 400 whose errors are all GraphQL request errors: 200 for a legacy application/json client. */
function statusForLegacyJsonClient(body: string): number {
  try {
    const { errors } = JSON.parse(body) as { errors?: Array<{ extensions?: { code?: unknown } }> };
    return Array.isArray(errors) && errors.length > 0 && errors.every((error) => GRAPHQL_REQUEST_ERROR_CODES.has(error.extensions?.code))
      ? 200
      : 400;
  } catch {
    return 400;
  }
}

/** Why a GraphQL request's raw parameters are refused before parsing, or null. */
function overDeepParameter(json: string | null, query: string | null): string | null {
  if (json !== null && nestsDeeperThan(json, MAX_NESTING, 'json')) return `The request's JSON nests deeper than ${MAX_NESTING} levels.`;
  if (query !== null && nestsDeeperThan(query, MAX_NESTING, 'graphql'))
    return `The document nests brackets deeper than ${MAX_NESTING} levels.`;
  return null;
}

/** `$name`, then `.field` and `[index]` steps, all GraphQL names. */
const GRAPHQL_VARIABLE_PATH = /^\$[_A-Za-z][_0-9A-Za-z]*(?:\.[_A-Za-z][_0-9A-Za-z]*|\[\d+\])*$/;

/**
 * Why a request's variables (parsed) are refused for a string longer than `max`, or null. Only an
 * object of variables is walked: anything else Apollo refuses itself (BAD_REQUEST).
 */
function overlongVariable(variables: unknown, max: number | undefined): string | null {
  if (max === undefined || variables === null || typeof variables !== 'object' || Array.isArray(variables)) return null;
  const found = overlongStringIn(variables, max);
  if (!found) return null;
  // The path is made of the caller's keys: named only when they are GraphQL names, never anything else a caller chose.
  const where = GRAPHQL_VARIABLE_PATH.test(found.path) ? `The variable ${found.path}` : 'A variable';
  return `${where} is a string of ${found.length} characters; a string may have at most ${max}.`;
}

/** A GET's `variables` parameter parsed, or undefined when it is absent or not JSON (Apollo answers that). */
function parsedGetVariables(variables: string | null): unknown {
  if (variables === null) return undefined;
  try {
    return JSON.parse(variables) as unknown;
  } catch {
    return undefined;
  }
}

/** The GET parameters a GraphQL request carries in its query string, as raw text. */
function getParameters(search: string): { json: string | null; variables: string | null; query: string | null } {
  const params = new URLSearchParams(search);
  const variables = params.get('variables');
  return { json: `${variables ?? ''}${params.get('extensions') ?? ''}`, variables, query: params.get('query') };
}

/** What a drain needs to know about a server: whether it is draining, and the responses in flight. */
interface DrainState {
  draining: boolean;
  inFlight: Set<ServerResponse>;
}

const drainStates = new WeakMap<http.Server, DrainState>();

/**
 * Tracks the requests `server` is answering, first of all its request listeners, so a drain can
 * wait for them and mark their responses `Connection: close`.
 */
function trackRequests(server: http.Server): DrainState {
  const known = drainStates.get(server);
  if (known) return known;
  const state: DrainState = { draining: false, inFlight: new Set() };
  drainStates.set(server, state);
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    state.inFlight.add(res);
    res.once('close', () => state.inFlight.delete(res));
    if (state.draining) res.setHeader('connection', 'close');
  });
  return state;
}

/** Whether `server` is draining (closeGracefully was called): new requests are refused. */
export function isDraining(server: http.Server): boolean {
  return drainStates.get(server)?.draining ?? false;
}

/** 503 SHUTTING_DOWN with Retry-After, the connection closed after it: the client retries, elsewhere or later. */
export function sendShuttingDown(res: ServerResponse): void {
  res.setHeader('connection', 'close');
  sendJson(
    res,
    503,
    { errors: [{ message: 'The service is restarting; retry the request.', extensions: { code: ErrorCode.SHUTTING_DOWN } }] },
    { 'retry-after': String(DRAIN_RETRY_AFTER_SECONDS) },
  );
}

/** The answer to a request node refused before any handler saw it, by node's error code. */
function clientErrorAnswer(code: string | undefined): { status: number; errorCode: ErrorCode; message: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, errorCode: ErrorCode.BAD_REQUEST, message: 'The request headers are too large.' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return { status: 408, errorCode: ErrorCode.REQUEST_TIMEOUT, message: 'The request did not arrive in time.' };
    default:
      return { status: 400, errorCode: ErrorCode.BAD_REQUEST, message: 'The request is not valid HTTP.' };
  }
}

/**
 * Answers what node's HTTP parser refused (oversized headers, malformed request lines, a request
 * past its timeout) as every other error is answered: JSON with a code, never a bare status line.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: net.Socket): void {
  const pending = (socket as net.Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
    socket.destroy();
    return;
  }
  const { status, errorCode, message } = clientErrorAnswer(error.code);
  const payload = JSON.stringify({ errors: [{ message, extensions: { code: errorCode } }] });
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(payload)}\r\nconnection: close\r\n\r\n${payload}`,
  );
}

export function createGraphQLHttpServer<TContext extends BaseContext, TCaller>(
  options: GraphQLHttpServerOptions<TContext, TCaller>,
): http.Server {
  const {
    apollo,
    routes = {},
    graphqlPath = '/graphql',
    maxBodyBytes,
    maxVariableStringLength,
    logger,
    timeouts = DEFAULT_HTTP_TIMEOUTS,
  } = options;

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, requestId: string, search: string) {
    const authentication = await options.authenticate(req, requestId);
    if (!authentication.ok) {
      req.resume();
      sendJson(
        res,
        authentication.status,
        { errors: [{ message: authentication.message, extensions: { code: authentication.code } }] },
        authentication.headers,
      );
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (req.method === 'POST') {
      let raw: string;
      try {
        raw = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          sendRequestError(res, 413, ErrorCode.BAD_REQUEST, `Request body is larger than ${maxBodyBytes} bytes`);
          return;
        }
        throw error;
      }
      const contentType = headers.get('content-type') ?? '';
      if (contentType.includes('json')) {
        const overDeep = overDeepParameter(raw, null);
        if (overDeep) return sendRequestError(res, 400, ErrorCode.BAD_REQUEST, overDeep);
        try {
          body = raw.length > 0 ? JSON.parse(raw) : undefined;
        } catch {
          sendRequestError(res, 400, ErrorCode.BAD_REQUEST, 'Request body is not valid JSON');
          return;
        }
        const query = (body as { query?: unknown } | null)?.query;
        const overDeepQuery = overDeepParameter(null, typeof query === 'string' ? query : null);
        if (overDeepQuery) return sendRequestError(res, 400, ErrorCode.QUERY_TOO_COMPLEX, overDeepQuery);
        const overlong = overlongVariable((body as { variables?: unknown } | null)?.variables, maxVariableStringLength);
        if (overlong) return sendRequestError(res, 400, ErrorCode.BAD_USER_INPUT, overlong);
      } else {
        body = raw;
      }
    } else {
      const { json, variables, query } = getParameters(search);
      const overDeep = overDeepParameter(json, null);
      if (overDeep) return sendRequestError(res, 400, ErrorCode.BAD_REQUEST, overDeep);
      const overDeepQuery = overDeepParameter(null, query);
      if (overDeepQuery) return sendRequestError(res, 400, ErrorCode.QUERY_TOO_COMPLEX, overDeepQuery);
      // Parsed here only where a limit is set; Apollo parses the parameter again for itself.
      const overlong =
        maxVariableStringLength === undefined ? null : overlongVariable(parsedGetVariables(variables), maxVariableStringLength);
      if (overlong) return sendRequestError(res, 400, ErrorCode.BAD_USER_INPUT, overlong);
    }
    if (options.prepareRequest) {
      const prepared = await options.prepareRequest({ method: req.method ?? 'GET', body, search }, authentication.caller, requestId);
      if (!prepared.ok) return sendRequestError(res, prepared.status, prepared.code, prepared.message);
      ({ body, search } = prepared);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
      context: () => options.context(req, requestId, authentication.caller),
    });
    // The drain's deadline answered this request already (closeGracefully).
    if (res.headersSent) return;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      if (
        res.statusCode === 400 &&
        acceptsLegacyJsonOnly(req.headers.accept) &&
        String(res.getHeader('content-type')).startsWith('application/json')
      ) {
        res.statusCode = statusForLegacyJsonClient(response.body.string);
      }
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  const server = http.createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_INTERVAL_MS, timeouts.headersTimeoutMs),
    },
    (req, res) => {
      const requestId = requestIdOf(req);
      res.setHeader('x-request-id', requestId);
      const url = req.url ?? '/';
      const queryAt = url.indexOf('?');
      const path = queryAt === -1 ? url : url.slice(0, queryAt);
      const search = queryAt === -1 ? '' : url.slice(queryAt);

      const route = routes[`${req.method} ${path}`];
      // Draining: health, readiness and pages still answer (with Connection: close); nothing new runs.
      if (isDraining(server) && !(route && req.method === 'GET')) {
        // Read the body first: closing a socket with unread data in it resets the connection.
        req.once('end', () => sendShuttingDown(res));
        req.resume();
        return;
      }
      const work = route
        ? route(req, res)
        : path === graphqlPath && (req.method === 'POST' || req.method === 'GET')
          ? // Only GraphQL requests are traced: probes and scrapes would drown them.
            serveInSpan(tracer, req, res, path, () => handleGraphQL(req, res, requestId, search))
          : sendRequestError(res, 404, ErrorCode.NOT_FOUND, 'No such route.');

      Promise.resolve(work).catch((error: unknown) => {
        logger.error({ err: error, requestId, route: route ? `${req.method} ${path}` : undefined }, 'request failed');
        if (!res.headersSent) {
          sendRequestError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
        } else {
          res.destroy();
        }
      });
    },
  );
  server.on('clientError', answerClientError);
  trackRequests(server);
  timeoutsSet.add(server);
  return server;
}

/** Servers whose timeouts were set when they were created, which `listen` leaves as they are. */
const timeoutsSet = new WeakSet<http.Server>();

export interface Listening {
  url: string;
  port: number;
}

/** Listens on `port` (0 for any free port) and resolves with the address. */
export function listen(server: http.Server, port: number, host: string): Promise<Listening> {
  if (!timeoutsSet.has(server)) {
    server.keepAliveTimeout = DEFAULT_HTTP_TIMEOUTS.keepAliveTimeoutMs;
    server.headersTimeout = DEFAULT_HTTP_TIMEOUTS.headersTimeoutMs;
    server.requestTimeout = DEFAULT_HTTP_TIMEOUTS.requestTimeoutMs;
  }
  trackRequests(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      resolve({ url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}`, port: address.port });
    });
  });
}

/** How long, once the requests in flight are answered, idle kept-alive connections stay open for a last request to be refused. */
const IDLE_LINGER_MS = 200;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Drains `server`: stops accepting connections, answers every response from now on with
 * `Connection: close` (so clients stop sending on their kept-alive connections), refuses requests
 * arriving on open connections with 503 SHUTTING_DOWN and Retry-After (createGraphQLHttpServer's
 * servers; others answer them, with Connection: close), lets the requests in flight finish, then
 * closes what is left. A request still unanswered after `graceMs` gets the 503 too; no connection
 * is cut under a request.
 *
 * http.Server#close() would close idle kept-alive connections at once, and a client sending its
 * next request on one at that moment sees ECONNRESET: the listening socket is closed without it,
 * and idle connections only once nothing is in flight.
 */
export async function closeGracefully(server: http.Server, graceMs: number): Promise<void> {
  if (!server.listening) return;
  const state = trackRequests(server);
  state.draining = true;
  for (const res of state.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
  const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));

  const deadline = Date.now() + graceMs;
  while (state.inFlight.size > 0 && Date.now() < deadline) await sleep(Math.min(25, Math.max(1, deadline - Date.now())));
  for (const res of state.inFlight) sendShuttingDown(res);
  await sleep(IDLE_LINGER_MS);

  // http.Server#close() also stops node's timeout checks; it reports "not running" here, as the listener is closed.
  server.close(() => undefined);
  const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
  const cutOff = setTimeout(() => server.closeAllConnections(), Math.max(0, deadline - Date.now()) + IDLE_LINGER_MS);
  try {
    await closed;
  } finally {
    clearInterval(idleSweep);
    clearTimeout(cutOff);
  }
}
