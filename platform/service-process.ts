/**
 * The life of a service process (gateway, subgraph, mocks, launcher): start it, stop with a
 * readable message when its configuration is invalid, and drain gracefully on SIGTERM/SIGINT.
 */
import { ConfigError } from './config.js';
import type { Logger } from './logger.js';

/** Calls `start`, and if configuration is invalid prints the problems and exits with status 2. */
export async function runService(name: string, start: () => Promise<unknown>): Promise<void> {
  try {
    await start();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`${name}: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  }
}

/**
 * On SIGTERM or SIGINT: log, `close` (which drains what is in flight), exit 0, or 1 when closing
 * fails. A second signal during the drain exits at once (status 1). The handlers stay installed
 * for the whole drain (rather than `once`), so no other listener (a loader such as tsx re-raises
 * a signal nobody listens to) can cut the drain short.
 */
export function stopOnSignals(close: () => Promise<void>, logger: Logger, what: string): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, `${what}: second signal during the drain, stopping at once`);
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, `stopping ${what}: draining requests in flight`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, `${what} failed to stop cleanly`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
