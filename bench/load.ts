/**
 * Runs the load worker (load-worker.ts) as a child process and reads its result. The worker
 * gets its own process so that the load generator's CPU is never charged to the gateway and
 * does not share an event loop with the harness's sampling.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Variables } from './scenarios.js';

export interface LoadConfig {
  url: string;
  scenarioId: string;
  /** The operation's document, as shipped. */
  query: string;
  /** Variables of successive requests, taken in turn. */
  variableSets: Variables[];
  headers: Record<string, string>;
  connections: number;
  window: { seconds: number } | { requests: number };
}

export interface LoadResult {
  /** Responses received in the window, whatever they were. */
  completed: number;
  /** From the first request to the last response, in seconds. */
  durationSeconds: number;
  /** Latency percentiles of 2xx responses, in milliseconds. */
  p50Ms: number;
  p99Ms: number;
  /** Connection errors and timeouts (no response at all). */
  transportErrors: number;
  /** Responses that were not the expected answer, by reason (`status 500`, `errors: ...`, ...). */
  unexpected: Record<string, number>;
  /** For scenarios that count items: the items in the expected answers. */
  items: number;
}

const WORKER = fileURLToPath(new URL('./load-worker.js', import.meta.url));

/** Workers still running, so that an interrupted benchmark can stop them. */
const running = new Set<ChildProcess>();

export function stopLoadWorkers(): void {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * Runs one load window and resolves with its result. `timeoutMs` bounds the worker whatever
 * happens to the gateway (autocannon in fixed-amount mode waits for every response).
 */
export function runLoad(config: LoadConfig, timeoutMs: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      if (code !== 0) {
        const why = signal === 'SIGKILL' ? `stopped after ${timeoutMs} ms` : `exited with ${code ?? signal}`;
        reject(new Error(`load worker for ${config.scenarioId} at ${config.url} ${why}: ${stderr.trim()}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as LoadResult);
      } catch {
        reject(new Error(`load worker printed no result: ${stdout.slice(0, 200)} ${stderr.trim()}`));
      }
    });
  });
}
