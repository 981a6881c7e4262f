/**
 * The casegraph gateway: Apollo Gateway over the composed supergraph, served by Apollo Server 5
 * on plain node:http (subgraphs/shared/http-server.ts).
 *
 *   POST|GET /graphql   the federated graph
 *   GET /               GraphiQL with the example operations (graphiql.ts)
 *   GET /health         liveness
 *   GET /ready          readiness, with each subgraph's reachability
 *
 * The supergraph is read from a file, never fetched from the subgraphs, so the gateway starts
 * and answers even when every subgraph is down.
 */
import '../platform/vendor-telemetry-off.js';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { evictionChannel, parseEvictionRequest } from '../contracts/cache-admin.js';
import { adminOnly } from '../platform/admin-auth.js';
import { redisTarget, subscribeToChannel } from '../platform/redis.js';
import { ErrorCode } from '../platform/errors.js';
import {
  closeGracefully,
  createGraphQLHttpServer,
  listen,
  readJsonBody,
  sendJson,
  sendRequestError,
  type RouteHandler,
} from '../platform/http-server.js';
import { REGISTRIES } from '../contracts/registry-catalogue.js';
import type { Logger } from '../platform/logger.js';
import type { GatewayConfig } from './config.js';
import { graphiqlRoute, readExampleOperations } from './graphiql.js';
import { formatGatewayError, queryLimitOptions } from './query-limits.js';
import { SubgraphReachability } from './readiness.js';
import { contextFromRequest, operationContextPlugin, type GatewayContext } from './request-context.js';
import { RequestLog } from './request-log.js';
import { ResponseCacheStore, responseCachePlugins } from './response-cache.js';
import { SubgraphDataSource } from './subgraph-data-source.js';

export interface RunningGateway {
  url: string;
  port: number;
  /** Stops taking requests, lets those in flight finish (up to SHUTDOWN_GRACE_MS), then stops. */
  close(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';

const forbidStoring: GraphQLRequestListener<GatewayContext> = {
  async willSendResponse({ response }) {
    response.http.headers.set('cache-control', 'no-store');
  },
};

/** Answers carry personal data: no browser or proxy cache may keep them. */
const noStorePlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return forbidStoring;
  },
};

export async function startGateway(config: GatewayConfig, { logger }: { logger: Logger }): Promise<RunningGateway> {
  // Everything that can fail on a bad file comes first, before anything holds a resource.
  const graphiql = await graphiqlRoute(readExampleOperations(config.operationsDir), GRAPHQL_PATH);
  const subgraphs = new Map(
    config.subgraphs.map(({ name, url }) => [
      name,
      new SubgraphDataSource({
        name,
        url,
        timeoutMs: config.subgraphTimeoutMs,
        connections: config.subgraphConnections,
        logger,
      }),
    ]),
  );
  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl,
    // The URL in the supergraph is ignored: config.subgraphs holds it, or its override.
    buildService: ({ name }) => {
      const subgraph = subgraphs.get(name);
      if (!subgraph) throw new Error(`The supergraph names a subgraph "${name}" the configuration does not know`);
      return subgraph;
    },
    logger: logger.child({ component: 'apollo-gateway' }),
  });

  const responseCache = new ResponseCacheStore(config.responseCache.maxBytes);
  const target = redisTarget({ redisUrl: config.redis.url, redisClusterNodes: config.redis.clusterNodes });
  // Another process evicted a subject: a cached response may hold it, so none is kept.
  const evictions = target ? subscribeToChannel(target, evictionChannel(config.redis.keyVersion), () => responseCache.flush()) : null;

  const limits = queryLimitOptions(config.limits);
  const requestLog = new RequestLog(logger);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatGatewayError,
    includeStacktraceInErrorResponses: false,
    introspection: config.introspection,
    // With introspection off, "Did you mean ...?" in validation errors would give the schema away.
    hideSchemaDetailsFromClientErrors: !config.introspection,
    csrfPrevention: true,
    stopOnTerminationSignals: false,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    logger: logger.child({ component: 'apollo-server' }),
    plugins: [
      operationContextPlugin,
      requestLog.plugin,
      noStorePlugin,
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      // Per-field cache hints are not used: the subgraphs say how long their parts may be kept
      // (subgraph-data-source.ts), and browsers and proxies must never keep answers (noStorePlugin).
      ApolloServerPluginCacheControlDisabled(),
      ...(config.responseCache.enabled ? responseCachePlugins(responseCache) : []),
    ],
  });

  const closeConnections = () => Promise.all([...[...subgraphs.values()].map((subgraph) => subgraph.close()), evictions?.close()]);
  try {
    await apollo.start();
  } catch (error) {
    await closeConnections();
    throw error;
  }
  let draining = false;
  const reachability = new SubgraphReachability([...subgraphs.values()], config.readinessProbeTimeoutMs, config.readinessProbeCacheMs);

  /**
   * Cache administration for every subgraph at once: each subgraph process has its own memory
   * level, so an eviction (a registry change notice) must reach all of them.
   */
  const fanOut = async (path: string, body: unknown, adminToken: string) =>
    Object.fromEntries(
      await Promise.all(
        [...subgraphs.values()].map(async (subgraph) => [subgraph.name, await subgraph.postAdmin(path, body, adminToken)] as const),
      ),
    );
  const adminRoutes: Record<string, RouteHandler> = config.adminToken
    ? {
        'POST /admin/cache/evict': adminOnly(config.adminToken, async (req, res) => {
          const json = await readJsonBody(req, res, 4096, 'Send JSON: {"registry": "POPULATION", "subject": "..."}');
          if (json === undefined) return;
          const parsed = parseEvictionRequest(json);
          if (!parsed.ok) return sendRequestError(res, 400, ErrorCode.BAD_USER_INPUT, parsed.reason);
          const { request } = parsed;
          // Responses are not filed by subject: any of them may hold this one, so none is kept.
          responseCache.flush();
          const body = { registry: REGISTRIES[request.registry].code, subject: request.subject };
          sendJson(res, 200, { subgraphs: await fanOut('/admin/cache/evict', body, config.adminToken!) });
        }),
        'POST /admin/cache/flush': adminOnly(config.adminToken, async (_req, res) => {
          responseCache.flush();
          sendJson(res, 200, { subgraphs: await fanOut('/admin/cache/flush', {}, config.adminToken!) });
        }),
      }
    : {};

  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    graphqlPath: GRAPHQL_PATH,
    context: async (req, requestId) => contextFromRequest(req, requestId, requestLog.outcomeOf(req)),
    maxBodyBytes: config.maxBodyBytes,
    logger,
    routes: {
      'GET /': graphiql,
      'GET /health': (_req, res) => sendJson(res, 200, { status: 'ok' }),
      'GET /ready': async (_req, res) => {
        const subgraphReachability = await reachability.check();
        // apollo.start() has loaded the supergraph by the time this route exists.
        sendJson(res, draining ? 503 : 200, { status: draining ? 'draining' : 'ready', subgraphs: subgraphReachability });
      },
      ...adminRoutes,
    },
  });
  requestLog.attach(server);
  let address;
  try {
    address = await listen(server, config.port, config.host);
  } catch (error) {
    await apollo.stop();
    await closeConnections();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    ...address,
    close() {
      closing ??= (async () => {
        draining = true;
        await closeGracefully(server, config.shutdownGraceMs);
        await apollo.stop();
        await closeConnections();
      })();
      return closing;
    },
  };
}
