/**
 * GraphiQL in a real browser (Chromium through playwright-core), as an analyst uses it: the tabs on
 * a first visit and on return visits, signing in through the demo identity provider's own sign-in
 * page, switching user, signing out, and the plan panel. Its screenshot is taken every run; it
 * replaces the README's (docs/graphiql-plan-panel.png) when UPDATE_SCREENSHOTS=1, so a plain test
 * run leaves the tree as it was. Every request the page makes stays on
 * 127.0.0.1, and the console stays free of errors.
 *
 * Set-up and Chromium: browser-walk.ts.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { browserWalk, editorText, eventually, graphiqlReady } from './browser-walk.js';

const EXAMPLE_TABS = [
  'CaseView',
  'AccessesByUser',
  'AuditTrail',
  'BulkPrerequisiteChecks',
  'EmployerView',
  'PersonSearch',
  'PopulationRecord',
  'PrerequisiteCheck',
  'SubjectAccessReport',
  'Worklist',
];
const SESSION_KEY = 'casegraph.graphiql.session';
/** The README's picture of the plan panel, taken afresh by every run. */
const SCREENSHOT =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? fileURLToPath(new URL('../../docs/graphiql-plan-panel.png', import.meta.url))
    : path.join(tmpdir(), `casegraph-graphiql-plan-panel-${process.pid}.png`);
const walk = browserWalk();
const { step, gatewayPage } = walk;
let page: Page;

const activeTab = async () => (await tabs()).active;

async function tabs(): Promise<{ titles: string[]; active: string | undefined }> {
  const found = await page.locator('.graphiql-tab').evaluateAll((elements) =>
    elements.map((element) => ({
      title: element.querySelector('.graphiql-tab-button')?.textContent ?? '',
      active: element.classList.contains('graphiql-tab-active'),
    })),
  );
  return { titles: found.map((tab) => tab.title), active: found.find((tab) => tab.active)?.title };
}

