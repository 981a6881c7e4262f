/**
 * The one registry of error codes a client of casegraph can see.
 *
 * Every GraphQL error leaving a subgraph or the gateway carries `extensions.code` from this
 * table. Anything else (a bug, a library error, a stack trace) is masked to INTERNAL_SERVER_ERROR
 * by `maskError` before it leaves the process, so that no personal data or internals leak
 * through error messages.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export const ErrorCode = {
  /** The HTTP request itself was unusable: not JSON, too large, wrong method. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** No such route. */
  NOT_FOUND: 'NOT_FOUND',
  /** The request's headers or body did not arrive in time (a stalled or very slow client): HTTP 408. */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** The process is stopping and takes no new requests: HTTP 503 with Retry-After; retry (another instance answers). */
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  /** The caller sent something invalid: a malformed identifier, a bad argument. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The query could not be parsed or validated against the schema. */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /** The document has several operations and operationName names none of them (or none was named). */
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  /** The query is too deep, too costly or too large, or may cause more registry calls than a request may (gateway limits). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** A documentId (or persisted query hash) that names no trusted document. */
  PERSISTED_DOCUMENT_NOT_FOUND: 'PERSISTED_DOCUMENT_NOT_FOUND',
  /** Only trusted documents run for this caller (TRUSTED_DOCUMENTS=enforce): send a documentId. */
  PERSISTED_DOCUMENT_REQUIRED: 'PERSISTED_DOCUMENT_REQUIRED',
  /**
   * The caller has made too many registry calls lately (their rate budget, or for bulk checks the
   * service's): HTTP 429 with Retry-After, in seconds; `extensions.retryAfterSeconds` says the same.
   */
  RATE_LIMITED: 'RATE_LIMITED',
  /** No access token, or one that is not valid: HTTP 401 with WWW-Authenticate. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The identity provider's keys could not be had, so no token can be checked: HTTP 503, retry. */
  AUTHENTICATION_UNAVAILABLE: 'AUTHENTICATION_UNAVAILABLE',
  /** The caller may not do this, or read outside their cases; `extensions.reason` says why. */
  FORBIDDEN: 'FORBIDDEN',
  /** A field the caller may not read: answered null at its path (or the whole operation refused). */
  UNAUTHORIZED_FIELD_OR_TYPE: 'UNAUTHORIZED_FIELD_OR_TYPE',
  /** A registry could not be reached, was down, or X-Road could not route to it. */
  REGISTRY_UNAVAILABLE: 'REGISTRY_UNAVAILABLE',
  /** A registry did not answer in time. */
  REGISTRY_TIMEOUT: 'REGISTRY_TIMEOUT',
  /** X-Road refused casegraph access to a registry service. */
  REGISTRY_ACCESS_DENIED: 'REGISTRY_ACCESS_DENIED',
  /** A registry answered with an error of its own, or with something we cannot read. */
  REGISTRY_ERROR: 'REGISTRY_ERROR',
  /** A registry's circuit is open after repeated failures: we fail fast instead of queueing. */
  REGISTRY_CIRCUIT_OPEN: 'REGISTRY_CIRCUIT_OPEN',
  /** A subgraph could not be reached by the gateway. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  /** The audit trail could not be written, so the answer (personal data) is withheld: HTTP 503, retry. */
  AUDIT_UNAVAILABLE: 'AUDIT_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));
/** Codes Apollo Server itself produces for client mistakes; they are safe to pass through. */
const APOLLO_CLIENT_CODES = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

export function badUserInput(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extra } });
}

/**
 * The formatError hook for Apollo Server: errors with a code from the registry (or Apollo's
 * own client-error codes) pass with their message and extensions; anything else becomes a
 * plain INTERNAL_SERVER_ERROR. Stack traces never leave the process.
 */
export function maskError(formatted: GraphQLFormattedError, _original?: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  // serviceName (which subgraph failed) is an internal name: it goes to the log, never to a client.
  const { stacktrace: _stacktrace, exception: _exception, serviceName: _serviceName, ...extensions } = formatted.extensions ?? {};
  if (typeof code === 'string' && (KNOWN_CODES.has(code) || APOLLO_CLIENT_CODES.has(code))) {
    if (code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      return { ...formatted, extensions };
    }
  }
  return {
    message: 'Internal server error',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
