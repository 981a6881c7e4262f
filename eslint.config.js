// ESLint (flat config): typescript-eslint's recommended rules, and the house's floor plan as rules:
// - no import cycles, type-only ones included (scripts/lint/no-import-cycles.js);
// - the gateway and the mocks never reach into subgraph code (the gateway talks to subgraphs over
//   HTTP and Redis; the mocks are the outside world); contracts/ depends on nothing of ours, and
//   platform/ only on contracts/;
// - a subgraph uses another subgraph only through its registry client;
// - kebab-case file and folder names.
// Tests may span the house (they start the whole graph), so the boundaries apply to the code only.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import checkFile from 'eslint-plugin-check-file';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import noImportCycles from './scripts/lint/no-import-cycles.js';

const SUBGRAPH_DIRS = readdirSync(new URL('./subgraphs/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
  .map((entry) => entry.name);

const SERVICES = ['./gateway', './subgraphs', './mocks', './bench', './scripts', './schema', './test'];

const zones = [
  {
    target: './gateway',
    from: './subgraphs',
    message: 'The gateway talks to subgraphs over HTTP and Redis; shared code belongs in platform/ or contracts/.',
  },
  { target: './gateway', from: './mocks', message: 'The gateway must not depend on the mocks.' },
  {
    target: './mocks',
    from: './subgraphs',
    message: 'The mocks are the outside world: they share only contracts/ (and platform/) with casegraph.',
  },
  {
    target: './mocks',
    from: './gateway',
    message: 'The mocks are the outside world: they share only contracts/ (and platform/) with casegraph.',
  },
  ...['./platform', './contracts'].flatMap((target) =>
    SERVICES.map((from) => ({ target, from, message: `${target.slice(2)}/ is below every service and imports none of them.` })),
  ),
  {
    target: './contracts',
    from: './platform',
    message: 'contracts/ is the lowest layer: wire shapes and shared facts, depending on nothing of ours.',
  },
  {
    target: './subgraphs/shared',
    from: SUBGRAPH_DIRS.map((name) => `./subgraphs/${name}`),
    message: 'subgraphs/shared/ serves every subgraph and knows none of them.',
  },
  ...SUBGRAPH_DIRS.flatMap((target) =>
    SUBGRAPH_DIRS.filter((from) => from !== target).map((from) => ({
      target: `./subgraphs/${target}`,
      from: `./subgraphs/${from}`,
      except: ['./registry-client.ts'],
      message: 'A subgraph uses another subgraph only through its registry client (subgraphs/<name>/registry-client.ts).',
    })),
  ),
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', 'bench/profiles/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX, 'check-file': checkFile, casegraph: { rules: { 'no-import-cycles': noImportCycles } } },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'casegraph/no-import-cycles': 'error',
      'import-x/no-self-import': 'error',
      'import-x/no-useless-path-segments': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'check-file/filename-naming-convention': ['error', { '**/*.{ts,js,mjs}': 'KEBAB_CASE' }, { ignoreMiddleExtensions: true }],
      'check-file/folder-naming-convention': [
        'error',
        { '{platform,contracts,gateway,subgraphs,mocks,bench,scripts,schema,test,docs}/**/': 'KEBAB_CASE' },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    ignores: ['**/*.test.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones }] },
  },
  {
    // Tests (and their helpers) read JSON response bodies of many shapes; `any` there is a cast, not a design.
    files: ['**/*.test.ts', 'test/**', '**/testing/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
