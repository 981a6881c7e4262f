/**
 * The gateway's metrics, served at GET /metrics to callers with the metrics:read right (the
 * operator role). Names follow what Apollo Router (OpenTelemetry's HTTP semantic conventions) and
 * Hive Gateway users know where one fits; casegraph's own are prefixed casegraph_.
 *
 * Every label value comes from a fixed set: operations from the shipped operations (else
 * "other"), error codes from platform/errors.ts, registries from the catalogue, subgraphs from the
 * supergraph. No identity code, name, variable or user id is ever a label.
 */
import type http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { REGISTRIES } from '../contracts/registry-catalogue.js';
import type { AnswerSource } from '../contracts/registry-activity.js';
import { ErrorCode } from '../platform/errors.js';
import { boundedLabel } from '../platform/metrics.js';
import { operationLabel } from '../platform/tracing.js';
import type { AuditWriterStats } from '../platform/audit/audit-writer.js';
import type { GatewayContext, RequestOutcome } from './request-context.js';

/** Error codes clients can be sent: the registry's, and the few Apollo Server itself uses. */
const ERROR_CODES: ReadonlySet<string> = new Set<string>([
  ...Object.values(ErrorCode),
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);
const REGISTRY_CODES: ReadonlySet<string> = new Set(Object.values(REGISTRIES).map((registry) => registry.code));
const ANSWER_SOURCES: ReadonlySet<string> = new Set<AnswerSource>(['registry', 'memory', 'redis', 'shared']);
/** The reasons gateway authentication gives (authentication/authenticate.ts). */
const AUTHENTICATION_REASONS: ReadonlySet<string> = new Set([
  'missing_token',
  'malformed_header',
  'invalid_token',
  'claims_rejected',
  'keys_unavailable',
]);

/** Request latency buckets (seconds): a cached answer takes milliseconds, a cold case view tens of them. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What a finished GraphQL request was, in one word: ok, with_errors, refused, client_error, server_error, aborted. */
export function requestOutcomeLabel(status: number, finished: boolean, errorCodes: readonly string[]): string {
  if (!finished) return 'aborted';
  if (status >= 500) return 'server_error';
  if (status === 401 || status === 403) return 'refused';
  if (status >= 400) return 'client_error';
  return errorCodes.length > 0 ? 'with_errors' : 'ok';
}

export class GatewayMetrics {
  private readonly requestDuration: Histogram<'operation' | 'outcome'>;
  private readonly activeRequests: Gauge;
  private readonly errors: Counter<'code'>;
  private readonly subgraphFetchDuration: Histogram<'subgraph' | 'outcome'>;
  private readonly subgraphFetchErrors: Counter<'subgraph' | 'code'>;
  private readonly responseCacheLookups: Counter<'outcome'>;
  private readonly authenticationFailures: Counter<'reason'>;
  private readonly authorizationDenials: Counter<'reason'>;
  private readonly registryLookups: Counter<'registry' | 'source' | 'outcome'>;
  private readonly registryKeys: Counter<'registry' | 'source'>;
  private readonly registryCallDuration: Histogram<'registry' | 'outcome'>;
  private readonly auditWriteDuration: Histogram<'outcome'>;
  private readonly subgraphs: ReadonlySet<string>;

  constructor(
    readonly registry: Registry,
    subgraphNames: readonly string[],
  ) {
    this.subgraphs = new Set(subgraphNames);
    const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
      new Counter<L>({ name, help, labelNames, registers: [registry] });
    const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[], buckets = LATENCY_BUCKETS) =>
      new Histogram<L>({ name, help, labelNames, buckets, registers: [registry] });

    this.requestDuration = histogram(
      'http_server_request_duration_seconds',
      'GraphQL requests at the gateway: time from arrival to the last byte of the answer, by operation and outcome',
      ['operation', 'outcome'],
    );
    this.activeRequests = new Gauge({
      name: 'http_server_active_requests',
      help: 'GraphQL requests the gateway is serving now',
      registers: [registry],
    });
    this.errors = counter(
      'casegraph_graphql_errors_total',
      'Errors sent to clients in GraphQL answers, by code (one per code per request)',
      ['code'],
    );
    this.subgraphFetchDuration = histogram(
      'http_client_request_duration_seconds',
      'Subgraph fetches of query plans, by subgraph and outcome (ok, error)',
      ['subgraph', 'outcome'],
    );
    this.subgraphFetchErrors = counter(
      'casegraph_subgraph_fetch_errors_total',
      'Subgraph fetches that failed or answered with errors, by subgraph and error code',
      ['subgraph', 'code'],
    );
    this.responseCacheLookups = counter(
      'casegraph_response_cache_lookups_total',
      "Lookups in the gateway's response cache, by outcome (hit, miss)",
      ['outcome'],
    );
    this.authenticationFailures = counter(
      'casegraph_authentication_failures_total',
      'Requests refused at the door, by reason (missing_token, malformed_header, invalid_token, claims_rejected, keys_unavailable)',
      ['reason'],
    );
    this.authorizationDenials = counter(
      'casegraph_authorization_denials_total',
      'Requests authorization refused in part or whole, by reason (fields_removed, operation_refused, case_access)',
      ['reason'],
    );
    this.registryLookups = counter(
      'casegraph_registry_lookups_total',
      'Parts of registry lookups the subgraphs reported, by registry, where the answers came from (registry, memory, redis, shared) and outcome',
      ['registry', 'source', 'outcome'],
    );
    this.registryKeys = counter(
      'casegraph_registry_keys_total',
      'Keys answered for registry lookups, by registry and source: the hit ratio of a cache level is its keys over all keys',
      ['registry', 'source'],
    );
    this.registryCallDuration = histogram(
      'casegraph_registry_call_duration_seconds',
      'Registry calls over X-Road the subgraphs made for requests, by registry and outcome (ok, failed)',
      ['registry', 'outcome'],
    );
    this.auditWriteDuration = histogram(
      'casegraph_audit_write_duration_seconds',
      'Audit batches made durable (one fsync or commit each), by outcome (ok, failed)',
      ['outcome'],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    );
  }

  /** Measures every GraphQL request `server` answers; `outcomeOf` says its operation and error codes. */
  attach(server: http.Server, graphqlPath: string, outcomeOf: (req: IncomingMessage) => RequestOutcome): void {
    server.on('request', (req: IncomingMessage, res: http.ServerResponse) => {
      const url = req.url ?? '/';
      const queryAt = url.indexOf('?');
      if ((queryAt === -1 ? url : url.slice(0, queryAt)) !== graphqlPath) return;
      const startedAt = performance.now();
      this.activeRequests.inc();
      res.once('close', () => {
        this.activeRequests.dec();
        const outcome = outcomeOf(req);
        this.requestDuration.observe(
          {
            operation: operationLabel(outcome.operationName),
            outcome: requestOutcomeLabel(res.statusCode, res.writableFinished, outcome.errorCodes),
          },
          (performance.now() - startedAt) / 1000,
        );
        for (const code of outcome.errorCodes) {
          this.errors.inc({ code: boundedLabel(code, ERROR_CODES) });
          // The case named or asked about is not one the caller may see (case-access.ts).
          if (code === ErrorCode.FORBIDDEN) this.authorizationDenials.inc({ reason: 'case_access' });
        }
      });
    });
  }

  /** A request refused at the door. */
  authenticationFailed(reason: string | undefined): void {
    this.authenticationFailures.inc({ reason: boundedLabel(reason, AUTHENTICATION_REASONS) });
  }

  /** A fetch of a query plan to `subgraph`: how long it took and the error codes it got (none when it went well). */
  subgraphFetched(subgraph: string, seconds: number, errorCodes: readonly string[]): void {
    const label = boundedLabel(subgraph, this.subgraphs);
    this.subgraphFetchDuration.observe({ subgraph: label, outcome: errorCodes.length === 0 ? 'ok' : 'error' }, seconds);
    for (const code of new Set(errorCodes)) this.subgraphFetchErrors.inc({ subgraph: label, code: boundedLabel(code, ERROR_CODES) });
  }

  responseCacheLookedUp(hit: boolean): void {
    this.responseCacheLookups.inc({ outcome: hit ? 'hit' : 'miss' });
  }

  /** Counts what the subgraphs reported they read for a request (answers from the response cache were counted when first read). */
  registryActivityOf(context: GatewayContext): void {
    for (const activity of context.registryActivity) {
      if (activity.fromResponseCache) continue;
      const registry = boundedLabel(activity.registry, REGISTRY_CODES);
      const source = boundedLabel(activity.source, ANSWER_SOURCES);
      this.registryLookups.inc({ registry, source, outcome: activity.outcome === 'ok' ? 'ok' : 'failed' });
      this.registryKeys.inc({ registry, source }, activity.keys);
      if (activity.source === 'registry') {
        this.registryCallDuration.observe({ registry, outcome: activity.outcome === 'ok' ? 'ok' : 'failed' }, activity.durationMs / 1000);
      }
    }
  }

  /** Counts, once a request's answer is ready, what the subgraphs read for it and what authorization took away. */
  readonly plugin: ApolloServerPlugin<GatewayContext> = {
    requestDidStart: async () => ({
      willSendResponse: async ({ contextValue }) => {
        this.registryActivityOf(contextValue);
        const { authorization } = contextValue;
        if (authorization?.refused) this.authorizationDenials.inc({ reason: 'operation_refused' });
        else if (authorization && authorization.filtered.removed.length > 0) this.authorizationDenials.inc({ reason: 'fields_removed' });
      },
    }),
  };

  /** For AuditWriter's onBatch: one batch made durable, or not. */
  readonly auditBatchWritten = (durationMs: number, _records: number, ok: boolean): void => {
    this.auditWriteDuration.observe({ outcome: ok ? 'ok' : 'failed' }, durationMs / 1000);
  };

  /** Gauges reading the audit writer's counters (and its sink's spool, when the sink keeps one) at each scrape. */
  observeAuditWriter(stats: AuditWriterStats, spoolDepth?: () => number): void {
    const registers = [this.registry];
    new Gauge({
      name: 'casegraph_audit_queue_depth',
      help: 'Audit records waiting for the batch being written',
      registers,
      collect() {
        this.set(stats.queued);
      },
    });
    new Counter({
      name: 'casegraph_audit_records_written_total',
      help: 'Audit records made durable since the gateway started',
      registers,
      collect() {
        this.reset();
        this.inc(stats.written);
      },
    });
    if (spoolDepth) {
      new Gauge({
        name: 'casegraph_audit_spool_depth',
        help: 'Audit records spooled locally, waiting for the audit store',
        registers,
        collect() {
          this.set(spoolDepth());
        },
      });
    }
  }
}
