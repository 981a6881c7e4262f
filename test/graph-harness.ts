/**
 * The whole graph in one test process, over real HTTP on free ports: the mock registries, the
 * six subgraphs and the gateway, wired to each other. End-to-end tests start one per file.
 */
import { readFileSync } from 'node:fs';
import { loadGatewayConfig, subgraphUrlVariable } from '../gateway/config.js';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { startMockRegistries, type MockRegistries, type MockRegistriesOptions } from '../mocks/server.js';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { startCountingProxy, type CountingProxy } from './counting-proxy.js';
import { createTestIdentity, DEFAULT_TEST_USER, type TestIdentity, type TokenClaims } from './test-identity.js';
import { auditEnvironment } from '../platform/audit/audit-config.js';
import { createLogger } from '../platform/logger.js';
import type { RegistryId } from '../contracts/registry-catalogue.js';
import { loadSubgraphConfig, startSubgraph, type RunningSubgraph } from '../subgraphs/shared/subgraph-server.js';

export interface TestGraphOptions {
  mocks?: MockRegistriesOptions;
  /** Use these running mocks instead of starting new ones (two graphs over the same registries). */
  sharedMocks?: MockRegistries;
  /** Extra environment for every subgraph (e.g. REGISTRY_TIMEOUT_MS). */
  subgraphEnv?: Record<string, string>;
  gatewayEnv?: Record<string, string>;
  /** The test issuer and assertion keys (a new one when not given; share one between two graphs). */
  identity?: TestIdentity;
  /** Put a counting proxy in front of every subgraph, for subgraphRequests(). */
  countSubgraphRequests?: boolean;
}

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }>;
    extensions?: Record<string, unknown>;
  };
}

export interface RegistryCounters {
  calls: number;
  keys: number;
  errors: number;
  services: Record<string, { calls: number; keys: number }>;
}

export interface TestGraph {
  gatewayUrl: string;
  identity: TestIdentity;
  /** Headers that sign the request in as a demo user or service account (or any claims). */
  as(who: string | TokenClaims): Promise<Record<string, string>>;
  mocks: MockRegistries;
  subgraphs: RunningSubgraph[];
  gateway: RunningGateway;
  /** Asks as DEFAULT_TEST_USER unless `headers` carry an authorization of their own. */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResult<T>>;
  /** Runs a shipped example operation from gateway/operations/ as is. */
  operation<T = Record<string, unknown>>(
    name: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResult<T>>;
  /** Registry call counters from the mocks' GET /__stats. */
  registryCalls(): Promise<Record<RegistryId, RegistryCounters>>;
  resetRegistryCalls(): Promise<void>;
  /**
   * Requests each subgraph received from the gateway since the start or the last reset, by subgraph
   * name (only with `countSubgraphRequests`).
   */
  subgraphRequests(): Record<string, number>;
  resetSubgraphRequests(): void;
  /**
   * Another gateway over this graph's subgraphs, with this graph's identity and `gatewayEnv` on top
   * (e.g. AUTHORIZATION_MODE, another OIDC_ISSUER); closed with the graph, or earlier by the test.
   */
  startAnotherGateway(gatewayEnv: Record<string, string>): Promise<AnotherGateway>;
  close(): Promise<void>;
}

export interface AnotherGateway {
  url: string;
  /** Asks as `headers` say: no caller is added. */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResult<T>>;
  operation<T = Record<string, unknown>>(
    name: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResult<T>>;
  close(): Promise<void>;
}

const OPERATIONS_DIR = new URL('../gateway/operations/', import.meta.url);

/**
 * End-to-end tests run hundreds of operations as a handful of callers within seconds, which no case
 * worker does: the rate budgets of registry calls would be what they measured. So their gateways'
 * buckets are out of reach unless a test sets them (test/e2e/registry-budget.test.ts does); the
 * per-request budgets stay as shipped, and every operation the tests run must fit them.
 */
const UNREACHABLE_RATE_BUDGETS: Record<string, string> = Object.fromEntries(
  ['REGISTRY', 'REGISTRY_FRESH', 'REGISTRY_BULK'].flatMap((prefix) => [
    [`${prefix}_RATE_PER_SECOND`, '1000000'],
    [`${prefix}_RATE_BURST`, '1000000000'],
  ]),
);

/** POSTs a GraphQL request as JSON and returns the status, headers and parsed body. */
export async function postGraphQL<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResult<T>['body'] };
}

