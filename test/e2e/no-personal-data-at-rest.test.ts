/**
 * Nothing personal in clear where casegraph keeps things: its logs (at debug), the audit trail,
 * Redis (keys and values) and the metrics. The whole graph runs as separate processes, with
 * Redis; every shipped operation runs as every demo caller, fresh and cached, then the ways a
 * caller can put personal data where it might be echoed or logged (a path, an operation name, a
 * request id, a case header, a wrong identity code) and a registry failing. Every identity code,
 * Business ID, name, date of birth and street address the answers held, and the identifiers the
 * hostile requests carried, must appear in none of those places.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SERVICE_ACCOUNTS, DEMO_USERS } from '../../contracts/identity.js';
import { subgraphUrlVariable } from '../../gateway/config.js';
import { auditEnvironment } from '../../platform/audit/audit-config.js';
import { SUBGRAPHS } from '../../subgraphs/index.js';
import { exampleOperation } from '../graph-harness.js';
import { startTestRedis, type TestRedis } from '../redis-server.js';
import { startServiceProcess, type ServiceProcess } from '../service-process.js';
import { createTestIdentity, type TestIdentity } from '../test-identity.js';

const OPERATIONS = [
  'CaseView',
  'Worklist',
  'EmployerView',
  'PersonSearch',
  'PopulationRecord',
  'PrerequisiteCheck',
  'BulkPrerequisiteChecks',
];
const AUDIT_OPERATIONS = ['AuditTrail', 'SubjectAccessReport', 'AccessesByUser'];
const CALLERS = [...DEMO_USERS.map((user) => user.id), ...DEMO_SERVICE_ACCOUNTS.map((account) => account.id)];
/** Personal values in an answer, by the field that holds them. */
const PERSONAL_FIELDS = new Set(['personalIdentityCode', 'businessId', 'givenNames', 'familyName', 'dateOfBirth', 'street', 'number']);
/** Identifiers only the hostile requests carry (a valid-looking code nobody in the data has, one with a wrong check character). */
const HOSTILE_IDENTIFIERS = ['131052-308T', '140391Y714X', '010101-123N'];

let identity: TestIdentity;
let redis: TestRedis;
const services: ServiceProcess[] = [];
let gateway: ServiceProcess;
let mocks: ServiceProcess;
const personalValues = new Set<string>(HOSTILE_IDENTIFIERS);
let requests = 0;

function collectPersonalValues(value: unknown): void {
  if (Array.isArray(value)) value.forEach(collectPersonalValues);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      // Short values ("Li", "A 1") would match unrelated text; every code, date and name of the data set is longer.
      if (PERSONAL_FIELDS.has(key) && typeof child === 'string' && child.length >= 5) personalValues.add(child);
      else collectPersonalValues(child);
    }
  }
}

