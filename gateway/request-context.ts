/**
 * Who asks, about which case, under which request: the per-request context the gateway passes
 * to every subgraph fetch (see ForwardedHeader in subgraphs/shared/request-context.ts). The subgraphs turn
 * the user and the case into X-Road-UserId and X-Road-Issue, which is how a registry's query log
 * shows, per end user, who viewed whose data and why.
 */
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { isApplicationId, isUserId } from '../contracts/identifiers.js';
import { ErrorCode } from '../platform/errors.js';

/** What the request log line reports about a request (request-log.ts); filled in as it runs. */
export interface RequestOutcome {
  operationName: string | null;
  errorCodes: string[];
}

export type GatewayContext = {
  requestId: string;
  /** The caller, or null when the request names none. */
  userId: string | null;
  /** The application the request is about, or null when it is about none or several. */
  caseId: string | null;
  /**
   * The caller wants data fresh from the registries, not from cache: a case worker about to
   * decide. Asked with `Cache-Control: no-cache` (or `max-age=0`) or `query ... @fresh`.
   */
  fresh: boolean;
  /** What the request log line reports about this request; filled in as it runs. */
  outcome: RequestOutcome;
};

function singleHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Builds the context from the request's headers. A malformed `x-user-id` is refused rather than
 * dropped, so that a client bug cannot turn into registry queries without a user. A malformed
 * `x-case-id` is ignored, and the case is then derived from the operation (see caseOfOperation).
 */
export function contextFromRequest(req: IncomingMessage, requestId: string, outcome: RequestOutcome): GatewayContext {
  const userId = singleHeader(req, 'x-user-id');
  // A development stand-in for authentication: until the security work puts a verified identity
  // here, the caller names themselves in `x-user-id`. The shape check keeps header injection and
  // garbage out of X-Road-UserId and the registries' logs; it proves nothing about who the caller is.
  if (userId !== undefined && !isUserId(userId)) {
    outcome.errorCodes.push(ErrorCode.UNAUTHENTICATED);
    throw new GraphQLError('The x-user-id header is not a valid user id.', {
      extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
    });
  }
  const caseHeader = singleHeader(req, 'x-case-id');
  return {
    requestId,
    userId: userId ?? null,
    caseId: isApplicationId(caseHeader) ? caseHeader : null,
    fresh: asksForFreshData(singleHeader(req, 'cache-control')),
    outcome,
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
