/**
 * The gateways under test, each started as its own process on its own port, on the same supergraph
 * file and so the same subgraphs: casegraph's gateway as production runs it (access tokens, field
 * authorization, trusted documents enforced, the audit trail), the same with the audit trail off
 * (the cost of the trail, in the same run), the same with authentication and authorization off too
 * (their cost, in the same run: peers/casegraph-security-off.ts), a vanilla Apollo Gateway
 * (peers/apollo-gateway.ts) and Hive Gateway's CLI, each with its own defaults.
 *
 * The subgraphs accept only a gateway assertion. casegraph's gateway signs its own with the run's
 * key; each peer sends one fixed assertion the harness signed for the bench's senior case worker
 * (security.ts), as a static header and nothing more: Apollo's through a RemoteGraphQLDataSource,
 * Hive's through its documented `propagateHeaders` (peers/hive-gateway.config.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATEWAY_NODE_FLAGS } from '../gateway/node-flags.js';
import { fileAuditRecords, postgresAuditRecords, type AuditRecordCount } from './audit-records.js';

export const CASEGRAPH = 'casegraph';
export const CASEGRAPH_AUDIT_OFF = 'casegraph-audit-off';
/** Authentication and authorization off too (peers/casegraph-security-off.ts): issue 10's baseline, in the same run. */
export const CASEGRAPH_SECURITY_OFF = 'casegraph-security-off';

/** casegraph's rate budgets of registry calls (gateway/config.ts), set beyond what a load generator reaches. */
const UNREACHABLE_RATE_BUDGETS: Record<string, string> = Object.fromEntries(
  ['REGISTRY', 'REGISTRY_FRESH', 'REGISTRY_BULK'].flatMap((prefix) => [
    [`${prefix}_RATE_PER_SECOND`, '1000000'],
    [`${prefix}_RATE_BURST`, '1000000000'],
  ]),
);
export const APOLLO_GATEWAY = 'apollo-gateway';
export const HIVE_GATEWAY = 'hive-gateway';

/** What a gateway of one phase is started with, besides the supergraph and the port. */
export interface GatewaySecurity {
  /** casegraph's: the issuer and its key file, the assertion signing key, the audit subject key. */
  casegraphEnv: Record<string, string>;
  /** The file holding the peers' fixed assertion. */
  peerAssertionFile: string;
  /** The audit trail file of a casegraph variant. */
  auditFile(variant: string): string;
  /**
   * PostgreSQL for casegraph's audit trail instead of the JSONL file, when set
   * (BENCH_AUDIT_DATABASE_URL): a migrated database (`npm run audit -- migrate`), written as the
   * writer role, with the gateway in full production posture.
   */
  auditDatabaseUrl: string | null;
}

export interface GatewayDefinition {
  id: string;
  /** How the report names it, with the version measured. */
  title: string;
  port: number;
  /** casegraph's own gateway (a variant of it): has a response cache, and maybe an audit trail. */
  casegraph: boolean;
  /**
   * How the harness tells it is ready: `{ __typename }` answered (the default), or casegraph's
   * GET /ready (the security-off variant serves every request as a caller whom trusted documents
   * allow only the shipped operations).
   */
  readiness?: 'graphql' | 'ready-endpoint';
  /** The script node runs (with its V8 flags, if any), its arguments and its environment. */
  command(
    supergraphPath: string,
    port: number,
    security: GatewaySecurity,
  ): { nodeFlags?: readonly string[]; script: string; args: string[]; env: Record<string, string>; auditRecords: AuditRecordCount | null };
}

function compiled(relative: string): string {
  return fileURLToPath(new URL(relative, import.meta.url));
}

const require = createRequire(import.meta.url);

function packageInfo(name: string): { dir: string; version: string; bin: Record<string, string> } {
  const manifestPath = require.resolve(`${name}/package.json`);
  const manifest = require(manifestPath) as { version: string; bin?: Record<string, string> };
  return { dir: path.dirname(manifestPath), version: manifest.version, bin: manifest.bin ?? {} };
}

