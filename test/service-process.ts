/**
 * casegraph's services as real processes, started from source the way the README's
 * `npm run gateway` / `npm run mocks` start them (node with tsx), on free ports: for tests about
 * what a whole process does (the connections it opens, how it stops, what survives a kill -9).
 *
 * Every service logs one info line containing "listening" with its `url` once it serves; that
 * line is how the harness learns the port it was given (PORT=0).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface ServiceProcess {
  name: string;
  /** The service's origin, e.g. http://127.0.0.1:43121. */
  url: string;
  child: ChildProcess;
  /** Every line it wrote to stdout or stderr so far. */
  output: string[];
  /** Sends `signal` and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface ServiceProcessOptions {
  name: string;
  /** The entry module, relative to the project root, e.g. gateway/main.ts. */
  entry: string;
  env: Record<string, string | undefined>;
  /** Modules node preloads before the entry (`--import`), in NODE_OPTIONS so children carry them. */
  preload?: string[];
  startTimeoutMs?: number;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const imports = [...(options.preload ?? []), 'tsx'].map((module) => `--import=${module}`).join(' ');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, LOG_LEVEL: 'info', NODE_OPTIONS: imports, ...options.env })) {
    if (value !== undefined) env[key] = value;
  }
  const child = spawn(process.execPath, [options.entry], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exitCode = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${options.name} did not start within ${options.startTimeoutMs ?? 120_000} ms:\n${output.join('\n')}`)),
      options.startTimeoutMs ?? 120_000,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with code ${code} while starting:\n${output.join('\n')}`));
    });
    for (const stream of [child.stdout!, child.stderr!]) {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          output.push(line);
          const listening = listeningUrl(line);
          if (listening) {
            clearTimeout(timer);
            resolve(listening);
          }
        }
      });
    }
  });

  return {
    name: options.name,
    url,
    child,
    output,
    async stop(signal = 'SIGTERM') {
      if (!exited(child)) child.kill(signal);
      return exitCode;
    },
  };
}

function listeningUrl(line: string): string | null {
  if (!line.startsWith('{')) return null;
  try {
    const entry = JSON.parse(line) as { msg?: unknown; url?: unknown };
    if (typeof entry.msg === 'string' && entry.msg.includes('listening') && typeof entry.url === 'string') {
      return new URL(entry.url).origin;
    }
  } catch {
    // not a log line of ours
  }
  return null;
}
