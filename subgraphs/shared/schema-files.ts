/**
 * Loading a subgraph's SDL: the shared definitions (common.graphql) followed by the
 * subgraph's own schema.graphql. The subgraph runtime and `npm run compose` both go through
 * here, so the schema a subgraph serves is the schema that was composed.
 */
import { readFileSync } from 'node:fs';

const COMMON_SDL_URL = new URL('./common.graphql', import.meta.url);

let commonSdl: string | undefined;

export function subgraphSdl(schemaFile: URL | string): string {
  commonSdl ??= readFileSync(COMMON_SDL_URL, 'utf8');
  return `${commonSdl}\n${readFileSync(schemaFile, 'utf8')}`;
}