async function ask(
  body: unknown,
  headers: Record<string, string>,
  route = '/graphql',
): Promise<{ status: number; body: { data?: unknown; errors?: unknown[] } }> {
  requests += 1;
  const response = await fetch(`${gateway.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: unknown; errors?: unknown[] };
  collectPersonalValues(json.data);
  return { status: response.status, body: json };
}

beforeAll(async () => {
  identity = await createTestIdentity();
  redis = await startTestRedis();
  const common = { LOG_LEVEL: 'debug' };
  const cache = {
    REDIS_URL: redis.url,
    CACHE_KEY_SECRET: 'personal-data-test-key-secret-0123456789',
    CACHE_ENCRYPTION_KEYS: `1:${Buffer.alloc(32, 3).toString('base64')}`,
  };
  mocks = await startServiceProcess({ name: 'mocks', entry: 'mocks/main.ts', env: { ...common, MOCK_PORT: '0', MOCK_JITTER_MS: '0' } });
  services.push(mocks);
  const subgraphs = await Promise.all(
    SUBGRAPHS.map((definition) =>
      startServiceProcess({
        name: definition.name,
        entry: `subgraphs/${definition.name}/main.ts`,
        env: {
          ...common,
          ...cache,
          ...identity.subgraphEnv,
          ...(definition.readsAuditTrail ? auditEnvironment(identity.gatewayEnv) : {}),
          PORT: '0',
          XROAD_SECURITY_SERVER_URL: mocks.url,
        },
      }),
    ),
  );
  services.push(...subgraphs);
  gateway = await startServiceProcess({
    name: 'gateway',
    entry: 'gateway/main.ts',
    env: {
      ...common,
      ...identity.gatewayEnv,
      PORT: '0',
      REDIS_URL: redis.url,
      ...Object.fromEntries(subgraphs.map((subgraph) => [subgraphUrlVariable(subgraph.name), `${subgraph.url}/graphql`])),
    },
  });
  services.push(gateway);

  for (const operation of OPERATIONS) {
    for (const caller of CALLERS) {
      const headers = { ...(await identity.as(caller)), ...(operation === 'PopulationRecord' ? { 'x-case-id': 'APP-0000001' } : {}) };
      await ask({ query: exampleOperation(operation) }, { ...headers, 'cache-control': 'no-cache' });
      await ask({ query: exampleOperation(operation) }, headers);
    }
  }
  const dpo = await identity.as('tuula.laine');
  for (const operation of AUDIT_OPERATIONS) await ask({ query: exampleOperation(operation) }, dpo);

  // What a caller can put where it might be echoed or logged.
  const kaisa = await identity.as('kaisa.virtanen');
  const code = '140391Y714Y';
  personalValues.add(code);
  await ask({ query: '{ __typename }' }, kaisa, `/graphql/${code}`);
  await ask({ query: `query _${code.replace(/[^A-Za-z0-9]/g, '')} { __typename }` }, kaisa);
  await ask({ query: '{ __typename }', operationName: `_${code}` }, kaisa);
  await ask({ query: exampleOperation('CaseView') }, { ...kaisa, 'x-request-id': `req-${code}` });
  await ask({ query: exampleOperation('CaseView') }, { ...kaisa, 'x-case-id': code });
  for (const wrong of HOSTILE_IDENTIFIERS) {
    await ask(
      { query: exampleOperation('PopulationRecord'), variables: { personalIdentityCode: wrong } },
      { ...kaisa, 'x-case-id': 'APP-0000001' },
    );
    await ask({ query: exampleOperation('PersonSearch'), variables: { personalIdentityCode: wrong } }, kaisa);
    await ask({ query: '{ __typename }' }, { authorization: `Bearer ${wrong}` });
  }
  // A registry failing, and a slow one: errors are logged, never with whom they were about.
  await fetch(`${mocks.url}/__knobs/sis`, { method: 'PATCH', body: JSON.stringify({ errorRate: 1 }) });
  await fetch(`${mocks.url}/__knobs/police`, { method: 'PATCH', body: JSON.stringify({ down: true }) });
  await ask({ query: exampleOperation('CaseView') }, { ...(await identity.as('matti.korhonen')), 'cache-control': 'no-cache' });
  await ask({ query: exampleOperation('Worklist') }, { ...(await identity.as('matti.korhonen')), 'cache-control': 'no-cache' });
  await fetch(`${mocks.url}/__knobs/reset`, { method: 'POST' });
  // Let the processes write what they buffer.
  await new Promise((resolve) => setTimeout(resolve, 500));
}, 600_000);

afterAll(async () => {
  await Promise.all(services.map((service) => service.stop('SIGKILL')));
  await redis?.stop();
  if (identity) rmSync(path.dirname(identity.audit.file), { recursive: true, force: true });
});

function leaksIn(text: string): string[] {
  return [...personalValues].filter((value) => text.includes(value));
}

describe('no personal data at rest', () => {
  it('has something to look for: the answers held people and companies', () => {
    expect(requests).toBeGreaterThan(150);
    expect(personalValues.size).toBeGreaterThan(100);
    expect([...personalValues].filter((value) => /^\d{6}[-+A-Y]\d{3}[0-9A-Z]$/.test(value)).length).toBeGreaterThan(3);
    expect([...personalValues].filter((value) => /^\d{7}-\d$/.test(value)).length).toBeGreaterThan(0);
  });

  it('keeps none in any process log, at debug', () => {
    const lines = services.flatMap((service) => service.output.map((line) => `${service.name}: ${line}`));
    // The logs are there to be read: the gateway logged a line per request.
    expect(gateway.output.length).toBeGreaterThan(requests / 2);
    expect(lines.filter((line) => leaksIn(line).length > 0)).toEqual([]);
  });

  it('keeps none in the audit trail', () => {
    const trail = readFileSync(identity.audit.file, 'utf8');
    expect(trail.split('\n').length).toBeGreaterThan(100);
    expect(leaksIn(trail)).toEqual([]);
  });

  it('keeps none in Redis, neither in keys nor in values', async () => {
    const keys = await redis.client.keys('*');
    expect(keys.length).toBeGreaterThan(10);
    expect(leaksIn(keys.join('\n'))).toEqual([]);
    const values = await Promise.all(keys.map(async (key) => ((await redis.client.type(key)) === 'string' ? redis.client.get(key) : '')));
    expect(leaksIn(values.join('\n'))).toEqual([]);
  });

  it('keeps none in the metrics', async () => {
    const texts = await Promise.all(
      services
        .filter((service) => service.name !== 'mocks' && service.name !== 'gateway')
        .map(async (service) => (await fetch(`${service.url}/metrics`)).text()),
    );
    // The gateway's, as an operator scrapes them (metrics:read).
    const gateway = services.find((service) => service.name === 'gateway')!;
    const scrape = await fetch(`${gateway.url}/metrics`, { headers: await identity.as('olli.jarvinen') });
    expect(scrape.status).toBe(200);
    texts.push(await scrape.text());
    expect(texts.join('\n')).toMatch(/casegraph_|registry/);
    expect(texts.at(-1)).toMatch(/^http_server_request_duration_seconds_count\{operation="CaseView"/m);
    expect(leaksIn(texts.join('\n'))).toEqual([]);
  });
});
