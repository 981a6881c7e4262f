// Types of fetcher.mjs (plain JavaScript, inlined in the GraphiQL page), for its tests.

export const INTROSPECTION_OPERATION: string;
export const PLAN_HEADER: string;
export const SIGNED_OUT_MESSAGE: string;
export const TOKEN_REFUSED_MESSAGE: string;

/** The gateway's `extensions.casegraphPlan`. */
export interface CasegraphPlan {
  queryPlan: string;
  fetches: Array<{ subgraph: string; path: string[]; entityFetch: boolean; durationMs: number }>;
  registryCalls: Array<{
    subgraph: string;
    registry: string;
    service: string;
    keys: number;
    durationMs: number;
    fromCache: 'memory' | 'redis' | null;
    xRoadId: string | null;
    outcome: 'ok' | 'failed';
  }>;
  /** The whole answer came from the gateway's response cache: no plan ran, nothing was asked. */
  fromResponseCache?: boolean;
}

export interface RecordedRequest {
  operationName: string | null;
  /** null when the request was not sent (nobody signed in). */
  status: number | null;
  durationMs: number;
  askedForPlan: boolean;
  plan: CasegraphPlan | null;
  errorCodes: string[];
  at: string;
}

export class LastRequest {
  subscribe: (listener: () => void) => () => void;
  current: () => RecordedRequest | null;
  record(request: RecordedRequest): void;
}

export interface GraphQLParams {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export type GraphQLResult = {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
};

export function createFetcher(options: {
  endpoint: string;
  accessToken: () => string | null;
  asksForPlan: () => boolean;
  onSignedOut: () => void;
  lastRequest: LastRequest;
  fetch: typeof fetch;
  now: () => number;
}): (params: GraphQLParams, options?: { headers?: Record<string, unknown> }) => Promise<GraphQLResult>;