/**
 * casegraph's gateway with security on. With BENCH_AUDIT_DATABASE_URL it runs in production, its
 * trail in PostgreSQL. Without it the JSONL trail (append, fsync per batch) stands in, which
 * production refuses, so the gateway runs with NODE_ENV=development and every setting production
 * would default to named explicitly: the issuer, trusted documents enforced, the trail failing
 * closed, a subject key of the run.
 * The audit-off variant cannot be production (AUDIT_SINK=off is refused there) and differs in
 * nothing else; the security-off variant is the audit-off one with authentication and
 * authorization off, serving every request as the senior case worker the peers' assertion names.
 */
function casegraphCommand(variant: typeof CASEGRAPH | typeof CASEGRAPH_AUDIT_OFF | typeof CASEGRAPH_SECURITY_OFF) {
  return (supergraphPath: string, port: number, security: GatewaySecurity) => {
    const auditOn = variant === CASEGRAPH;
    const securityOff = variant === CASEGRAPH_SECURITY_OFF;
    const postgres = auditOn && security.auditDatabaseUrl !== null;
    const auditEnv: Record<string, string> = !auditOn
      ? { AUDIT_SINK: 'off' }
      : postgres
        ? {
            AUDIT_SINK: 'postgres',
            AUDIT_DATABASE_URL: security.auditDatabaseUrl!,
            AUDIT_SPOOL_FILE: security.auditFile(`${variant}-spool`),
          }
        : { AUDIT_SINK: 'file', AUDIT_FILE: security.auditFile(variant) };
    return {
      // All three variants, as npm start runs the gateway: the flags are part of casegraph, not of what they tell apart.
      nodeFlags: GATEWAY_NODE_FLAGS,
      script: compiled(securityOff ? './peers/casegraph-security-off.js' : '../gateway/main.js'),
      args: [],
      env: {
        NODE_ENV: postgres ? 'production' : 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        SUPERGRAPH_PATH: supergraphPath,
        ...security.casegraphEnv,
        TRUSTED_DOCUMENTS: 'enforce',
        AUDIT_FAILURE_MODE: 'closed',
        // The benchmark's callers are load generators, not case workers: their per-request budgets
        // are as shipped (every scenario fits them), their rate budgets out of reach.
        ...UNREACHABLE_RATE_BUDGETS,
        ...auditEnv,
        ...(securityOff ? { BENCH_SUBGRAPH_ASSERTION_FILE: security.peerAssertionFile } : {}),
      },
      auditRecords: postgres
        ? postgresAuditRecords(security.auditDatabaseUrl!)
        : auditEnv.AUDIT_SINK === 'file'
          ? fileAuditRecords(auditEnv.AUDIT_FILE!)
          : null,
    };
  };
}

