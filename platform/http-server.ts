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
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { mayHoldPersonalIdentifier } from '../contracts/identifiers.js';
import { ErrorCode } from './errors.js';
import type { Logger } from './logger.js';
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
  logger: Logger;
}

export type PreparedRequest =
  { ok: true; body: unknown; search: string } | { ok: false; status: 400 | 403; code: ErrorCode; message: string };

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

export function createGraphQLHttpServer<TContext extends BaseContext, TCaller>(
  options: GraphQLHttpServerOptions<TContext, TCaller>,
): http.Server {
  const { apollo, routes = {}, graphqlPath = '/graphql', maxBodyBytes, logger } = options;

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
        try {
          body = raw.length > 0 ? JSON.parse(raw) : undefined;
        } catch {
          sendRequestError(res, 400, ErrorCode.BAD_REQUEST, 'Request body is not valid JSON');
          return;
        }
      } else {
        body = raw;
      }
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
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return http.createServer((req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const search = queryAt === -1 ? '' : url.slice(queryAt);

    const route = routes[`${req.method} ${path}`];
    const work = route
      ? route(req, res)
      : path === graphqlPath && (req.method === 'POST' || req.method === 'GET')
        ? // Only GraphQL requests are traced: probes and scrapes would drown them.
          serveInSpan(tracer, req, res, path, () => handleGraphQL(req, res, requestId, search))
        : sendRequestError(res, 404, ErrorCode.NOT_FOUND, `No route for ${req.method} ${path}`);

    Promise.resolve(work).catch((error: unknown) => {
      logger.error({ err: error, requestId, path }, 'request failed');
      if (!res.headersSent) {
        sendRequestError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
      } else {
        res.destroy();
      }
    });
  });
}

export interface Listening {
  url: string;
  port: number;
}

/** Listens on `port` (0 for any free port) and resolves with the address. */
export function listen(server: http.Server, port: number, host: string): Promise<Listening> {
  // Keep connections from the gateway and load generators warm; undici reads the Keep-Alive
  // hint and closes its side first, so there is no reuse-after-close race.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
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

/**
 * Stops accepting connections, lets in-flight requests finish for up to `graceMs`, then cuts
 * what is left. Idle keep-alive connections are closed at once so they do not hold the drain.
 */
export async function closeGracefully(server: http.Server, graceMs: number): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearInterval(idleSweep);
    clearTimeout(deadline);
  }
}
