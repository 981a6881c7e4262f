/**
 * The audit trail in a real browser (Chromium through playwright-core), as issue 11 says it is
 * done: a case worker runs CaseView in GraphiQL, then the data protection officer signs in and
 * finds that view in the AuditTrail tab by the applicant's identity code. Every request the page
 * makes stays on 127.0.0.1, and the console stays free of errors.
 *
 * Needs Debian's Chromium at /usr/bin/chromium (.ci/run installs it): without it this fails, saying so.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { startIdentityProvider, type IdentityProvider } from '../../mocks/identity-provider/provider.js';
import { applicantOf } from '../dataset-fixtures.js';
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
const eventually = { timeout: UI_TIMEOUT_MS, interval: 100 };

let idp: IdentityProvider;
let graph: TestGraph;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requested: string[] = [];
const consoleErrors: string[] = [];
/** Set when there is no browser to drive: then every step fails with it (none is skipped). */
let noBrowser: Error | null = null;
/** The request id of the case worker's CaseView, as the gateway answered it. */
let caseViewRequestId: string | undefined;

/** A step of the walk through GraphiQL; each needs the one before it. */
function step(name: string, body: () => Promise<void>): void {
  it(
    name,
    async () => {
      if (noBrowser) throw noBrowser;
      await body();
    },
    STEP_TIMEOUT_MS,
  );
}

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
  context.on('page', (watched) => {
    watched.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    watched.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  });
}, STEP_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await graph?.close();
  await idp?.close();
});

const gatewayPage = () => `${graph.gatewayUrl}/`;

async function graphiqlReady(): Promise<void> {
  await page.locator('.graphiql-tab').first().waitFor();
  await page.locator('#casegraph-identity .cg-identity-status').waitFor();
}

async function activeTab(): Promise<string | undefined> {
  return page
    .locator('.graphiql-tab.graphiql-tab-active .graphiql-tab-button')
    .first()
    .textContent()
    .then((text) => text ?? undefined);
}

/** What a Monaco editor shows (its visible lines), spaces made plain. */
async function editorText(selector: string): Promise<string> {
  const text = await page.locator(`${selector} .view-lines`).first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

async function variables(): Promise<unknown> {
  const text = await editorText('.graphiql-editor-tool .graphiql-editor:not(.hidden)');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const responseText = () => editorText('.graphiql-response');

/** Signs in (or switches to) `user` on the provider's own sign-in page. */
async function signInAs(user: string, button: 'Sign in' | 'Switch user'): Promise<void> {
  await page.locator('#casegraph-identity').getByRole('button', { name: button, exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(`${idp.issuer}/interaction/`));
  await page.locator(`button[name="user"][value="${user}"]`).click();
  await page.waitForURL(gatewayPage());
  await graphiqlReady();
}

async function openTab(name: string): Promise<void> {
  await page.getByRole('tab', { name }).getByRole('button', { name }).click();
  await expect.poll(activeTab, eventually).toBe(name);
}

/** Runs the open tab; returns the gateway's answer as the page received it. */
async function run(operationName: string): Promise<{ response: Response; body: any }> {
  const answered = page.waitForResponse(
    (response) =>
      response.url() === `${graph.gatewayUrl}/graphql` &&
      response.request().method() === 'POST' &&
      JSON.parse(response.request().postData() ?? '{}').operationName === operationName,
  );
  await page.locator('.graphiql-execute-button').click();
  const response = await answered;
  const body = await response.json();
  await expect.poll(responseText, eventually).toMatch(/^\{/);
  return { response, body };
}

describe('the audit trail in GraphiQL', () => {
  step('a case worker signs in and runs CaseView', async () => {
    page = await context.newPage();
    await page.goto(gatewayPage());
    await graphiqlReady();
    await signInAs('kaisa.virtanen', 'Sign in');
    await expect.poll(activeTab, eventually).toBe('CaseView');
    const { response, body } = await run('CaseView');
    expect(response.status()).toBe(200);
    expect(body.data.application.id).toBe(SCENARIO.showcase);
    caseViewRequestId = (await response.allHeaders())['x-request-id'];
    expect(caseViewRequestId).toEqual(expect.any(String));
  });

  step('the data protection officer signs in and finds that view in AuditTrail by the identity code', async () => {
    await signInAs('tuula.laine', 'Switch user');
    await openTab('AuditTrail');
    const identityCode = applicantOf(graph.mocks.dataset, SCENARIO.showcase).personalIdentityCode!;
    // The tab's default is the showcase applicant: nothing to type.
    await expect.poll(variables, eventually).toEqual({ subject: identityCode, first: 50 });
    const { response, body } = await run('AuditTrail');
    expect(response.status()).toBe(200);
    expect(body.errors).toBeUndefined();
    const view = body.data.auditTrail.entries.find((entry: { requestId: string }) => entry.requestId === caseViewRequestId);
    expect(view).toMatchObject({
      caller: { user: 'kaisa.virtanen', unit: 'HEL-1', roles: ['case-worker'] },
      caseId: SCENARIO.showcase,
      purpose: 'CASE_HANDLING',
      operationName: 'CaseView',
    });
    expect(view.reads.map((read: { registry: string }) => read.registry)).toEqual(expect.arrayContaining(['POPULATION']));
    // And the page shows it.
    await expect.poll(async () => (await responseText()).replace(/\s+/g, ' '), eventually).toContain('"user": "kaisa.virtanen"');
  });

  step('asked for nothing beyond 127.0.0.1 and logged no error', async () => {
    const beyond = requested.filter((url) => {
      const parsed = new URL(url);
      if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || url === 'about:blank') return false;
      return parsed.hostname !== '127.0.0.1';
    });
    expect(beyond).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
