/** The mock registries as a process: `npm run mocks`. Configuration: config.ts and README.md. */
import '../platform/vendor-telemetry-off.js';
import { runService, stopOnSignals } from '../platform/service-process.js';
import { createLogger } from '../platform/logger.js';
import { readMockConfig } from './config.js';
import { startMockRegistries } from './server.js';

await runService('mocks', async () => {
  const config = readMockConfig();
  const logger = createLogger('mocks', config.logLevel);
  const startedAt = performance.now();
  const mocks = await startMockRegistries({
    port: config.port,
    host: config.host,
    instance: config.instance,
    ...(config.datasetFile ? { datasetFile: config.datasetFile } : { generator: config.generator }),
    knobs: config.knobs,
    logger,
  });
  logger.info(
    {
      url: mocks.url,
      instance: config.instance,
      dataset: config.datasetFile ?? `generated, seed ${mocks.dataset.meta.seed}, reference date ${mocks.dataset.meta.referenceDate}`,
      counts: mocks.dataset.meta.counts,
      startMs: Math.round(performance.now() - startedAt),
    },
    `mock registries listening on ${mocks.url}`,
  );
  stopOnSignals(() => mocks.close(), logger, 'mock registries');
});
