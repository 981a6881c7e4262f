/**
 * Runs the whole graph as separate processes from the compiled build, as in production: the
 * mock registries, the demo identity provider (when asked for), every subgraph and the gateway,
 * each with its own environment. Used by `npm start` and by the benchmark.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { JSONWebKeySet, JWK } from 'jose';
import { GATEWAY_NODE_FLAGS } from '../gateway/node-flags.js';
import { auditEnvironment } from '../platform/audit/audit-config.js';
import { generateAssertionKeys } from '../platform/gateway-assertion.js';
import { SUBGRAPHS } from '../subgraphs/index.js';

export interface ProcessGraphOptions {
  gatewayPort: number;
  mockPort: number;
  /** Start the demo identity provider (mocks/identity-provider) on this port; not started when absent. */
  identityProviderPort?: number;
  /** Extra environment for every process (e.g. LOG_LEVEL, mock knobs). */
  env?: Record<string, string>;
  /** Environment for the mocks only. */
  mockEnv?: Record<string, string>;
  /** Extra arguments for node itself in every process, e.g. ['--cpu-prof'] to profile them all. */
  nodeArgs?: string[];
  /** Start the gateway too (the benchmark starts its own gateways). */
  gateway?: boolean;
  /** How long each process may take to answer /health (default 30 s; longer on a busy shared machine). */
  healthTimeoutMs?: number;
  /** Receives each process's output lines, prefixed with its name. */
  onOutput?: (name: string, line: string) => void;
  /** Called when a process exits while the graph is meant to be running. */
  onUnexpectedExit?: (name: string, code: number | null) => void;
}

export interface RunningProcess {
  name: string;
  child: ChildProcess;
  url: string;
}

export interface ProcessGraph {
  mocksUrl: string;
  /**
   * The key pair of the gateway's assertions to the subgraphs, made for this run (unless the
   * environment brought its own): a gateway started later signs with `signingKey`.
   */
  assertionKeys: { signingKey: JWK; publicKeys: JSONWebKeySet } | null;
  /** The demo identity provider's issuer, when it was started. */
  identityProviderUrl: string | null;
  subgraphUrls: Record<string, string>;
  gatewayUrl: string | null;
  processes: RunningProcess[];
  stop(): Promise<void>;
}

const DIST = new URL('../', import.meta.url);

function entry(relative: string): string {
  return fileURLToPath(new URL(relative, DIST));
}

async function waitForHealth(url: string, child: ChildProcess, name: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not become healthy at ${url} within ${timeoutMs} ms`);
}

export async function startProcessGraph(options: ProcessGraphOptions): Promise<ProcessGraph> {
  const processes: RunningProcess[] = [];
  let stopping = false;

  const launch = (
    name: string,
    script: string,
    env: Record<string, string>,
    url: string,
    nodeFlags: readonly string[] = [],
  ): RunningProcess => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...nodeFlags, entry(script)], {
      // The embedded defaults (the demo identity provider, the JSONL audit trail, trusted documents
      // logged) are a development posture; NODE_ENV=production in the environment or the options
      // asks for production's, which then needs its settings (OIDC_ISSUER, AUDIT_DATABASE_URL, ...).
      env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development', ...options.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout!, child.stderr!]) {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) if (line) options.onOutput?.(name, line);
      });
    }
    child.on('exit', (code) => {
      if (!stopping) options.onUnexpectedExit?.(name, code);
    });
    const running = { name, child, url };
    processes.push(running);
    return running;
  };

  const stop = async () => {
    stopping = true;
    await Promise.all(
      processes.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  };

  try {
    const mocksUrl = `http://127.0.0.1:${options.mockPort}`;
    const mocks = launch('mocks', 'mocks/main.js', { MOCK_PORT: String(options.mockPort), ...options.mockEnv }, mocksUrl);
    await waitForHealth(mocksUrl, mocks.child, 'mocks', options.healthTimeoutMs);

    let identityProviderUrl: string | null = null;
    if (options.identityProviderPort !== undefined) {
      const url = `http://127.0.0.1:${options.identityProviderPort}`;
      const identityProvider = launch(
        'identity-provider',
        'mocks/identity-provider/main.js',
        { IDP_PORT: String(options.identityProviderPort) },
        url,
      );
      await waitForHealth(url, identityProvider.child, 'identity-provider', options.healthTimeoutMs);
      identityProviderUrl = url;
    }

    // The gateway's assertion keys: an operator's own when the environment holds them, else a fresh
    // pair for this run (nothing signed with it outlives the run).
    const ownKeys =
      process.env.GATEWAY_ASSERTION_SIGNING_KEY ||
      process.env.GATEWAY_ASSERTION_SIGNING_KEY_FILE ||
      options.env?.GATEWAY_ASSERTION_SIGNING_KEY;
    const assertionKeys = ownKeys ? null : await generateAssertionKeys();
    const subgraphKeyEnv: Record<string, string> = assertionKeys
      ? { GATEWAY_ASSERTION_PUBLIC_KEYS: JSON.stringify(assertionKeys.publicKeys) }
      : {};
    // The audit subgraph reads the trail the gateway writes: the gateway's AUDIT_* settings, the same
    // trail and subject key (each process inherits them; named here so that stays true).
    const gatewayAuditEnv = auditEnvironment({ ...process.env, ...options.env });
    const subgraphs = SUBGRAPHS.map((definition) =>
      launch(
        definition.name,
        `subgraphs/${definition.name}/main.js`,
        {
          PORT: String(definition.defaultPort),
          XROAD_SECURITY_SERVER_URL: mocksUrl,
          ...subgraphKeyEnv,
          ...(definition.readsAuditTrail ? gatewayAuditEnv : {}),
        },
        `http://127.0.0.1:${definition.defaultPort}`,
      ),
    );
    await Promise.all(subgraphs.map((subgraph) => waitForHealth(subgraph.url, subgraph.child, subgraph.name, options.healthTimeoutMs)));
    const subgraphUrls = Object.fromEntries(subgraphs.map((subgraph) => [subgraph.name, `${subgraph.url}/graphql`]));

    let gatewayUrl: string | null = null;
    if (options.gateway !== false) {
      const url = `http://127.0.0.1:${options.gatewayPort}`;
      const gateway = launch(
        'gateway',
        'gateway/main.js',
        {
          PORT: String(options.gatewayPort),
          ...(assertionKeys ? { GATEWAY_ASSERTION_SIGNING_KEY: JSON.stringify(assertionKeys.signingKey) } : {}),
          ...(identityProviderUrl ? { OIDC_ISSUER: identityProviderUrl } : {}),
        },
        url,
        GATEWAY_NODE_FLAGS,
      );
      await waitForHealth(url, gateway.child, 'gateway', options.healthTimeoutMs);
      gatewayUrl = url;
    }
    return { mocksUrl, identityProviderUrl, assertionKeys, subgraphUrls, gatewayUrl, processes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
