/**
 * Everything the benchmark starts is stopped whatever happens: at the end, on failure, on Ctrl+C
 * or SIGTERM, and when a process it depends on dies. Also: whether the ports it needs are free.
 */
import net from 'node:net';
import { stopLoadWorkers } from './load.js';

const cleanups: Array<() => Promise<unknown>> = [];

/**
 * Registers something being started so that it is stopped whatever happens, even when the
 * benchmark is interrupted before it has finished starting.
 */
export function stoppedAtExit<T extends { stop(): Promise<void> }>(starting: Promise<T>): Promise<T> {
  cleanups.push(() =>
    starting.then(
      (started) => started.stop(),
      () => undefined,
    ),
  );
  return starting;
}

let shuttingDown: Promise<never> | undefined;

/**
 * Stops everything the benchmark started, then exits. The first call decides the exit code;
 * later calls (a failure caused by the stopping itself, a second Ctrl+C) wait for the same stop.
 */
export function shutdown(exitCode: number, reason?: string): Promise<never> {
  shuttingDown ??= (async () => {
    if (reason) process.stderr.write(`bench: ${reason}; stopping every process it started\n`);
    stopLoadWorkers();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    process.exit(exitCode);
  })();
  return shuttingDown;
}

/** Ctrl+C and SIGTERM stop everything before the benchmark exits. */
export function stopEverythingOnSignals(): void {
  process.on('SIGINT', () => void shutdown(130, 'interrupted'));
  process.on('SIGTERM', () => void shutdown(143, 'terminated'));
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export async function busyPorts(ports: readonly number[]): Promise<number[]> {
  const busy: number[] = [];
  for (const port of ports) if (!(await canListen(port))) busy.push(port);
  return busy;
}
