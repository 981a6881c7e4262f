/**
 * The gateway's configuration: every environment variable it reads, read once at start.
 *
 * Besides the environment this reads the supergraph file, because the per-subgraph URL
 * overrides (SUBGRAPH_<NAME>_URL) can only be checked against the subgraphs it names; a missing
 * or unreadable supergraph, a malformed URL or an override for a subgraph that does not exist
 * stops the start with a message naming the variable.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, type ConstValueNode } from 'graphql';
import type { LevelWithSilent } from 'pino';
import { z } from 'zod';
import type { JWK } from 'jose';
import { DEFAULT_AUDIENCE } from '../contracts/identity.js';
import { ConfigError, env, readConfig, type EnvSource } from '../platform/config.js';
import { keyMaterial } from '../platform/gateway-assertion.js';
import type { HttpTimeouts } from '../platform/http-server.js';
import { loadAuditConfig, type AuditConfig } from '../platform/audit/audit-config.js';
import { loadTracingConfig, type TracingConfig } from '../platform/tracing.js';
import { checkAlgorithms, type AccessTokenSettings } from './authentication/access-tokens.js';
import { DEFAULT_RIGHTS_FILE } from './authentication/rights-file.js';
import type { AuthorizationMode } from './authorization/authorization.js';
import type { TrustedDocumentsMode } from './trusted-documents/trusted-documents.js';
import type { RegistryBudgetConfig } from './registry-budget.js';

/**
 * Defaults resolved against this module, not the working directory, so they hold both from
 * source (gateway/config.ts under tsx or vitest) and compiled (dist/gateway/config.js, where
 * the build copies the supergraph to dist/schema/ and the operations to dist/gateway/operations/).
 */
export const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url));
export const DEFAULT_OPERATIONS_DIR = fileURLToPath(new URL('./operations/', import.meta.url));
/** The shipped operations' manifest, built by `npm run documents` (trusted-documents/manifest.ts). */
export const DEFAULT_TRUSTED_DOCUMENTS_MANIFEST = fileURLToPath(new URL('./trusted-documents.json', import.meta.url));

/**
 * Limits on a single operation. The defaults admit the heaviest legitimate operation casegraph
 * knows, a worklist of 1,000 applications each with its applicant, population, police, SIS and
 * tax summaries and its employer's trade register and tax compliance (operations.test.ts runs it
 * against them), and refuse the shapes abuse takes: cycles such as Applicant.applications ->
 * Application.applicant nested without end, alias and directive batching, huge documents, and
 * pages so large that the query plan's registry calls would swamp the subgraphs.
 */
export interface QueryLimits {
  /**
   * Deepest selection nesting. The deepest legitimate path, a worklist item's applicant's
   * relative's address (worklist.items.applicant.population.familyRelations.person
   * .permanentAddress.street), is 8; a fragment spread adds one.
   */
  maxDepth: number;
  /** Aliased fields per operation: a side-by-side look at a handful of applications or employers. */
  maxAliases: number;
  /** Directives per operation: a few @include/@skip toggles, not thousands. */
  maxDirectives: number;
  /** Lexical tokens per document: 1,000 literal application ids take 1,071, the case view 264. */
  maxTokens: number;
  /**
   * graphql-armor's cost estimate, which multiplies a selection by a literal `first`: the
   * 1,000-application worklist costs 208,250 (289,250 with provenance on its police and SIS
   * checks); one full case view costs about 750.
   */
  maxCost: number;
  /**
   * Characters a string may have, in a variable or a literal: identity codes, ids, names, dates and
   * cursors are tens of characters; a 200 KB "name" is not a name, and would reach a registry.
   */
  maxStringLength: number;
}

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

