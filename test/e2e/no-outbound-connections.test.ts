/**
 * Nothing leaves the machine: the whole graph, started as separate processes as the README starts
 * them (mocks, the demo identity provider, every subgraph, the gateway, with Redis), signs in and
 * runs every example operation, serves
 * GraphiQL and stops on SIGTERM under scripts/network-guard.mjs, which records every connection
 * attempt and DNS question of each process (and of the children they spawn). Every destination
 * must be a loopback address of the graph itself, of the Redis it was given, or of the PostgreSQL
 * its audit trail is written to (production requires that trail: a migrated database of its own).
 *
 * The processes are told APOLLO_TELEMETRY_DISABLED=0: casegraph turns the gateway library's
 * telemetry off itself (platform/vendor-telemetry-off.ts), whatever the environment says. Without
 * that switch this test fails: the gateway asks DNS for metadata.google.internal and connects to
 * 169.254.169.254 at start, and asks for usage-reporting.api.apollographql.com at SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphUrlVariable } from '../../gateway/config.js';
import { demoAccessToken } from '../../mocks/identity-provider/demo-login.js';
import { generateAssertionKeys } from '../../platform/gateway-assertion.js';
import { attemptsBeyond, NETWORK_GUARD_PRELOAD, readNetworkAttempts } from '../../scripts/network-guard-log.js';
import { SUBGRAPHS } from '../../subgraphs/index.js';
import { exampleOperation } from '../graph-harness.js';
import { createAuditDatabase, type AuditDatabase } from '../audit-database.js';
import { startTestRedis, type TestRedis } from '../redis-server.js';
import { PROJECT_ROOT, startServiceProcess, type ServiceProcess } from '../service-process.js';

const OPERATIONS = readdirSync(path.join(PROJECT_ROOT, 'gateway/operations'))
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => file.replace(/\.graphql$/, ''));

let workDir: string;
let logFile: string;
let redis: TestRedis;
let auditDatabase: AuditDatabase;
const services: ServiceProcess[] = [];
const exitCodes = new Map<string, number | null>();

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'casegraph-network-'));
  logFile = path.join(workDir, 'attempts.jsonl');
  redis = await startTestRedis();
  auditDatabase = await createAuditDatabase('audit_network');
  await auditDatabase.migrate();
  const common = {
    NETWORK_GUARD_LOG: logFile,
    // What an operator's environment might hold; casegraph must override it.
    APOLLO_TELEMETRY_DISABLED: '0',
    NODE_ENV: 'production',
  };
  const preload = [NETWORK_GUARD_PRELOAD];
  const cache = {
    REDIS_URL: redis.url,
    CACHE_KEY_SECRET: 'network-test-key-secret-0123456789abcdef',
    CACHE_ENCRYPTION_KEYS: `1:${Buffer.alloc(32, 7).toString('base64')}`,
  };

  const mocks = await startServiceProcess({ name: 'mocks', entry: 'mocks/main.ts', preload, env: { ...common, MOCK_PORT: '0' } });
  services.push(mocks);
  const identityProvider = await startServiceProcess({
    name: 'identity-provider',
    entry: 'mocks/identity-provider/main.ts',
    preload,
    env: { ...common, IDP_PORT: '0' },
  });
  services.push(identityProvider);
  const { signingKey, publicKeys } = await generateAssertionKeys();
  // The gateway writes the trail as the writer role; the audit subgraph reads it as the reader, with the same subject key.
  const audit = {
    AUDIT_DATABASE_URL: auditDatabase.writerUrl,
    AUDIT_READER_DATABASE_URL: auditDatabase.readerUrl,
    AUDIT_SUBJECT_KEY: Buffer.alloc(32, 9).toString('base64'),
  };
  const subgraphs = await Promise.all(
    SUBGRAPHS.map((definition) =>
      startServiceProcess({
        name: definition.name,
        entry: `subgraphs/${definition.name}/main.ts`,
        preload,
        env: {
          ...common,
          ...cache,
          PORT: '0',
          XROAD_SECURITY_SERVER_URL: mocks.url,
          GATEWAY_ASSERTION_PUBLIC_KEYS: JSON.stringify(publicKeys),
          ...(definition.readsAuditTrail ? audit : {}),
        },
      }),
    ),
  );
  services.push(...subgraphs);
  const gateway = await startServiceProcess({
    name: 'gateway',
    entry: 'gateway/main.ts',
    preload,
    env: {
      ...common,
      PORT: '0',
      REDIS_URL: redis.url,
      OIDC_ISSUER: identityProvider.url,
      GATEWAY_ASSERTION_SIGNING_KEY: JSON.stringify(signingKey),
      ...audit,
      AUDIT_SPOOL_FILE: path.join(workDir, 'audit-spool.jsonl'),
      ...Object.fromEntries(subgraphs.map((subgraph) => [subgraphUrlVariable(subgraph.name), `${subgraph.url}/graphql`])),
    },
  });
  services.push(gateway);

  // What a user does: open GraphiQL, run every example operation, look at health and readiness.
  const page = await fetch(`${gateway.url}/`);
  expect(page.status).toBe(200);
  await page.arrayBuffer();
  // Signed in as users of the demo identity provider, through its real code flow (and the client-credentials grant).
  const tokens = {
    'matti.korhonen': await demoAccessToken(identityProvider.url, 'matti.korhonen'),
    'bulk-checker': await demoAccessToken(identityProvider.url, 'bulk-checker'),
    'tuula.laine': await demoAccessToken(identityProvider.url, 'tuula.laine'),
  };
  // The audit queries are the data protection officer's.
  const AUDIT_OPERATIONS = new Set(['AuditTrail', 'SubjectAccessReport', 'AccessesByUser']);
  for (const name of OPERATIONS) {
    const caller = name === 'BulkPrerequisiteChecks' ? 'bulk-checker' : AUDIT_OPERATIONS.has(name) ? 'tuula.laine' : 'matti.korhonen';
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[caller]}`,
        ...(name === 'PopulationRecord' ? { 'x-case-id': 'APP-0000001' } : {}),
      },
      body: JSON.stringify({ query: exampleOperation(name) }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
    expect(response.status, name).toBe(200);
    expect(body.errors, name).toBeUndefined();
  }
  for (const route of ['/health', '/ready']) expect((await fetch(`${gateway.url}${route}`)).status).toBe(200);

  // And stop it all as an operator would; the gateway first, as a load balancer drains it.
  for (const service of [gateway, ...subgraphs, identityProvider, mocks]) exitCodes.set(service.name, await service.stop('SIGTERM'));
}, 600_000);

afterAll(async () => {
  await Promise.all(services.map((service) => service.stop('SIGKILL')));
  await redis?.stop();
  await auditDatabase?.drop();
  rmSync(workDir, { recursive: true, force: true });
});

describe('the network guard', () => {
  it('records and refuses a connection, a fetch and a DNS question beyond loopback', async () => {
    const probeLog = path.join(workDir, 'probe.jsonl');
    const probe = `
      const net = require('node:net');
      net.connect(80, '192.0.2.1').on('error', () => {});
      require('node:dns').lookup('metadata.google.internal', () => {});
      fetch('http://169.254.169.254/latest/meta-data').catch(() => {});
      setTimeout(() => {}, 200);`;
    const child = spawn(process.execPath, ['--import', NETWORK_GUARD_PRELOAD, '-e', probe], {
      env: { ...process.env, NETWORK_GUARD_LOG: probeLog },
    });
    await new Promise((resolve) => child.once('exit', resolve));
    const recorded = readNetworkAttempts(probeLog);
    expect(
      recorded
        .filter((attempt) => attempt.refused)
        .map((attempt) => attempt.host)
        .sort(),
    ).toEqual(['169.254.169.254', '192.0.2.1', 'metadata.google.internal']);
    expect(attemptsBeyond(recorded)).toHaveLength(3);
  });
});

describe('nothing leaves the machine', () => {
  it('stops every process cleanly on SIGTERM', () => {
    expect(Object.fromEntries(exitCodes)).toEqual(Object.fromEntries(services.map((service) => [service.name, 0])));
  });

  it('records the connections of every process, so the guard is really watching', () => {
    const recorded = readNetworkAttempts(logFile);
    const servicePids = services.map((service) => service.child.pid);
    const pids = new Set(recorded.map((attempt) => attempt.pid));
    // The mocks and the identity provider only answer; every other process connects somewhere (subgraphs, X-Road, Redis, the issuer's keys).
    for (const service of services.filter((candidate) => candidate.name !== 'mocks' && candidate.name !== 'identity-provider')) {
      expect(pids.has(service.child.pid!), `${service.name} recorded nothing`).toBe(true);
    }
    // GraphiQL is rendered in a child process of the gateway: the guard went with it.
    expect([...pids].some((pid) => !servicePids.includes(pid))).toBe(true);
    const gatewayPid = services.find((service) => service.name === 'gateway')!.child.pid;
    const subgraphPorts = services
      .filter((service) => service.name !== 'gateway' && service.name !== 'mocks')
      .map((service) => Number(new URL(service.url).port));
    const gatewayReached = new Set(
      recorded.filter((attempt) => attempt.pid === gatewayPid && attempt.kind === 'connect').map((attempt) => attempt.port),
    );
    for (const port of subgraphPorts) expect(gatewayReached.has(port)).toBe(true);
  });

  it('contacts only the graph itself, its Redis and its audit database, on loopback, and asks DNS about nothing else', () => {
    const allowedPorts = new Set([
      ...services.map((service) => Number(new URL(service.url).port)),
      Number(new URL(redis.url).port),
      Number(new URL(auditDatabase.writerUrl).port),
    ]);
    expect(attemptsBeyond(readNetworkAttempts(logFile), allowedPorts)).toEqual([]);
  });
});
