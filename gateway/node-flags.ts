/**
 * The V8 flags the gateway process runs with: `node <flags> dist/gateway/main.js`. `npm start`
 * (scripts/process-graph.ts) and the benchmark (bench/gateways.ts) start it with them; a
 * deployment should too (README, "Production").
 *
 * --max-semi-space-size=64: a request allocates about 100 kB that dies young (Apollo Server's
 * pipeline, promises and their async-context hooks, the response), so at a few thousand requests a
 * second V8's default young generation (16 MB semi-spaces) is scavenged every few milliseconds,
 * and objects of requests still in flight survive two scavenges and are promoted, to be collected
 * by the costlier old-generation GC. 64 MB semi-spaces let them die young. Measured on the warm case
 * view, the same gateway twice in one run: 0.55 against 0.64 ms of CPU a request, p99 15 against
 * 19 ms; cold case view about 5 % less CPU. The young generation may then take up to 128 MB more
 * memory at peak, which the warm runs did not show (their peak RSS went down).
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
