/**
 * The security server as X-Road clients see it: X-Road errors, echoed headers, knobs over HTTP
 * and exact counters. Real HTTP on a free port; no assertion depends on timing.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY_IDS, xRoadServicePath, type RegistryId } from '../contracts/registry-catalogue.js';
import { DEFAULT_KNOBS } from './knobs.js';
import { startMockRegistries, type MockRegistries } from './server.js';
import { CLIENT_CLOSED_STATUS, RECENT_CALLS_KEPT, type StatsSnapshot } from './stats.js';
import { callPath, callRegistry, TEST_CLIENT, type XRoadAnswer, type XRoadCall } from './testing/xroad-test-client.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FAST = { latencyMs: 0, jitterMs: 0 };

let mocks: MockRegistries;

beforeAll(async () => {
  mocks = await startMockRegistries({ generator: { applications: 300, persons: 200, employers: 50 }, knobs: { defaults: FAST } });
});

afterAll(async () => {
  await mocks?.close();
});

afterEach(async () => {
  await callPath(mocks.url, '/__knobs/reset', { method: 'POST' });
  await callPath(mocks.url, '/__stats/reset', { method: 'POST' });
});

const call = (registry: RegistryId, endpoint: string, request: XRoadCall = {}) => callRegistry(mocks.url, registry, endpoint, request);
const admin = (path: string, request: XRoadCall = {}) => callPath(mocks.url, path, request);
const stats = async (): Promise<StatsSnapshot> => (await admin('/__stats')).body;

function expectXRoadError(answer: XRoadAnswer, status: number, type: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('x-road-error')).toBe(type);
  expect(answer.body).toEqual({ type, message: expect.any(String), detail: expect.stringMatching(UUID) });
}

/** Polls the counters until `done` holds (bounded: the server answers within milliseconds). */
async function statsWhen(done: (snapshot: StatsSnapshot) => boolean): Promise<StatsSnapshot> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const snapshot = await stats();
    if (done(snapshot)) return snapshot;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the counters never reached the expected state');
}