export interface GatewayConfig {
  port: number;
  host: string;
  supergraphPath: string;
  supergraphSdl: string;
  /** Every subgraph in the supergraph, with its URL after SUBGRAPH_<NAME>_URL overrides. */
  subgraphs: SubgraphEndpoint[];
  /** Bounds the wait for a subgraph's response headers and for each chunk of its body. */
  subgraphTimeoutMs: number;
  /** Keep-alive connections per subgraph; requests beyond this queue in the pool. */
  subgraphConnections: number;
  /** How long a readiness probe of a subgraph's /health may take, and how long its answer is reused. */
  readinessProbeTimeoutMs: number;
  readinessProbeCacheMs: number;
  maxBodyBytes: number;
  /** How long a client may take to send its request, and to send the next one on a kept-alive connection. */
  httpTimeouts: HttpTimeouts;
  shutdownGraceMs: number;
  /** NODE_ENV=production: every identity and audit setting mandatory, nothing for development only. */
  production: boolean;
  logLevel: LevelWithSilent;
  operationsDir: string;
  limits: QueryLimits;
  /** How access tokens are verified (authentication/access-tokens.ts). */
  accessTokens: AccessTokenSettings;
  /** What GraphiQL's sign-in needs: the issuer as a browser reaches it, and its client id. */
  graphiqlSignIn: { issuer: string; clientId: string };
  rightsFile: string;
  /** filter: unauthorized fields are null with an error; reject: the whole operation is refused. */
  authorizationMode: AuthorizationMode;
  assertion: { signingKey: JWK; lifetimeSeconds: number };
  responseCache: { enabled: boolean; maxBytes: number };
  redis: { url: string | undefined; clusterNodes: string | undefined; keyVersion: number };
  /** The audit trail (platform/audit/audit-config.ts reads its AUDIT_* variables). */
  audit: AuditConfig;
  /**
   * Which documents run (trusted-documents/): off, log (untrusted ones run and are logged) or
   * enforce (only trusted ones, unless the caller holds documents:any). The manifests: the
   * shipped operations' and any a frontend registered.
   */
  trustedDocuments: { mode: TrustedDocumentsMode; manifests: string[] };
  /** Where spans are exported (platform/tracing.ts reads OTEL_EXPORTER_OTLP_*). */
  tracing: TracingConfig;
  /** Registry calls per request and per caller over time, by kind of request (registry-budget.ts). */
  registryBudget: RegistryBudgetConfig;
}

/** A timeout: 0 would mean "none" to undici and "at once" to AbortSignal, neither wanted. */
const timeoutMs = (fallback: number) => z.coerce.number().int().min(1).max(3_600_000).default(fallback);

