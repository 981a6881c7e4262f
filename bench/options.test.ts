import { describe, expect, it } from 'vitest';
import { describeWindow, parseBenchOptions } from './options.js';

describe('parseBenchOptions', () => {
  it('runs the full benchmark by default: interleaved rounds of timed windows', () => {
    expect(parseBenchOptions([])).toEqual({
      mode: 'full',
      rounds: 3,
      window: { kind: 'timed', warmupSeconds: 1.5, firstWarmupSeconds: 6, measureSeconds: 6 },
      variableSets: 'all',
    });
  });

  it('makes --quick a smoke check: one round of a few requests per connection', () => {
    expect(parseBenchOptions(['--quick'])).toMatchObject({
      mode: 'quick',
      rounds: 1,
      window: { kind: 'counted' },
      variableSets: 'one-per-connection',
    });
  });

  it('profiles one round, of the quick size with --quick', () => {
    expect(parseBenchOptions(['--profile'])).toMatchObject({ mode: 'profile', rounds: 1, window: { kind: 'timed' } });
    expect(parseBenchOptions(['--profile', '--quick'])).toMatchObject({ mode: 'profile', rounds: 1, window: { kind: 'counted' } });
  });

  it('refuses what it does not know', () => {
    expect(() => parseBenchOptions(['--fast'])).toThrow();
  });
});

describe('describeWindow', () => {
  it('says what one window is', () => {
    expect(describeWindow({ kind: 'timed', warmupSeconds: 2, firstWarmupSeconds: 5, measureSeconds: 8 })).toBe(
      'a 2 s warm-up (5 s in the first round) then a 8 s measured window',
    );
    expect(describeWindow({ kind: 'counted', requestsPerConnection: 2 })).toBe('no warm-up of its own, then 2 requests per connection');
  });
});