const variablesText = () => editorText(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)');
/** The variables (or headers) editor's JSON, or its text when that is not JSON (an empty pane: ''). */
async function variables(): Promise<unknown> {
  const text = await variablesText();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
const queryText = () => editorText(page, '.graphiql-query-editor');
const responseText = () => editorText(page, '.graphiql-response');
/** The response pane's text with its line wrapping undone. */
const responseWords = async () => (await responseText()).replace(/\s+/g, ' ');

/** The page opens on CaseView with its variables, shows only the example tabs, and one click switches tabs. */
async function expectTabsWork(): Promise<void> {
  expect(await tabs()).toEqual({ titles: EXAMPLE_TABS, active: 'CaseView' });
  await expect.poll(queryText, eventually).toMatch(/query CaseView\(\$id: ID! = "APP-0000001"\)/);
  await expect.poll(variables, eventually).toEqual({ id: 'APP-0000001' });

  // One click, the first on this page, switches.
  await page.getByRole('tab', { name: 'EmployerView' }).getByRole('button', { name: 'EmployerView' }).click();
  await expect.poll(activeTab, eventually).toBe('EmployerView');
  await expect.poll(queryText, eventually).toMatch(/query EmployerView\(/);
  await expect.poll(variables, eventually).toEqual({ businessId: '3317876-1' });

  // PopulationRecord names its case in a header.
  await page.getByRole('tab', { name: 'PopulationRecord' }).getByRole('button', { name: 'PopulationRecord' }).click();
  await expect.poll(activeTab, eventually).toBe('PopulationRecord');
  await expect.poll(variables, eventually).toEqual({ personalIdentityCode: '140391Y714Y' });
  await page.locator('.graphiql-editor-tools').getByRole('button', { name: 'Headers' }).click();
  await expect.poll(variables, eventually).toEqual({ 'x-case-id': 'APP-0000001' });
  await page.locator('.graphiql-editor-tools').getByRole('button', { name: 'Variables' }).click();

  const lastClickAt = (await page.evaluate('performance.now()')) as number;
  await page.getByRole('tab', { name: 'CaseView' }).getByRole('button', { name: 'CaseView' }).click();
  await expect.poll(activeTab, eventually).toBe('CaseView');
  expect(await tabs()).toEqual({ titles: EXAMPLE_TABS, active: 'CaseView' });
  await expect.poll(variables, eventually).toEqual({ id: 'APP-0000001' });
  // GraphiQL stores its tabs half a second after each change; the next visit starts from what it
  // stored. Waiting for a store made after the last click, not for the stored value: the value
  // stored at the page's start also says CaseView, and a store of a tab in between may still be
  // due (on a busy machine timers run late), which a reload right then would open.
  await expect.poll(() => activeTabStoredSince(lastClickAt), eventually).toBe('CaseView');
}

/** Records every store of GraphiQL's tab state in the page (with the page's clock), for activeTabStoredSince. */
const RECORD_TAB_STATE_STORES = `(() => {
  const setItem = Storage.prototype.setItem;
  window.__tabStateStores = [];
  Storage.prototype.setItem = function (key, value) {
    if (key === 'graphiql:tabState') window.__tabStateStores.push({ at: performance.now(), value: String(value) });
    return setItem.call(this, key, value);
  };
})();`;

/** The title of the active tab in the newest store of GraphiQL's tab state made after `since`, if any. */
async function activeTabStoredSince(since: number): Promise<string | undefined> {
  const stored = await page.evaluate(
    `(window.__tabStateStores ?? []).filter((store) => store.at > ${since}).map((store) => store.value).pop() ?? null`,
  );
  const state = JSON.parse(typeof stored === 'string' ? stored : '{}') as { tabs?: Array<{ title: string }>; activeTabIndex?: number };
  return state.tabs?.[state.activeTabIndex ?? -1]?.title;
}

const signInAs = (user: string, button: 'Sign in' | 'Switch user') => walk.signInAs(page, user, button);

const identityBar = () => page.locator('#casegraph-identity .cg-identity-status').innerText();

const run = (operationName: string) => walk.runTab(page, operationName);

async function sessionToken(): Promise<string | null> {
  // Runs in the page, where sessionStorage is (this file is typed for Node).
  const kept = await page.evaluate(`sessionStorage.getItem(${JSON.stringify(SESSION_KEY)})`);
  return typeof kept === 'string' ? (JSON.parse(kept) as { accessToken: string }).accessToken : null;
}

async function openPlanPanel(): Promise<void> {
  const button = page.locator('.graphiql-sidebar').getByRole('button', { name: 'Show Query plan' });
  if ((await button.count()) > 0) await button.click();
  await page.locator('.cg-plan').waitFor();
}

describe('GraphiQL in Chromium', () => {
  step('opens on CaseView with its variables on a first visit; one click switches tabs; no untitled tab', async () => {
    await walk.context.addInitScript(RECORD_TAB_STATE_STORES);
    page = await walk.context.newPage();
    await page.goto(gatewayPage());
    await graphiqlReady(page);
    expect(await identityBar()).toContain('Not signed in');
    await expectTabsWork();
  });

  step('does the same on a reload and on a return visit in another tab of the same browser', async () => {
    await page.reload();
    await graphiqlReady(page);
    await expectTabsWork();

    await page.close();
    page = await walk.context.newPage();
    await page.goto(gatewayPage());
    await graphiqlReady(page);
    await expectTabsWork();
  });

  step('signs a case worker in through the provider’s sign-in page; CaseView then withholds police records', async () => {
    const signInPage = await signInAs('kaisa.virtanen', 'Sign in');
    expect(signInPage).toContain('Sign in to casegraph');
    // Back on the page, without the code and state in the address.
    expect(page.url()).toBe(gatewayPage());
    expect(await identityBar()).toMatch(/Signed in as\s+Kaisa Virtanen\s+kaisa\.virtanen.*roles: case-worker.*unit: HEL-1/s);
    expect(await tabs()).toEqual({ titles: EXAMPLE_TABS, active: 'CaseView' });

    const token = await sessionToken();
    expect(token).toEqual(expect.stringMatching(/^ey[\w-]+\.[\w-]+\.[\w-]+$/));
    const { response, body, headers } = await run('CaseView');
    expect(headers.authorization).toBe(`Bearer ${token}`);
    expect(headers['x-casegraph-plan']).toBeUndefined();
    expect(response.status()).toBe(200);
    expect(body.data.application).toMatchObject({ id: 'APP-0000001', applicant: { police: null, population: expect.any(Object) } });
    expect(body.errors).toContainEqual(
      expect.objectContaining({ path: ['application', 'applicant', 'police'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } }),
    );
    expect(await responseWords()).toContain('"code": "UNAUTHORIZED_FIELD_OR_TYPE"');

    // The plan is not hers to see, and the panel says why.
    await openPlanPanel();
    expect(await page.locator('.cg-plan').innerText()).toContain('The query plan needs the query-plan right (query-plan:read)');
  });

  step('switches to a senior case worker, who sees the police records', async () => {
    const signInPage = await signInAs('matti.korhonen', 'Switch user');
    expect(signInPage).toContain('Signed in now as Kaisa Virtanen (kaisa.virtanen)');
    expect(await identityBar()).toMatch(/Signed in as\s+Matti Korhonen\s+matti\.korhonen.*roles: senior-case-worker.*unit: HEL-1/s);

    const { body, headers } = await run('CaseView');
    expect(headers.authorization).toBe(`Bearer ${await sessionToken()}`);
    expect(body.errors).toBeUndefined();
    expect(body.data.application.applicant.police).toMatchObject({
      matchedBy: expect.any(String),
      hasEntries: expect.any(Boolean),
      provenance: expect.objectContaining({ registry: 'POLICE' }),
    });
  });

  step('shows an analyst the plan of CaseView: its fetches in sequence and parallel, and its registry calls', async () => {
    await signInAs('antti.heikkinen', 'Switch user');
    expect(await identityBar()).toMatch(/Signed in as\s+Antti Heikkinen\s+antti\.heikkinen.*roles: analyst.*unit: HEL-1/s);

    const { body, headers } = await run('CaseView');
    expect(headers['x-casegraph-plan']).toBe('1');
    const plan = body.extensions.casegraphPlan;
    expect(plan.queryPlan).toMatch(/^QueryPlan \{/);
    expect(plan.registryCalls.length).toBeGreaterThan(0);
    // The plan is the panel's: the response pane shows the answer without it.
    expect(await responseWords()).not.toContain('casegraphPlan');

    await openPlanPanel();
    const panel = page.locator('.cg-plan');
    expect(await panel.locator('.cg-plan-summary').innerText()).toMatch(
      /^CaseView: .* fetches from \d+ subgraphs \(\d+ entity fetches\) · \d+ registry calls/,
    );
    const sequence = panel.locator('.cg-plan-sequence').first();
    expect(await sequence.locator('.cg-plan-group-label').first().innerText()).toBe('Sequence: one after another');
    expect(await sequence.locator('.cg-plan-fetch').first().locator('.cg-plan-fetch-line').innerText()).toMatch(
      /^applications\s+root fetch\s+[\d.]+ ms$/,
    );
    const parallel = sequence.locator('.cg-plan-parallel');
    expect(await parallel.locator('.cg-plan-group-label').innerText()).toBe('Parallel: at the same time');
    const entityFetches = await parallel.locator('.cg-plan-entity .cg-plan-fetch-line').allInnerTexts();
    expect(entityFetches.map((line) => line.split(/\s+/)[0]).sort()).toEqual(['population', 'sis', 'tax', 'trade-register']);
    expect(await parallel.locator('.cg-plan-entity').first().locator('.cg-plan-fetch-detail').innerText()).toMatch(
      /^(Applicant|Employer) by .* at application\./,
    );
    const calls = panel.locator('.cg-plan-calls tbody');
    expect(await calls.count()).toBe(plan.registryCalls.length);
    const first = plan.registryCalls[0];
    expect(await calls.first().innerText()).toContain(first.registry);
    expect(await calls.first().innerText()).toContain(first.service);
    expect(await calls.first().innerText()).toContain(`X-Road request id ${first.xRoadId}`);

    // Wider and taller, for the README's picture of it.
    await page.setViewportSize({ width: 1440, height: 1080 });
    const dragBar = page.locator('.graphiql-horizontal-drag-bar').first();
    const box = (await dragBar.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 200, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const png = await page.screenshot({ path: SCREENSHOT });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
  });

  step('signs out at the provider too, and then runs nothing', async () => {
    await page.locator('#casegraph-identity').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${walk.idp.issuer}/session/end`));
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(gatewayPage());
    await graphiqlReady(page);
    expect(await identityBar()).toContain('Not signed in');
    expect(await sessionToken()).toBeNull();

    await page.locator('.graphiql-execute-button').click();
    await expect.poll(responseWords, eventually).toContain('"message": "Signed out: sign in (at the top of the page) to run operations."');
  });

  step('asked for nothing beyond 127.0.0.1, put no token in an address, and logged no error', async () => {
    expect(walk.requestsBeyondLoopback()).toEqual([]);
    expect(walk.requested.some((url) => url.startsWith(`${walk.idp.issuer}/interaction/`))).toBe(true);
    expect(walk.requested.filter((url) => /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/.test(url))).toEqual([]);
    expect(walk.consoleErrors).toEqual([]);
  });
});
