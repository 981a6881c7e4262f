/**
 * The casegraph gateway: Apollo Gateway over the composed supergraph, served by Apollo Server 5
 * on plain node:http (subgraphs/shared/http-server.ts).
 *
 *   POST|GET /graphql   the federated graph
 *   GET /               GraphiQL with the example operations and sign-in (graphiql.ts); needs no token
 *   GET /health         liveness
 *   GET /ready          readiness, with each subgraph's reachability: 503 while none is reachable
 *   GET /metrics        Prometheus text (metrics.ts), for callers with the metrics:read right
 *
 * The supergraph is read from a file, never fetched from the subgraphs, so the gateway starts
 * and answers even when every subgraph is down.
 */
import '../platform/vendor-telemetry-off.js';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { evictionChannel, parseEvictionRequest } from '../contracts/cache-admin.js';
import { redisTarget, subscribeToChannel } from '../platform/redis.js';
import { ErrorCode } from '../platform/errors.js';
import {
  closeGracefully,
  createGraphQLHttpServer,
  listen,
  readJsonBody,
  routeRequiringRight,
  sendJson,
  sendRequestError,
  type RouteHandler,
} from '../platform/http-server.js';
import { REGISTRIES } from '../contracts/registry-catalogue.js';
import type { Logger } from '../platform/logger.js';
import { parse } from 'graphql';
import { AuthorizationRules, UnknownRightsError } from '../platform/authorization/rules.js';
import { ConfigError } from '../platform/config.js';
import { GatewayAssertionSigner, type GatewayAssertions } from '../platform/gateway-assertion.js';
import { AccessTokenVerifier } from './authentication/access-tokens.js';
import { gatewayAuthentication } from './authentication/authenticate.js';
import type { Principal } from './authentication/principal.js';
import { loadRightsFile } from './authentication/rights-file.js';
import { AuthorizingGateway, OperationAuthorizer } from './authorization/authorization.js';
import type { GatewayConfig } from './config.js';
import { graphiqlRoute, readExampleOperations } from './graphiql.js';
import { documentRules } from './document-rules.js';
import { formatGatewayError, queryLimitOptions } from './query-limits.js';
import { SubgraphReachability } from './readiness.js';
import { contextFromRequest, operationContextPlugin, type GatewayContext } from './request-context.js';
import { caseAccessPlugin } from './case-access.js';
import { queryPlanReportPlugin } from './query-plan-report.js';
import { RegistryBudget } from './registry-budget.js';
import { RequestLog } from './request-log.js';
import { ResponseCacheStore, responseCachePlugin } from './response-cache.js';
import { SubgraphDataSource } from './subgraph-data-source.js';
import { GatewayMetrics } from './metrics.js';
import { tracingPlugin } from './tracing-plugin.js';
import { createMetricsRegistry, sendMetrics } from '../platform/metrics.js';
import { allowOperationNames } from '../platform/tracing.js';
import { AuditWriter } from '../platform/audit/audit-writer.js';
import { openAuditSink } from '../platform/audit/open-audit-store.js';
import { SpoolingAuditSink } from '../platform/audit/spooling-sink.js';
import { GatewayAuditTrail } from './audit/audit-trail.js';
import { Supergraph } from '@apollo/federation-internals';
import { ManifestError, readManifest, type Manifest } from './trusted-documents/manifest.js';
import { TrustedDocuments } from './trusted-documents/trusted-documents.js';

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

/**
 * "Did you mean ...?" in validation errors gives the schema away: only callers with the schema
 * right (analysts, integrators) get the suggestions.
 */
const schemaSuggestionsPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (contextValue.principal.rights.has('schema:read') || response.body.kind !== 'single') return;
        for (const error of response.body.singleResult.errors ?? []) {
          if (error.message.includes('Did you mean'))
            (error as { message: string }).message = error.message.replace(/ ?Did you mean .+\?$/, '');
        }
      },
    };
  },
};

