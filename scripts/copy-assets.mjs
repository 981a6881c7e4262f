// Copies the non-TypeScript files the compiled services read at run time into dist/:
// subgraph SDLs and configuration (the checks' thresholds), the composed supergraph, the
// example operations, the gateway's GraphiQL renderer (a plain .mjs child-process entry) and the
// network guard preload.
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const assets = [];
function collect(dir, keep) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) collect(path, keep);
    else if (keep(path)) assets.push(path);
  }
}
collect('subgraphs', (path) => path.endsWith('.graphql') || path.endsWith('.json'));
collect('contracts', (path) => path.endsWith('.json'));
collect('gateway/operations', (path) => path.endsWith('.graphql'));
collect('gateway', (path) => path.endsWith('.mjs') || path.endsWith('.json'));
// The audit trail's SQL migrations (platform/audit/postgres-migrations.ts reads them next to itself).
collect('platform/audit/migrations', (path) => path.endsWith('.sql'));
collect('schema', (path) => path.endsWith('.graphql') || path.endsWith('.json'));
// The network guard preload (scripts/network-guard.mjs), which the benchmark runs every process under.
collect('scripts', (path) => path.endsWith('.mjs') && !path.endsWith('copy-assets.mjs'));

for (const path of assets) cpSync(path, join('dist', path));
console.log(`copied ${assets.length} assets to dist/`);
