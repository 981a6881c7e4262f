/**
 * The Date and DateTime scalars declared in common.graphql. Values are ISO strings end to end;
 * input is checked so a malformed date is BAD_USER_INPUT, not a registry miss.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode } from '../../platform/errors.js';
import { DATE_PROBLEM, DATE_TIME_PROBLEM, isIsoDateTime, parseIsoDate } from '../../contracts/date-scalars.js';

function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

function parseDate(value: unknown): string {
  const date = parseIsoDate(value);
  if (!date) throw invalid(DATE_PROBLEM);
  return date;
}

function parseDateTime(value: unknown): string {
  if (!isIsoDateTime(value)) throw invalid(DATE_TIME_PROBLEM);
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value.toISOString() : value),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
