/**
 * Operators can see inside: the graph in this process, exporting spans to an OTLP receiver the
 * test starts (OTEL_EXPORTER_OTLP_ENDPOINT), and scraped at the gateway's /metrics.
 *
 * A case view is one trace: the gateway's request, its parse, validation and plan, every subgraph
 * fetch, the subgraph's side of it (joined through the traceparent header, not through the
 * process: each server span's parent is taken from the request only), every registry lookup with
 * where its keys came from, and every registry call with its X-Road request id. The audit record
 * of the request names the same trace. No span and no metric carries an identity code, a name, a
 * date of birth, a Business ID, a user id, the document or its variables.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../contracts/audit.js';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { loadTracingConfig, startTracing, type Tracing } from '../../platform/tracing.js';
import { applicantOf, applicationOf } from '../dataset-fixtures.js';
import { startTestGraph, type TestGraph } from '../graph-harness.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../otlp-receiver.js';

const SERVER = 2;
const CLIENT = 3;

let receiver: OtlpReceiver;
let tracing: Tracing;
let graph: TestGraph;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  // As a process's entry point does, from its environment (gateway/main.ts, subgraph-server.ts).
  tracing = startTracing('casegraph-test', loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url }));
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
  await tracing?.shutdown();
  await receiver?.close();
});

function auditRecordOf(requestId: string | null): AuditRecord {
  const records = readFileSync(graph.identity.audit.file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditRecord)
    .filter((record) => record.requestId === requestId);
  expect(records).toHaveLength(1);
  return records[0]!;
}

/** The spans of a trace, once the gateway's request span (the last to end) has arrived. */
async function spansOf(traceId: string): Promise<ReceivedSpan[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await tracing.flush();
    const spans = receiver.spans.filter((span) => span.traceId === traceId);
    if (spans.some((span) => span.kind === SERVER && span.parentSpanId === '')) return spans;
    if (Date.now() > deadline) throw new Error(`the request span of trace ${traceId} never arrived (${spans.length} spans did)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a case view', () => {
  let traceId: string;
  let spans: ReceivedSpan[];
  let record: AuditRecord;
  let requestId: string;

  beforeAll(async () => {
    // Fresh, so every registry is really called (the response cache and the registry cache are skipped).
    const result = await graph.operation(
      'CaseView',
      { id: SCENARIO.showcase },
      { ...(await graph.as('matti.korhonen')), 'cache-control': 'no-cache' },
    );
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    requestId = result.headers.get('x-request-id')!;
    record = auditRecordOf(requestId);
    expect(record.traceId).toMatch(/^[0-9a-f]{32}$/);
    traceId = record.traceId!;
    spans = await spansOf(traceId);
  });

  it('is one trace, named by its audit record: the request, its phases, the plan and each subgraph fetch', () => {
    const request = spans.find((span) => span.kind === SERVER && span.parentSpanId === '')!;
    expect(request).toMatchObject({
      name: 'query CaseView',
      attributes: {
        'casegraph.request_id': requestId,
        'graphql.operation.name': 'CaseView',
        'http.response.status_code': 200,
        'casegraph.outcome': 'ok',
      },
    });
    const names = spans.map((span) => span.name);
    expect(names).toEqual(expect.arrayContaining(['graphql.parse', 'graphql.validate', 'gateway.plan', 'gateway.execute']));
    const fetches = spans.filter((span) => span.kind === CLIENT && span.name.startsWith('subgraph '));
    const fetched = [...new Set(fetches.map((span) => span.attributes['casegraph.subgraph']))];
    expect(fetched).toEqual(expect.arrayContaining(['applications', 'population', 'police', 'sis', 'trade-register', 'tax']));

    // One tree: every span but the request's has its parent in the trace.
    const ids = new Set(spans.map((span) => span.spanId));
    for (const span of spans) if (span !== request) expect(ids.has(span.parentSpanId), span.name).toBe(true);
  });

  it('joins each subgraph through the traceparent it was sent: the subgraph server span is a child of the fetch', () => {
    const fetchIds = new Set(spans.filter((span) => span.kind === CLIENT && span.name.startsWith('subgraph ')).map((span) => span.spanId));
    const subgraphRequests = spans.filter((span) => span.kind === SERVER && span.parentSpanId !== '');
    expect(subgraphRequests.length).toBeGreaterThanOrEqual(6);
    for (const span of subgraphRequests) {
      expect(fetchIds.has(span.parentSpanId)).toBe(true);
      expect(span.scope).toBe('casegraph-http');
    }
  });

  it('shows each registry lookup with where its keys came from, and each registry call with its X-Road request id', () => {
    const lookups = spans.filter((span) => span.name.startsWith('registry lookup '));
    expect(new Set(lookups.map((span) => span.attributes['casegraph.registry']))).toEqual(
      new Set(['CASE_REGISTER', 'POPULATION', 'POLICE', 'SIS', 'TRADE_REGISTER', 'TAX']),
    );
    for (const lookup of lookups) {
      // Fresh: nothing from a cache.
      expect(lookup.attributes).toMatchObject({ 'casegraph.fresh': true, 'casegraph.cache.hit': false, 'casegraph.outcome': 'ok' });
      expect(lookup.attributes['casegraph.cache.registry_keys']).toBeGreaterThan(0);
    }
    const calls = spans.filter((span) => span.kind === CLIENT && span.name.startsWith('registry '));
    const lookupIds = new Set(lookups.map((span) => span.spanId));
    for (const call of calls) {
      expect(lookupIds.has(call.parentSpanId), call.name).toBe(true);
      expect(call.attributes).toMatchObject({ 'casegraph.outcome': 'ok', 'casegraph.registry.service': expect.stringMatching(/^FI\//) });
      expect(call.attributes['casegraph.registry.keys']).toBeGreaterThan(0);
    }
    // The audit record's X-Road ids are the calls of this trace.
    const callXRoadIds = new Set(calls.map((span) => span.attributes['casegraph.xroad.request_id']));
    for (const read of record.registries) for (const id of read.xRoadIds) expect(callXRoadIds.has(id), read.registry).toBe(true);
  });

  it('shows a registry cache hit when the answers are cached', async () => {
    // Another caller: the gateway's response cache is per caller, the subgraphs' registry cache is not.
    const again = await graph.operation('CaseView', { id: SCENARIO.showcase }, await graph.as('antti.heikkinen'));
    expect(again.status).toBe(200);
    const cachedTrace = auditRecordOf(again.headers.get('x-request-id')).traceId!;
    const lookups = (await spansOf(cachedTrace)).filter((span) => span.name.startsWith('registry lookup '));
    expect(lookups.length).toBeGreaterThan(0);
    for (const lookup of lookups) {
      expect(lookup.attributes).toMatchObject({ 'casegraph.cache.hit': true, 'casegraph.cache.registry_keys': 0 });
    }
  });
});

describe('what leaves the process', () => {
  it('carries no identity code, name, date of birth, Business ID, user id, document or variable in any span', async () => {
    const applicant = applicantOf(graph.mocks.dataset, SCENARIO.showcase);
    const employer = applicationOf(graph.mocks.dataset, SCENARIO.showcase).employerBusinessId;
    // A request that puts personal data in the places a careless span would copy: literals, variables, the operation name.
    const nameInOperation = `Lookup_${applicant.familyName.replace(/[^A-Za-z]/g, '')}`;
    const lookup = await graph.query(
      `query ${nameInOperation}($code: String!) {
        populationRecord(personalIdentityCode: $code) { familyName }
        literal: populationRecord(personalIdentityCode: "${applicant.personalIdentityCode}") { givenNames }
      }`,
      { code: applicant.personalIdentityCode },
      { ...(await graph.as('antti.heikkinen')), 'x-case-id': SCENARIO.showcase },
    );
    expect(lookup.status).toBe(200);
    await tracing.flush();
    const forbidden = [
      applicant.personalIdentityCode!,
      applicant.givenNames,
      applicant.familyName,
      applicant.dateOfBirth,
      employer!,
      'matti.korhonen',
      'antti.heikkinen',
      nameInOperation,
      'personalIdentityCode',
      'query CaseView(',
    ];
    expect(receiver.spans.length).toBeGreaterThan(20);
    const exported = JSON.stringify(receiver.spans);
    for (const value of forbidden) expect(exported, value).not.toContain(value);
    // Only attributes casegraph knows: a library's own (a URL, a header) would be dropped before export.
    const keys = new Set(receiver.spans.flatMap((span) => Object.keys(span.attributes)));
    for (const key of keys) expect(key).toMatch(/^(casegraph\.|graphql\.operation\.|http\.|url\.path$|service$)/);
  });
});

describe('GET /metrics at the gateway', () => {
  it('needs an access token (401) with the metrics:read right (403 without)', async () => {
    const anonymous = await fetch(`${graph.gatewayUrl}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const caseWorker = await fetch(`${graph.gatewayUrl}/metrics`, { headers: await graph.as('matti.korhonen') });
    expect(caseWorker.status).toBe(403);
    expect(((await caseWorker.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('FORBIDDEN');
  });

  it('lists request, error, subgraph, registry, cache, authentication, authorization and audit metrics, with no personal data', async () => {
    // A case worker's case view: the police part is refused by authorization.
    await graph.operation('CaseView', { id: SCENARIO.showcase }, await graph.as('kaisa.virtanen'));
    await graph.query('{ application(id: ');
    await fetch(`${graph.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic eA==' },
      body: '{}',
    });

    const scrape = await fetch(`${graph.gatewayUrl}/metrics`, { headers: await graph.as('olli.jarvinen') });
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await scrape.text();
    for (const line of [
      /^http_server_request_duration_seconds_count\{operation="CaseView",outcome="ok"\} [1-9]/m,
      /^http_server_request_duration_seconds_count\{operation="other",outcome="[a-z_]+"\} [1-9]/m,
      /^http_server_active_requests \d/m,
      /^casegraph_graphql_errors_total\{code="GRAPHQL_PARSE_FAILED"\} [1-9]/m,
      /^http_client_request_duration_seconds_count\{subgraph="population",outcome="ok"\} [1-9]/m,
      /^casegraph_registry_keys_total\{registry="POPULATION",source="registry"\} [1-9]/m,
      /^casegraph_registry_lookups_total\{registry="SIS",source="registry",outcome="ok"\} [1-9]/m,
      /^casegraph_registry_call_duration_seconds_count\{registry="POLICE",outcome="ok"\} [1-9]/m,
      /^casegraph_response_cache_lookups_total\{outcome="(hit|miss)"\} [1-9]/m,
      /^casegraph_authentication_failures_total\{reason="missing_token"\} [1-9]/m,
      /^casegraph_authentication_failures_total\{reason="malformed_header"\} [1-9]/m,
      /^casegraph_authorization_denials_total\{reason="fields_removed"\} [1-9]/m,
      /^casegraph_audit_write_duration_seconds_count\{outcome="ok"\} [1-9]/m,
      /^casegraph_audit_records_written_total [1-9]/m,
      /^casegraph_audit_queue_depth \d/m,
      /^process_cpu_seconds_total /m,
    ]) {
      expect(text).toMatch(line);
    }
    const applicant = applicantOf(graph.mocks.dataset, SCENARIO.showcase);
    for (const value of [applicant.personalIdentityCode!, applicant.familyName, applicant.givenNames, 'kaisa.virtanen', 'Lookup_']) {
      expect(text).not.toContain(value);
    }
  });
});

describe('health and readiness', () => {
  it('is alive and ready while its subgraphs answer', async () => {
    expect((await fetch(`${graph.gatewayUrl}/health`)).status).toBe(200);
    const ready = await fetch(`${graph.gatewayUrl}/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { status: string }).status).toBe('ready');
  });
});
