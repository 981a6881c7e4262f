/**
 * How the gateway talks to a subgraph: one undici Pool per subgraph, kept alive, with a
 * connection cap and timeouts.
 *
 * Apollo's RemoteGraphQLDataSource goes through make-fetch-happen and node-fetch, which cost
 * CPU on every fetch of every query plan; this does the least a fetch needs: stringify the
 * request, `pool.request`, parse the JSON. A subgraph that cannot be reached, times out, or
 * answers with a 5xx or something other than JSON becomes one SUBGRAPH_UNAVAILABLE error for
 * that fetch, so the query plan's other fetches still deliver their data. What went wrong in
 * detail (undici's message, the address) goes to the log, never to the client.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Kind, parse } from 'graphql';
import { Pool } from 'undici';
import { ErrorCode } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import { ForwardedHeader } from '../contracts/forwarded-headers.js';
import { REGISTRY_ACTIVITY_EXTENSION, type RegistryActivityReport } from '../contracts/registry-activity.js';
import type { GatewayAssertions } from '../platform/gateway-assertion.js';
import { injectTraceContext, inSpan, SpanKind, trace, TraceAttribute } from '../platform/trace-context.js';
import type { GatewayContext } from './request-context.js';
import { remainingRegistryCalls } from './registry-budget.js';

const tracer = trace.getTracer('casegraph-gateway');

/** Told about every fetch of a query plan (metrics.ts). */
export interface SubgraphFetchObserver {
  subgraphFetched(subgraph: string, seconds: number, errorCodes: readonly string[]): void;
}

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  /** Signs the assertion every fetch carries: who asks, with which rights, about which case. */
  assertions: GatewayAssertions;
  timeoutMs: number;
  connections: number;
  logger: Logger;
  observer?: SubgraphFetchObserver;
}

