/**
 * `npm run bench [-- --quick] [-- --profile]`: how long and how often to measure.
 *
 *   full      3 rounds of 3 s warm-up + 10 s measured window; under 10 minutes on the 2-core machine
 *   --quick   1 round of 0.5 s + 1 s, one variable set per connection; a smoke check in under a
 *             minute, written beside latest as quick.*
 *   --profile casegraph alone on the case view under `node --cpu-prof`, profile in bench/profiles/
 */
import { parseArgs } from 'node:util';

export type BenchMode = 'full' | 'quick' | 'profile';

export interface BenchOptions {
  mode: BenchMode;
  rounds: number;
  warmupSeconds: number;
  measureSeconds: number;
  /**
   * Which of a scenario's variable sets to check and use: all, or only as many as it has
   * connections (still enough that concurrent requests differ), to keep the checks short.
   */
  variableSets: 'all' | 'one-per-connection';
}

const FULL = { rounds: 3, warmupSeconds: 3, measureSeconds: 10, variableSets: 'all' } as const;
const QUICK = { rounds: 1, warmupSeconds: 0.5, measureSeconds: 1, variableSets: 'one-per-connection' } as const;

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: { quick: { type: 'boolean', default: false }, profile: { type: 'boolean', default: false } },
    strict: true,
  });
  // A profile is one window of the usual length (or of the quick length with --quick).
  if (values.profile) return { mode: 'profile', ...(values.quick ? QUICK : FULL), rounds: 1 };
  if (values.quick) return { mode: 'quick', ...QUICK };
  return { mode: 'full', ...FULL };
}
