/**
 * The gateway process: `npm run gateway` (from source) or `node dist/gateway/main.js`.
 * SIGTERM or SIGINT drains in-flight requests and exits 0; a second signal during the drain
 * kills the process at once (the handlers are installed once).
 */
import '../platform/vendor-telemetry-off.js';
import { createLogger } from '../platform/logger.js';
import { runService, stopOnSignals } from '../platform/service-process.js';
import { startTracing } from '../platform/tracing.js';
import { loadGatewayConfig } from './config.js';
import { startGateway } from './server.js';

await runService('gateway', async () => {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.logLevel);
  const tracing = startTracing('casegraph-gateway', config.tracing);
  const gateway = await startGateway(config, { logger });
  logger.info(
    { url: gateway.url, graphql: `${gateway.url}/graphql`, graphiql: `${gateway.url}/`, subgraphs: config.subgraphs },
    `gateway listening on ${gateway.url}; GraphiQL at ${gateway.url}/`,
  );

  // The last spans (the drained requests') are sent before the process exits.
  stopOnSignals(() => gateway.close().then(() => tracing.shutdown()), logger, 'gateway');
});
