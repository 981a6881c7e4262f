import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from './options.js';

describe('parseBenchOptions', () => {
  it('runs the full benchmark by default, a short smoke check with --quick', () => {
    expect(parseBenchOptions([])).toEqual({ mode: 'full', rounds: 3, warmupSeconds: 3, measureSeconds: 10, variableSets: 'all' });
    expect(parseBenchOptions(['--quick']).mode).toBe('quick');
    expect(parseBenchOptions(['--quick']).rounds).toBe(1);
  });

  it('profiles one round, of the quick length with --quick', () => {
    expect(parseBenchOptions(['--profile'])).toMatchObject({ mode: 'profile', rounds: 1, measureSeconds: 10 });
    expect(parseBenchOptions(['--profile', '--quick'])).toMatchObject({ mode: 'profile', rounds: 1, measureSeconds: parseBenchOptions(['--quick']).measureSeconds });
  });

  it('refuses what it does not know', () => {
    expect(() => parseBenchOptions(['--fast'])).toThrow();
  });
});
