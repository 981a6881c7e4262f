/** The demo identity provider as a process (`npm start` runs it beside the mocks). Configuration: config.ts. */
import '../../platform/vendor-telemetry-off.js';
import { createLogger } from '../../platform/logger.js';
import { runService, stopOnSignals } from '../../platform/service-process.js';
import { BULK_CHECKER_ID, readIdentityProviderConfig } from './config.js';
import { startIdentityProvider } from './provider.js';

await runService('identity-provider', async () => {
  const config = readIdentityProviderConfig();
  const logger = createLogger('identity-provider', config.logLevel);
  const provider = await startIdentityProvider({
    port: config.port,
    host: config.host,
    ...(config.issuer ? { issuer: config.issuer } : {}),
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    graphiqlRedirectUris: config.graphiqlRedirectUris,
    serviceAccountSecrets: { [BULK_CHECKER_ID]: config.bulkCheckerSecret },
    logger,
  });
  logger.info(
    { url: provider.url, issuer: provider.issuer, kid: provider.signingKeyId, accessTokenTtlSeconds: config.accessTokenTtlSeconds },
    `demo identity provider listening on ${provider.url}`,
  );
  stopOnSignals(() => provider.close(), logger, 'demo identity provider');
});