const GATEWAY_ENV = {
  PORT: env.port(4000),
  HOST: env.string('127.0.0.1'),
  SUPERGRAPH_PATH: env.string(DEFAULT_SUPERGRAPH_PATH),
  // Above the subgraphs' own registry timeouts, so that a slow registry reaches the client as the
  // subgraph's REGISTRY_TIMEOUT for that field rather than the gateway cutting the whole fetch.
  SUBGRAPH_TIMEOUT_MS: timeoutMs(15_000),
  SUBGRAPH_CONNECTIONS: env.positiveInt(64),
  READINESS_PROBE_TIMEOUT_MS: timeoutMs(500),
  READINESS_PROBE_CACHE_MS: env.milliseconds(2_000),
  // A 1,000-id variable list is about 15 KB and the largest example operation a few KB.
  MAX_BODY_BYTES: env.positiveInt(256 * 1024),
  // A real client sends its headers in milliseconds and a 256 KB body in well under a second;
  // a stalled or trickling one is cut off (408 REQUEST_TIMEOUT) once these run out.
  HEADERS_TIMEOUT_MS: timeoutMs(10_000),
  REQUEST_TIMEOUT_MS: timeoutMs(30_000),
  // Longer than undici's 4 s default, so the gateway's clients close idle connections first.
  KEEP_ALIVE_TIMEOUT_MS: timeoutMs(60_000),
  SHUTDOWN_GRACE_MS: env.milliseconds(10_000),
  LOG_LEVEL: env.logLevel(),
  OPERATIONS_DIR: env.string(DEFAULT_OPERATIONS_DIR),
  /** Node's environment: "production" makes every identity setting mandatory. */
  NODE_ENV: z.string().optional(),
  /** The OpenID Connect issuer whose access tokens the gateway accepts (its discovery document gives the keys). */
  OIDC_ISSUER: z.url({ protocol: /^https?$/, message: 'expected the issuer URL, e.g. https://login.example.fi/realms/migri' }).optional(),
  /** Where the issuer's keys are, when not where its discovery document says. */
  OIDC_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** A file with the issuer's public keys (a JWK set), instead of fetching them. */
  OIDC_JWKS_FILE: z.string().min(1).optional(),
  OIDC_AUDIENCE: env.string(DEFAULT_AUDIENCE),
  OIDC_ALGORITHMS: env.string('ES256,ES384,RS256,PS256,EdDSA'),
  OIDC_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** The JWT typ access tokens must carry; "any" accepts tokens of identity providers that set none. */
  OIDC_TOKEN_TYPE: env.string('at+jwt'),
  OIDC_JWKS_COOLDOWN_MS: env.milliseconds(30_000),
  OIDC_JWKS_MAX_AGE_MS: env.milliseconds(600_000),
  OIDC_FETCH_TIMEOUT_MS: timeoutMs(5_000),
  /** The issuer as a browser reaches it (GraphiQL's sign-in), when that differs from OIDC_ISSUER. */
  GRAPHIQL_OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  GRAPHIQL_CLIENT_ID: env.string('casegraph-graphiql'),
  RIGHTS_FILE: env.string(DEFAULT_RIGHTS_FILE),
  AUTHORIZATION_MODE: z.enum(['filter', 'reject'], { message: 'expected filter or reject' }).default('filter'),
  /** The gateway's private key for its assertions to subgraphs (a JWK), or a file holding it. */
  GATEWAY_ASSERTION_SIGNING_KEY: z.string().optional(),
  GATEWAY_ASSERTION_SIGNING_KEY_FILE: z.string().optional(),
  GATEWAY_ASSERTION_LIFETIME_SECONDS: z.coerce.number().int().min(10).max(3_600).default(120),
  QUERY_MAX_DEPTH: env.positiveInt(10),
  QUERY_MAX_ALIASES: env.positiveInt(20),
  QUERY_MAX_DIRECTIVES: env.positiveInt(20),
  QUERY_MAX_TOKENS: env.positiveInt(3_000),
  QUERY_MAX_COST: env.positiveInt(500_000),
  QUERY_MAX_STRING_LENGTH: env.positiveInt(1_000),
  /**
   * Registry calls (registry-budget.ts). Per request, as estimated before it runs with nothing
   * cached: the heaviest legitimate operations are the 1,000-application worklist with every
   * registry summary (2,009 calls: a police and a SIS call per applicant, batch registries one
   * call per 500 keys) and a bulk check of 1,000 applications (2,011). A fresh read skips every
   * cache, so it always costs what it is estimated at: a fresh case view is 7 calls, a fresh
   * worklist of 100 104; 1,000 ids with police and SIS, fresh, 2,002. Per caller over time: a token
   * bucket of BURST calls refilled at PER_SECOND; bulk checks share one bucket for the whole service.
   */
  REGISTRY_CALL_BUDGET: env.positiveInt(2_500),
  REGISTRY_CALL_BUDGET_FRESH: env.positiveInt(250),
  REGISTRY_CALL_BUDGET_BULK: env.positiveInt(2_500),
  REGISTRY_RATE_PER_SECOND: env.positiveInt(50),
  REGISTRY_RATE_BURST: env.positiveInt(5_000),
  REGISTRY_FRESH_RATE_PER_SECOND: env.positiveInt(5),
  REGISTRY_FRESH_RATE_BURST: env.positiveInt(500),
  REGISTRY_BULK_RATE_PER_SECOND: env.positiveInt(200),
  REGISTRY_BULK_RATE_BURST: env.positiveInt(10_000),
  /** Whole responses, kept no longer than the registry answers in them (response-cache.ts). */
  RESPONSE_CACHE: z.enum(['on', 'off'], { message: 'expected on or off' }).default('on'),
  RESPONSE_CACHE_MAX_MB: env.positiveInt(32),
  /** With the subgraphs' Redis: evictions announced there flush this gateway's response cache too. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, message: 'expected redis://host:port[/db] or rediss://...' }).optional(),
  REDIS_CLUSTER_NODES: z.string().optional(),
  CACHE_KEY_VERSION: z.coerce.number().int().min(1).max(9999).default(1),
  /** off, log or enforce; production's default is enforce, elsewhere log. */
  TRUSTED_DOCUMENTS: z.enum(['off', 'log', 'enforce'], { message: 'expected off, log or enforce' }).optional(),
  TRUSTED_DOCUMENTS_MANIFEST: env.string(DEFAULT_TRUSTED_DOCUMENTS_MANIFEST),
  /** Comma-separated manifests a frontend registered (Apollo's persisted query manifest format). */
  TRUSTED_DOCUMENTS_FILES: env.string(''),
};

