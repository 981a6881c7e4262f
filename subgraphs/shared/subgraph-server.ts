/**
 * Starting a casegraph subgraph: config, registry clients, schema, HTTP server, shutdown.
 *
 * A subgraph is a `SubgraphDefinition`: its name, default port, SDL file, the registries it
 * reads, and a function building its resolvers from their clients. Everything else (X-Road
 * clients with their pools, the per-request context, error masking, health routes, graceful
 * shutdown) is the same for every subgraph and lives here once.
 */
import '../../platform/vendor-telemetry-off.js';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { parse } from 'graphql';
import { Registry as MetricsRegistry, collectDefaultMetrics } from 'prom-client';
import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';
import { cacheAdminRoutes } from './cache/cache-admin-routes.js';
import { registerCacheMetrics } from './cache/cache-metrics.js';
import { DEFAULT_TTL_SECONDS } from './cache/cache-policy.js';
import { registerRegistryCallBudgetMetrics } from './registry-call-budget.js';
import { createRegistryCache } from './cache/create-registry-cache.js';
import { ConfigError, env, readConfig, type EnvSource } from '../../platform/config.js';
import { maskError } from '../../platform/errors.js';
import { AuthorizationRules, UnknownRightsError } from '../../platform/authorization/rules.js';
import { GatewayAssertionVerifier, keyMaterial } from '../../platform/gateway-assertion.js';
import { closeGracefully, createGraphQLHttpServer, listen, routeRequiringRight, sendJson } from '../../platform/http-server.js';
import { createLogger, type Logger } from '../../platform/logger.js';
import { REGISTRY_ACTIVITY_EXTENSION, type RegistryActivityReport } from '../../contracts/registry-activity.js';
import { registryEnvName, REGISTRY_IDS, type RegistryId } from '../../contracts/registry-catalogue.js';
import { gatewayCallerAuthentication } from './gateway-caller.js';
import { operationGuardPlugin } from './operation-guard.js';
import { subgraphContextFromRequest, type SubgraphCaller, type SubgraphContext } from './request-context.js';
import { DateScalar, DateTimeScalar } from './scalars.js';
import { subgraphSdl } from './schema-files.js';
import { runService, stopOnSignals } from '../../platform/service-process.js';
import { loadTracingConfig, startTracing } from '../../platform/tracing.js';
import { XRoadClient } from './xroad-client.js';

export type SubgraphResolvers = GraphQLResolverMap<SubgraphContext>;

export type RegistryClients<R extends RegistryId> = { [K in R]: XRoadClient };

/** What a subgraph holds besides its registry clients (the audit trail's reader) is closed through this. */
export interface SubgraphLifetime {
  /** Runs `close` when the subgraph stops, after its last request. */
  onClose(close: () => Promise<void>): void;
}

export interface SubgraphDefinition<R extends RegistryId = RegistryId> {
  name: string;
  defaultPort: number;
  schemaFile: URL;
  registries: readonly R[];
  /**
   * The subgraph reads the audit trail, so it needs the gateway's AUDIT_* settings (the same trail
   * and subject key): the launcher and the test harness give them to it, and to no other subgraph.
   */
  readsAuditTrail?: boolean;
  resolvers: (clients: RegistryClients<R>, config: SubgraphConfig, lifetime: SubgraphLifetime) => SubgraphResolvers;
}

