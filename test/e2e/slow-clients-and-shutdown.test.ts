/**
 * The gateway's HTTP edge under slow clients and on shutdown:
 *
 * - a client trickling its headers a byte at a time (slowloris), or stalling its body, is cut off
 *   with 408 REQUEST_TIMEOUT once HEADERS_TIMEOUT_MS / REQUEST_TIMEOUT_MS run out, and holds
 *   nothing up meanwhile;
 * - a drain (what SIGTERM runs: RunningGateway.close(); the last test sends the signal to a gateway
 *   process) under concurrent load from keep-alive clients resets no connection: every request
 *   gets its full answer, or a 503 SHUTTING_DOWN with Retry-After, or (once the gateway stopped
 *   listening) a refused connection, never ECONNRESET.
 */
import net from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphUrlVariable } from '../../gateway/config.js';
import { startTestGraph, type TestGraph } from '../graph-harness.js';
import { startServiceProcess } from '../service-process.js';

const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph({
    gatewayEnv: { HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
  });
});
afterAll(() => graph?.close());

/** Opens a raw connection to the gateway and writes `head`, then `trickle` one byte every `everyMs`. */
function slowClient(url: string, head: string, trickle: string, everyMs: number) {
  const { port } = new URL(url);
  const socket = net.connect(Number(port), '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => undefined);
  const startedAt = performance.now();
  socket.write(head);
  let sent = 0;
  const timer = setInterval(() => {
    if (sent < trickle.length && !socket.destroyed) socket.write(trickle[sent++]!);
  }, everyMs);
  const closed = new Promise<{ afterMs: number; received: string }>((resolve) =>
    socket.once('close', () => {
      clearInterval(timer);
      resolve({ afterMs: performance.now() - startedAt, received });
    }),
  );
  return { closed, stop: () => socket.destroy() };
}

describe('slow clients', () => {
  it('cuts off headers sent a byte at a time, with 408 REQUEST_TIMEOUT, and serves others meanwhile', async () => {
    const slow = slowClient(graph.gatewayUrl, 'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n', `x-slow: ${'a'.repeat(1000)}`, 50);
    const meanwhile = await graph.query('{ application(id: "APP-0000001") { id } }');
    expect(meanwhile.body.data).toEqual({ application: { id: 'APP-0000001' } });
    const { afterMs, received } = await slow.closed;
    // Node looks for expired requests once a second.
    expect(afterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    expect(afterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 2_000);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(received).toContain('"code":"REQUEST_TIMEOUT"');
  });

  it('cuts off a stalled body once the request timeout runs out', async () => {
    const { authorization } = await graph.as('matti.korhonen');
    const head =
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\nauthorization: ${authorization}\r\n` +
      'content-length: 1000\r\n\r\n{"query":';
    const slow = slowClient(graph.gatewayUrl, head, '', 1_000);
    const { afterMs, received } = await slow.closed;
    expect(afterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(afterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 2_000);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });
});

type Outcome =
  | { kind: 'answered'; status: number; connection: string | undefined; retryAfter: string | undefined; code: unknown; data: unknown }
  | { kind: 'error'; code: string };

/**
 * 16 keep-alive clients asking `url` as fast as they can until each meets a 503 or a refused
 * connection; `drain` starts once 60 answers are in. Returns every outcome, and those of requests sent after the drain began.
 */
async function loadThroughDrain(url: string, drain: () => Promise<unknown>) {
  const { authorization } = await graph.as('matti.korhonen');
  const agent = new Agent({ connections: 8, keepAliveTimeout: 30_000, pipelining: 1 });
  const outcomes: Outcome[] = [];
  const afterDrainBegan: Outcome[] = [];
  let draining = false;
  const worker = async () => {
    for (;;) {
      let outcome: Outcome;
      // Judged by when it was sent: an answer written just before the drain began may arrive after it.
      const sentWhileDraining = draining;
      try {
        const response = await request(`${url}/graphql`, {
          dispatcher: agent,
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ query: '{ application(id: "APP-0000001") { id applicant { familyName } } }' }),
        });
        const body = (await response.body.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> };
        outcome = {
          kind: 'answered',
          status: response.statusCode,
          connection: response.headers.connection as string | undefined,
          retryAfter: response.headers['retry-after'] as string | undefined,
          code: body.errors?.[0]?.extensions?.code,
          data: body.data,
        };
      } catch (error) {
        const { code, cause } = error as { code?: string; cause?: { code?: string } };
        outcome = { kind: 'error', code: code ?? cause?.code ?? String(error) };
      }
      outcomes.push(outcome);
      if (sentWhileDraining) afterDrainBegan.push(outcome);
      if (outcome.kind === 'error' || outcome.status === 503) return;
    }
  };
  const workers = Array.from({ length: 16 }, worker);
  // Warm: every connection open and kept alive, the operation's plan cached.
  while (outcomes.length < 60) await new Promise((resolve) => setTimeout(resolve, 20));
  draining = true;
  await drain();
  await Promise.all(workers);
  await agent.close();
  return { outcomes, afterDrainBegan };
}

/** No resets: full answers, retryable 503s, and refused connections once the gateway stopped listening. */
function expectNoLostRequests(
  { outcomes, afterDrainBegan }: Awaited<ReturnType<typeof loadThroughDrain>>,
  { drainBeginsAtOnce }: { drainBeginsAtOnce: boolean },
) {
  const errors = outcomes.filter((outcome) => outcome.kind === 'error').map((outcome) => outcome.code);
  // Refused is what any client meets at an instance that has stopped listening; a reset is a lost request.
  expect(errors.filter((code) => code !== 'ECONNREFUSED')).toEqual([]);
  const answers = outcomes.filter((outcome) => outcome.kind === 'answered');
  expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(60);
  for (const answer of answers) {
    if (answer.status === 200)
      expect(answer.data).toEqual({ application: { id: 'APP-0000001', applicant: { familyName: expect.any(String) } } });
    else expect(answer).toMatchObject({ status: 503, code: 'SHUTTING_DOWN', retryAfter: '1', connection: 'close' });
  }
  // Once draining, every answer tells the client to close its connection. (A signal reaches the
  // process a moment after it is sent, and answers in that moment rightly keep their connection.)
  if (drainBeginsAtOnce) for (const answer of afterDrainBegan) if (answer.kind === 'answered') expect(answer.connection).toBe('close');
}

describe('shutdown under load', () => {
  it('drains keep-alive clients without a single reset: full answers, retryable 503s, then refused connections', async () => {
    const gateway = await graph.startAnotherGateway({ SHUTDOWN_GRACE_MS: '5000' });
    expectNoLostRequests(await loadThroughDrain(gateway.url, () => gateway.close()), { drainBeginsAtOnce: true });
  });

  it('does the same for a gateway process sent SIGTERM, which then exits 0', async () => {
    const subgraphUrls = Object.fromEntries(graph.subgraphs.map((subgraph) => [subgraphUrlVariable(subgraph.name), subgraph.url]));
    const gateway = await startServiceProcess({
      name: 'gateway',
      entry: 'gateway/main.ts',
      env: { PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'test', ...graph.identity.gatewayEnv, ...subgraphUrls },
    });
    let exitCode: number | null = null;
    expectNoLostRequests(
      await loadThroughDrain(gateway.url, async () => {
        exitCode = await gateway.stop('SIGTERM');
      }),
      { drainBeginsAtOnce: false },
    );
    expect(exitCode).toBe(0);
    expect(gateway.output.join('\n')).toMatch(/draining requests in flight/);
  });

  it('refuses a request sent on an idle kept-alive connection during the drain with a retryable 503, not a reset', async () => {
    const gateway = await graph.startAnotherGateway({});
    const headers = { 'content-type': 'application/json', ...(await graph.as('matti.korhonen')) };
    const agent = new Agent({ connections: 1, keepAliveTimeout: 30_000 });
    const ask = () => request(`${gateway.url}/graphql`, { dispatcher: agent, method: 'POST', headers, body: '{"query":"{ __typename }"}' });
    const first = await ask();
    expect(first.headers.connection).toBe('keep-alive');
    await first.body.dump();

    const closed = gateway.close();
    const refused = await ask();
    expect(refused.statusCode).toBe(503);
    expect(refused.headers).toMatchObject({ 'retry-after': '1', connection: 'close' });
    expect(await refused.body.json()).toEqual({
      errors: [{ message: 'The service is restarting; retry the request.', extensions: { code: 'SHUTTING_DOWN' } }],
    });
    await closed;
    await agent.close();
  });
});