/** SUBGRAPH_TRADE_REGISTER_URL for the subgraph named trade-register. */
export function subgraphUrlVariable(subgraphName: string): string {
  return `SUBGRAPH_${subgraphName.toUpperCase().replace(/-/g, '_')}_URL`;
}

const SUBGRAPH_URL_VARIABLE = /^SUBGRAPH_[A-Z0-9_]+_URL$/;

/** The embedded demo identity provider of `npm start` (mocks/identity-provider/). */
export const DEVELOPMENT_ISSUER = 'http://127.0.0.1:4300';

export function loadGatewayConfig(source: EnvSource = process.env): GatewayConfig {
  const vars = readConfig(GATEWAY_ENV, source);
  // Production names its issuer; nothing ever falls back to anonymous. Elsewhere the default is the
  // embedded demo identity provider.
  if (!vars.OIDC_ISSUER && vars.NODE_ENV === 'production') {
    throw new ConfigError(['OIDC_ISSUER: required in production: the OpenID Connect issuer whose access tokens the gateway accepts']);
  }
  const issuer = vars.OIDC_ISSUER ?? DEVELOPMENT_ISSUER;
  if (vars.OIDC_JWKS_URL && vars.OIDC_JWKS_FILE) throw new ConfigError(['OIDC_JWKS_URL and OIDC_JWKS_FILE: set one, not both']);
  const algorithms = vars.OIDC_ALGORITHMS.split(',')
    .map((algorithm) => algorithm.trim())
    .filter(Boolean);
  checkAlgorithms(algorithms);
  if (vars.HEADERS_TIMEOUT_MS > vars.REQUEST_TIMEOUT_MS) {
    throw new ConfigError([
      `HEADERS_TIMEOUT_MS: must not exceed REQUEST_TIMEOUT_MS (${vars.REQUEST_TIMEOUT_MS}), which bounds the headers too (got ${vars.HEADERS_TIMEOUT_MS})`,
    ]);
  }
  const registryBudget = registryBudgetOf(vars);
  const supergraphPath = path.resolve(vars.SUPERGRAPH_PATH);
  const supergraphSdl = readSupergraph(supergraphPath);
  const routingUrls = subgraphsOfSupergraph(supergraphSdl);

  const urlShape = Object.fromEntries(routingUrls.map(({ name, url }) => [subgraphUrlVariable(name), env.url(url)]));
  const unknown = Object.keys(source).filter(
    (key) => SUBGRAPH_URL_VARIABLE.test(key) && !(key in urlShape) && source[key] !== undefined && source[key] !== '',
  );
  if (unknown.length > 0) {
    throw new ConfigError(
      unknown.map((key) => `${key}: no such subgraph in ${supergraphPath} (known: ${Object.keys(urlShape).join(', ')})`),
    );
  }
  const urls = readConfig(urlShape, source);

  return {
    port: vars.PORT,
    host: vars.HOST,
    supergraphPath,
    supergraphSdl,
    subgraphs: routingUrls.map(({ name }) => ({ name, url: urls[subgraphUrlVariable(name)]! })),
    subgraphTimeoutMs: vars.SUBGRAPH_TIMEOUT_MS,
    subgraphConnections: vars.SUBGRAPH_CONNECTIONS,
    readinessProbeTimeoutMs: vars.READINESS_PROBE_TIMEOUT_MS,
    readinessProbeCacheMs: vars.READINESS_PROBE_CACHE_MS,
    maxBodyBytes: vars.MAX_BODY_BYTES,
    httpTimeouts: {
      headersTimeoutMs: vars.HEADERS_TIMEOUT_MS,
      requestTimeoutMs: vars.REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: vars.KEEP_ALIVE_TIMEOUT_MS,
    },
    shutdownGraceMs: vars.SHUTDOWN_GRACE_MS,
    production: vars.NODE_ENV === 'production',
    logLevel: vars.LOG_LEVEL,
    operationsDir: path.resolve(vars.OPERATIONS_DIR),
    limits: {
      maxDepth: vars.QUERY_MAX_DEPTH,
      maxAliases: vars.QUERY_MAX_ALIASES,
      maxDirectives: vars.QUERY_MAX_DIRECTIVES,
      maxTokens: vars.QUERY_MAX_TOKENS,
      maxCost: vars.QUERY_MAX_COST,
      maxStringLength: vars.QUERY_MAX_STRING_LENGTH,
    },
    accessTokens: {
      issuer,
      jwksUrl: vars.OIDC_JWKS_URL ?? null,
      jwksFile: vars.OIDC_JWKS_FILE ? path.resolve(vars.OIDC_JWKS_FILE) : null,
      audience: vars.OIDC_AUDIENCE,
      algorithms,
      clockSkewSeconds: vars.OIDC_CLOCK_SKEW_SECONDS,
      tokenType: vars.OIDC_TOKEN_TYPE === 'any' ? null : vars.OIDC_TOKEN_TYPE,
      jwksCooldownMs: vars.OIDC_JWKS_COOLDOWN_MS,
      jwksMaxAgeMs: vars.OIDC_JWKS_MAX_AGE_MS,
      fetchTimeoutMs: vars.OIDC_FETCH_TIMEOUT_MS,
    },
    graphiqlSignIn: { issuer: vars.GRAPHIQL_OIDC_ISSUER ?? issuer, clientId: vars.GRAPHIQL_CLIENT_ID },
    rightsFile: path.resolve(vars.RIGHTS_FILE),
    authorizationMode: vars.AUTHORIZATION_MODE,
    assertion: {
      signingKey: keyMaterial<JWK>(
        'GATEWAY_ASSERTION_SIGNING_KEY',
        vars.GATEWAY_ASSERTION_SIGNING_KEY,
        vars.GATEWAY_ASSERTION_SIGNING_KEY_FILE,
        'private key',
      ),
      lifetimeSeconds: vars.GATEWAY_ASSERTION_LIFETIME_SECONDS,
    },
    responseCache: { enabled: vars.RESPONSE_CACHE === 'on', maxBytes: vars.RESPONSE_CACHE_MAX_MB * 1024 * 1024 },
    redis: { url: vars.REDIS_URL, clusterNodes: vars.REDIS_CLUSTER_NODES, keyVersion: vars.CACHE_KEY_VERSION },
    audit: loadAuditConfig(source),
    trustedDocuments: {
      mode: vars.TRUSTED_DOCUMENTS ?? (vars.NODE_ENV === 'production' ? 'enforce' : 'log'),
      manifests: [
        path.resolve(vars.TRUSTED_DOCUMENTS_MANIFEST),
        ...vars.TRUSTED_DOCUMENTS_FILES.split(',')
          .map((file) => file.trim())
          .filter(Boolean)
          .map((file) => path.resolve(file)),
      ],
    },
    tracing: loadTracingConfig(source),
    registryBudget,
  };
}