/**
 * Issue 10 asks what authentication and authorization cost, measured against the same run with
 * them off; the benchmark's "security off" variant (bench/peers/casegraph-security-off.ts) is the
 * only caller that passes this, and no configuration or environment variable reaches it. Every
 * GraphQL request is then served as `caller` without a token being looked at, no field
 * authorization or case check runs, and every subgraph request carries one fixed assertion (which
 * the subgraphs still verify), as the benchmark's peer gateways do. Refused in production.
 */
export interface CallerSecurityOffForBenchmark {
  caller: Principal;
  subgraphAssertion: string;
}

export interface StartGatewayOptions {
  logger: Logger;
  callerSecurityOff?: CallerSecurityOffForBenchmark;
}

export async function startGateway(config: GatewayConfig, { logger, callerSecurityOff }: StartGatewayOptions): Promise<RunningGateway> {
  if (callerSecurityOff && config.production)
    throw new ConfigError(["NODE_ENV: the benchmark's security-off gateway never runs in production"]);
  // Everything that can fail on a bad file comes first, before anything holds a resource.
  const rightsPolicy = loadRightsFile(config.rightsFile);
  const exampleOperations = readExampleOperations(config.operationsDir);
  // The shipped operations are the names spans and metric labels may carry; others are "other".
  allowOperationNames(exampleOperations.map((operation) => operation.name));
  const graphiql = await graphiqlRoute(exampleOperations, {
    endpoint: GRAPHQL_PATH,
    signIn: config.graphiqlSignIn,
    audience: config.accessTokens.audience,
    rights: rightsPolicy,
  });
  let rules: AuthorizationRules;
  try {
    rules = new AuthorizationRules(parse(config.supergraphSdl));
  } catch (error) {
    throw error instanceof UnknownRightsError ? new ConfigError(error.problems.map((problem) => `SUPERGRAPH_PATH: ${problem}`)) : error;
  }
  let trustedDocuments: TrustedDocuments;
  let manifests: { file: string; manifest: Manifest }[];
  try {
    manifests = config.trustedDocuments.manifests.map((file) => ({ file, manifest: readManifest(file) }));
    const apiSchema = Supergraph.build(config.supergraphSdl).apiSchema().toGraphQLJSSchema();
    trustedDocuments = new TrustedDocuments(manifests, apiSchema, config.trustedDocuments.mode, logger);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    throw new ConfigError(error.problems.map((problem) => `TRUSTED_DOCUMENTS_MANIFEST or TRUSTED_DOCUMENTS_FILES: ${problem}`));
  }
  const authorizer = new OperationAuthorizer(rules, config.authorizationMode);
  const metrics = new GatewayMetrics(
    createMetricsRegistry(),
    config.subgraphs.map(({ name }) => name),
  );
  const authenticateCaller = gatewayAuthentication(new AccessTokenVerifier(config.accessTokens), rightsPolicy, logger);
  const authenticate: typeof authenticateCaller = async (req, requestId) => {
    const authentication = await authenticateCaller(req, requestId);
    if (!authentication.ok) metrics.authenticationFailed(authentication.reason);
    return authentication;
  };
  const signer = await GatewayAssertionSigner.create(config.assertion.signingKey, config.assertion.lifetimeSeconds);
  const assertions: GatewayAssertions = callerSecurityOff ? { assertionFor: async () => callerSecurityOff.subgraphAssertion } : signer;
  const subgraphs = new Map(
    config.subgraphs.map(({ name, url }) => [
      name,
      new SubgraphDataSource({
        name,
        url,
        timeoutMs: config.subgraphTimeoutMs,
        connections: config.subgraphConnections,
        assertions,
        logger,
        observer: metrics,
      }),
    ]),
  );
  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl,
    // Never on request: the query plan is shown only to callers with the right (query-plan-report.ts).
    __exposeQueryPlanExperimental: false,
    experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) => {
      (requestContext.context as GatewayContext).queryPlan = queryPlan;
    },
    // The URL in the supergraph is ignored: config.subgraphs holds it, or its override.
    buildService: ({ name }) => {
      const subgraph = subgraphs.get(name);
      if (!subgraph) throw new Error(`The supergraph names a subgraph "${name}" the configuration does not know`);
      return subgraph;
    },
    logger: logger.child({ component: 'apollo-gateway' }),
  });

  // PostgreSQL: refuses to start on an unmigrated or unreachable database, naming the command.
  const auditSink = await openAuditSink(config.audit, { logger, applicationName: 'gateway' });
  const auditWriter = auditSink ? new AuditWriter(auditSink, undefined, metrics.auditBatchWritten) : null;
  if (auditWriter) {
    // The PostgreSQL trail spools locally while the database is down: how much waits there.
    const spool = auditSink instanceof SpoolingAuditSink ? auditSink : null;
    metrics.observeAuditWriter(auditWriter.stats, spool ? () => spool.stats().spoolRecords : undefined);
  }
  const auditTrail = auditWriter
    ? new GatewayAuditTrail({
        writer: auditWriter,
        subjectKey: config.audit.subjectKey,
        failureMode: config.audit.failureMode,
        logger,
        anchorIntervalMs: config.audit.anchorIntervalSeconds * 1000,
      })
    : null;
  if (!auditTrail) logger.warn('the audit trail is off (AUDIT_SINK=off): views of personal data are not recorded');
  // A request refused at the door is recorded too: someone tried, and was not let in.
  const authenticateGraphQL: typeof authenticate = async (req, requestId) => {
    if (callerSecurityOff) return { ok: true, caller: callerSecurityOff.caller };
    const authentication = await authenticate(req, requestId);
    if (!authentication.ok && auditTrail) await auditTrail.recordDoorRefusal(requestId, authentication.code);
    return authentication;
  };

  const responseCache = new ResponseCacheStore(config.responseCache.maxBytes);
  const target = redisTarget({ redisUrl: config.redis.url, redisClusterNodes: config.redis.clusterNodes });
  // Another process evicted a subject: a cached response may hold it, so none is kept.
  const evictions = target ? subscribeToChannel(target, evictionChannel(config.redis.keyVersion), () => responseCache.flush()) : null;

  const limits = queryLimitOptions(config.limits);
  const registryBudget = new RegistryBudget(config.registryBudget);
  registryBudget.registerMetrics(metrics.registry);
  // Operation names the log may show as they are: reviewed ones, not whatever a caller chose.
  const requestLog = new RequestLog(logger, [
    ...exampleOperations.map((operation) => operation.name),
    ...manifests.flatMap(({ manifest }) => manifest.operations.map((operation) => operation.name)),
  ]);
  const apollo = new ApolloServer<GatewayContext>({
    gateway: new AuthorizingGateway(gateway, Boolean(callerSecurityOff)),
    formatError: (formatted, error) => {
      const masked = formatGatewayError(formatted, error);
      // The client sees the masked error; the log says what it was, so it can be fixed.
      if (masked.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
        logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'internal error, masked for the client');
      }
      return masked;
    },
    includeStacktraceInErrorResponses: false,
    // Per caller, by right: the operation filter refuses __schema and __type to callers without
    // schema:read, and schemaSuggestionsPlugin strips "Did you mean" for them.
    introspection: true,
    csrfPrevention: true,
    stopOnTerminationSignals: false,
    validationRules: [...documentRules, ...limits.validationRules],
    parseOptions: limits.parseOptions,
    logger: logger.child({ component: 'apollo-server' }),
    plugins: [
      operationContextPlugin,
      requestLog.plugin,
      tracingPlugin,
      metrics.plugin,
      noStorePlugin,
      schemaSuggestionsPlugin,
      queryPlanReportPlugin,
      // Before the response cache: a refused operation is never looked up.
      ...(callerSecurityOff ? [] : [authorizer.plugin()]),
      // After field authorization and before the case check: an operation over its registry budget asks no registry.
      registryBudget.plugin(),
      // After field authorization: a case named in x-case-id is checked for operations it lets through.
      ...(callerSecurityOff ? [] : [caseAccessPlugin(subgraphs, assertions)]),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      // Per-field cache hints are not used: the subgraphs say how long their parts may be kept
      // (subgraph-data-source.ts), and browsers and proxies must never keep answers (noStorePlugin).
      ApolloServerPluginCacheControlDisabled(),
      ...(config.responseCache.enabled ? [responseCachePlugin(responseCache, (hit) => metrics.responseCacheLookedUp(hit))] : []),
      // Last: it records what the others decided, and withholds the answer when the record cannot be written.
      ...(auditTrail ? [auditTrail.plugin()] : []),
    ],
  });

  const closeConnections = () =>
    Promise.all([...[...subgraphs.values()].map((subgraph) => subgraph.close()), evictions?.close(), auditTrail?.close()]);
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
  const fanOut = async (path: string, body: unknown, operator: Principal) => {
    const assertion = await signer.assertionFor(operator, null);
    return Object.fromEntries(
      await Promise.all(
        [...subgraphs.values()].map(async (subgraph) => [subgraph.name, await subgraph.postAdmin(path, body, assertion)] as const),
      ),
    );
  };
  const adminRoutes: Record<string, RouteHandler> = {
    'POST /admin/cache/evict': routeRequiringRight(authenticate, 'cache:admin', async (req, res, operator) => {
      const json = await readJsonBody(req, res, 4096, 'Send JSON: {"registry": "POPULATION", "subject": "..."}');
      if (json === undefined) return;
      const parsed = parseEvictionRequest(json);
      if (!parsed.ok) return sendRequestError(res, 400, ErrorCode.BAD_USER_INPUT, parsed.reason);
      const { request } = parsed;
      // Responses are not filed by subject: any of them may hold this one, so none is kept.
      responseCache.flush();
      const body = { registry: REGISTRIES[request.registry].code, subject: request.subject };
      sendJson(res, 200, { subgraphs: await fanOut('/admin/cache/evict', body, operator) });
    }),
    'POST /admin/cache/flush': routeRequiringRight(authenticate, 'cache:admin', async (_req, res, operator) => {
      responseCache.flush();
      sendJson(res, 200, { subgraphs: await fanOut('/admin/cache/flush', {}, operator) });
    }),
  };

  const routes: Record<string, RouteHandler> = {
    'GET /': graphiql,
    'GET /health': (_req, res) => sendJson(res, 200, { status: 'ok' }),
    'GET /ready': async (_req, res) => {
      const subgraphReachability = await reachability.check();
      // apollo.start() has loaded the supergraph by the time this route exists. One reachable
      // subgraph is enough: the others' fields come back as SUBGRAPH_UNAVAILABLE. With none, every
      // answer would be errors only, and a load balancer should send the request elsewhere.
      const anyReachable = Object.values(subgraphReachability).includes('reachable');
      const status = draining ? 'draining' : anyReachable ? 'ready' : 'no-subgraph-reachable';
      sendJson(res, status === 'ready' ? 200 : 503, { status, subgraphs: subgraphReachability });
    },
    'GET /metrics': routeRequiringRight(authenticate, 'metrics:read', (_req, res) => sendMetrics(metrics.registry, res)),
    ...adminRoutes,
  };
  const server = createGraphQLHttpServer<GatewayContext, Principal>({
    apollo,
    graphqlPath: GRAPHQL_PATH,
    authenticate: authenticateGraphQL,
    prepareRequest: async ({ method, body, search }, principal, requestId) => {
      const resolution = trustedDocuments.resolve(method, body, search, principal.rights);
      // Running something outside the trusted documents was tried: that is worth a record.
      if (!resolution.ok && resolution.code === ErrorCode.PERSISTED_DOCUMENT_REQUIRED) {
        await auditTrail?.recordDoorRefusal(requestId, resolution.code, principal);
      }
      return resolution;
    },
    context: async (req, requestId, principal) => contextFromRequest(req, requestId, requestLog.outcomeOf(req), principal),
    maxBodyBytes: config.maxBodyBytes,
    maxVariableStringLength: config.limits.maxStringLength,
    timeouts: config.httpTimeouts,
    logger,
    routes,
  });
  requestLog.attach(server, [GRAPHQL_PATH, ...Object.keys(routes).map((route) => route.slice(route.indexOf(' ') + 1))]);
  metrics.attach(server, GRAPHQL_PATH, (req) => requestLog.outcomeOf(req));
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