export function gatewayDefinitions(): GatewayDefinition[] {
  const hive = packageInfo('@graphql-hive/gateway');
  const hiveBin = hive.bin['hive-gateway'];
  if (!hiveBin) throw new Error('@graphql-hive/gateway has no hive-gateway command');
  return [
    { id: CASEGRAPH, title: 'casegraph', port: 4000, casegraph: true, command: casegraphCommand(CASEGRAPH) },
    { id: CASEGRAPH_AUDIT_OFF, title: 'casegraph, audit off', port: 4203, casegraph: true, command: casegraphCommand(CASEGRAPH_AUDIT_OFF) },
    {
      id: CASEGRAPH_SECURITY_OFF,
      title: 'casegraph, security off',
      port: 4204,
      casegraph: true,
      readiness: 'ready-endpoint',
      command: casegraphCommand(CASEGRAPH_SECURITY_OFF),
    },
    {
      id: APOLLO_GATEWAY,
      title: `Apollo Gateway ${packageInfo('@apollo/gateway').version} (vanilla)`,
      port: 4201,
      casegraph: false,
      command: (supergraphPath, port, security) => ({
        script: compiled('./peers/apollo-gateway.js'),
        args: [],
        // The peer stays vanilla, but no run of ours phones home: the library's telemetry is off.
        env: {
          NODE_ENV: 'production',
          PORT: String(port),
          SUPERGRAPH_PATH: supergraphPath,
          APOLLO_TELEMETRY_DISABLED: '1',
          BENCH_SUBGRAPH_ASSERTION_FILE: security.peerAssertionFile,
        },
        auditRecords: null,
      }),
    },
    {
      id: HIVE_GATEWAY,
      title: `Hive Gateway ${hive.version}`,
      port: 4202,
      casegraph: false,
      // The documented way to serve a supergraph file: `hive-gateway supergraph <file>`, with a
      // config file (--config-path) that only adds the static assertion header. Only where to
      // listen is given besides; loopback only, as everything the benchmark starts.
      command: (supergraphPath, port, security) => ({
        script: path.join(hive.dir, hiveBin),
        args: [
          'supergraph',
          supergraphPath,
          '--config-path',
          compiled('./peers/hive-gateway.config.js'),
          '--port',
          String(port),
          '--host',
          '127.0.0.1',
        ],
        env: { NODE_ENV: 'production', BENCH_SUBGRAPH_ASSERTION_FILE: security.peerAssertionFile },
        auditRecords: null,
      }),
    },
  ];
}

export interface RunningGateway {
  definition: GatewayDefinition;
  pid: number;
  graphqlUrl: string;
  /** casegraph's audit trail, when it writes one: the bench counts the records of each window. */
  auditRecords: AuditRecordCount | null;
  /** Stops the process: SIGTERM, then SIGKILL if it has not exited within the grace period. */
  stop(): Promise<void>;
}

export interface StartGatewayOptions {
  supergraphPath: string;
  security: GatewaySecurity;
  /** Headers of the readiness probe (casegraph answers nothing without an access token). */
  probeHeaders: Record<string, string>;
  /** Environment for the gateway process on top of the harness's own. */
  env: Record<string, string>;
  /** Flags for node itself, before the script (e.g. --cpu-prof). */
  nodeFlags?: string[];
  onOutput(line: string): void;
  /** Called when the process exits before stop() was asked. */
  onUnexpectedExit(code: number | null, signal: NodeJS.Signals | null): void;
}

const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 10_000;

/**
 * Whether the gateway executes GraphQL: `{ __typename }` answered with data. The peers have no
 * common health endpoint, and this is what matters to the benchmark anyway.
 */
async function answersGraphQL(url: string, headers: Record<string, string>): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const body = (await response.json()) as { data?: { __typename?: unknown } };
    return response.ok && body.data?.__typename === 'Query';
  } catch {
    return false;
  }
}

/** casegraph's readiness: Apollo started and at least one subgraph reachable. */
async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

export async function startGateway(definition: GatewayDefinition, options: StartGatewayOptions): Promise<RunningGateway> {
  const { nodeFlags, script, args, env, auditRecords } = definition.command(options.supergraphPath, definition.port, options.security);
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), ...(nodeFlags ?? []), script, ...args], {
    env: { ...process.env, ...options.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stopping = false;
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) options.onOutput(line);
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) options.onUnexpectedExit(code, signal);
  });

  const stop = async (): Promise<void> => {
    stopping = true;
    if (exited(child)) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await gone;
    clearTimeout(killer);
  };

  const graphqlUrl = `http://127.0.0.1:${definition.port}/graphql`;
  const isReady =
    definition.readiness === 'ready-endpoint'
      ? () => ready(`http://127.0.0.1:${definition.port}/ready`)
      : () => answersGraphQL(graphqlUrl, options.probeHeaders);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await isReady())) {
    if (exited(child) || Date.now() > deadline) {
      await stop();
      throw new Error(`${definition.id} did not answer GraphQL at ${graphqlUrl} within ${READY_TIMEOUT_MS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (child.pid === undefined) throw new Error(`${definition.id} has no process id`);
  return { definition, pid: child.pid, graphqlUrl, auditRecords, stop };
}
