/**
 * The tracer provider of a casegraph process (gateway, subgraph), started once by its entry point.
 *
 * Spans are made by hand where casegraph knows what a step is (trace-context.ts, and
 * @apollo/gateway's own validate/plan/execute/fetch spans through the same global API); there is
 * no auto-instrumentation, so nothing has to load before other modules and no URL, header or body
 * is ever put on a span by a library.
 *
 * Export is OTLP/HTTP (JSON) to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or to
 * OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces, and only then: without either, spans are not even
 * recorded (the sampler says no), trace ids are still made and propagated so logs and audit
 * records carry them, and nothing is contacted. Whatever is exported passes the attribute
 * allowlist first (trace-context.ts): a span attribute casegraph does not know never leaves.
 *
 * Apollo's own telemetry (its meter provider reporting to Apollo) stays off
 * (vendor-telemetry-off.ts); this provider is casegraph's, and exports only where the operator says.
 */
import type { Attributes } from '@opentelemetry/api';
import { W3CTraceContextPropagator, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { z } from 'zod';
import { readConfig, type EnvSource } from './config.js';
import { TraceAttribute, TRACE_ATTRIBUTE_ALLOWLIST } from './trace-context.js';

export interface TracingConfig {
  /** Where spans go (OTLP/HTTP); null: nowhere, and none are recorded. */
  tracesUrl: string | null;
}

export function loadTracingConfig(source: EnvSource = process.env): TracingConfig {
  const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL of an OTLP/HTTP receiver' }).optional();
  const vars = readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl }, source);
  // As the OTLP exporter specification says: the signal's own variable is the full URL, the
  // general one is a base to which the signal's path is added.
  const tracesUrl =
    vars.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (vars.OTEL_EXPORTER_OTLP_ENDPOINT ? `${vars.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` : null);
  return { tracesUrl };
}

/** Operation names that may appear on spans and metric labels; anything else is "other". */
const knownOperationNames = new Set<string>();

/** Adds the names of known operations (the gateway's shipped ones), for spans and metric labels. */
export function allowOperationNames(names: Iterable<string>): void {
  for (const name of names) knownOperationNames.add(name);
}

/** The name as a bounded label: a known operation's name, "other", or "anonymous". */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  return knownOperationNames.has(name) ? name : 'other';
}

function allowedAttributes(attributes: Attributes): Attributes {
  const kept: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (!TRACE_ATTRIBUTE_ALLOWLIST.has(key)) continue;
    kept[key] = key === TraceAttribute.operationName ? operationLabel(typeof value === 'string' ? value : null) : value;
  }
  return kept;
}

/**
 * Hands spans on with only allowed attributes, no events and no status message: what a library
 * or a future change might add (an exception with its message, a document) stays in the process.
 */
export class AllowlistSpanExporter implements SpanExporter {
  constructor(private readonly next: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const cleaned = spans.map(
      (span): ReadableSpan =>
        Object.create(span, {
          attributes: { value: allowedAttributes(span.attributes) },
          events: { value: [] },
          links: { value: span.links.map((link) => ({ context: link.context })) },
          status: { value: { code: span.status.code } },
        }) as ReadableSpan,
    );
    this.next.export(cleaned, resultCallback);
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush?.() ?? Promise.resolve();
  }
}

export interface Tracing {
  /** Whether spans are exported. */
  exporting: boolean;
  /** Sends what is buffered now. */
  flush(): Promise<void>;
  /** Sends what is buffered and stops. */
  shutdown(): Promise<void>;
}

let started: Tracing | undefined;

/**
 * Starts the process's tracer provider, W3C trace context propagation and async context; once
 * per process (a second call, e.g. several services in one test process, gets the first).
 */
export function startTracing(serviceName: string, config: TracingConfig): Tracing {
  if (started) return started;
  const exporter = config.tracesUrl ? new AllowlistSpanExporter(new OTLPTraceExporter({ url: config.tracesUrl })) : null;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    spanProcessors: exporter ? [new BatchSpanProcessor(exporter)] : [],
    // Nothing to export to: trace ids for logs and audit records, no span recorded.
    ...(exporter ? {} : { sampler: new AlwaysOffSampler() }),
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  started = {
    exporting: exporter !== null,
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
  return started;
}
