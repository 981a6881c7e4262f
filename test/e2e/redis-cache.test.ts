/**
 * The Redis level of the registry cache, against a real redis-server: two instances share it,
 * nothing in it names a person, and Redis being killed or restarted never fails a query.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockRegistries, type MockRegistries } from '../../mocks/server.js';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { applicantOf, applicationOf } from '../dataset-fixtures.js';
import { startTestGraph, type TestGraph } from '../graph-harness.js';
import { startTestRedis, type TestRedis } from '../redis-server.js';

let redis: TestRedis;
let mocks: MockRegistries;
let first: TestGraph;
let second: TestGraph;

beforeAll(async () => {
  redis = await startTestRedis();
  mocks = await startMockRegistries({ knobs: { defaults: { latencyMs: 2, jitterMs: 0 } } });
  const shared = {
    REDIS_URL: redis.url,
    CACHE_KEY_SECRET: randomBytes(32).toString('base64'),
    CACHE_ENCRYPTION_KEYS: `1:${randomBytes(32).toString('base64')}`,
    REGISTRY_BREAKER_FAILURES: '0',
  };
  // Two instances of the whole graph (gateway and subgraphs) over the same registries and Redis.
  // The gateways listen on Redis too: an eviction must flush their response caches.
  const gatewayEnv = { REDIS_URL: redis.url };
  first = await startTestGraph({ sharedMocks: mocks, subgraphEnv: shared, gatewayEnv });
  // The second instance reads what the first wrote. What is shared is under test with it, not the
  // command deadline: a loaded test machine must not turn a slow Redis answer into a miss there
  // (the first instance keeps the default deadline, which the stalled-Redis test holds it to).
  second = await startTestGraph({ sharedMocks: mocks, subgraphEnv: { ...shared, REDIS_TIMEOUT_MS: '2000' }, gatewayEnv });
});
afterAll(async () => {
  await second?.close();
  await first?.close();
  await mocks?.close();
  await redis?.stop();
});

async function totalCalls(): Promise<number> {
  return Object.values(await first.registryCalls()).reduce((sum, registry) => sum + registry.calls, 0);
}

/** Cached answers in Redis (not counting the subject sets filed beside them). */
async function entriesInRedis(): Promise<number> {
  let count = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.client.scan(cursor, 'MATCH', '*:e:*', 'COUNT', 1000);
    cursor = next;
    count += keys.length;
  } while (cursor !== '0');
  return count;
}

