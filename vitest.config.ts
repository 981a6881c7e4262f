import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests start real servers on port 0; files run in separate processes so one file's
    // servers and knobs never leak into another's.
    pool: 'forks',
  },
});
