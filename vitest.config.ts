import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Node resolves `graphql` to its CommonJS build (package.json "main"), as do Apollo's CommonJS
    // packages; Vite would pick the ES build ("module") and give tests a second graphql realm, in
    // which schema objects from Apollo fail graphql's instanceof checks. Resolve it as Node does.
    alias: [{ find: /^graphql$/, replacement: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) }],
  },
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
