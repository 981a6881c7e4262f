/**
 * Validation rules the gateway adds to graphql-js's, for mistakes its supergraph schema alone
 * would let through to a subgraph (or to a confusing refusal):
 *
 * - an operation type the graph does not have (`mutation { ... }`, `subscription { ... }`):
 *   graphql-js 16 validates their fields against no type at all;
 * - a malformed Date or DateTime literal: the gateway's copy of a custom scalar accepts anything,
 *   so the subgraph refused it as GRAPHQL_VALIDATION_FAILED with neither path nor argument.
 *
 * A Date refusal carries BAD_USER_INPUT, as a malformed Date variable does; `documentRuleCode`
 * recovers it from Apollo's ValidationError wrapper.
 */
import {
  GraphQLError,
  getNullableType,
  isScalarType,
  Kind,
  type ASTVisitor,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { DATE_PROBLEM, DATE_TIME_PROBLEM, isIsoDateTime, parseIsoDate } from '../contracts/date-scalars.js';
import { ErrorCode } from '../platform/errors.js';

const operationTypeExists: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation))
      context.reportError(new GraphQLError(`This graph has no ${node.operation} operations; it answers queries.`, { nodes: node }));
  },
});

const DATE_SCALARS: Record<string, { problem: string; valid: (value: string) => boolean }> = {
  Date: { problem: DATE_PROBLEM, valid: (value) => parseIsoDate(value) !== null },
  DateTime: { problem: DATE_TIME_PROBLEM, valid: isIsoDateTime },
};

/** A refusal of a literal by a scalar's rules: BAD_USER_INPUT, as for a variable. */
class ScalarLiteralError extends GraphQLError {}

function checkDateLiteral(context: ValidationContext, node: ValueNode): void {
  const type = getNullableType(context.getInputType());
  if (!type || !isScalarType(type)) return;
  const scalar = DATE_SCALARS[type.name];
  if (!scalar || node.kind === Kind.VARIABLE || node.kind === Kind.NULL) return;
  if (node.kind === Kind.STRING && scalar.valid(node.value)) return;
  const argument = context.getArgument()?.name;
  context.reportError(
    new ScalarLiteralError(`${argument ? `Argument "${argument}": ` : ''}${scalar.problem}.`, {
      nodes: node,
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    }),
  );
}

const dateLiterals: ValidationRule = (context): ASTVisitor => {
  const check = (node: ValueNode) => checkDateLiteral(context, node);
  return {
    StringValue: check,
    IntValue: check,
    FloatValue: check,
    BooleanValue: check,
    EnumValue: check,
    ListValue: check,
    ObjectValue: check,
  };
};

export const documentRules: ValidationRule[] = [operationTypeExists, dateLiterals];

/**
 * The code a refusal by one of these rules carries, or null. Duck-typed through Apollo's wrapper,
 * as query-limits.ts does (graphql can be loaded twice).
 */
export function documentRuleCode(error: unknown): string | null {
  const cause = (error as { originalError?: unknown } | null)?.originalError;
  return cause instanceof ScalarLiteralError ? ErrorCode.BAD_USER_INPUT : null;
}
