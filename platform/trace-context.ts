/**
 * Trace context for casegraph's own spans, through the OpenTelemetry API only (no SDK here: this
 * module is imported by the logger and the HTTP server of every process, and costs nothing when
 * no tracer provider is started; platform/tracing.ts starts one).
 *
 * Spans carry operation names from the known set, registries, services, subgraphs, key counts,
 * outcomes and error codes: never a document, a variable, an identity code, a name, a date of
 * birth or a Business ID. Attributes outside TRACE_ATTRIBUTE_ALLOWLIST do not leave the process
 * (tracing.ts drops them before export), so a library's span cannot carry one out either.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
  type Tracer,
} from '@opentelemetry/api';

/** casegraph's span attribute names; the only ones (with those below) that are exported. */
export const TraceAttribute = {
  requestId: 'casegraph.request_id',
  subgraph: 'casegraph.subgraph',
  entityFetch: 'casegraph.subgraph.entity_fetch',
  registry: 'casegraph.registry',
  registryService: 'casegraph.registry.service',
  keys: 'casegraph.registry.keys',
  xRoadRequestId: 'casegraph.xroad.request_id',
  /** Keys a registry lookup answered from each place: memory, redis, shared (an in-flight call), registry. */
  keysFromMemory: 'casegraph.cache.memory_keys',
  keysFromRedis: 'casegraph.cache.redis_keys',
  keysShared: 'casegraph.cache.shared_keys',
  keysFromRegistry: 'casegraph.cache.registry_keys',
  fromCache: 'casegraph.cache.hit',
  fresh: 'casegraph.fresh',
  outcome: 'casegraph.outcome',
  errorCode: 'casegraph.error_code',
  errorCount: 'casegraph.error_count',
  operationName: 'graphql.operation.name',
  operationType: 'graphql.operation.type',
  httpMethod: 'http.request.method',
  httpStatus: 'http.response.status_code',
  urlPath: 'url.path',
} as const;

/**
 * What may leave the process on a span. Besides casegraph's own, @apollo/gateway's span
 * attributes: `service` (the subgraph of a fetch) and the operation type; its `operationName`
 * duplicate is dropped and `graphql.operation.name` is kept only for a known operation.
 */
export const TRACE_ATTRIBUTE_ALLOWLIST: ReadonlySet<string> = new Set<string>([...Object.values(TraceAttribute), 'service']);

/** The trace id of the active span, when there is a valid one (a tracer provider is started). */
export function currentTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

/** Adds the active trace context to outgoing request headers (W3C `traceparent`), when there is one. */
export function injectTraceContext(headers: Record<string, string>): void {
  propagation.inject(context.active(), headers);
}

const requestTraceIds = new WeakMap<IncomingMessage, string>();

/** The trace id of an HTTP request served under serveInSpan, for lines logged after it ended. */
export function traceIdOfRequest(req: IncomingMessage): string | undefined {
  return requestTraceIds.get(req);
}

/**
 * Serves an HTTP request inside a server span: the parent is the caller's `traceparent` only
 * (never whatever context the connection happened to be accepted in), the span ends when the
 * response is done, with its status.
 */
export function serveInSpan<T>(tracer: Tracer, req: IncomingMessage, res: ServerResponse, path: string, serve: () => T): T {
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = tracer.startSpan(
    `${req.method ?? 'GET'} ${path}`,
    { kind: SpanKind.SERVER, attributes: { [TraceAttribute.httpMethod]: req.method ?? 'GET', [TraceAttribute.urlPath]: path } },
    parent,
  );
  const spanContext = span.spanContext();
  if (isSpanContextValid(spanContext)) requestTraceIds.set(req, spanContext.traceId);
  const requestId = res.getHeader('x-request-id');
  if (typeof requestId === 'string') span.setAttribute(TraceAttribute.requestId, requestId);
  res.once('close', () => {
    span.setAttribute(TraceAttribute.httpStatus, res.statusCode);
    if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return context.with(trace.setSpan(parent, span), serve);
}

/**
 * Runs `work` in a new active span; a thrown error marks the span failed (with no message: error
 * messages may name what was asked about) and is rethrown.
 */
export async function inSpan<T>(
  tracer: Tracer,
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

export { SpanKind, SpanStatusCode, trace };
