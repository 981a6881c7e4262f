/**
 * The gateway's spans inside a GraphQL request: parse and validate as spans of their own, and on
 * the request's server span the operation (a known operation's name, else "other"), its type and
 * how it ended. @apollo/gateway adds its own spans below through the same tracer provider
 * (gateway.request, gateway.validate, gateway.plan, gateway.execute, gateway.fetch), and
 * subgraph-data-source.ts one per subgraph fetch, whose context travels to the subgraph.
 *
 * Never the document or its variables: the span says which operation, not what it asked about.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { operationLabel } from '../platform/tracing.js';
import { SpanStatusCode, trace, TraceAttribute } from '../platform/trace-context.js';
import type { GatewayContext } from './request-context.js';

const tracer = trace.getTracer('casegraph-gateway');

/** Starts a span for a phase; the returned function ends it, failed when the phase threw. */
function phaseSpan(name: string): (error?: unknown) => void {
  const span = tracer.startSpan(name);
  return (error) => {
    if (error) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
}

export const tracingPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    // The request's server span (platform/http-server.ts), active while Apollo runs the hooks.
    const requestSpan = trace.getActiveSpan();
    return {
      async parsingDidStart() {
        const end = phaseSpan('graphql.parse');
        return async (error) => end(error);
      },
      async validationDidStart() {
        const end = phaseSpan('graphql.validate');
        return async (errors) => end(errors && errors.length > 0 ? errors[0] : undefined);
      },
      async didResolveOperation({ operationName, operation }) {
        if (!operation) return;
        requestSpan?.setAttributes({
          [TraceAttribute.operationName]: operationLabel(operationName),
          [TraceAttribute.operationType]: operation.operation,
        });
        requestSpan?.updateName(`${operation.operation} ${operationLabel(operationName)}`);
      },
      async willSendResponse({ response }) {
        const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
        requestSpan?.setAttributes({
          [TraceAttribute.outcome]: errors.length === 0 ? 'ok' : 'with_errors',
          [TraceAttribute.errorCount]: errors.length,
        });
      },
    };
  },
};