/** The variables every subgraph reads; PORT's default differs per subgraph. */
function subgraphConfigShape(defaultPort: number) {
  return {
    PORT: env.port(defaultPort),
    HOST: env.string('127.0.0.1'),
    LOG_LEVEL: env.logLevel(),
    XROAD_SECURITY_SERVER_URL: env.url('http://127.0.0.1:4100'),
    XROAD_INSTANCE: env.string('FI'),
    /** casegraph's X-Road client subsystem: INSTANCE/CLASS/MEMBER/SUBSYSTEM. */
    XROAD_CLIENT: env.string('FI/GOV/1765514-2/casegraph'),
    XROAD_USER_COUNTRY: env.string('FI'),
    REGISTRY_TIMEOUT_MS: env.milliseconds(3_000),
    REGISTRY_CONNECTIONS: env.positiveInt(32),
    /** Police and SIS calls in flight at once for one request. */
    REGISTRY_SUBJECT_CONCURRENCY: env.positiveInt(16),
    REGISTRY_RETRIES: env.nonNegativeInt(1),
    /**
     * The most registry calls one request may make in this subgraph, whatever the gateway's
     * budget header says (registry-call-budget.ts): above the gateway's largest budget.
     */
    REGISTRY_CALL_BUDGET_MAX: env.positiveInt(5_000),
    REGISTRY_BREAKER_FAILURES: env.nonNegativeInt(10),
    REGISTRY_BREAKER_HALF_OPEN_MS: env.milliseconds(5_000),
    MAX_BODY_BYTES: env.positiveInt(10 * 1024 * 1024),
    SHUTDOWN_GRACE_MS: env.milliseconds(10_000),
    /** off: no cache at all, every lookup asks the registry (the benchmark's cold runs). */
    REGISTRY_CACHE: z.enum(['on', 'off'], { message: 'expected on or off' }).default('on'),
    /** Answers expire within the last this-many percent of their TTL, not all at its end (cache/cache-policy.ts). */
    CACHE_EXPIRY_SPREAD_PERCENT: z.coerce.number().int().min(0).max(50).default(20),
    CACHE_MEMORY_MAX_ENTRIES: env.positiveInt(100_000),
    CACHE_MEMORY_MAX_MB: env.positiveInt(64),
    REDIS_URL: z.url({ protocol: /^rediss?$/, message: 'expected redis://host:port[/db] or rediss://...' }).optional(),
    /** host:port,host:port for Redis Cluster (instead of REDIS_URL). */
    REDIS_CLUSTER_NODES: z.string().optional(),
    REDIS_TIMEOUT_MS: z.coerce.number().int().min(1).max(10_000).default(50),
    CACHE_KEY_SECRET: z.string().optional(),
    CACHE_KEY_VERSION: z.coerce.number().int().min(1).max(9999).default(1),
    /** version:base64key,version:base64key; the first encrypts. */
    CACHE_ENCRYPTION_KEYS: z.string().optional(),
    /** The gateway's public assertion keys (a JWK set, current and previous), or a file holding them. */
    GATEWAY_ASSERTION_PUBLIC_KEYS: z.string().optional(),
    GATEWAY_ASSERTION_PUBLIC_KEYS_FILE: z.string().optional(),
  };
}

/** CACHE_TTL_<REGISTRY> in seconds, e.g. CACHE_TTL_TRADE_REGISTER; 0 turns caching off for that registry. */
function readCacheTtlSeconds(source: EnvSource): Record<RegistryId, number> {
  const variable = (id: RegistryId) => `CACHE_TTL_${registryEnvName(id)}`;
  const seconds = readConfig(
    Object.fromEntries(
      REGISTRY_IDS.map((id) => [
        variable(id),
        z.coerce
          .number()
          .int()
          .min(0)
          .max(7 * 86_400)
          .default(DEFAULT_TTL_SECONDS[id]),
      ]),
    ),
    source,
  ) as Record<string, number>;
  return Object.fromEntries(REGISTRY_IDS.map((id) => [id, seconds[variable(id)]!])) as Record<RegistryId, number>;
}

export type SubgraphConfig = ReturnType<typeof loadSubgraphConfig>;

/** A response that used no registry answer at all (only keys) may be kept this long. */
const MAX_RESPONSE_AGE_SECONDS = Math.max(...Object.values(DEFAULT_TTL_SECONDS));

/**
 * Tells the gateway, in Cache-Control, how long this response may be cached: until the first
 * registry answer in it would expire under its registry's policy. Responses with errors, and
 * responses built with the cache off, are not to be kept at all.
 */
