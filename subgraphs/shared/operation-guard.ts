/**
 * Each subgraph enforces its own SDL's field requirements again, with the rights in the gateway's
 * assertion: the gateway has already removed what the caller may not read, so a field the caller
 * may not read arriving here means a bypass, a forged plan or a bug, and the whole operation is
 * refused (FORBIDDEN, 403) before any resolver or registry runs.
 *
 * Decisions are kept per query hash and rights set: the gateway sends a handful of distinct
 * subgraph operations, so the walk over the document happens once for each.
 */
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { GraphQLError, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { AuthorizationRules } from '../../platform/authorization/rules.js';
import { ErrorCode } from '../../platform/errors.js';
import type { SubgraphContext } from './request-context.js';

/** Federation's own entry points: the fields inside `_entities` are what is checked. */
const FEDERATION_ROOT_FIELDS = new Set(['_entities']);
/** Reading the schema itself needs the schema right, as at the gateway. */
const SCHEMA_FIELDS = new Set(['__schema', '__type', '_service']);

export interface OperationFields {
  /** Every field (`Type.field`) the operation selects, federation's own and `__typename` aside. */
  selected: string[];
  /** Those the caller may not read with their rights. */
  denied: string[];
}

/** The fields of `document`, and which of them the caller may not read with `rights`. */
export function operationFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  rules: AuthorizationRules,
  rights: ReadonlySet<string>,
): OperationFields {
  const rightsKey = [...rights].sort().join(',');
  const denied = new Set<string>();
  const selected = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const name = node.name.value;
        const parent = typeInfo.getParentType();
        if (!parent || name === '__typename') return;
        if (SCHEMA_FIELDS.has(name)) {
          if (!rights.has('schema:read')) denied.add(`${parent.name}.${name}`);
          return;
        }
        if (parent.name === schema.getQueryType()?.name && FEDERATION_ROOT_FIELDS.has(name)) return;
        selected.add(`${parent.name}.${name}`);
        if (!rules.allows(parent.name, name, rights, rightsKey)) denied.add(`${parent.name}.${name}`);
      },
    }),
  );
  return { selected: [...selected].sort(), denied: [...denied].sort() };
}

export function operationGuardPlugin(rules: AuthorizationRules): ApolloServerPlugin<SubgraphContext> {
  const decisions = new LRUCache<string, OperationFields>({ max: 5_000 });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext: GraphQLRequestContextDidResolveOperation<SubgraphContext>) {
          const { rights } = requestContext.contextValue.caller;
          const key = `${requestContext.queryHash}|${requestContext.operationName ?? ''}|${[...rights].sort().join(',')}`;
          let fields = decisions.get(key);
          if (fields === undefined) {
            fields = operationFields(requestContext.schema, requestContext.document, rules, rights);
            decisions.set(key, fields);
          }
          requestContext.contextValue.servedFields = fields.selected;
          const { denied } = fields;
          if (denied.length > 0) {
            requestContext.logger.warn(`operation refused: the caller may not read ${denied.join(', ')}`);
            throw new GraphQLError(`The caller may not read ${denied.join(', ')}.`, {
              extensions: { code: ErrorCode.FORBIDDEN, reason: 'FIELD_NOT_AUTHORIZED', http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}