export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  readonly name: string;
  private readonly pool: Pool;
  private readonly path: string;
  private readonly logger: Logger;
  private readonly assertions: GatewayAssertions;
  /**
   * Fetches failed since the subgraph last answered. An outage is logged when it starts and when it
   * ends, not once per fetch: a 10 s outage under load would otherwise write thousands of lines.
   */
  private failedFetches = 0;
  private readonly observer: SubgraphFetchObserver | undefined;

  constructor(options: SubgraphDataSourceOptions) {
    this.assertions = options.assertions;
    this.observer = options.observer;
    const url = new URL(options.url);
    this.name = options.name;
    this.path = `${url.pathname}${url.search}`;
    this.logger = options.logger;
    this.pool = new Pool(url.origin, {
      connections: options.connections,
      connectTimeout: options.timeoutMs,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const query = options.request.query ?? '';
    const entityFetch = /\b_entities\b/.test(query);
    const attributes = { [TraceAttribute.subgraph]: this.name, [TraceAttribute.entityFetch]: entityFetch };
    return inSpan(tracer, `subgraph ${this.name}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
      const startedAt = performance.now();
      const { response, maxAgeSeconds } = await this.fetch(options);
      const durationMs = performance.now() - startedAt;
      const errorCodes = (response.errors ?? []).map((error) => {
        const code = error.extensions?.code;
        return typeof code === 'string' ? code : ErrorCode.INTERNAL_SERVER_ERROR;
      });
      span.setAttributes({
        [TraceAttribute.outcome]: errorCodes.length === 0 ? 'ok' : 'error',
        [TraceAttribute.errorCount]: errorCodes.length,
      });
      if ('incomingRequestContext' in options) {
        this.observer?.subgraphFetched(this.name, durationMs / 1000, errorCodes);
        const path = (options.pathInIncomingRequest ?? []).map((segment) => (typeof segment === 'number' ? '@' : segment));
        this.takeReport(options.context, entityFetch, path, response, durationMs);
        // How long the subgraph says its part may be kept (see subgraph-server.ts): the response as a
        // whole may be kept for the least of its fetches, and a fetch that failed or did not say
        // makes it uncacheable (response-cache.ts).
        options.incomingRequestContext.overallCachePolicy.restrict({ maxAge: maxAgeSeconds, scope: 'PRIVATE' });
      }
      return response;
    });
  }

  private async fetch(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<{ response: GatewayGraphQLResponse; maxAgeSeconds: number }> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    let requestId: string | undefined;
    // Only fetches for a client's operation have a caller (@apollo/gateway does not export the
    // request-kind enum; this member tells that variant apart).
    if ('incomingRequestContext' in options) {
      const { context } = options;
      requestId = context.requestId;
      headers[ForwardedHeader.requestId] = context.requestId;
      // One assertion per request (and reused across requests of the same caller and case, see the signer).
      context.assertion ??= this.assertions.assertionFor(context.principal, context.caseId);
      headers.authorization = `Bearer ${await context.assertion}`;
      if (context.fresh) headers[ForwardedHeader.fresh] = '1';
      // What the subgraphs have not yet spent of the request's budget (their reports so far): the
      // subgraph makes no registry call beyond it.
      const remaining = remainingRegistryCalls(context);
      if (remaining !== undefined) headers[ForwardedHeader.registryCallBudget] = String(remaining);
    }
    // The subgraph's spans join this request's trace (W3C traceparent).
    injectTraceContext(headers);
    const { query, variables, operationName } = options.request;
    const body = JSON.stringify({ query, variables, operationName });

    let statusCode: number;
    let payload: unknown;
    let maxAgeSeconds: number;
    try {
      const response = await this.pool.request({ method: 'POST', path: this.path, headers, body });
      statusCode = response.statusCode;
      const contentType = response.headers['content-type'];
      if (statusCode >= 500 || typeof contentType !== 'string' || !contentType.includes('json')) {
        await response.body.dump();
        return this.unavailable(requestId, `answered HTTP ${statusCode} (${contentType ?? 'no content type'})`, options.request);
      }
      payload = await response.body.json();
      maxAgeSeconds = maxAgeOf(response.headers['cache-control']);
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      return this.unavailable(requestId, `${code ?? 'request failed'}: ${message ?? String(error)}`, options.request);
    }
    if (!isGraphQLResponse(payload)) {
      return this.unavailable(requestId, `answered HTTP ${statusCode} with JSON that is not a GraphQL response`, options.request);
    }
    this.markAvailable();
    return { response: payload, maxAgeSeconds };
  }

  /**
   * Takes the subgraph's report of what it read from the registries and which fields it served off
   * its response (the client never sees it) into the request's context, with the fetch's timing.
   */
  private takeReport(
    context: GatewayContext,
    entityFetch: boolean,
    path: string[],
    response: GatewayGraphQLResponse,
    durationMs: number,
  ): void {
    context.fetches.push({
      subgraph: this.name,
      path,
      entityFetch,
      durationMs: Math.round(durationMs * 10) / 10,
    });
    const report = response.extensions?.[REGISTRY_ACTIVITY_EXTENSION] as RegistryActivityReport | undefined;
    if (!report) return;
    delete response.extensions![REGISTRY_ACTIVITY_EXTENSION];
    for (const activity of report.activity ?? []) context.registryActivity.push({ ...activity, subgraph: this.name });
    const served = (context.servedFields[this.name] ??= []);
    for (const field of report.fields ?? []) if (!served.includes(field)) served.push(field);
  }

  /** Whether the subgraph answers its /health route with 2xx within `timeoutMs`. */
  async isHealthy(timeoutMs: number): Promise<boolean> {
    try {
      const response = await this.pool.request({
        method: 'GET',
        path: '/health',
        // The pool's own timeouts suit queries; a probe must give up sooner, connecting included.
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body.dump();
      return response.statusCode >= 200 && response.statusCode < 300;
    } catch {
      return false;
    }
  }

  /**
   * Runs one operation of the gateway's own (not a query plan's) on the subgraph with `assertion`,
   * for the request of `context`; null when the subgraph cannot be reached or does not answer
   * GraphQL. What the subgraph read from the registries for it goes into the request's registry
   * activity (the registries log those calls as this request's, so its audit record names them);
   * the fields it answered are the gateway's own business and are not counted as served.
   */
  async query(
    query: string,
    variables: Record<string, unknown>,
    assertion: string,
    context: Pick<GatewayContext, 'requestId' | 'registryActivity'>,
  ): Promise<GatewayGraphQLResponse | null> {
    const { requestId } = context;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${assertion}`,
      [ForwardedHeader.requestId]: requestId,
    };
    injectTraceContext(headers);
    try {
      const response = await this.pool.request({
        method: 'POST',
        path: this.path,
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const payload: unknown = await response.body.json();
      if (!isGraphQLResponse(payload)) return null;
      const report = payload.extensions?.[REGISTRY_ACTIVITY_EXTENSION] as RegistryActivityReport | undefined;
      if (report) {
        delete payload.extensions![REGISTRY_ACTIVITY_EXTENSION];
        for (const activity of report.activity ?? []) context.registryActivity.push({ ...activity, subgraph: this.name });
      }
      return payload;
    } catch (error) {
      this.logger.warn(
        { subgraph: this.name, requestId, reason: (error as { code?: string }).code ?? 'request failed' },
        'subgraph unavailable',
      );
      return null;
    }
  }

  /** POSTs JSON to one of the subgraph's admin routes, with an operator's assertion; a subgraph that cannot be reached is status 0. */
  async postAdmin(path: string, body: unknown, assertion: string): Promise<{ status: number; body: unknown }> {
    try {
      const response = await this.pool.request({
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${assertion}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5_000),
      });
      const text = await response.body.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // keep the text
      }
      return { status: response.statusCode, body: parsed };
    } catch (error) {
      return { status: 0, body: { error: (error as { code?: string }).code ?? 'unreachable' } };
    }
  }

  /** Lets requests in flight finish, then closes the connections. */
  close(): Promise<void> {
    return this.pool.close();
  }

  private markAvailable(): void {
    if (this.failedFetches === 0) return;
    this.logger.info({ subgraph: this.name, failedFetches: this.failedFetches }, 'subgraph available again');
    this.failedFetches = 0;
  }

  /**
   * The fetch's part of the answer as missing: one error at each place it would have filled, so the
   * client sees which fields are null and why. The message names no subgraph: which one failed is
   * for the log, not for clients.
   */
  private unavailable(
    requestId: string | undefined,
    reason: string,
    request: GraphQLDataSourceProcessOptions<GatewayContext>['request'],
  ): { response: GatewayGraphQLResponse; maxAgeSeconds: number } {
    if (this.failedFetches++ === 0) this.logger.warn({ subgraph: this.name, requestId, reason }, 'subgraph unavailable');
    else this.logger.debug({ subgraph: this.name, requestId, reason }, 'subgraph still unavailable');
    const error = (path?: (string | number)[]) => ({
      message: 'A service behind the gateway is unavailable; this part of the answer is missing.',
      ...(path ? { path } : {}),
      extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE },
    });
    const paths = missingPaths(request);
    return { response: { errors: paths.length > 0 ? paths.map(error) : [error()] }, maxAgeSeconds: 0 };
  }
}

