/**
 * The load generator, run as its own process so that its CPU is not charged to the process
 * under test nor competes with the harness's /proc sampling: `node dist/bench/load-worker.js
 * '<LoadConfig as JSON>'`. Runs autocannon once and prints a LoadResult as JSON on stdout.
 * Every response is checked as it arrives (status, `errors`, the scenario's expected data).
 *
 * A window is either a duration (the warm-up) or a number of requests (the measured window): in
 * the latter autocannon waits for every response, so no request is left half done in the gateway
 * when the harness reads its CPU time and the registry counters.
 */
import autocannon from 'autocannon';
import type { LoadConfig, LoadResult } from './load.js';
import { checkResponse, scenarioById, type Variables } from './scenarios.js';

const config = JSON.parse(process.argv[2] ?? '') as LoadConfig;
const scenario = scenarioById(config.scenarioId);
if (config.variableSets.length === 0) throw new Error(`no variable sets for ${config.scenarioId}`);
const bodies = config.variableSets.map((variables) => JSON.stringify({ query: config.query, variables }));
const unexpected: Record<string, number> = {};
let items = 0;

/** Each connection's context holds the variables of its request in flight (no pipelining). */
type RequestContext = { variables?: Variables };
/** Requests take the variable sets in turn across all connections, so concurrent ones differ. */
let nextVariableSet = 0;
/** The window runs from the first request to the last response (autocannon notices its end only at its next sample tick). */
const windowStarted = performance.now();
let lastResponseAt = windowStarted;

const result = await autocannon({
  url: config.url,
  connections: config.connections,
  ...('seconds' in config.window ? { duration: config.window.seconds } : { amount: config.window.requests }),
  // A timed window closes within 100 ms of its end (autocannon checks for the end once per sample).
  sampleInt: 100,
  requests: [
    {
      method: 'POST',
      headers: config.headers,
      setupRequest: (request, context: RequestContext) => {
        const index = nextVariableSet++ % bodies.length;
        context.variables = config.variableSets[index];
        return { ...request, body: bodies[index] };
      },
      onResponse: (status, body, context: RequestContext) => {
        lastResponseAt = performance.now();
        const outcome = checkResponse(scenario, context.variables ?? {}, status, body);
        if ('problem' in outcome) unexpected[outcome.problem] = (unexpected[outcome.problem] ?? 0) + 1;
        else if (scenario.items) items += scenario.items.count(outcome.data);
      },
    },
  ],
});

const loadResult: LoadResult = {
  completed: result.requests.total,
  durationSeconds: (lastResponseAt - windowStarted) / 1000,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  transportErrors: result.errors,
  unexpected,
  items,
};
process.stdout.write(`${JSON.stringify(loadResult)}\n`);
