/**
 * The plan panel's data (GraphiQL): for a caller with the query-plan:read right (analysts,
 * integrators) who asks for it with `x-casegraph-plan: 1`, the answer carries how it was made:
 * the query plan (which subgraphs, in which order, with which entity fetches), each fetch as it
 * ran, and the registry calls and cache hits behind it. Nobody else ever gets it: Apollo's own
 * `Apollo-Query-Plan-Experimental` header is off (server.ts), and this needs the right.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { prettyFormatQueryPlan } from '@apollo/query-planner';
import type { GatewayContext } from './request-context.js';

export const QUERY_PLAN_REQUEST_HEADER = 'x-casegraph-plan';
export const QUERY_PLAN_EXTENSION = 'casegraphPlan';

export interface RegistryCallReport {
  subgraph: string;
  registry: string;
  service: string;
  keys: number;
  durationMs: number;
  /** Which cache level answered; null for a registry call (or one shared with a request in flight). */
  fromCache: 'memory' | 'redis' | null;
  xRoadId: string | null;
  outcome: 'ok' | 'failed';
}

export interface QueryPlanReport {
  queryPlan: string;
  fetches: GatewayContext['fetches'];
  registryCalls: RegistryCallReport[];
  /** The whole answer came from the gateway's response cache: no plan ran, no subgraph was asked. */
  fromResponseCache: boolean;
}

export function queryPlanReport(context: GatewayContext): QueryPlanReport {
  return {
    queryPlan: context.queryPlan ? prettyFormatQueryPlan(context.queryPlan) : '',
    fetches: context.fetches,
    // A response-cache hit asked no registry: what it holds was read by the request that filled the entry.
    registryCalls: context.registryActivity
      .filter((activity) => !activity.fromResponseCache)
      .map((activity) => ({
        subgraph: activity.subgraph,
        registry: activity.registry,
        service: activity.service,
        keys: activity.keys,
        durationMs: activity.durationMs,
        fromCache: activity.source === 'memory' || activity.source === 'redis' ? activity.source : null,
        xRoadId: activity.xRoadIds.length > 0 ? activity.xRoadIds.join(', ') : null,
        outcome: activity.outcome,
      })),
    fromResponseCache: context.queryPlan === undefined && context.fetches.length === 0,
  };
}

export const queryPlanReportPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart({ request }) {
    if (request.http?.headers.get(QUERY_PLAN_REQUEST_HEADER) !== '1') return;
    return {
      async willSendResponse({ contextValue, response }) {
        if (!contextValue.principal.rights.has('query-plan:read') || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        result.extensions = { ...result.extensions, [QUERY_PLAN_EXTENSION]: queryPlanReport(contextValue) };
      },
    };
  },
};
