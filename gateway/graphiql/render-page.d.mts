// Types of render-page.mjs (plain JavaScript, run by graphiql-renderer.mjs), for its tests.

export const GRAPHIQL_PATCHES: ReadonlyArray<{ name: string; pattern: RegExp; replacement: string }>;
export const PAGE_MODULES: readonly string[];
export function patchGraphiQL(source: string): string;
export function pageScript(read?: (file: string) => string): string;
export function renderPage(options: { title: string; config: unknown }): string;
