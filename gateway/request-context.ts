/**
 * Who asks, about which case, under which request: the per-request context of the gateway. The
 * caller is the principal of their verified access token; the case is the one the request names
 * (`x-case-id`) or, failing that, the one application its only root fields are about. Both travel
 * to the subgraphs only inside the gateway's signed assertion, and from there to the registries as
 * X-Road-UserId and X-Road-Issue.
 */
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Kind, type OperationDefinitionNode, type ValueNode } from 'graphql';
import type { QueryPlan } from '@apollo/query-planner';
import { isApplicationId } from '../contracts/identifiers.js';
import type { RegistryActivity } from '../contracts/registry-activity.js';
import { currentTraceId } from '../platform/trace-context.js';
import type { Principal } from './authentication/principal.js';
import type { AuthorizationContext } from './authorization/authorization.js';

/** The kinds of request, each with its own budget of registry calls (registry-budget.ts). */
export type BudgetKind = 'standard' | 'fresh' | 'bulk';

/** What a request's budget is, once the gateway has admitted it; in its context. */
export interface RequestRegistryBudget {
  kind: BudgetKind;
  /** The most registry calls the request may cause. */
  limit: number;
  estimate: number;
  /** Refused before running: nothing downstream (the case check) may ask a registry. */
  refused: boolean;
  /** What the request reserved in a bucket, settled once it has run. */
  reservation: { bucketKey: string; calls: number } | null;
}

/** What the request log line reports about a request (request-log.ts); filled in as it runs. */
export interface RequestOutcome {
  operationName: string | null;
  errorCodes: string[];
}

export interface GatewayContext extends AuthorizationContext {
  requestId: string;
  /** The W3C trace id of the request's trace (platform/tracing.ts), when the process started tracing. */
  traceId?: string;
  principal: Principal;
  /** The application the request is about, or null when it is about none or several. */
  caseId: string | null;
  /** Where the case came from: the x-case-id header, or the operation's only root field. */
  caseSource: 'header' | 'operation' | null;
  /**
   * The caller wants data fresh from the registries, not from cache: a case worker about to
   * decide. Asked with `Cache-Control: no-cache` (or `max-age=0`) or `query ... @fresh`.
   */
  fresh: boolean;
  /** What the request log line reports about this request; filled in as it runs. */
  outcome: RequestOutcome;
  /** The assertion subgraph fetches carry, signed on first use (subgraph-data-source.ts). */
  assertion?: Promise<string>;
  /** What the subgraphs reported they read from the registries, in the order their answers came. */
  registryActivity: SubgraphRegistryActivity[];
  /** The fields each subgraph served (Type.field), by subgraph. */
  servedFields: Record<string, string[]>;
  /** Every subgraph fetch of the query plan, as it ran. */
  fetches: SubgraphFetch[];
  /** The query plan that ran (absent when the answer came from the response cache). */
  queryPlan?: QueryPlan;
  /** The request's budget of registry calls, once the operation is known (registry-budget.ts). */
  registryBudget?: RequestRegistryBudget;
}

export type SubgraphRegistryActivity = RegistryActivity & {
  subgraph: string;
  /** Served from the gateway's response cache: this is the activity of the request that filled the entry. */
  fromResponseCache?: boolean;
};

export interface SubgraphFetch {
  subgraph: string;
  /** Where in the response the fetch's data goes; "@" for the items of a list. */
  path: string[];
  /** A fetch of entities (`_entities`) joined onto data another fetch returned. */
  entityFetch: boolean;
  durationMs: number;
}

function singleHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Builds the context of an authenticated request. A malformed `x-case-id` is ignored, and the case is then derived from the operation. */
export function contextFromRequest(req: IncomingMessage, requestId: string, outcome: RequestOutcome, principal: Principal): GatewayContext {
  const caseHeader = singleHeader(req, 'x-case-id');
  const caseId = isApplicationId(caseHeader) ? caseHeader : null;
  // Built inside the request's server span (platform/http-server.ts), so this is its trace.
  const traceId = currentTraceId();
  return {
    requestId,
    ...(traceId ? { traceId } : {}),
    principal,
    caseId,
    caseSource: caseId ? 'header' : null,
    fresh: asksForFreshData(singleHeader(req, 'cache-control')),
    outcome,
    registryActivity: [],
    servedFields: {},
    fetches: [],
  };
}

const NO_CACHE = /(?:^|,)\s*(?:no-cache|max-age\s*=\s*0)\s*(?:,|$)/i;

/** Whether a Cache-Control request header asks for fresh data. */
export function asksForFreshData(cacheControl: string | undefined): boolean {
  return cacheControl !== undefined && NO_CACHE.test(cacheControl);
}

/**
 * The case an operation is about, when it says so unambiguously: every root field is
 * `application(id: ...)` (`__typename` aside) and they all name the same, well-formed id, given
 * literally or through a variable. Anything else - other root fields, fragments at the root,
 * several applications - is about no single case.
 */
export function caseOfOperation(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): string | null {
  if (operation.operation !== 'query') return null;
  let caseId: string | null = null;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return null;
    if (selection.name.value === '__typename') continue;
    if (selection.name.value !== 'application') return null;
    const idArgument = selection.arguments?.find((argument) => argument.name.value === 'id');
    const id = idArgument && stringArgument(idArgument.value, operation, variables);
    if (typeof id !== 'string' || (caseId !== null && id !== caseId)) return null;
    caseId = id;
  }
  return isApplicationId(caseId) ? caseId : null;
}

function stringArgument(
  value: ValueNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): unknown {
  if (value.kind === Kind.STRING) return value.value;
  if (value.kind !== Kind.VARIABLE) return undefined;
  const name = value.name.value;
  if (variables && name in variables) return variables[name];
  const fallback = operation.variableDefinitions?.find((definition) => definition.variable.name.value === name)?.defaultValue;
  return fallback?.kind === Kind.STRING ? fallback.value : undefined;
}

const deriveFromOperation: GraphQLRequestListener<GatewayContext> = {
  async didResolveOperation({ contextValue, operation, request }) {
    if (!operation) return;
    if (contextValue.caseId === null) {
      contextValue.caseId = caseOfOperation(operation, request.variables);
      if (contextValue.caseId) contextValue.caseSource = 'operation';
    }
    if (operation.directives?.some((directive) => directive.name.value === 'fresh')) {
      contextValue.fresh = true;
    }
  },
};

/**
 * Derives the case and a fresh-data request (`@fresh`) once per request, after Apollo has
 * parsed, validated and picked the operation and before the query plan runs, so every subgraph
 * fetch carries the same case and the same freshness.
 */
export const operationContextPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return deriveFromOperation;
  },
};