/** The registry budgets, refused when a request could never run (burst below its budget) or fresh is not the stricter. */
function registryBudgetOf(vars: {
  REGISTRY_CALL_BUDGET: number;
  REGISTRY_CALL_BUDGET_FRESH: number;
  REGISTRY_CALL_BUDGET_BULK: number;
  REGISTRY_RATE_PER_SECOND: number;
  REGISTRY_RATE_BURST: number;
  REGISTRY_FRESH_RATE_PER_SECOND: number;
  REGISTRY_FRESH_RATE_BURST: number;
  REGISTRY_BULK_RATE_PER_SECOND: number;
  REGISTRY_BULK_RATE_BURST: number;
}): RegistryBudgetConfig {
  const problems: string[] = [];
  const burst = (variable: string, value: number, budgetVariable: string, budget: number) => {
    if (value < budget) problems.push(`${variable}: ${value} is below ${budgetVariable} (${budget}): such a request could never run`);
  };
  burst('REGISTRY_RATE_BURST', vars.REGISTRY_RATE_BURST, 'REGISTRY_CALL_BUDGET', vars.REGISTRY_CALL_BUDGET);
  burst('REGISTRY_FRESH_RATE_BURST', vars.REGISTRY_FRESH_RATE_BURST, 'REGISTRY_CALL_BUDGET_FRESH', vars.REGISTRY_CALL_BUDGET_FRESH);
  burst('REGISTRY_BULK_RATE_BURST', vars.REGISTRY_BULK_RATE_BURST, 'REGISTRY_CALL_BUDGET_BULK', vars.REGISTRY_CALL_BUDGET_BULK);
  if (vars.REGISTRY_CALL_BUDGET_FRESH > vars.REGISTRY_CALL_BUDGET) {
    problems.push(
      `REGISTRY_CALL_BUDGET_FRESH: ${vars.REGISTRY_CALL_BUDGET_FRESH} is above REGISTRY_CALL_BUDGET (${vars.REGISTRY_CALL_BUDGET}): fresh reads reach every registry, their budget is the stricter`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    standard: { perRequest: vars.REGISTRY_CALL_BUDGET, ratePerSecond: vars.REGISTRY_RATE_PER_SECOND, burst: vars.REGISTRY_RATE_BURST },
    fresh: {
      perRequest: vars.REGISTRY_CALL_BUDGET_FRESH,
      ratePerSecond: vars.REGISTRY_FRESH_RATE_PER_SECOND,
      burst: vars.REGISTRY_FRESH_RATE_BURST,
    },
    bulk: {
      perRequest: vars.REGISTRY_CALL_BUDGET_BULK,
      ratePerSecond: vars.REGISTRY_BULK_RATE_PER_SECOND,
      burst: vars.REGISTRY_BULK_RATE_BURST,
    },
  };
}

function readSupergraph(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError([`SUPERGRAPH_PATH: cannot read ${file} (${reason})`]);
  }
}

