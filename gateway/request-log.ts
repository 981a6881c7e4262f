/**
 * One log line per HTTP request: request id, trace id (of GraphQL requests), method, path, operation name, duration, status
 * and the error codes the client was sent.
 *
 * Nothing else about the request is logged: the data casegraph serves is personal, and
 * variables, query text (literals carry identity codes), credentials and response bodies would
 * put it in the logs. The error codes are those of the formatted (masked) errors, so they are the
 * codes the client saw.
 */
import type http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { Logger } from '../platform/logger.js';
import { traceIdOfRequest } from '../platform/trace-context.js';
import { operationLabel } from '../platform/tracing.js';
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

/** casegraph's routes are words and slashes; a path with anything else (an identifier a caller put there) is not logged. */
const ROUTE_SHAPE = /^\/[A-Za-z/_-]{0,64}$/;

function loggedPath(path: string): string {
  return ROUTE_SHAPE.test(path) ? path : '(not a route)';
}

export class RequestLog {
  private readonly outcomes = new WeakMap<IncomingMessage, RequestOutcome>();

  constructor(private readonly logger: Logger) {}

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

  /** Logs every request `server` answers, when its response has been sent. */
  attach(server: http.Server): void {
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
            path: loggedPath(queryAt === -1 ? url : url.slice(0, queryAt)),
            // A caller names its operation: only a shipped operation's name is logged, as in metrics.
            operationName: outcome?.operationName ? operationLabel(outcome.operationName) : undefined,
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
}
