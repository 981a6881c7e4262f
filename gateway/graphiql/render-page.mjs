// Builds GraphiQL's HTML page (run by graphiql-renderer.mjs in a child process): GraphiQL 5 as
// @graphql-yoga/render-graphiql bundles it (JavaScript, CSS, fonts and editor workers, all
// inline), two corrections to that bundle, the page's own modules of this folder, and its
// configuration. Nothing on the page is fetched from anywhere.
import { readFileSync } from 'node:fs';
import { css, editorWorkerService, favicon, graphqlWorker, js, jsonWorker } from '@graphql-yoga/render-graphiql/graphiql';
import { PAGE_STYLES } from './styles.mjs';

/**
 * Corrections to the bundled GraphiQL, each a textual replacement that must apply exactly once:
 * a bundle they no longer fit stops the rendering (and the gateway's start) saying which, so an
 * upgrade of @graphql-yoga/render-graphiql is checked against them rather than silently losing one.
 */
export const GRAPHIQL_PATCHES = [
  {
    name: 'tabs without drag constraints',
    // GraphiQL gives every tab the tab strip as its drag constraints. framer-motion watches a
    // constrained element and its constraints with a ResizeObserver and, on any resize, moves the
    // element to the same relative place within its new constraints (scalePositionWithinConstraints).
    // As the page lays out (tabs added, fonts and the strip settling), that sets a drag offset of
    // hundreds of pixels on tabs nobody dragged. GraphiQL's CSS hides it on tabs without focus
    // (`.graphiql-tab:not(:focus-within){transform:none!important}`), so all looks well until a
    // click: pressing the mouse focuses the tab, the offset applies, the tab jumps away from under
    // the pointer, and the click lands on the tab strip. Only the second click switched tabs.
    // Without constraints nothing rescales offsets; a dragged tab still snaps back to its place
    // (dragSnapToOrigin) and tabs still reorder.
    pattern: /(\.jsxs\([\w$]+,\{)dragConstraints:[\w$]+,(value:[\w$]+,isActive:)/g,
    replacement: '$1$2',
  },
  {
    name: 'extra sidebar plugins',
    // Yoga's GraphiQL sets `plugins` to its explorer before the options it is given, so a
    // `plugins` option would drop the explorer; the page's plugins (the plan panel) are appended.
    pattern: /(shouldPersistHeaders:!0,)plugins:\[([\w$]+)\]/g,
    replacement: '$1plugins:[$2,...(globalThis.casegraphGraphiQLPlugins||[])]',
  },
];

export function patchGraphiQL(source) {
  let patched = source;
  for (const patch of GRAPHIQL_PATCHES) {
    const matches = patched.match(patch.pattern)?.length ?? 0;
    if (matches !== 1) {
      throw new Error(
        `GraphiQL patch "${patch.name}" matches ${matches} places in @graphql-yoga/render-graphiql's bundle, not 1: review gateway/graphiql/render-page.mjs for this version`,
      );
    }
    patched = patched.replace(patch.pattern, patch.replacement);
  }
  return patched;
}

/** The page's modules, in dependency order; page.mjs last. */
export const PAGE_MODULES = ['sign-in.mjs', 'tabs.mjs', 'fetcher.mjs', 'plan-panel.mjs', 'page.mjs'];

const SIBLING_IMPORT = /^import [^;]+ from '\.\/[\w-]+\.mjs';\n/gm;
const EXPORT_KEYWORD = /^export (?=(?:async )?function |const |class |let )/gm;

/**
 * The page's modules as one script: their own imports of each other dropped (they share one
 * scope) and their exports made plain declarations, in a function scope of their own.
 */
export function pageScript(read = (file) => readFileSync(new URL(file, import.meta.url), 'utf8')) {
  const parts = PAGE_MODULES.map((file) => {
    const text = read(file).replace(SIBLING_IMPORT, '').replace(EXPORT_KEYWORD, '');
    const leftover = /^(?:import|export)\b.*$/m.exec(text);
    if (leftover)
      throw new Error(`gateway/graphiql/${file}: "${leftover[0]}" cannot be inlined: only sibling imports and plain exports are`);
    if (/<\/script|<!--/i.test(text)) throw new Error(`gateway/graphiql/${file} must not contain "</script" or "<!--"`);
    return `// ${file}\n${text}`;
  });
  return `(() => {\n'use strict';\n${parts.join('\n')}\nstartGraphiQL(JSON.parse(document.getElementById('casegraph-config').textContent)).catch((error) => {\n  document.getElementById('casegraph-identity').textContent = 'GraphiQL could not start: ' + (error && error.message ? error.message : error);\n  throw error;\n});\n})();`;
}

/** JSON that can sit in an HTML script element. */
function inlineJson(value) {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The page. `config` is what startGraphiQL receives (graphiql.ts: GraphiQLPageConfig). */
export function renderPage({ title, config }) {
  const escapedTitle = String(title).replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapedTitle}</title>
    <link rel="icon" href="${favicon}" />
    <style>
      ${css}
    </style>
    <style>${PAGE_STYLES}</style>
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <header id="casegraph-identity" aria-label="Sign-in"></header>
    <div id="root"></div>
    <script type="application/json" id="casegraph-config">${inlineJson(config)}</script>
    <script>
      function prepareBlob(workerContent) {
        const blob = new Blob([workerContent], { type: 'application/javascript' });
        return URL.createObjectURL(blob);
      }
      const workers = {
        editorWorkerService: prepareBlob(${JSON.stringify(editorWorkerService)}),
        json: prepareBlob(${JSON.stringify(jsonWorker)}),
        graphql: prepareBlob(${JSON.stringify(graphqlWorker)}),
      };
      self['MonacoEnvironment'] = {
        globalAPI: false,
        getWorkerUrl: function (moduleId, label) {
          return workers[label];
        },
      };
      ${patchGraphiQL(js)};
    </script>
    <script>
${pageScript()}
    </script>
  </body>
</html>
`;
}