/** The subgraphs a supergraph routes to: the values of its join__Graph enum. */
function subgraphsOfSupergraph(sdl: string): SubgraphEndpoint[] {
  let document;
  try {
    document = parse(sdl, { noLocation: true });
  } catch (error) {
    throw new ConfigError([`SUPERGRAPH_PATH: not a GraphQL document: ${(error as Error).message}`]);
  }
  const graphs = document.definitions.find(
    (definition) => definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph',
  );
  const subgraphs: SubgraphEndpoint[] = [];
  if (graphs?.kind === Kind.ENUM_TYPE_DEFINITION) {
    for (const value of graphs.values ?? []) {
      const joinGraph = value.directives?.find((directive) => directive.name.value === 'join__graph');
      const argument = (name: string) => stringValue(joinGraph?.arguments?.find((arg) => arg.name.value === name)?.value);
      const name = argument('name');
      const url = argument('url');
      if (name && url) subgraphs.push({ name, url });
    }
  }
  if (subgraphs.length === 0) {
    throw new ConfigError(['SUPERGRAPH_PATH: the file names no subgraphs (no join__Graph enum): is it a composed supergraph?']);
  }
  return subgraphs;
}

function stringValue(node: ConstValueNode | undefined): string | undefined {
  return node?.kind === Kind.STRING ? node.value : undefined;
}
