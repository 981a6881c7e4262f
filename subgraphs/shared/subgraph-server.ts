/**
 * Starting a casegraph subgraph: config, registry clients, schema, HTTP server, shutdown.
 *
 * A subgraph is a `SubgraphDefinition`: its name, default port, SDL file, the registries it
 * reads, and a function building its resolvers from their clients. Everything else (X-Road
 * clients with their pools, the per-request context, error masking, health routes, graceful
 * shutdown) is the same for every subgraph and lives here once.
 */
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { parse } from 'graphql';
import { env, readConfig, type EnvSource } from './config.js';
import { maskError } from './errors.js';
import { closeGracefully, createGraphQLHttpServer, listen, sendJson } from './http-server.js';
import { createLogger, type Logger } from './logger.js';
import type { RegistryId } from './registry-catalogue.js';
import { subgraphContextFromRequest, type SubgraphContext } from './request-context.js';
import { DateScalar, DateTimeScalar } from './scalars.js';
import { subgraphSdl } from './schema-files.js';
import { runService, stopOnSignals } from './service-process.js';
import { XRoadClient } from './xroad-client.js';

export type SubgraphResolvers = GraphQLResolverMap<SubgraphContext>;

export type RegistryClients<R extends RegistryId> = { [K in R]: XRoadClient };

export interface SubgraphDefinition<R extends RegistryId = RegistryId> {
  name: string;
  defaultPort: number;
  schemaFile: URL;
  registries: readonly R[];
  resolvers: (clients: RegistryClients<R>, config: SubgraphConfig) => SubgraphResolvers;
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
    REGISTRY_BREAKER_FAILURES: env.nonNegativeInt(10),
    REGISTRY_BREAKER_HALF_OPEN_MS: env.milliseconds(5_000),
    MAX_BODY_BYTES: env.positiveInt(10 * 1024 * 1024),
    SHUTDOWN_GRACE_MS: env.milliseconds(10_000),
  };
}

export type SubgraphConfig = ReturnType<typeof loadSubgraphConfig>;

export function loadSubgraphConfig(defaultPort: number, source: EnvSource = process.env) {
  return readConfig(subgraphConfigShape(defaultPort), source);
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

  const schema = buildSubgraphSchema({
    typeDefs: parse(subgraphSdl(definition.schemaFile)),
    // buildSubgraphSchema types resolvers for an unknown context; ours all take SubgraphContext.
    resolvers: { Date: DateScalar, DateTime: DateTimeScalar, ...definition.resolvers(clients, config) } as GraphQLResolverMap<unknown>,
  });
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  let draining = false;
  const server = createGraphQLHttpServer<SubgraphContext>({
    apollo,
    context: async (req, requestId) => subgraphContextFromRequest(req, requestId, logger),
    maxBodyBytes: config.MAX_BODY_BYTES,
    logger,
    routes: {
      'GET /health': (_req, res) => sendJson(res, 200, { status: 'ok', subgraph: definition.name }),
      'GET /ready': (_req, res) =>
        sendJson(res, draining ? 503 : 200, { status: draining ? 'draining' : 'ready', subgraph: definition.name }),
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
        await Promise.all(Object.values<XRoadClient>(clients).map((client) => client.close()));
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
    const running = await startSubgraph(definition, config, logger);
    stopOnSignals(() => running.close(), logger, `subgraph ${definition.name}`);
  });
}
