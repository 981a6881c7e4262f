/**
 * The gateway process: `npm run gateway` (from source) or `node dist/gateway/main.js`.
 * SIGTERM or SIGINT drains in-flight requests and exits 0; a second signal during the drain
 * kills the process at once (the handlers are installed once).
 */
import { runService } from '../subgraphs/shared/config.js';
import { createLogger } from '../subgraphs/shared/logger.js';
import { loadGatewayConfig } from './config.js';
import { startGateway } from './server.js';

await runService('gateway', async () => {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.logLevel);
  const gateway = await startGateway(config, { logger });
  logger.info(
    { graphql: `${gateway.url}/graphql`, graphiql: `${gateway.url}/`, subgraphs: config.subgraphs },
    `gateway listening on ${gateway.url}; GraphiQL at ${gateway.url}/`,
  );

  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down: draining requests in flight');
    gateway.close().then(
      () => {
        logger.info('gateway stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
});