/**
 * Where a fetch's answer would have gone, as paths in the subgraph's response: `_entities.<i>` for
 * each entity of an entity fetch (the gateway maps these to the entity's place in the client's
 * answer), each root field's response key otherwise.
 */
function missingPaths(request: GraphQLDataSourceProcessOptions<GatewayContext>['request']): (string | number)[][] {
  const representations = request.variables?.representations;
  if (Array.isArray(representations)) return representations.map((_representation, index) => ['_entities', index]);
  try {
    const operation = parse(request.query ?? '', { noLocation: true }).definitions.find(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION,
    );
    if (operation?.kind !== Kind.OPERATION_DEFINITION) return [];
    return operation.selectionSet.selections.flatMap((selection) =>
      selection.kind === Kind.FIELD ? [[(selection.alias ?? selection.name).value]] : [],
    );
  } catch {
    return [];
  }
}

/** Seconds from a Cache-Control header's max-age; 0 when absent, no-store or no-cache. */
function maxAgeOf(cacheControl: string | string[] | undefined): number {
  if (typeof cacheControl !== 'string' || /no-store|no-cache/i.test(cacheControl)) return 0;
  const match = /max-age\s*=\s*(\d+)/i.exec(cacheControl);
  return match ? Number(match[1]) : 0;
}

function isGraphQLResponse(value: unknown): value is GatewayGraphQLResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    ('data' in value || Array.isArray((value as { errors?: unknown }).errors))
  );
}
