/**
 * GraphQL-over-HTTP conformance: graphql-http's server audit against the gateway, signed in as an
 * analyst (the audit asks `__type`, which needs the schema right). Every MUST and SHOULD passes.
 *
 * Deliberate deviations, all at MAY level or outside the audit:
 * - GET needs a Content-Type of application/json (CSRF prevention), so the audit's bare GETs
 *   (5A70, D6D5, 6A70, all MAY) are refused with 400 BAD_REQUEST.
 * - A client that names application/json (and not application/graphql-response+json) gets 200
 *   for a well-formed request's GraphQL errors, as the spec asks; one that sends no Accept or a
 *   wildcard gets the 4xx that application/graphql-response+json gets, so every mistake shows in
 *   the status for monitoring and proxies.
 */
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../graph-harness.js';

let graph: TestGraph;
let authorization: Record<string, string>;
beforeAll(async () => {
  graph = await startTestGraph();
  authorization = await graph.as('antti.heikkinen');
});
afterAll(() => graph?.close());

/** fetch with the analyst's token added to whatever the audit sends. */
const signedInFetch = (input: string | URL | Request, init: RequestInit = {}) =>
  fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers).entries()), ...authorization } });

describe('the graphql-http server audit', () => {
  it('passes every MUST and SHOULD audit', async () => {
    const audits = serverAudits({ url: () => `${graph.gatewayUrl}/graphql`, fetchFn: signedInFetch });
    const results = await Promise.all(audits.map((audit) => audit.fn()));
    const failures = await Promise.all(
      results
        .filter((result) => result.status !== 'ok' && !result.name.startsWith('MAY'))
        .map(
          async (result) =>
            `${result.id} ${result.name}: ${result.status === 'ok' ? '' : `${result.reason} (HTTP ${result.response.status}) ${await result.response.text()}`}`,
        ),
    );
    expect(failures).toEqual([]);
    // The MAYs it does not meet are the deliberate ones above.
    const mayNotMet = results.filter((result) => result.status !== 'ok').map((result) => result.id);
    expect(mayNotMet.sort()).toEqual(['5A70', '6A70', 'D6D5']);
  });
});