const cacheHorizonPlugin: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        const failed = response.body.kind !== 'single' || (response.body.singleResult.errors?.length ?? 0) > 0;
        const seconds = failed ? 0 : Math.floor(Math.min((contextValue.answersFreshUntil - Date.now()) / 1000, MAX_RESPONSE_AGE_SECONDS));
        response.http.headers.set('cache-control', seconds > 0 ? `private, max-age=${seconds}` : 'no-store');
      },
    };
  },
};

/**
 * Tells the gateway what the request read from the registries and which fields it served
 * (contracts/registry-activity.ts), for the audit trail and the plan panel; the gateway strips it.
 */
const registryActivityPlugin: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single') return;
        const report: RegistryActivityReport = { activity: contextValue.registryActivity, fields: contextValue.servedFields };
        response.body.singleResult.extensions = { ...response.body.singleResult.extensions, [REGISTRY_ACTIVITY_EXTENSION]: report };
      },
    };
  },
};

export function loadSubgraphConfig(defaultPort: number, source: EnvSource = process.env) {
  const variables = readConfig(subgraphConfigShape(defaultPort), source);
  return {
    ...variables,
    /** The environment this was read from, for a subgraph's settings of its own (the audit trail's). */
    environment: source,
    cacheTtlSeconds: readCacheTtlSeconds(source),
    /** Where spans are exported (platform/tracing.ts reads OTEL_EXPORTER_OTLP_*). */
    tracing: loadTracingConfig(source),
    gatewayAssertionKeys: keyMaterial<JSONWebKeySet>(
      'GATEWAY_ASSERTION_PUBLIC_KEYS',
      variables.GATEWAY_ASSERTION_PUBLIC_KEYS,
      variables.GATEWAY_ASSERTION_PUBLIC_KEYS_FILE,
      'key set',
    ),
  };
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startSubgraph<R extends RegistryId>(
  definition: SubgraphDefinition<R>,
  config: SubgraphConfig,
  logger: Logger = createLogger(`subgraph-${definition.name}`, config.LOG_LEVEL),
): Promise<RunningSubgraph> {
  const clients = Object.fromEntries(
    definition.registries.map((registry) => [
      registry,
      new XRoadClient({
        registry,
        securityServerUrl: config.XROAD_SECURITY_SERVER_URL,
        instance: config.XROAD_INSTANCE,
        clientId: config.XROAD_CLIENT,
        userCountry: config.XROAD_USER_COUNTRY,
        timeoutMs: config.REGISTRY_TIMEOUT_MS,
        connections: config.REGISTRY_CONNECTIONS,
        retries: config.REGISTRY_RETRIES,
        breakerFailures: config.REGISTRY_BREAKER_FAILURES,
        breakerHalfOpenAfterMs: config.REGISTRY_BREAKER_HALF_OPEN_MS,
        logger,
      }),
    ]),
  ) as RegistryClients<R>;

  const cache = createRegistryCache(
    {
      enabled: config.REGISTRY_CACHE === 'on',
      ttlSeconds: config.cacheTtlSeconds,
      expirySpread: config.CACHE_EXPIRY_SPREAD_PERCENT / 100,
      memoryMaxEntries: config.CACHE_MEMORY_MAX_ENTRIES,
      memoryMaxBytes: config.CACHE_MEMORY_MAX_MB * 1024 * 1024,
      redisUrl: config.REDIS_URL,
      redisClusterNodes: config.REDIS_CLUSTER_NODES,
      redisTimeoutMs: config.REDIS_TIMEOUT_MS,
      keySecret: config.CACHE_KEY_SECRET,
      keyVersion: config.CACHE_KEY_VERSION,
      encryptionKeys: config.CACHE_ENCRYPTION_KEYS,
    },
    logger,
  );
  const metrics = new MetricsRegistry();
  collectDefaultMetrics({ register: metrics });
  registerCacheMetrics(metrics, cache);
  registerRegistryCallBudgetMetrics(metrics);

  const typeDefs = parse(subgraphSdl(definition.schemaFile));
  // Who may read which field, from this subgraph's own SDL; unknown rights stop the start.
  let rules: AuthorizationRules;
  try {
    rules = new AuthorizationRules(typeDefs);
  } catch (error) {
    throw error instanceof UnknownRightsError ? new ConfigError(error.problems) : error;
  }
  const closers: Array<() => Promise<void>> = [];
  const resolvers = definition.resolvers(clients, config, { onClose: (close) => closers.push(close) });
  const authenticate = gatewayCallerAuthentication(new GatewayAssertionVerifier(config.gatewayAssertionKeys), logger);
  const schema = buildSubgraphSchema({
    typeDefs,
    // buildSubgraphSchema types resolvers for an unknown context; ours all take SubgraphContext.
    resolvers: { Date: DateScalar, DateTime: DateTimeScalar, ...resolvers } as GraphQLResolverMap<unknown>,
  });
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    // The process drains on SIGTERM itself (stopOnSignals); Apollo's own handler would stop the
    // server and re-raise the signal in the middle of that drain.
    stopOnTerminationSignals: false,
    // Off: per-field hooks that cost CPU on every field. Traces are for Apollo's usage reporting,
    // which casegraph does not use; per-field cache hints are replaced by the registry policy
    // (cacheHorizonPlugin, cache/cache-policy.ts); GraphiQL lives on the gateway.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      // Nothing is reported to Apollo, whatever the environment holds (platform/vendor-telemetry-off.ts).
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      operationGuardPlugin(rules),
      cacheHorizonPlugin,
      registryActivityPlugin,
    ],
  });
  await apollo.start();

  let draining = false;
  const server = createGraphQLHttpServer<SubgraphContext, SubgraphCaller>({
    apollo,
    authenticate,
    context: async (req, requestId, caller) => subgraphContextFromRequest(req, requestId, cache, caller, config.REGISTRY_CALL_BUDGET_MAX),
    maxBodyBytes: config.MAX_BODY_BYTES,
    logger,
    routes: {
      'GET /health': (_req, res) => sendJson(res, 200, { status: 'ok', subgraph: definition.name }),
      'GET /ready': (_req, res) =>
        sendJson(res, draining ? 503 : 200, { status: draining ? 'draining' : 'ready', subgraph: definition.name }),
      'GET /metrics': async (_req, res) => {
        const text = await metrics.metrics();
        res.writeHead(200, { 'content-type': metrics.contentType });
        res.end(text);
      },
      ...cacheAdminRoutes(cache, (handle) => routeRequiringRight(authenticate, 'cache:admin', handle), logger),
    },
  });
  const { url, port } = await listen(server, config.PORT, config.HOST);
  logger.info({ url: `${url}/graphql` }, `subgraph ${definition.name} listening`);

  let closing: Promise<void> | undefined;
  return {
    name: definition.name,
    url: `${url}/graphql`,
    port,
    close() {
      closing ??= (async () => {
        draining = true;
        await closeGracefully(server, config.SHUTDOWN_GRACE_MS);
        await apollo.stop();
        await Promise.all([
          ...Object.values<XRoadClient>(clients).map((client) => client.close()),
          cache.close(),
          ...closers.map((close) => close()),
        ]);
      })();
      return closing;
    },
  };
}

/** Process entry for a subgraph: config from the environment, SIGTERM drains and exits. */
export function runSubgraph<R extends RegistryId>(definition: SubgraphDefinition<R>): void {
  void runService(`subgraph-${definition.name}`, async () => {
    const config = loadSubgraphConfig(definition.defaultPort);
    const logger = createLogger(`subgraph-${definition.name}`, config.LOG_LEVEL);
    const tracing = startTracing(`casegraph-subgraph-${definition.name}`, config.tracing);
    const running = await startSubgraph(definition, config, logger);
    // The last spans (the drained requests') are sent before the process exits.
    stopOnSignals(() => running.close().then(() => tracing.shutdown()), logger, `subgraph ${definition.name}`);
  });
}