/** Waits until Redis holds what queries fetched: queries do not wait for the writes. */
async function redisHolds(minimumEntries: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await entriesInRedis()) >= minimumEntries) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Redis holds fewer than ${minimumEntries} cached answers`);
}

/** Waits until every subgraph of `graph` has its Redis level connected. */
async function redisAvailableIn(graph: TestGraph): Promise<void> {
  const operator = {
    userId: 'olli.jarvinen',
    organisation: null,
    unit: null,
    roles: ['operator'],
    rights: new Set(['cache:admin'] as const),
  };
  const headers = { authorization: `Bearer ${await graph.identity.assertion(operator)}` };
  for (let attempt = 0; attempt < 100; attempt++) {
    const states = await Promise.all(
      graph.subgraphs.map(
        async (subgraph) =>
          ((await (await fetch(subgraph.url.replace('/graphql', '/admin/cache/stats'), { headers })).json()) as { redis: string }).redis,
      ),
    );
    if (states.every((state) => state === 'available')) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('Redis did not become available in every subgraph');
}

describe('registry cache, Redis level', () => {
  it('is shared: what one instance fetched, the other answers with zero registry calls', async () => {
    await redisAvailableIn(second);
    await first.operation('CaseView');
    // One answer per registry service the case view asks (the tax registry twice).
    await redisHolds(7);
    await first.resetRegistryCalls();
    const fromSecond = await second.operation<{ application: { applicant: { population: { provenance: { fromCache: boolean } } } } }>(
      'CaseView',
    );
    expect(fromSecond.body.errors).toBeUndefined();
    expect(await totalCalls()).toBe(0);
    expect(fromSecond.body.data!.application.applicant.population.provenance.fromCache).toBe(true);
  });

  it('holds no identity code, name, date of birth or Business ID in any key or value', async () => {
    await first.operation('Worklist');
    await first.operation('PersonSearch');
    await redisHolds(100);
    const { dataset } = mocks;
    const showcase = applicantOf(dataset, SCENARIO.showcase);
    const sensitive = new Set<string>([
      showcase.personalIdentityCode!,
      showcase.familyName,
      showcase.givenNames,
      showcase.dateOfBirth,
      applicationOf(dataset, SCENARIO.showcase).employerBusinessId!,
      ...dataset.population.persons.slice(0, 200).flatMap((p) => [p.personalIdentityCode, p.familyName]),
    ]);
    // Compared as bytes. Strings under 6 bytes are left out: random ciphertext and base64 HMACs
    // contain short sequences such as "Li" by chance; every identifier and most names are longer.
    const needles = [...sensitive].filter((value) => Buffer.byteLength(value) >= 6).map((value) => [value, Buffer.from(value)] as const);
    expect(needles.length).toBeGreaterThan(200);
    let keysScanned = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.client.scan(cursor, 'COUNT', 500);
      cursor = next;
      // Subject sets (…:s:…) hold cache keys; everything else is an encrypted answer.
      const reads = redis.client.pipeline();
      for (const key of keys) {
        if (key.includes(':s:')) reads.smembers(key);
        else reads.getBuffer(key);
      }
      const values = (await reads.exec()) ?? [];
      for (const [n, key] of keys.entries()) {
        keysScanned += 1;
        const value = values[n]?.[1] as Buffer | string[] | null;
        const contents = Array.isArray(value) ? Buffer.from(value.join('\n')) : (value ?? Buffer.alloc(0));
        for (const [value, bytes] of needles) {
          expect(key.includes(value), `key ${key} names ${value}`).toBe(false);
          expect(contents.includes(bytes), `value of ${key} names ${value}`).toBe(false);
        }
      }
    } while (cursor !== '0');
    expect(keysScanned).toBeGreaterThan(50);
  });

  it('evicts a subject in every process: the gateway fans out, Redis tells the other instance', async () => {
    await first.operation('CaseView');
    await second.operation('CaseView');
    const code = applicantOf(mocks.dataset, SCENARIO.showcase).personalIdentityCode!;
    const response = await fetch(`${first.gatewayUrl}/admin/cache/evict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await first.as('olli.jarvinen')) },
      body: JSON.stringify({ registry: 'POPULATION', subject: code }),
    });
    expect(response.status).toBe(200);
    // The other instance's memory copy goes through Redis pub/sub; give it a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await first.resetRegistryCalls();
    await second.operation('CaseView');
    const calls = await first.registryCalls();
    expect(calls.population.calls).toBe(1);
    expect(calls.tradeRegister.calls + calls.police.calls).toBe(0);
  });

  it('never fails a query when Redis is killed, and caches through Redis again once it is back', async () => {
    // Applications from the random bulk that no earlier test has touched, with a Finnish code.
    // Of unit HEL-1: the test graph asks as a case worker of that unit.
    const untouched = mocks.dataset.caseRegister.applications
      .slice(5_000)
      .filter((application) => application.unit === 'HEL-1')
      .filter((application) => mocks.dataset.caseRegister.applicants.find((a) => a.id === application.applicantId)?.personalIdentityCode)
      .slice(0, 2)
      .map((application) => application.id);
    const populationOf = (id: string) =>
      `{ application(id: "${id}") { id applicant { population { familyName provenance { fromCache } } } } }`;
    const population = first.subgraphs.find((s) => s.name === 'population')!;
    const statsUrl = population.url.replace('/graphql', '/admin/cache/stats');
    const operator = {
      userId: 'olli.jarvinen',
      organisation: null,
      unit: null,
      roles: ['operator'],
      rights: new Set(['cache:admin'] as const),
    };
    const stats = async () =>
      (await (await fetch(statsUrl, { headers: { authorization: `Bearer ${await first.identity.assertion(operator)}` } })).json()) as {
        redis: string;
        registries: Record<string, { redis: { errors: number } }>;
      };

    await redis.kill();
    try {
      const during = await first.query<{ application: { id: string; applicant: { population: unknown } } }>(populationOf(untouched[0]!));
      expect(during.body.errors).toBeUndefined();
      expect(during.body.data!.application.applicant.population).not.toBeNull();
      expect((await stats()).redis).toBe('unavailable');
      expect((await stats()).registries.population!.redis.errors).toBeGreaterThan(0);
    } finally {
      await redis.restart();
    }

    // ioredis reconnects on its own (backoff up to 2 s).
    for (let attempt = 0; attempt < 60 && (await stats()).redis !== 'available'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await stats()).redis).toBe('available');
    const before = await entriesInRedis();
    await first.query(populationOf(untouched[1]!));
    await redisHolds(before + 2);
    await first.resetRegistryCalls();
    const fromSecond = await second.query<{ application: { applicant: { population: { provenance: { fromCache: boolean } } } } }>(
      populationOf(untouched[1]!),
    );
    expect(fromSecond.body.data!.application.applicant.population.provenance.fromCache).toBe(true);
    expect(await totalCalls()).toBe(0);
  });

  it('answers from the registries when Redis is too slow', async () => {
    const blocker = redis.client.duplicate();
    blocker.on('error', () => undefined);
    // DEBUG SLEEP blocks the whole server, as a stalled Redis would.
    const stalled = blocker.call('DEBUG', 'SLEEP', '0.5');
    const result = await first.query<{ application: { id: string } }>(
      `query @fresh { application(id: "${SCENARIO.employerBankrupt}") { id employer { tradeRegister { status } } } }`,
    );
    await stalled;
    blocker.disconnect();
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.application.id).toBe(SCENARIO.employerBankrupt);
  });
});
