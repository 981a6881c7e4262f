/**
 * `npm run bench [-- --quick] [-- --profile]`: how long and how often to measure.
 *
 *   full      3 rounds of a 1.5 s warm-up (6 s in the first round) + a 6 s measured window; about 17 minutes on 2 cores
 *             (five gateways: casegraph with everything on, with its audit trail off, with
 *             authentication and authorization off too, and the two peers; longer when the cores
 *             are shared with other test runs)
 *   --quick   1 round, no warm-up beyond the answer checks, 2 requests per connection, one
 *             variable set per connection; a smoke check in one to three minutes, written as quick.*
 *   --profile casegraph alone on the case view under `node --cpu-prof`, profile in bench/profiles/
 */
import { parseArgs } from 'node:util';

export type BenchMode = 'full' | 'quick' | 'profile';

/** How much load one measured window is. Either way every request is answered before it closes. */
export type WindowSize =
  /** A warm-up of this length, then as many requests as the warm-up's rate fills `measureSeconds` with. */
  | {
      kind: 'timed';
      warmupSeconds: number;
      /**
       * The first round's warm-up of each gateway and scenario: long enough for V8 to have
       * optimised the gateway's hot code, so round 1 measures the same steady state as the others.
       */
      firstWarmupSeconds: number;
      measureSeconds: number;
    }
  /** No warm-up of its own (the answer checks just before warm the gateways a little), then a fixed count. */
  | { kind: 'counted'; requestsPerConnection: number };

export interface BenchOptions {
  mode: BenchMode;
  rounds: number;
  window: WindowSize;
  /**
   * Which of a scenario's variable sets to check and use: all, or only as many as it has
   * connections (still enough that concurrent requests differ), to keep the checks short.
   */
  variableSets: 'all' | 'one-per-connection';
}

// More, shorter rounds rather than fewer long ones: the median of three shrugs off a disturbed
// round on a shared machine, and cold, warm and bulk scenarios must fit in ten minutes.
const FULL: Omit<BenchOptions, 'mode'> = {
  rounds: 3,
  window: { kind: 'timed', warmupSeconds: 1.5, firstWarmupSeconds: 6, measureSeconds: 6 },
  variableSets: 'all',
};
const QUICK: Omit<BenchOptions, 'mode'> = {
  rounds: 1,
  window: { kind: 'counted', requestsPerConnection: 2 },
  variableSets: 'one-per-connection',
};

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: { quick: { type: 'boolean', default: false }, profile: { type: 'boolean', default: false } },
    strict: true,
  });
  // A profile is one window of the usual size (or of the quick size with --quick).
  if (values.profile) return { mode: 'profile', ...(values.quick ? QUICK : FULL), rounds: 1 };
  if (values.quick) return { mode: 'quick', ...QUICK };
  return { mode: 'full', ...FULL };
}

export function describeWindow(window: WindowSize): string {
  return window.kind === 'timed'
    ? `a ${window.warmupSeconds} s warm-up (${window.firstWarmupSeconds} s in the first round) then a ${window.measureSeconds} s measured window`
    : `no warm-up of its own, then ${window.requestsPerConnection} requests per connection`;
}
