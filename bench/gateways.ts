/**
 * The gateways under test, each started as its own process on its own port, in production mode,
 * on the same supergraph file and so the same subgraphs: casegraph's gateway, a vanilla Apollo
 * Gateway (peers/apollo-gateway.ts) and Hive Gateway's CLI, each with its own defaults.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CASEGRAPH = 'casegraph';

/** casegraph's rate budgets of registry calls (gateway/config.ts), set beyond what a load generator reaches. */
const UNREACHABLE_RATE_BUDGETS: Record<string, string> = Object.fromEntries(
  ['REGISTRY', 'REGISTRY_FRESH', 'REGISTRY_BULK'].flatMap((prefix) => [
    [`${prefix}_RATE_PER_SECOND`, '1000000'],
    [`${prefix}_RATE_BURST`, '1000000000'],
  ]),
);
export const APOLLO_GATEWAY = 'apollo-gateway';
export const HIVE_GATEWAY = 'hive-gateway';

export interface GatewayDefinition {
  id: string;
  /** How the report names it, with the version measured. */
  title: string;
  port: number;
  /** The script node runs and its arguments. */
  command(supergraphPath: string, port: number): { script: string; args: string[]; env: Record<string, string> };
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

export function gatewayDefinitions(): GatewayDefinition[] {
  const hive = packageInfo('@graphql-hive/gateway');
  const hiveBin = hive.bin['hive-gateway'];
  if (!hiveBin) throw new Error('@graphql-hive/gateway has no hive-gateway command');
  return [
    {
      id: CASEGRAPH,
      title: 'casegraph',
      port: 4000,
      command: (supergraphPath, port) => ({
        script: compiled('../gateway/main.js'),
        args: [],
        // The benchmark's one caller is a load generator, not a case worker: its per-request budgets
        // are as shipped (every scenario fits them), its rate budgets out of reach.
        env: { PORT: String(port), HOST: '127.0.0.1', SUPERGRAPH_PATH: supergraphPath, ...UNREACHABLE_RATE_BUDGETS },
      }),
    },
    {
      id: APOLLO_GATEWAY,
      title: `Apollo Gateway ${packageInfo('@apollo/gateway').version} (vanilla)`,
      port: 4201,
      command: (supergraphPath, port) => ({
        script: compiled('./peers/apollo-gateway.js'),
        args: [],
        // The peer stays vanilla, but no run of ours phones home: the library's telemetry is off.
        env: { PORT: String(port), SUPERGRAPH_PATH: supergraphPath, APOLLO_TELEMETRY_DISABLED: '1' },
      }),
    },
    {
      id: HIVE_GATEWAY,
      title: `Hive Gateway ${hive.version}`,
      port: 4202,
      // The documented way to serve a supergraph file: `hive-gateway supergraph <file>`. Only
      // where to listen is given; loopback only, as everything the benchmark starts.
      command: (supergraphPath, port) => ({
        script: path.join(hive.dir, hiveBin),
        args: ['supergraph', supergraphPath, '--port', String(port), '--host', '127.0.0.1'],
        env: {},
      }),
    },
  ];
}

export interface RunningGateway {
  definition: GatewayDefinition;
  pid: number;
  graphqlUrl: string;
  /** Stops the process: SIGTERM, then SIGKILL if it has not exited within the grace period. */
  stop(): Promise<void>;
}

export interface StartGatewayOptions {
  supergraphPath: string;
  /** Environment for the gateway process on top of the harness's own. */
  env: Record<string, string>;
  /** Flags for node itself, before the script (e.g. --cpu-prof). */
  nodeFlags?: string[];
  onOutput(line: string): void;
  /** Called when the process exits before stop() was asked. */
  onUnexpectedExit(code: number | null, signal: NodeJS.Signals | null): void;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

/**
 * Whether the gateway executes GraphQL: `{ __typename }` answered with data. The peers have no
 * common health endpoint, and this is what matters to the benchmark anyway.
 */
async function answersGraphQL(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const body = (await response.json()) as { data?: { __typename?: unknown } };
    return response.ok && body.data?.__typename === 'Query';
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

export async function startGateway(definition: GatewayDefinition, options: StartGatewayOptions): Promise<RunningGateway> {
  const { script, args, env } = definition.command(options.supergraphPath, definition.port);
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), script, ...args], {
    env: { ...process.env, NODE_ENV: 'production', ...options.env, ...env },
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
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answersGraphQL(graphqlUrl))) {
    if (exited(child) || Date.now() > deadline) {
      await stop();
      throw new Error(`${definition.id} did not answer GraphQL at ${graphqlUrl} within ${READY_TIMEOUT_MS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (child.pid === undefined) throw new Error(`${definition.id} has no process id`);
  return { definition, pid: child.pid, graphqlUrl, stop };
}
