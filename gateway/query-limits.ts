/**
 * Limits on what one operation may ask, and the error code a refused operation carries:
 * QUERY_TOO_COMPLEX.
 *
 * Depth, aliases, directives and cost are graphql-armor's validation rules (see how its
 * ApolloArmor plugs into Apollo Server 5). Armor reports a rejection on the validation context;
 * Apollo then wraps every validation error in its own ValidationError, whose code
 * GRAPHQL_VALIDATION_FAILED replaces any code the rule gave. So the rules here report a
 * QueryLimitError, and `formatGatewayError` recognises it inside Apollo's wrapper. The token
 * limit is graphql-js's own, counted while Apollo parses. A string literal's length is a rule of
 * ours (a variable's is checked on the raw request, platform/http-server.ts). Apollo caches a
 * document once it has parsed and validated it, so a repeated operation does not pay for these
 * checks again.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ASTVisitor, type GraphQLFormattedError, type ValidationContext } from 'graphql';
import { ErrorCode, maskError } from '../platform/errors.js';
import type { QueryLimits } from './config.js';
import { documentRuleCode } from './document-rules.js';

/** An operation refused by a query limit. */
class QueryLimitError extends GraphQLError {}

function reportQueryLimit(context: ValidationContext | null, rejection: GraphQLError): void {
  // Armor words every rejection as a "Syntax Error: ", which it is not.
  const message = rejection.message.replace(/^Syntax Error: /, '');
  context?.reportError(new QueryLimitError(message));
}

/** graphql-js's own message when parse() stops at `maxTokens` (16.x words it "more that"). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\./;

/**
 * The Apollo Server options that enforce `limits`. Armor's two protections that work as Apollo
 * plugins rather than validation rules are off (see below), so its validation rules are all it
 * contributes.
 */
export function queryLimitOptions(limits: QueryLimits) {
  const reporting = { propagateOnRejection: false, onReject: [reportQueryLimit] };
  const { validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ...reporting },
    maxAliases: { n: limits.maxAliases, ...reporting },
    maxDirectives: { n: limits.maxDirectives, ...reporting },
    costLimit: { maxCost: limits.maxCost, ...reporting },
    // graphql-js counts tokens while it parses (parseOptions.maxTokens below). Armor's Apollo
    // token plugin would parse every new document a second time, and its rejection escapes
    // Apollo Server 5's pipeline as an unexpected error, answered with HTTP 500.
    maxTokens: { enabled: false },
    // Apollo's hideSchemaDetailsFromClientErrors (set where introspection is off) strips every
    // "Did you mean ...?"; armor's pattern misses enum value and inline fragment suggestions.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { validationRules: [...validationRules, stringLengthRule(limits.maxStringLength)], parseOptions: { maxTokens: limits.maxTokens } };
}

/** Refuses a string literal (block strings too) longer than `max` characters; the document is one token either way. */
function stringLengthRule(max: number) {
  return (context: ValidationContext): ASTVisitor => ({
    StringValue(node) {
      if (node.value.length > max) {
        reportQueryLimit(
          context,
          new GraphQLError(`A string literal of ${node.value.length} characters; a string may have at most ${max}.`),
        );
      }
    },
  });
}

/**
 * The message for a client whose operation a query limit refused, or null when `error` (Apollo's
 * wrapper around a parse or validation error) is not such a refusal. Duck-typed rather than
 * `instanceof GraphQLError`: graphql can be loaded twice (its CommonJS build for Apollo, its ES
 * module build where a bundler or test runner resolves `module`).
 */
function queryLimitRefusal(error: unknown): string | null {
  const cause = (error as { originalError?: unknown } | null)?.originalError;
  if (cause instanceof QueryLimitError) return cause.message;
  const tokens = cause instanceof Error ? TOKEN_LIMIT_MESSAGE.exec(cause.message) : null;
  return tokens ? `Token limit of ${tokens[1]} exceeded.` : null;
}

/**
 * The gateway's formatError: query-limit refusals become QUERY_TOO_COMPLEX, then `maskError`
 * lets registered codes through and masks everything else.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const refusal = queryLimitRefusal(error);
  if (refusal !== null) {
    return maskError({ ...formatted, message: refusal, extensions: { ...formatted.extensions, code: ErrorCode.QUERY_TOO_COMPLEX } }, error);
  }
  const ruleCode = documentRuleCode(error);
  if (ruleCode !== null) return maskError({ ...formatted, extensions: { ...formatted.extensions, code: ruleCode } }, error);
  if (formatted.extensions?.code === ErrorCode.BAD_REQUEST && formatted.message.includes('Cross-Site Request Forgery')) {
    // Apollo's wording names its own headers; the client needs to know only what to send.
    return maskError({ ...formatted, message: CSRF_REFUSAL }, error);
  }
  return maskError(formatted, error);
}

/** What a request refused by CSRF prevention is told: a browser's simple request cannot do this. */
const CSRF_REFUSAL = 'Refused as a possible cross-site request forgery: send the request with Content-Type: application/json (a GET too).';
