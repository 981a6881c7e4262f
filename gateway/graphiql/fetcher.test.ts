import { describe, expect, it, vi } from 'vitest';
import { createFetcher, LastRequest, SIGNED_OUT_MESSAGE, TOKEN_REFUSED_MESSAGE, type CasegraphPlan } from './fetcher.mjs';

const PLAN: CasegraphPlan = {
  queryPlan: 'QueryPlan {\n  Fetch(service: "applications") {\n    {\n      application(id: $id) {\n        id\n      }\n    }\n  },\n}',
  fetches: [{ subgraph: 'applications', path: [], entityFetch: false, durationMs: 4.2 }],
  registryCalls: [],
};

function setUp({ token = 'the-token' as string | null, plan = false, answer = () => Response.json({ data: { a: 1 } }) } = {}) {
  const requests: Array<{ url: string; headers: Record<string, string>; body: unknown }> = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    requests.push({ url, headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) });
    return answer();
  });
  const lastRequest = new LastRequest();
  const onSignedOut = vi.fn();
  let clock = 0;
  const fetcher = createFetcher({
    endpoint: '/graphql',
    accessToken: () => token,
    asksForPlan: () => plan,
    onSignedOut,
    lastRequest,
    fetch: fetch as unknown as typeof globalThis.fetch,
    now: () => (clock += 5),
  });
  return { fetcher, requests, lastRequest, onSignedOut, fetch };
}

describe("GraphiQL's fetcher", () => {
  it('sends the signed-in token with every request, and the headers editor’s headers as typed', async () => {
    const { fetcher, requests } = setUp();
    const result = await fetcher(
      { query: 'query A { a }', operationName: 'A', variables: { id: 'APP-0000001' } },
      { headers: { 'X-Case-Id': 'APP-0000001' } },
    );
    expect(result).toEqual({ data: { a: 1 } });
    expect(requests).toEqual([
      {
        url: '/graphql',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          authorization: 'Bearer the-token',
          'x-case-id': 'APP-0000001',
        },
        body: { query: 'query A { a }', operationName: 'A', variables: { id: 'APP-0000001' } },
      },
    ]);
  });

  it('lets a token typed in the headers editor stand in for the signed-in one', async () => {
    const { fetcher, requests } = setUp({ token: null });
    await fetcher({ query: '{ a }' }, { headers: { Authorization: 'Bearer typed' } });
    expect(requests[0]!.headers.authorization).toBe('Bearer typed');
  });

  it('asks for the plan only for a caller with the right, and never for the schema', async () => {
    const withRight = setUp({ plan: true });
    await withRight.fetcher({ query: '{ a }', operationName: 'A' });
    await withRight.fetcher({ query: '{ __schema { types { name } } }', operationName: 'IntrospectionQuery' });
    expect(withRight.requests.map((request) => request.headers['x-casegraph-plan'])).toEqual(['1', undefined]);
    const without = setUp({ plan: false });
    await without.fetcher({ query: '{ a }', operationName: 'A' });
    expect(without.requests[0]!.headers).not.toHaveProperty('x-casegraph-plan');
  });

  it('gives the plan to the panel and the rest of the response to GraphiQL', async () => {
    const { fetcher, lastRequest } = setUp({
      plan: true,
      answer: () => Response.json({ data: { a: 1 }, extensions: { casegraphPlan: PLAN } }),
    });
    const listener = vi.fn();
    lastRequest.subscribe(listener);
    expect(await fetcher({ query: 'query A { a }', operationName: 'A' })).toEqual({ data: { a: 1 } });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(lastRequest.current()).toEqual({
      operationName: 'A',
      status: 200,
      durationMs: 5,
      askedForPlan: true,
      plan: PLAN,
      errorCodes: [],
      at: expect.any(String),
    });
    // Other extensions stay in the response.
    const other = setUp({ plan: true, answer: () => Response.json({ data: null, extensions: { casegraphPlan: PLAN, other: 1 } }) });
    expect(await other.fetcher({ query: '{ a }' })).toEqual({ data: null, extensions: { other: 1 } });
  });

  it('keeps the schema request out of the panel', async () => {
    const { fetcher, lastRequest } = setUp();
    await fetcher({ query: '{ __schema { types { name } } }', operationName: 'IntrospectionQuery' });
    expect(lastRequest.current()).toBeNull();
  });

  it('turns a 401 into "sign in again", and tells the page', async () => {
    const { fetcher, onSignedOut, lastRequest } = setUp({
      answer: () =>
        Response.json({ errors: [{ message: 'Sign in: send an access token', extensions: { code: 'UNAUTHENTICATED' } }] }, { status: 401 }),
    });
    expect(await fetcher({ query: '{ a }', operationName: 'A' })).toEqual({
      errors: [{ message: TOKEN_REFUSED_MESSAGE, extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(TOKEN_REFUSED_MESSAGE).toMatch(/Signed out \/ token expired: .* Sign in again\./);
    expect(onSignedOut).toHaveBeenCalledTimes(1);
    expect(lastRequest.current()).toMatchObject({ status: 401, errorCodes: ['UNAUTHENTICATED'], plan: null });
  });

  it('does not bother the gateway when nobody is signed in', async () => {
    const { fetcher, fetch, lastRequest } = setUp({ token: null });
    expect(await fetcher({ query: '{ a }', operationName: 'A' })).toEqual({
      errors: [{ message: SIGNED_OUT_MESSAGE, extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(fetch).not.toHaveBeenCalled();
    expect(lastRequest.current()).toMatchObject({ status: null, operationName: 'A' });
  });

  it('says so when the gateway does not answer, or not with GraphQL', async () => {
    const down = setUp({ answer: () => Promise.reject(new TypeError('Failed to fetch')) as never });
    expect(await down.fetcher({ query: '{ a }' })).toEqual({ errors: [{ message: 'The gateway does not answer (Failed to fetch).' }] });
    const html = setUp({ answer: () => new Response('<html>502</html>', { status: 502 }) });
    expect(await html.fetcher({ query: '{ a }' })).toEqual({
      errors: [{ message: 'The gateway answered 502 without a GraphQL response.' }],
    });
  });
});
