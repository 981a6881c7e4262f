/**
 * Starting the mock registries in-process: one HTTP server (the security server) in front of
 * the six registry services, over one data set. Tests start it on port 0 with their own data
 * set or generator options and knobs; main.ts starts it as a process.
 */
import { closeGracefully, listen } from '../platform/http-server.js';
import { createLogger, type Logger } from '../platform/logger.js';
import type { RegistryId } from '../contracts/registry-catalogue.js';
import { createAdminRoutes } from './admin.js';
import { generateDataset } from './dataset/generator.js';
import type { GeneratorOptions } from './dataset/generator-options.js';
import { loadDatasetFile, validateDataset } from './dataset/load.js';
import type { Dataset } from './dataset/types.js';
import { KnobStore, type KnobSettings } from './knobs.js';
import { createRegistryServices } from './registries/index.js';
import { createSecurityServer } from './security-server.js';
import { CallStats } from './stats.js';

/** How long close() lets calls in flight finish before cutting them (held timeouts are cut). */
const CLOSE_GRACE_MS = 1000;

export interface MockRegistriesOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** X-Road instance in service paths; FI by default. */
  instance?: string;
  /** The data set: give at most one of `dataset`, `datasetFile` and `generator` (default: generated with default options). */
  dataset?: Dataset;
  datasetFile?: string;
  generator?: Partial<GeneratorOptions>;
  /** Knob start values; reset returns to these. Defaults: 20 ms latency, 10 ms jitter, no failures. */
  knobs?: KnobSettings;
  /** Silent by default. */
  logger?: Logger;
}

export interface MockRegistries {
  url: string;
  port: number;
  dataset: Dataset;
  knobs: KnobStore;
  stats: CallStats;
  close(): Promise<void>;
}

async function resolveDataset(options: MockRegistriesOptions): Promise<Dataset> {
  const given = [options.dataset, options.datasetFile, options.generator].filter((source) => source !== undefined);
  if (given.length > 1) throw new Error('give at most one of dataset, datasetFile and generator');
  if (options.dataset) return validateDataset(options.dataset);
  if (options.datasetFile) return loadDatasetFile(options.datasetFile);
  return generateDataset(options.generator);
}

export async function startMockRegistries(options: MockRegistriesOptions = {}): Promise<MockRegistries> {
  const dataset = await resolveDataset(options);
  const registries = createRegistryServices(dataset);
  const knobs = new KnobStore(options.knobs);
  const stats = new CallStats(
    Object.fromEntries(registries.map((registry) => [registry.id, registry.endpoints])) as Record<RegistryId, string[]>,
  );
  const server = createSecurityServer({
    instance: options.instance ?? 'FI',
    registries,
    knobs,
    stats,
    admin: createAdminRoutes(knobs, stats),
    logger: options.logger ?? createLogger('mocks', 'silent'),
  });
  const { url, port } = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return { url, port, dataset, knobs, stats, close: () => closeGracefully(server, CLOSE_GRACE_MS) };
}
