/**
 * What the browser tests share: Chromium (Debian's, through playwright-core) driving GraphiQL on a
 * graph of its own with the demo identity provider, every URL the pages ask for and every console
 * error kept, and steps that each need the one before them.
 *
 * Needs Chromium at /usr/bin/chromium (.ci/run installs it): without it every step fails, saying
 * so; none is skipped.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startIdentityProvider, type IdentityProvider } from '../../mocks/identity-provider/provider.js';
import { startTestGraph, type TestGraph } from '../graph-harness.js';

const CHROMIUM = '/usr/bin/chromium';
/** Without the background-networking flags Chromium reaches for Google's services, which this machine refuses. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const STEP_TIMEOUT_MS = 180_000;
/** How long to wait for the page to show something: generous, as npm test runs every file at once on two cores. */
const UI_TIMEOUT_MS = 60_000;
export const eventually = { timeout: UI_TIMEOUT_MS, interval: 100 };

export interface BrowserWalk {
  readonly idp: IdentityProvider;
  readonly graph: TestGraph;
  /** The browser context every page of the walk opens in. */
  readonly context: BrowserContext;
  /** Every URL any page of the context asked for. */
  readonly requested: readonly string[];
  /** Every console error and uncaught exception of any page. */
  readonly consoleErrors: readonly string[];
  /** GraphiQL's address: the gateway's root. */
  gatewayPage(): string;
  /** What the pages asked for beyond 127.0.0.1 (data:, blob: and about:blank are the page's own). */
  requestsBeyondLoopback(): string[];
  /** A step of the walk; each needs the one before it. */
  step(name: string, body: () => Promise<void>): void;
  /** Signs in (or switches to) `user` on the provider's own sign-in page; returns what that page said. */
  signInAs(page: Page, user: string, button: 'Sign in' | 'Switch user'): Promise<string>;
  /** Runs GraphiQL's open tab; returns the gateway's answer as the page received it, and the request's headers. */
  runTab(page: Page, operationName: string): Promise<{ response: Response; body: any; headers: Record<string, string> }>;
}

/** Starts the provider, the graph and Chromium before the file's tests, and stops them after. */
export function browserWalk(): BrowserWalk {
  let idp: IdentityProvider | undefined;
  let graph: TestGraph | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const requested: string[] = [];
  const consoleErrors: string[] = [];
  /** Set when there is no browser to drive: then every step fails with it. */
  let noBrowser: Error | null = null;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the browser walk has not started its ${what}`);
    return value;
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      noBrowser = new Error(`The browser tests need Chromium at ${CHROMIUM}: install it (apt-get install -y chromium); .ci/run does.`);
      return;
    }
    idp = await startIdentityProvider();
    graph = await startTestGraph({
      // The gateway trusts the demo provider, reading its keys through discovery ('' unsets the test key file).
      gatewayEnv: { OIDC_ISSUER: idp.issuer, GRAPHIQL_OIDC_ISSUER: idp.issuer, OIDC_JWKS_FILE: '' },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(UI_TIMEOUT_MS);
    context.on('request', (request) => requested.push(request.url()));
    context.on('page', (page: Page) => {
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    });
  }, STEP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await graph?.close();
    await idp?.close();
  });

  const gatewayPage = () => `${started(graph, 'graph').gatewayUrl}/`;

  return {
    get idp() {
      return started(idp, 'identity provider');
    },
    get graph() {
      return started(graph, 'graph');
    },
    get context() {
      return started(context, 'browser');
    },
    requested,
    consoleErrors,
    gatewayPage,
    requestsBeyondLoopback: () =>
      requested.filter((url) => {
        const parsed = new URL(url);
        if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || url === 'about:blank') return false;
        return parsed.hostname !== '127.0.0.1';
      }),
    async signInAs(page, user, button) {
      await page.locator('#casegraph-identity').getByRole('button', { name: button, exact: true }).click();
      await page.waitForURL((url) => url.href.startsWith(`${started(idp, 'identity provider').issuer}/interaction/`));
      const signInPage = await page.locator('body').innerText();
      await page.locator(`button[name="user"][value="${user}"]`).click();
      await page.waitForURL(gatewayPage());
      await graphiqlReady(page);
      return signInPage;
    },
    async runTab(page, operationName) {
      const answered = page.waitForResponse(
        (response) =>
          response.url() === `${gatewayPage()}graphql` &&
          response.request().method() === 'POST' &&
          JSON.parse(response.request().postData() ?? '{}').operationName === operationName,
      );
      await page.locator('.graphiql-execute-button').click();
      const response = await answered;
      const body: unknown = await response.json();
      // GraphiQL shows it.
      await expect.poll(() => editorText(page, '.graphiql-response'), eventually).toMatch(/^\{/);
      return { response, body, headers: await response.request().allHeaders() };
    },
    step(name, body) {
      it(
        name,
        async () => {
          if (noBrowser) throw noBrowser;
          await body();
        },
        STEP_TIMEOUT_MS,
      );
    },
  };
}

/** Waits until GraphiQL shows its tabs and the identity bar has started. */
export async function graphiqlReady(page: Page): Promise<void> {
  await page.locator('.graphiql-tab').first().waitFor();
  await page.locator('#casegraph-identity .cg-identity-status').waitFor();
}

/** What a Monaco editor shows (its visible lines), spaces made plain. */
export async function editorText(page: Page, selector: string): Promise<string> {
  const text = await page.locator(`${selector} .view-lines`).first().innerText();
  return text.replace(/\u00a0/g, ' ');
}
