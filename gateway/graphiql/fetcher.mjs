// GraphiQL's fetcher: every request to the gateway carries the signed-in analyst's access token
// (`Authorization: Bearer ...`); a 401 becomes a plain "sign in again" instead of a raw error; a
// caller whose roles hold the query-plan right asks for the plan (`x-casegraph-plan: 1`), which
// the gateway returns as `extensions.casegraphPlan` and the plan panel shows (it is taken out of
// the response GraphiQL shows). The last request's outcome is kept in a small store the panel
// subscribes to.
//
// Plain JavaScript without imports or browser globals: the renderer inlines it in the page, and
// tests run it in Node.

/** GraphiQL's own schema request, which is neither shown in the panel nor asks for a plan. */
export const INTROSPECTION_OPERATION = 'IntrospectionQuery';

export const PLAN_HEADER = 'x-casegraph-plan';

export const SIGNED_OUT_MESSAGE = 'Signed out: sign in (at the top of the page) to run operations.';
export const TOKEN_REFUSED_MESSAGE = 'Signed out / token expired: the gateway no longer accepts your sign-in. Sign in again.';

/** The last operation GraphiQL ran, for the plan panel; subscribe() fits React's useSyncExternalStore. */
export class LastRequest {
  #current = null;
  #listeners = new Set();

  subscribe = (listener) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** `{ operationName, status (null: not sent), durationMs, askedForPlan, plan, errorCodes, at }` or null. */
  current = () => this.#current;

  record(request) {
    this.#current = request;
    for (const listener of this.#listeners) listener();
  }
}

const plainError = (message, code) => ({ errors: [{ message, ...(code ? { extensions: { code } } : {}) }] });

/**
 * @param options.endpoint      the gateway's GraphQL endpoint
 * @param options.accessToken   () => the signed-in token, or null
 * @param options.asksForPlan   () => whether to ask for the query plan (the caller holds the right)
 * @param options.onSignedOut   called on a 401, so the page can show the analyst is signed out
 * @param options.lastRequest   a LastRequest
 * @param options.fetch         fetch
 * @param options.now           a clock in milliseconds (performance.now)
 */
export function createFetcher({ endpoint, accessToken, asksForPlan, onSignedOut, lastRequest, fetch, now }) {
  return async function casegraphFetcher(params, options) {
    const introspection = params.operationName === INTROSPECTION_OPERATION;
    const token = accessToken();
    const askedForPlan = !introspection && asksForPlan();
    const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (askedForPlan) headers[PLAN_HEADER] = '1';
    // The headers editor's (x-case-id, cache-control, even another token) go as typed.
    for (const [name, value] of Object.entries(options?.headers ?? {})) {
      if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
    }
    const started = now();
    const record = (status, result) => {
      if (introspection) return;
      const plan = result?.extensions?.casegraphPlan ?? null;
      lastRequest.record({
        operationName: params.operationName ?? null,
        status,
        durationMs: Math.round((now() - started) * 10) / 10,
        askedForPlan,
        plan: plan && typeof plan === 'object' ? plan : null,
        errorCodes: (result?.errors ?? []).map((error) => error?.extensions?.code).filter((code) => typeof code === 'string'),
        at: new Date().toISOString(),
      });
    };

    if (!headers.authorization) {
      // Nobody signed in and no token typed in the headers: the gateway would only answer 401.
      const result = plainError(SIGNED_OUT_MESSAGE, 'UNAUTHENTICATED');
      record(null, result);
      return result;
    }

    let response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          query: params.query,
          variables: params.variables ?? undefined,
          operationName: params.operationName ?? undefined,
        }),
        credentials: 'omit',
      });
    } catch (error) {
      const result = plainError(`The gateway does not answer (${error?.message ?? 'network error'}).`);
      record(0, result);
      return result;
    }
    if (response.status === 401) {
      onSignedOut();
      const result = plainError(token ? TOKEN_REFUSED_MESSAGE : SIGNED_OUT_MESSAGE, 'UNAUTHENTICATED');
      record(401, result);
      return result;
    }
    const result = await response.json().catch(() => null);
    if (!result || typeof result !== 'object') {
      const unreadable = plainError(`The gateway answered ${response.status} without a GraphQL response.`);
      record(response.status, unreadable);
      return unreadable;
    }
    record(response.status, result);
    return withoutPlan(result);
  };
}

/** The response as GraphiQL shows it: the plan is the panel's, not the response pane's. */
function withoutPlan(result) {
  if (!result.extensions || !('casegraphPlan' in result.extensions)) return result;
  const { casegraphPlan: _plan, ...extensions } = result.extensions;
  const { extensions: _extensions, ...rest } = result;
  return Object.keys(extensions).length > 0 ? { ...rest, extensions } : rest;
}
