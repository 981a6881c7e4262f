/**
 * Trusted documents through the gateway over HTTP: in enforce mode a case worker runs the shipped
 * operations (by id, by Apollo's persisted-query hash, or by their text however spaced) and
 * nothing else; an analyst with documents:any runs anything; log mode lets an untrusted document
 * run. A refusal asks no registry and leaves an audit record naming who tried.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../contracts/audit.js';
import { DEFAULT_TRUSTED_DOCUMENTS_MANIFEST } from '../../gateway/config.js';
import { readManifest } from '../../gateway/trusted-documents/manifest.js';
import { startTestGraph, type AnotherGateway, type TestGraph } from '../graph-harness.js';

const manifest = readManifest(DEFAULT_TRUSTED_DOCUMENTS_MANIFEST);
const caseView = manifest.operations.find((entry) => entry.name === 'CaseView')!;
const UNTRUSTED = 'query Mine { application(id: "APP-0000001") { id status } }';

let graph: TestGraph;
let logging: AnotherGateway;
beforeAll(async () => {
  graph = await startTestGraph({ gatewayEnv: { TRUSTED_DOCUMENTS: 'enforce' } });
  logging = await graph.startAnotherGateway({ TRUSTED_DOCUMENTS: 'log' });
}, 60_000);
afterAll(() => graph?.close());

async function post(url: string, body: unknown, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> },
  };
}

const totalRegistryCalls = async () => Object.values(await graph.registryCalls()).reduce((sum, counters) => sum + counters.calls, 0);

describe('trusted documents, enforced', () => {
  it('runs a shipped operation by documentId, by persisted-query hash and by its text, respaced or not', async () => {
    const kaisa = await graph.as('kaisa.virtanen');
    const byId = await post(
      `${graph.gatewayUrl}/graphql`,
      { documentId: `sha256:${caseView.id}`, variables: { id: 'APP-0000001' } },
      kaisa,
    );
    expect(byId.status).toBe(200);
    expect(byId.body.data).toMatchObject({ application: { id: 'APP-0000001' } });
    const byHash = await post(
      `${graph.gatewayUrl}/graphql`,
      { extensions: { persistedQuery: { version: 1, sha256Hash: caseView.id } }, variables: { id: 'APP-0000001' } },
      kaisa,
    );
    expect(byHash.body.data).toMatchObject({ application: { id: 'APP-0000001' } });
    const byText = await post(`${graph.gatewayUrl}/graphql`, { query: caseView.body }, kaisa);
    expect(byText.body.data).toMatchObject({ application: { id: 'APP-0000001' } });
    const respaced = caseView.body.replace(/^#.*$/gm, '').replace(/\s+/g, ' ');
    const byRespacedText = await post(`${graph.gatewayUrl}/graphql`, { query: respaced }, kaisa);
    expect(byRespacedText.body.data).toMatchObject({ application: { id: 'APP-0000001' } });
    const both = await post(`${graph.gatewayUrl}/graphql`, { documentId: `sha256:${caseView.id}`, query: caseView.body }, kaisa);
    expect(both.status).toBe(200);
  });

  it('runs one by GET with documentId in the query string', async () => {
    const params = new URLSearchParams({ documentId: `sha256:${caseView.id}`, variables: JSON.stringify({ id: 'APP-0000001' }) });
    const response = await fetch(`${graph.gatewayUrl}/graphql?${params}`, {
      headers: { ...(await graph.as('kaisa.virtanen')), 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown }).data).toMatchObject({ application: { id: 'APP-0000001' } });
  });

  it('refuses any other document with PERSISTED_DOCUMENT_REQUIRED, asks no registry, and records who tried', async () => {
    await graph.resetRegistryCalls();
    const refused = await post(`${graph.gatewayUrl}/graphql`, { query: UNTRUSTED }, await graph.as('kaisa.virtanen'));
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    expect(refused.body.data).toBeUndefined();
    expect(await totalRegistryCalls()).toBe(0);
    const requestId = refused.headers.get('x-request-id');
    const record = readFileSync(graph.identity.audit.file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AuditRecord)
      .find((candidate) => candidate.requestId === requestId);
    expect(record).toMatchObject({
      caller: { userId: 'kaisa.virtanen' },
      outcome: 'refused',
      refusals: [{ code: 'PERSISTED_DOCUMENT_REQUIRED' }],
      registries: [],
    });
  });

  it('refuses an unknown id, a malformed one, and an id whose text says otherwise', async () => {
    const kaisa = await graph.as('kaisa.virtanen');
    const unknown = await post(`${graph.gatewayUrl}/graphql`, { documentId: `sha256:${'0'.repeat(64)}` }, kaisa);
    expect([unknown.status, unknown.body.errors?.[0]?.extensions?.code]).toEqual([400, 'PERSISTED_DOCUMENT_NOT_FOUND']);
    for (const documentId of ['CaseView', `sha256:${caseView.id.toUpperCase()}`, 42, `md5:${caseView.id}`]) {
      const malformed = await post(`${graph.gatewayUrl}/graphql`, { documentId }, kaisa);
      expect([malformed.status, malformed.body.errors?.[0]?.extensions?.code]).toEqual([400, 'BAD_REQUEST']);
    }
    const mismatch = await post(`${graph.gatewayUrl}/graphql`, { documentId: `sha256:${caseView.id}`, query: UNTRUSTED }, kaisa);
    expect([mismatch.status, mismatch.body.errors?.[0]?.extensions?.code]).toEqual([400, 'BAD_REQUEST']);
    const hashMismatch = await post(
      `${graph.gatewayUrl}/graphql`,
      { documentId: `sha256:${caseView.id}`, extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } },
      kaisa,
    );
    expect(hashMismatch.status).toBe(400);
  });

  it('lets a caller with documents:any (an analyst) run any document', async () => {
    const analyst = await post(`${graph.gatewayUrl}/graphql`, { query: UNTRUSTED }, await graph.as('antti.heikkinen'));
    expect(analyst.status).toBe(200);
    expect(analyst.body.data).toMatchObject({ application: { id: 'APP-0000001' } });
  });
});

describe('trusted documents, logged', () => {
  it('lets an untrusted document run for a case worker', async () => {
    const response = await post(`${logging.url}/graphql`, { query: UNTRUSTED }, await graph.as('kaisa.virtanen'));
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ application: { id: 'APP-0000001', status: expect.any(String) } });
  });
});