export function exampleOperation(name: string): string {
  return readFileSync(new URL(`${name}.graphql`, OPERATIONS_DIR), 'utf8');
}

export async function startTestGraph(options: TestGraphOptions = {}): Promise<TestGraph> {
  const started: Array<{ close(): Promise<void> }> = [];
  const closeAll = () =>
    Promise.all(
      started
        .splice(0)
        .reverse()
        .map((service) => service.close()),
    );
  try {
    const mocks = options.sharedMocks ?? (await startMockRegistries(options.mocks));
    if (!options.sharedMocks) started.push(mocks);

    const identity = options.identity ?? (await createTestIdentity());
    const subgraphs = await Promise.all(
      SUBGRAPHS.map((definition) =>
        startSubgraph(
          definition,
          loadSubgraphConfig(0, {
            LOG_LEVEL: 'silent',
            XROAD_SECURITY_SERVER_URL: mocks.url,
            ...identity.subgraphEnv,
            // The audit subgraph reads the trail the gateway writes, with the same subject key.
            ...(definition.readsAuditTrail ? auditEnvironment({ ...identity.gatewayEnv, ...options.gatewayEnv }) : {}),
            ...options.subgraphEnv,
          }),
        ),
      ),
    );
    started.push(...subgraphs);

    const proxies = new Map<string, CountingProxy>();
    if (options.countSubgraphRequests) {
      for (const subgraph of subgraphs) {
        const proxy = await startCountingProxy(new URL(subgraph.url).origin);
        started.push(proxy);
        proxies.set(subgraph.name, proxy);
      }
    }
    const subgraphUrlsEnv: Record<string, string> = {};
    for (const subgraph of subgraphs) {
      const proxy = proxies.get(subgraph.name);
      subgraphUrlsEnv[subgraphUrlVariable(subgraph.name)] = proxy ? `${proxy.url}${new URL(subgraph.url).pathname}` : subgraph.url;
    }
    const startGatewayWith = async (env: Record<string, string>) => {
      const gatewayConfig = loadGatewayConfig({
        PORT: '0',
        LOG_LEVEL: 'silent',
        ...UNREACHABLE_RATE_BUDGETS,
        ...identity.gatewayEnv,
        ...env,
        ...subgraphUrlsEnv,
      });
      return startGateway(gatewayConfig, { logger: createLogger('gateway', gatewayConfig.logLevel) });
    };
    const gateway = await startGatewayWith(options.gatewayEnv ?? {});
    started.push(gateway);

    const defaultHeaders = await identity.as(DEFAULT_TEST_USER);
    const query: TestGraph['query'] = (text, variables, headers = {}) =>
      postGraphQL(`${gateway.url}/graphql`, text, variables, 'authorization' in headers ? headers : { ...defaultHeaders, ...headers });

    return {
      gatewayUrl: gateway.url,
      identity,
      as: (who) => identity.as(who),
      mocks,
      subgraphs,
      gateway,
      query,
      operation: (name, variables, headers) => query(exampleOperation(name), variables, headers),
      async registryCalls() {
        const stats = (await (await fetch(`${mocks.url}/__stats`)).json()) as { registries: Record<RegistryId, RegistryCounters> };
        return stats.registries;
      },
      async resetRegistryCalls() {
        await fetch(`${mocks.url}/__stats/reset`, { method: 'POST' });
      },
      subgraphRequests() {
        if (!options.countSubgraphRequests) throw new Error('start the graph with countSubgraphRequests to count subgraph requests');
        return Object.fromEntries([...proxies].map(([name, proxy]) => [name, proxy.requests]));
      },
      resetSubgraphRequests() {
        for (const proxy of proxies.values()) proxy.reset();
      },
      async startAnotherGateway(env) {
        const another = await startGatewayWith(env);
        started.push(another);
        const anotherQuery: AnotherGateway['query'] = (text, variables, headers) =>
          postGraphQL(`${another.url}/graphql`, text, variables, headers);
        return {
          url: another.url,
          query: anotherQuery,
          operation: (name, variables, headers) => anotherQuery(exampleOperation(name), variables, headers),
          close: () => another.close(),
        };
      },
      close: async () => {
        await closeAll();
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
