/**
 * The Date and DateTime scalars declared in common.graphql. Values are ISO strings end to end;
 * input is checked so a malformed date is BAD_USER_INPUT, not a registry miss.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode } from '../../platform/errors.js';
import { isoDate } from '../../contracts/identifiers.js';

function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

function parseDate(value: unknown): string {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const date = match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  if (!date) throw invalid('A Date is written YYYY-MM-DD and must exist');
  return date;
}

function parseDateTime(value: unknown): string {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    throw invalid('A DateTime is written in ISO 8601 with a time zone, e.g. 2026-10-01T09:51:00Z');
  }
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
