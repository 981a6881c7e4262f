/**
 * Field authorization at the gateway, around Apollo Gateway's planner:
 *
 * - once Apollo has parsed, validated and picked the operation, the plugin filters it for the
 *   caller's rights (operation-filter.ts; kept per query hash and rights set);
 * - an operation left with nothing, or (in reject mode) one asking for anything the caller may not
 *   read, is refused with HTTP 403 and an UNAUTHORIZED_FIELD_OR_TYPE error per field;
 * - AuthorizingGateway plans and runs the filtered document under its own query hash, so the
 *   query-plan cache is keyed by what the caller may see, and puts null where fields were removed;
 * - the errors for removed fields are added to the answer last, after the response cache had its
 *   look, so a cached answer and a fresh one say the same.
 */
import { HeaderMap, type ApolloServerPlugin, type BaseContext, type GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError, Kind, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { AuthorizationRules } from '../../platform/authorization/rules.js';
import { ErrorCode } from '../../platform/errors.js';
import type { Principal } from '../authentication/principal.js';
import { applyRemovals, filterOperation, type FilteredOperation, type RemovedField } from './operation-filter.js';

export type AuthorizationMode = 'filter' | 'reject';

/** What the authorization of a request decided; kept on its context. */
export interface AuthorizedOperation {
  filtered: FilteredOperation;
  /** Refused as a whole: nothing left, or reject mode with something removed. */
  refused: boolean;
}

/** The part of the gateway's request context authorization reads and writes. */
export interface AuthorizationContext extends BaseContext {
  principal: Principal;
  authorization?: AuthorizedOperation;
  /** Errors the execution itself returned (not authorization's), for the response cache. */
  executionErrorCount?: number;
}

function errorFor(removed: RemovedField): GraphQLFormattedError {
  return {
    message: `Not authorized to read ${removed.coordinate}: it needs ${removed.needs}.`,
    path: [...removed.path],
    extensions: { code: ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE },
  };
}

export class OperationAuthorizer {
  private readonly decisions = new LRUCache<string, AuthorizedOperation>({ max: 10_000 });

  constructor(
    private readonly rules: AuthorizationRules,
    readonly mode: AuthorizationMode,
  ) {}

  authorize(requestContext: GraphQLRequestContextDidResolveOperation<AuthorizationContext>): AuthorizedOperation {
    const { principal } = requestContext.contextValue;
    const key = `${requestContext.queryHash}\u0000${requestContext.operationName ?? ''}\u0000${principal.rightsKey}`;
    let decision = this.decisions.get(key);
    if (!decision) {
      const filtered = filterOperation(
        requestContext.schema,
        requestContext.document,
        requestContext.operation!,
        this.rules,
        principal.rights,
      );
      const refused = filtered.document === null || (this.mode === 'reject' && filtered.removed.length > 0);
      decision = { filtered, refused };
      this.decisions.set(key, decision);
    }
    return decision;
  }

  plugin(): ApolloServerPlugin<AuthorizationContext> {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async (requestContext) => {
          // Nothing can be authorized (or planned) without an operation: a client mistake, 400.
          if (!requestContext.operation) {
            throw new GraphQLError(
              requestContext.request.operationName
                ? 'The document has no operation of the name given in operationName.'
                : 'The document has several operations: name the one to run in operationName.',
              { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
            );
          }
          requestContext.contextValue.authorization = this.authorize(requestContext);
        },
        responseForOperation: async ({ contextValue }) => {
          const decision = contextValue.authorization;
          if (!decision?.refused) return null;
          const errors = decision.filtered.removed.map(errorFor);
          return {
            http: { status: 403, headers: new HeaderMap() },
            body: {
              kind: 'single',
              singleResult: {
                errors:
                  errors.length > 0
                    ? errors
                    : [
                        {
                          message: 'Nothing in this operation is readable by the caller.',
                          extensions: { code: ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE },
                        },
                      ],
              },
            },
          };
        },
        willSendResponse: async ({ contextValue, response }) => {
          const decision = contextValue.authorization;
          if (!decision || decision.refused || decision.filtered.removed.length === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.errors = [...decision.filtered.removed.map(errorFor), ...(result.errors ?? [])];
        },
      }),
    };
  }
}

/**
 * Apollo Gateway behind the authorizer: the executor plans and runs the filtered document under its
 * own hash, and puts null where fields were removed. A request that reaches it without a decision
 * is refused: authorization is never skipped by accident. Only the benchmark's security-off gateway
 * (server.ts, CallerSecurityOffForBenchmark) runs documents as they came, `unauthorized`.
 */
export class AuthorizingGateway implements GatewayInterface {
  constructor(
    private readonly inner: GatewayInterface,
    private readonly unauthorized = false,
  ) {}

  onSchemaLoadOrUpdate(callback: Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0]) {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  async load(options: Parameters<GatewayInterface['load']>[0]) {
    const loaded = await this.inner.load(options);
    const executor = loaded.executor;
    if (!executor) return loaded;
    return { ...loaded, executor: (requestContext: GatewayGraphQLRequestContext) => this.execute(executor, requestContext) };
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  private async execute(executor: GatewayExecutor, requestContext: GatewayGraphQLRequestContext) {
    const context = requestContext.context as AuthorizationContext;
    if (this.unauthorized) {
      const result = await executor(requestContext);
      context.executionErrorCount = result.errors?.length ?? 0;
      return result;
    }
    const decision = context.authorization;
    if (!decision || decision.refused || !decision.filtered.document) {
      return {
        errors: [{ message: 'The operation was not authorized.', extensions: { code: ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE } }],
      } as never;
    }
    const { filtered } = decision;
    // A removed non-null field nulls the whole answer: nothing is run, nothing asked.
    if (filtered.nullsEverything) {
      context.executionErrorCount = 0;
      return { data: null };
    }
    const operation = filtered.document!.definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    )!;
    const result = await executor({ ...requestContext, document: filtered.document!, queryHash: filtered.queryHash, operation });
    context.executionErrorCount = result.errors?.length ?? 0;
    if (filtered.removed.length > 0 || filtered.hasPlaceholders) {
      return { ...result, data: applyRemovals(result.data, filtered) };
    }
    return result;
  }
}
