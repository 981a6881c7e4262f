/**
 * A case named by the caller (`x-case-id`) is checked before anything else runs: the request's
 * registry calls will carry it as X-Road-Issue, so it must be a case the caller may read. The
 * subgraph that serves the case register answers that as the caller (their assertion, its purpose
 * binding), and the verdict is kept for as long as the case register's answers are. A case derived
 * from the operation itself (its only root field is `application(id:)`) needs no such check: the
 * subgraph refuses that application when it resolves it, before any other registry is asked.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { REGISTRIES } from '../contracts/registry-catalogue.js';
import { ErrorCode } from '../platform/errors.js';
import type { GatewayAssertions } from '../platform/gateway-assertion.js';
import type { GatewayContext } from './request-context.js';
import type { SubgraphDataSource } from './subgraph-data-source.js';

const CASE_QUERY = 'query CaseAccess($id: ID!) { application(id: $id) { id } }';

type Verdict = { ok: true } | { ok: false; status: number; code: string; reason: string | null; message: string };

export function caseAccessPlugin(
  subgraphs: ReadonlyMap<string, SubgraphDataSource>,
  assertions: GatewayAssertions,
): ApolloServerPlugin<GatewayContext> {
  const caseRegister = subgraphs.get(REGISTRIES.caseRegister.subgraph);
  const verdicts = new LRUCache<string, Verdict>({ max: 10_000, ttl: REGISTRIES.caseRegister.cacheTtlSeconds * 1000 });

  async function verdictFor(context: GatewayContext, caseId: string): Promise<Verdict> {
    if (!caseRegister)
      return {
        ok: false,
        status: 503,
        code: ErrorCode.SUBGRAPH_UNAVAILABLE,
        reason: null,
        message: 'The case register cannot be reached.',
      };
    const assertion = await (context.assertion ??= assertions.assertionFor(context.principal, caseId));
    const answer = await caseRegister.query(CASE_QUERY, { id: caseId }, assertion, context);
    if (answer === null) {
      return {
        ok: false,
        status: 503,
        code: ErrorCode.SUBGRAPH_UNAVAILABLE,
        reason: null,
        message: 'The case cannot be checked right now; try again shortly.',
      };
    }
    const refusal = answer.errors?.find((error) => error.extensions?.code === ErrorCode.FORBIDDEN);
    if (refusal) {
      return {
        ok: false,
        status: 403,
        code: ErrorCode.FORBIDDEN,
        reason: String(refusal.extensions?.reason ?? ''),
        message: refusal.message,
      };
    }
    const application = (answer.data as { application?: unknown } | null | undefined)?.application;
    if (application) return { ok: true };
    if (answer.errors?.length) {
      return {
        ok: false,
        status: 503,
        code: ErrorCode.SUBGRAPH_UNAVAILABLE,
        reason: null,
        message: 'The case cannot be checked right now; try again shortly.',
      };
    }
    return {
      ok: false,
      status: 403,
      code: ErrorCode.FORBIDDEN,
      reason: 'UNKNOWN_CASE',
      message: 'The case the request names does not exist.',
    };
  }

  return {
    async requestDidStart({ contextValue }) {
      // Only a case the caller named in x-case-id is checked here (one named by the operation is the
      // subgraphs' to check): other requests get no listener, and pay for no hook.
      const caseId = contextValue.caseSource === 'header' ? contextValue.caseId : null;
      if (caseId === null) return;
      return {
        async didResolveOperation({ contextValue }) {
          // After field authorization (registered before this plugin, it decides synchronously): an
          // operation it refuses asks nobody, the case register included.
          if (!contextValue.authorization) throw new Error('the case was to be checked before field authorization');
          if (contextValue.authorization.refused) return;
          // Refused over its registry budget (registry-budget.ts, registered before this): no registry is asked.
          if (contextValue.registryBudget?.refused) return;
          const { principal } = contextValue;
          const key = `${principal.userId}\u0000${principal.rightsKey}\u0000${principal.unit ?? ''}\u0000${caseId}`;
          let verdict = verdicts.get(key);
          if (!verdict) {
            verdict = await verdictFor(contextValue, caseId);
            // Only what the case register said is kept; a failure to ask it is tried again next time.
            if (verdict.ok || verdict.status === 403) verdicts.set(key, verdict);
          }
          if (!verdict.ok) {
            throw new GraphQLError(verdict.message, {
              extensions: { code: verdict.code, ...(verdict.reason ? { reason: verdict.reason } : {}), http: { status: verdict.status } },
            });
          }
        },
      };
    },
  };
}
