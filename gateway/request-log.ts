/**
 * One log line per HTTP request: request id, method, route, operation name, duration, status
 * and the error codes the client was sent.
 *
 * Nothing else about the request is logged: the data casegraph serves is personal, and
 * variables, query text (literals carry identity codes), credentials and response bodies would
 * put it in the logs. The error codes are those of the formatted (masked) errors, so they are the
 * codes the client saw. Even the path and the operation name are the caller's choice (a request
 * to /graphql/<identity code>, an operation named after a person), so only shapes casegraph
 * controls are logged as they are: a known route, an operation name casegraph ships or trusts; anything
 * else is logged as a keyed hash, which tells repeated requests apart and gives nothing back.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { Logger } from '../platform/logger.js';
import { traceIdOfRequest } from '../platform/trace-context.js';
import type { GatewayContext, RequestOutcome } from './request-context.js';

const recordOutcome: GraphQLRequestListener<GatewayContext> = {
  async willSendResponse({ contextValue, operationName, response }) {
    const { outcome } = contextValue;
    outcome.operationName = operationName ?? null;
    const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
    for (const error of errors ?? []) {
      const code = error.extensions?.code;
      if (typeof code === 'string' && !outcome.errorCodes.includes(code)) outcome.errorCodes.push(code);
    }
  },
};

/** What the log says of a path that is no route of the server: the caller chose it. */
export const UNKNOWN_ROUTE = '(no such route)';

export class RequestLog {
  private readonly outcomes = new WeakMap<IncomingMessage, RequestOutcome>();
  private routes: ReadonlySet<string> = new Set();
  private readonly operationNames: ReadonlySet<string>;
  /** Per process, never stored: a hash cannot be reversed by hashing every identity code. */
  private readonly hashKey = randomBytes(32);

  /** `operationNames`: those casegraph ships or trusts (gateway/operations/, the trusted documents), logged as they are. */
  constructor(
    private readonly logger: Logger,
    operationNames: Iterable<string> = [],
  ) {
    this.operationNames = new Set(operationNames);
  }

  /** An operation name as the log may show it: as it is when casegraph ships it, else hashed. */
  loggableOperationName(name: string | null | undefined): string | undefined {
    if (!name) return undefined;
    if (this.operationNames.has(name)) return name;
    return `#${createHmac('sha256', this.hashKey).update(name).digest('hex').slice(0, 12)}`;
  }

  /** The outcome record of a request, shared by its GraphQL context and its log line. */
  outcomeOf(req: IncomingMessage): RequestOutcome {
    let outcome = this.outcomes.get(req);
    if (!outcome) {
      outcome = { operationName: null, errorCodes: [] };
      this.outcomes.set(req, outcome);
    }
    return outcome;
  }

  /** Fills in the operation name and error codes of GraphQL requests. */
  readonly plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return recordOutcome;
    },
  };

  /** Logs every request `server` answers, when its response has been sent; `routes` are its paths, logged as they are. */
  attach(server: http.Server, routes: Iterable<string>): void {
    this.routes = new Set(routes);
    server.on('request', (req: IncomingMessage, res: http.ServerResponse) => {
      // Below info (LOG_LEVEL=warn in production) there is no line to write: spare the work.
      if (!this.logger.isLevelEnabled('info')) return;
      const startedAt = performance.now();
      res.once('close', () => {
        const outcome = this.outcomes.get(req);
        const url = req.url ?? '/';
        const queryAt = url.indexOf('?');
        this.logger.info(
          {
            requestId: res.getHeader('x-request-id'),
            // Logged after the request's span ended: the trace id is looked up, not taken from the context.
            traceId: traceIdOfRequest(req),
            method: req.method,
            path: this.loggablePath(queryAt === -1 ? url : url.slice(0, queryAt)),
            operationName: this.loggableOperationName(outcome?.operationName),
            status: res.statusCode,
            durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
            errorCodes: outcome && outcome.errorCodes.length > 0 ? outcome.errorCodes : undefined,
            ...(res.writableFinished ? {} : { aborted: true }),
          },
          'request',
        );
      });
    });
  }

  private loggablePath(path: string): string {
    return this.routes.has(path) ? path : UNKNOWN_ROUTE;
  }
}
