import { Script } from 'node:vm';
import { js } from '@graphql-yoga/render-graphiql/graphiql';
import { describe, expect, it } from 'vitest';
import { GRAPHIQL_PATCHES, pageScript, patchGraphiQL } from './render-page.mjs';

describe('the corrections to the bundled GraphiQL', () => {
  it('each applies to exactly one place of the installed bundle', () => {
    for (const patch of GRAPHIQL_PATCHES) expect(js.match(patch.pattern), patch.name).toHaveLength(1);
    const patched = patchGraphiQL(js);
    // Tabs no longer take the tab strip as drag constraints; the page's plugins follow Yoga's explorer.
    expect(patched).not.toMatch(/\.jsxs\([\w$]+,\{dragConstraints:[\w$]+,value:[\w$]+,isActive:/);
    expect(patched).toMatch(/plugins:\[[\w$]+,\.\.\.\(globalThis\.casegraphGraphiQLPlugins\|\|\[\]\)\]/);
  });

  it('stop the rendering, naming the correction, when a bundle no longer fits one', () => {
    expect(() => patchGraphiQL(js.replace(/dragConstraints:/g, 'dragLimits:'))).toThrow(
      /GraphiQL patch "tabs without drag constraints" matches 0 places .* not 1/,
    );
  });
});

describe("the page's script", () => {
  it("is the page's modules in one scope: no import or export left, and it parses", () => {
    const script = pageScript();
    expect(script).not.toMatch(/^\s*(?:import|export)\b/m);
    for (const name of [
      'class SignIn',
      'function openingTab',
      'function createFetcher',
      'function renderPlanPanel',
      'function startGraphiQL',
    ])
      expect(script).toContain(name);
    expect(() => new Script(script)).not.toThrow();
  });

  it('refuses a module it cannot inline', () => {
    expect(() => pageScript((file) => (file === 'tabs.mjs' ? "import { x } from 'elsewhere';\n" : ''))).toThrow(
      /tabs\.mjs: "import \{ x \} from 'elsewhere';" cannot be inlined/,
    );
    expect(() => pageScript((file) => (file === 'page.mjs' ? "const s = '</script>';\n" : ''))).toThrow(/page\.mjs must not contain/);
  });
});
