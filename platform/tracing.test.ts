/**
 * Tracing's configuration, the attribute allowlist every exported span passes, bounded operation
 * labels, and the trace id on log lines. Tracing is started here without an endpoint, as a process
 * with no OTEL_EXPORTER_OTLP_ENDPOINT starts it: trace ids, no recorded span.
 */
import { context, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { createLogger } from './logger.js';
import { currentTraceId } from './trace-context.js';
import { allowOperationNames, AllowlistSpanExporter, loadTracingConfig, operationLabel, startTracing } from './tracing.js';

describe('loadTracingConfig', () => {
  it('exports nowhere unless an OTLP endpoint is configured', () => {
    expect(loadTracingConfig({})).toEqual({ tracesUrl: null });
    expect(loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: '' })).toEqual({ tracesUrl: null });
  });

  it('adds /v1/traces to the general endpoint, and takes the traces endpoint as it is', () => {
    expect(loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/' })).toEqual({
      tracesUrl: 'http://127.0.0.1:4318/v1/traces',
    });
    expect(
      loadTracingConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:9999/traces',
      }),
    ).toEqual({ tracesUrl: 'http://127.0.0.1:9999/traces' });
  });

  it('stops the start on an endpoint that is not an http(s) URL, naming the variable', () => {
    expect(() => loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317' })).toThrow(ConfigError);
    expect(() => loadTracingConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://collector:4317' })).toThrow(
      /OTEL_EXPORTER_OTLP_TRACES_ENDPOINT/,
    );
  });
});

describe('AllowlistSpanExporter', () => {
  it('lets out only known attributes, a known operation name, no events and no status message', async () => {
    allowOperationNames(['CaseView']);
    const received = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new AllowlistSpanExporter(received))] });
    const tracer = provider.getTracer('test');
    for (const operationName of ['CaseView', 'Lookup_Virtanen']) {
      const span = tracer.startSpan('gateway.request', {
        attributes: {
          'graphql.operation.name': operationName,
          operationName,
          'graphql.document': '{ populationRecord(personalIdentityCode: "140391Y714Y") { familyName } }',
          'casegraph.registry': 'POPULATION',
          'casegraph.registry.keys': 3,
          'http.url': 'http://127.0.0.1:4100/r1/FI/GOV?hetu=140391Y714Y',
        },
      });
      span.addEvent('lookup', { subject: '140391Y714Y' });
      span.recordException(new Error('no record for 140391Y714Y'));
      span.setStatus({ code: 2, message: 'failed for 140391Y714Y' });
      span.end();
    }
    await provider.forceFlush();
    const spans = received.getFinishedSpans();
    expect(spans.map((span) => span.attributes)).toEqual([
      { 'graphql.operation.name': 'CaseView', 'casegraph.registry': 'POPULATION', 'casegraph.registry.keys': 3 },
      { 'graphql.operation.name': 'other', 'casegraph.registry': 'POPULATION', 'casegraph.registry.keys': 3 },
    ]);
    for (const span of spans) {
      expect(span.events).toEqual([]);
      expect(span.status).toEqual({ code: 2 });
      // The rest of the span is the original's.
      expect(span.name).toBe('gateway.request');
      expect(span.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    }
    await provider.shutdown();
  });
});

describe('operationLabel', () => {
  it('is a known name, "other" or "anonymous"', () => {
    allowOperationNames(['Worklist']);
    expect(operationLabel('Worklist')).toBe('Worklist');
    expect(operationLabel('Worklist2')).toBe('other');
    expect(operationLabel(null)).toBe('anonymous');
  });
});

describe('a process without an OTLP endpoint', () => {
  it('makes trace ids (for logs and audit records) and records no span', () => {
    const tracing = startTracing('casegraph-test', { tracesUrl: null });
    expect(tracing.exporting).toBe(false);
    const span = trace.getTracer('test').startSpan('request');
    expect(span.isRecording()).toBe(false);
    expect(span.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    span.end();
  });

  it('puts the trace id on every line logged inside a request, and none outside', () => {
    startTracing('casegraph-test', { tracesUrl: null });
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger('test', 'info', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const span = trace.getTracer('test').startSpan('request');
    context.with(trace.setSpan(context.active(), span), () => {
      expect(currentTraceId()).toBe(span.spanContext().traceId);
      logger.info('inside');
    });
    logger.info('outside');
    span.end();
    expect(lines[0]).toMatchObject({ msg: 'inside', traceId: span.spanContext().traceId });
    expect(lines[1]).not.toHaveProperty('traceId');
  });
});