describe('X-Road errors', () => {
  it('refuses a request without a well-formed X-Road-Client header with Client.BadRequest', async () => {
    for (const client of [null, '', 'FI/GOV/0245439-9', 'FI/GOV/0245439-9/casegraph/extra', 'FI/GOV/0245439 9/casegraph']) {
      const answer = await call('population', 'persons/batch', { json: { keys: [] }, headers: { 'X-Road-Client': client } });
      expectXRoadError(answer, 400, 'Client.BadRequest');
    }
  });

  it('answers an unknown instance, member, subsystem or service with Server.ServerProxy.UnknownService', async () => {
    for (const path of [
      '/r1/EE/GOV/0245437-2/VTJkysely/persons/batch',
      '/r1/FI/GOV/0000000-0/VTJkysely/persons/batch',
      '/r1/FI/GOV/0245437-2/VTJ/persons/batch',
      '/r1/FI/GOV/0245437-2/VTJkysely/people/batch',
      '/r1/FI/GOV/0245437-2/VTJkysely',
      '/r1/FI/GOV/%E0%A4%A/VTJkysely/persons',
    ]) {
      expectXRoadError(await admin(path, { json: { keys: [] } }), 500, 'Server.ServerProxy.UnknownService');
    }
  });

  it('leaves a path the registry does not serve to the registry: its own 404, no X-Road-Error', async () => {
    const answer = await call('population', 'persons/everything', { json: { keys: [] } });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('x-road-error')).toBeNull();
    expect(answer.body).toMatchObject({ error: 'not_found' });
    expect((await call('population', 'persons/batch')).status).toBe(405);
  });

  it('fails every call to a registry that is down with Server.ServerProxy.NetworkError', async () => {
    await admin('/__knobs/population', { method: 'PATCH', json: { down: true } });
    expectXRoadError(
      await call('population', 'persons/batch', { json: { keys: ['131052-308T'] } }),
      500,
      'Server.ServerProxy.NetworkError',
    );
    expect((await call('tradeRegister', 'companies/batch', { json: { keys: [] } })).status).toBe(200);
  });

  it('holds a timed-out call for timeoutMs, then fails it with Server.ServerProxy.ServiceFailed.Timeout', async () => {
    await admin('/__knobs/sis', { method: 'PATCH', json: { timeoutRate: 1, timeoutMs: 30 } });
    expectXRoadError(
      await call('sis', 'personSearch', { json: { documentNumber: 'X1' } }),
      500,
      'Server.ServerProxy.ServiceFailed.Timeout',
    );
  });

  it("fails calls with the registry's own internal_error at errorRate 1 (no X-Road-Error: the registry failed, not X-Road)", async () => {
    await admin('/__knobs/tax', { method: 'PATCH', json: { errorRate: 1 } });
    const answer = await call('tax', 'complianceReports/batch', { json: { keys: [] } });
    expect(answer.status).toBe(500);
    expect(answer.headers.get('x-road-error')).toBeNull();
    expect(answer.body).toEqual({ error: 'internal_error', message: expect.any(String) });
  });

  it('stops waiting when the client goes away, and counts the call as abandoned', async () => {
    await admin('/__knobs/police', { method: 'PATCH', json: { timeoutRate: 1, timeoutMs: 600_000 } });
    const controller = new AbortController();
    const pending = fetch(`${mocks.url}${xRoadServicePath('FI', 'police', 'subjectRecords')}`, {
      method: 'POST',
      headers: { 'X-Road-Client': TEST_CLIENT, 'X-Road-Id': 'abandoned-call' },
      body: JSON.stringify({ personalIdentityCode: '131052-308T' }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await statsWhen((s) => s.registries.police.calls === 1);
    controller.abort();
    await pending;
    const snapshot = await statsWhen((s) => s.recentCalls.length === 1);
    expect(snapshot.recentCalls[0]).toMatchObject({ xRoadId: 'abandoned-call', status: CLIENT_CLOSED_STATUS });
    expect(snapshot.registries.police.errors).toBe(1);
  });
});

describe('echoed headers', () => {
  it('echoes X-Road-Id, X-Road-Client, X-Road-Service and the request hash on answers and errors alike', async () => {
    const body = JSON.stringify({ keys: ['APP-0000001'] });
    const hash = createHash('sha256').update(body).digest('base64');
    const served = await call('caseRegister', 'applications/batch', {
      rawBody: body,
      headers: { 'X-Road-Client': TEST_CLIENT, 'X-Road-Id': 'call-1' },
    });
    const refused = await call('caseRegister', 'applications/batch', {
      rawBody: body,
      headers: { 'X-Road-Client': 'nonsense', 'X-Road-Id': 'call-2' },
    });
    for (const [answer, id, client] of [
      [served, 'call-1', TEST_CLIENT],
      [refused, 'call-2', 'nonsense'],
    ] as const) {
      expect(answer.headers.get('x-road-id')).toBe(id);
      expect(answer.headers.get('x-road-client')).toBe(client);
      expect(answer.headers.get('x-road-service')).toBe('FI/GOV/1765514-2/UMA/applications');
      expect(answer.headers.get('x-road-request-hash')).toBe(hash);
    }
    expect(served.status).toBe(200);
    expect(refused.status).toBe(400);
  });

  it('makes up an X-Road-Id when the client sends none, and hashes an empty body', async () => {
    const answer = await call('caseRegister', 'applications', { query: { limit: '1' } });
    expect(answer.headers.get('x-road-id')).toMatch(UUID);
    expect(answer.headers.get('x-road-request-hash')).toBe(createHash('sha256').update('').digest('base64'));
  });
});

describe('knobs over HTTP', () => {
  it("shows every registry's knobs, changes one registry or all, and resets to the start values", async () => {
    const start = (await admin('/__knobs')).body;
    expect(Object.keys(start.registries)).toEqual(REGISTRY_IDS);
    expect(start.registries.population).toEqual({ ...DEFAULT_KNOBS, ...FAST });

    const one = await admin('/__knobs/tradeRegister', { method: 'PATCH', json: { latencyMs: 150, tailRate: 0.01, tailMs: 2000 } });
    expect(one.status).toBe(200);
    expect(one.body).toEqual({
      registry: 'tradeRegister',
      knobs: { ...start.registries.tradeRegister, latencyMs: 150, tailRate: 0.01, tailMs: 2000 },
    });

    const all = await admin('/__knobs', { method: 'PATCH', json: { errorRate: 0.25 } });
    expect(Object.values(all.body.registries).every((k) => (k as { errorRate: number }).errorRate === 0.25)).toBe(true);
    expect(all.body.registries.tradeRegister.latencyMs).toBe(150);
    expect(mocks.knobs.get('sis').errorRate).toBe(0.25);

    expect((await admin('/__knobs/reset', { method: 'POST' })).body).toEqual(start);
  });

  it('refuses invalid knobs with a message naming the field, and unknown registries', async () => {
    const cases: [XRoadCall, RegExp][] = [
      [{ json: { latencyMs: -5 } }, /latencyMs/],
      [{ json: { errorRate: 2 } }, /errorRate/],
      [{ json: { down: 'yes' } }, /down/],
      [{ json: { latency: 100 } }, /latency/],
      [{ json: [] }, /body|expected object/],
      [{ rawBody: '{"latencyMs":' }, /not valid JSON/],
    ];
    for (const [request, message] of cases) {
      const answer = await admin('/__knobs/population', { method: 'PATCH', ...request });
      expect(answer.status, JSON.stringify(request)).toBe(400);
      expect(answer.body).toEqual({ error: 'bad_request', message: expect.stringMatching(message) });
    }
    expect((await admin('/__knobs', { method: 'PATCH', json: { timeoutMs: 1.5 } })).status).toBe(400);
    expect((await admin('/__knobs/registryOfEverything', { method: 'PATCH', json: {} })).status).toBe(404);
    expect((await admin('/__knobs')).body.registries.population).toEqual({ ...DEFAULT_KNOBS, ...FAST });
  });
});

describe('counters', () => {
  it('count every routed call exactly: calls, keys, errors, per service', async () => {
    await call('population', 'persons/batch', { json: { keys: ['a', 'b', 'c'] } });
    await call('population', 'persons/batch', { json: { keys: ['d'] } });
    await call('population', 'persons/batch', { rawBody: 'not json' });
    await call('caseRegister', 'applications', { query: { status: 'PENDING' } });
    await call('caseRegister', 'applicants/search', { json: { familyName: 'Ferreira' } });
    await call('police', 'subjectRecords', { json: { personalIdentityCode: '131052-308T' } });
    await call('population', 'persons/unknown', { json: { keys: ['e', 'f'] } });
    // Not routed to a registry, so not counted:
    await call('population', 'persons/batch', { json: { keys: ['x'] }, headers: { 'X-Road-Client': null } });
    await admin('/r1/FI/GOV/0245437-2/VTJkysely/people/batch', { json: { keys: ['y'] } });
    await admin('/__knobs/sis', { method: 'PATCH', json: { down: true } });
    await call('sis', 'personSearch', { json: { documentNumber: 'Z' } });

    const snapshot = await stats();
    expect(snapshot.registries.population).toEqual({
      calls: 4,
      keys: 3 + 1 + 1 + 2,
      errors: 2,
      services: { 'persons/batch': { calls: 3, keys: 5 } },
    });
    expect(snapshot.registries.caseRegister).toMatchObject({ calls: 2, keys: 2, errors: 0 });
    expect(snapshot.registries.caseRegister.services).toMatchObject({
      applications: { calls: 1, keys: 1 },
      'applicants/search': { calls: 1, keys: 1 },
      'applications/batch': { calls: 0, keys: 0 },
    });
    expect(snapshot.registries.police).toMatchObject({ calls: 1, keys: 1, errors: 0 });
    expect(snapshot.registries.sis).toMatchObject({ calls: 1, keys: 1, errors: 1 });
    expect(snapshot.registries.tax).toMatchObject({ calls: 0, keys: 0, errors: 0 });
    expect(snapshot.recentCalls.map((c) => [c.registry, c.service, c.status])).toEqual([
      ['population', 'persons/batch', 200],
      ['population', 'persons/batch', 200],
      ['population', 'persons/batch', 400],
      ['caseRegister', 'applications', 200],
      ['caseRegister', 'applicants/search', 200],
      ['police', 'subjectRecords', 200],
      ['population', 'persons/*', 404],
      ['sis', 'personSearch', 500],
    ]);
  });

  it('keep the X-Road headers of recent calls but no bodies or personal data', async () => {
    await call('police', 'subjectRecords', {
      json: { personalIdentityCode: '131052-308T' },
      headers: { 'X-Road-Client': TEST_CLIENT, 'X-Road-Id': 'id-7', 'X-Road-UserId': 'FI-caseworker-12', 'X-Road-Issue': 'APP-0000001' },
    });
    const [recent] = (await stats()).recentCalls;
    expect(recent).toEqual({
      registry: 'police',
      service: 'subjectRecords',
      keys: 1,
      status: 200,
      xRoadId: 'id-7',
      xRoadClient: TEST_CLIENT,
      xRoadUserId: 'FI-caseworker-12',
      xRoadIssue: 'APP-0000001',
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(JSON.stringify(await stats())).not.toContain('131052-308T');
  });

  it(`keep the last ${RECENT_CALLS_KEPT} calls, oldest first, and reset to zero`, async () => {
    for (let i = 0; i < RECENT_CALLS_KEPT + 5; i++) {
      await call('tradeRegister', 'companies/batch', {
        json: { keys: [] },
        headers: { 'X-Road-Client': TEST_CLIENT, 'X-Road-Id': `call-${i}` },
      });
    }
    const snapshot = await stats();
    expect(snapshot.registries.tradeRegister.calls).toBe(RECENT_CALLS_KEPT + 5);
    expect(snapshot.recentCalls).toHaveLength(RECENT_CALLS_KEPT);
    expect(snapshot.recentCalls[0]!.xRoadId).toBe('call-5');
    expect(snapshot.recentCalls.at(-1)!.xRoadId).toBe(`call-${RECENT_CALLS_KEPT + 4}`);

    const reset = (await admin('/__stats/reset', { method: 'POST' })).body as StatsSnapshot;
    expect(reset.recentCalls).toEqual([]);
    expect(Object.values(reset.registries).every((r) => r.calls === 0 && r.keys === 0 && r.errors === 0)).toBe(true);
    expect(reset.since >= snapshot.since).toBe(true);
    expect(mocks.stats.snapshot().registries.tradeRegister.calls).toBe(0);
  });
});

describe('other paths', () => {
  it('answers paths that are neither X-Road nor admin with 404', async () => {
    expect((await admin('/persons/batch')).status).toBe(404);
    expect((await admin('/__nothing')).status).toBe(404);
  });
});
