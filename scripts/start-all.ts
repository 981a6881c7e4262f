/**
 * `npm start`: the whole graph on embedded defaults (mock registries with the seeded data set,
 * the demo identity provider, no Redis, no database), one process per part as in production.
 * Prints the GraphiQL address.
 */
import '../platform/vendor-telemetry-off.js';
import { env, readConfig } from '../platform/config.js';
import { runService } from '../platform/service-process.js';
import { startProcessGraph, type ProcessGraph } from './process-graph.js';

void runService('casegraph', async () => {
  const config = readConfig({
    GATEWAY_PORT: env.port(4000),
    MOCK_PORT: env.port(4100),
    IDP_PORT: env.port(4300),
    LOG_LEVEL: env.logLevel().default('warn'),
  });
  // Set once everything is up; a process dying during start-up is reported by startProcessGraph itself.
  const started: { graph?: ProcessGraph } = {};
  const graph = await startProcessGraph({
    gatewayPort: config.GATEWAY_PORT,
    mockPort: config.MOCK_PORT,
    identityProviderPort: config.IDP_PORT,
    env: { LOG_LEVEL: config.LOG_LEVEL },
    onOutput: (name, line) => process.stdout.write(`[${name}] ${line}\n`),
    onUnexpectedExit: (name, code) => {
      if (!started.graph) return;
      process.stderr.write(`casegraph: ${name} exited unexpectedly (code ${code}); stopping everything\n`);
      void started.graph.stop().then(() => process.exit(1));
    },
  });
  started.graph = graph;

  process.stdout.write(
    [
      '',
      'casegraph is running:',
      `  GraphiQL          ${graph.gatewayUrl}/`,
      `  GraphQL endpoint  ${graph.gatewayUrl}/graphql`,
      `  Mock registries   ${graph.mocksUrl}  (GET /__stats, GET /__knobs)`,
      `  Identity provider ${graph.identityProviderUrl}  (demo users: npm run -s token -- --list)`,
      ...Object.entries(graph.subgraphUrls).map(([name, url]) => `  subgraph ${name.padEnd(15)} ${url}`),
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  const shutdown = () => {
    process.stdout.write('casegraph: stopping\n');
    void graph.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
});
