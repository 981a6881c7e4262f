/**
 * The PostgreSQL audit trail holds up when things break: the gateway runs as its own process (so it
 * can be killed -9), writing to a migrated database of this file's own through a TCP proxy (so the
 * database can be "stopped" without stopping the machine's PostgreSQL).
 *
 * (a) kill -9 under load: every response a client received in full has its record.
 * (b) database down: requests are still served and their records wait in the spool; spool
 *     unwritable too: 503 AUDIT_UNAVAILABLE; both back: the spool is shipped, and
 *     `npm run audit -- verify` finds every chain whole.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../contracts/audit.js';
import { subgraphUrlVariable } from '../../gateway/config.js';
import { startMockRegistries, type MockRegistries } from '../../mocks/server.js';
import { SUBGRAPHS } from '../../subgraphs/index.js';
import { loadSubgraphConfig, startSubgraph, type RunningSubgraph } from '../../subgraphs/shared/subgraph-server.js';
import { createAuditDatabase, type AuditDatabase } from '../audit-database.js';
import { exampleOperation } from '../graph-harness.js';
import { PROJECT_ROOT, startServiceProcess, type ServiceProcess } from '../service-process.js';
import { startTcpProxy, type TcpProxy } from '../tcp-proxy.js';
import { createTestIdentity, type TestIdentity } from '../test-identity.js';

let db: AuditDatabase;
let proxy: TcpProxy;
let mocks: MockRegistries;
let subgraphs: RunningSubgraph[] = [];
let identity: TestIdentity;
let workDir: string;
let spoolFile: string;
let applicationIds: string[];
const gateways: ServiceProcess[] = [];

beforeAll(async () => {
  db = await createAuditDatabase('audit_durability');
  await db.migrate();
  proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(db.adminUrl).port) });
  workDir = mkdtempSync(path.join(tmpdir(), 'casegraph-durability-'));
  spoolFile = path.join(workDir, 'spool', 'spool.jsonl');
  mocks = await startMockRegistries();
  identity = await createTestIdentity();
  subgraphs = await Promise.all(
    SUBGRAPHS.map((definition) =>
      startSubgraph(
        definition,
        loadSubgraphConfig(0, {
          LOG_LEVEL: 'silent',
          XROAD_SECURITY_SERVER_URL: mocks.url,
          ...identity.subgraphEnv,
          // The audit subgraph reads this trail, as the reader role.
          ...(definition.readsAuditTrail
            ? { AUDIT_READER_DATABASE_URL: db.readerUrl, AUDIT_SUBJECT_KEY: identity.gatewayEnv.AUDIT_SUBJECT_KEY! }
            : {}),
        }),
      ),
    ),
  );
  // Cases the default test user's unit may read, so every answer carries personal data.
  applicationIds = mocks.dataset.caseRegister.applications
    .filter((application) => application.unit === 'HEL-1')
    .slice(0, 40)
    .map((application) => application.id);
}, 120_000);

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop('SIGKILL')));
  await Promise.all(subgraphs.map((subgraph) => subgraph.close()));
  await mocks?.close();
  await proxy?.close();
  await db?.drop();
  rmSync(workDir, { recursive: true, force: true });
});

async function startGatewayProcess(): Promise<ServiceProcess> {
  const gateway = await startServiceProcess({
    name: 'gateway',
    entry: 'gateway/main.ts',
    env: {
      ...identity.gatewayEnv,
      PORT: '0',
      AUDIT_DATABASE_URL: db.urlFor({ user: db.writerRole, port: proxy.port }),
      AUDIT_SPOOL_FILE: spoolFile,
      AUDIT_DATABASE_TIMEOUT_MS: '1000',
      ...Object.fromEntries(subgraphs.map((subgraph) => [subgraphUrlVariable(subgraph.name), subgraph.url])),
    },
  });
  gateways.push(gateway);
  return gateway;
}

interface Answer {
  status: number;
  requestId: string | null;
  hasData: boolean;
  code: unknown;
}

async function caseView(gateway: ServiceProcess, id: string): Promise<Answer> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await identity.as('matti.korhonen')) },
    body: JSON.stringify({ query: exampleOperation('CaseView'), variables: { id } }),
  });
  const body = (await response.json()) as { data?: { application?: unknown } | null; errors?: Array<{ extensions?: { code?: unknown } }> };
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id'),
    hasData: Boolean(body.data?.application),
    code: body.errors?.[0]?.extensions?.code,
  };
}

async function requestIdsInDatabase(): Promise<Set<string>> {
  const { rows } = await db.admin.query<{ request_id: string }>(`SELECT record ->> 'requestId' AS request_id FROM audit.records`);
  return new Set(rows.map((row) => row.request_id));
}

function spooled(): AuditRecord[] {
  if (!existsSync(spoolFile)) return [];
  return readFileSync(spoolFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditRecord);
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `npm run audit -- verify` as an operator runs it, as the reader role, straight to the database. */
function runVerify(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit.ts', 'verify'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, AUDIT_DATABASE_URL: db.readerUrl, AUDIT_SUBJECT_KEY: identity.gatewayEnv.AUDIT_SUBJECT_KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the PostgreSQL audit trail', () => {
  it('is never migrated by the gateway: on an unmigrated database it refuses to start, naming the command', async () => {
    const unmigrated = await createAuditDatabase('audit_unmigrated');
    try {
      await expect(
        startServiceProcess({
          name: 'gateway',
          entry: 'gateway/main.ts',
          env: {
            ...identity.gatewayEnv,
            PORT: '0',
            AUDIT_DATABASE_URL: unmigrated.adminUrl,
            AUDIT_SPOOL_FILE: path.join(workDir, 'unused.jsonl'),
          },
        }),
      ).rejects.toThrow(
        /exited with code 2[\s\S]*AUDIT_DATABASE_URL: the audit database has no audit schema: run `npm run audit -- migrate` first/,
      );
      expect((await unmigrated.admin.query(`SELECT to_regnamespace('audit') AS schema`)).rows[0].schema).toBeNull();
    } finally {
      await unmigrated.drop();
    }
  }, 60_000);

  it('(a) has the record of every response a client received when the gateway is killed -9 under load', async () => {
    const gateway = await startGatewayProcess();
    const received: Answer[] = [];
    let killed = false;
    const client = async (offset: number) => {
      for (let index = offset; !killed; index += 1) {
        try {
          received.push(await caseView(gateway, applicationIds[index % applicationIds.length]!));
        } catch {
          // The connection the kill cut: this client got no answer, so nothing is owed to it.
          return;
        }
      }
    };
    const clients = Array.from({ length: 8 }, (_, index) => client(index * 5));
    await until(() => received.length >= 60, 60_000);
    killed = true;
    gateway.child.kill('SIGKILL');
    await gateway.stop();
    await Promise.all(clients);

    const served = received.filter((answer) => answer.status === 200 && answer.hasData);
    expect(served.length).toBeGreaterThanOrEqual(60);
    const recorded = new Set([...(await requestIdsInDatabase()), ...spooled().map((record) => record.requestId)]);
    const missing = served.filter((answer) => !recorded.has(answer.requestId!));
    expect(missing).toEqual([]);
  }, 120_000);

  it('(b) serves while the database is down, fails closed when the spool fails too, and ships in order when both are back', async () => {
    const gateway = await startGatewayProcess();
    proxy.mode = 'down';
    const whileDown: Answer[] = [];
    for (const id of applicationIds.slice(0, 6)) whileDown.push(await caseView(gateway, id));
    expect(whileDown.map((answer) => [answer.status, answer.hasData])).toEqual(whileDown.map(() => [200, true]));
    const inSpool = new Set(spooled().map((record) => record.requestId));
    for (const answer of whileDown) expect(inSpool.has(answer.requestId!)).toBe(true);
    // An operator sees them wait, at the gateway's /metrics.
    const scrape = await fetch(`${gateway.url}/metrics`, { headers: await identity.as('olli.jarvinen') });
    expect(await scrape.text()).toMatch(new RegExp(`^casegraph_audit_spool_depth ${whileDown.length}$`, 'm'));

    // The spool's directory taken away (kept aside) and a file put in its place: nothing can be appended.
    const spoolDirectory = path.dirname(spoolFile);
    renameSync(spoolDirectory, `${spoolDirectory}.aside`);
    writeFileSync(spoolDirectory, '');
    const refused = await caseView(gateway, applicationIds[7]!);
    expect(refused).toMatchObject({ status: 503, hasData: false, code: 'AUDIT_UNAVAILABLE' });

    rmSync(spoolDirectory);
    renameSync(`${spoolDirectory}.aside`, spoolDirectory);
    const afterSpoolBack = await caseView(gateway, applicationIds[8]!);
    expect(afterSpoolBack).toMatchObject({ status: 200, hasData: true });
    proxy.mode = 'up';
    await until(() => statSync(spoolFile).size === 0, 30_000);
    const afterDatabaseBack = await caseView(gateway, applicationIds[9]!);
    expect(afterDatabaseBack).toMatchObject({ status: 200, hasData: true });

    const inDatabase = await requestIdsInDatabase();
    for (const answer of [...whileDown, afterSpoolBack, afterDatabaseBack]) expect(inDatabase.has(answer.requestId!)).toBe(true);
    expect(inDatabase.has(refused.requestId!)).toBe(false);
    // In order: each chain in the database runs in the order its requests were answered. The failed
    // batch ended a chain (its place may not be given to another record); the next began a new one.
    const chainOf = async (answer: Answer) =>
      (
        await db.admin.query<{ request_id: string }>(
          `SELECT record ->> 'requestId' AS request_id FROM audit.records
           WHERE chain = (SELECT chain FROM audit.records WHERE record ->> 'requestId' = $1) ORDER BY sequence`,
          [answer.requestId],
        )
      ).rows.map((row) => row.request_id);
    expect(await chainOf(whileDown[0]!)).toEqual(whileDown.map((answer) => answer.requestId));
    expect(await chainOf(afterDatabaseBack)).toEqual([afterSpoolBack, afterDatabaseBack].map((answer) => answer.requestId));

    const verify = await runVerify();
    expect(verify.stderr).toBe('');
    expect(verify.stdout).toMatch(/^ok: \d+ records in 3 chains of the PostgreSQL trail verify/);
    expect(verify.code).toBe(0);
    expect(await gateway.stop('SIGTERM')).toBe(0);
  }, 120_000);
});
