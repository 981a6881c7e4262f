/**
 * The audit trail in a real browser (Chromium through playwright-core), as issue 11 says it is
 * done: a case worker runs CaseView in GraphiQL, then the data protection officer signs in and
 * finds that view in the AuditTrail tab by the applicant's identity code. Every request the page
 * makes stays on 127.0.0.1, and the console stays free of errors.
 *
 * Set-up and Chromium: browser-walk.ts.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { applicantOf } from '../dataset-fixtures.js';
import { browserWalk, editorText, eventually, graphiqlReady } from './browser-walk.js';

const walk = browserWalk();
const { step, gatewayPage } = walk;
let page: Page;
/** The request id of the case worker's CaseView, as the gateway answered it. */
let caseViewRequestId: string | undefined;

async function activeTab(): Promise<string | undefined> {
  return page
    .locator('.graphiql-tab.graphiql-tab-active .graphiql-tab-button')
    .first()
    .textContent()
    .then((text) => text ?? undefined);
}

async function variables(): Promise<unknown> {
  const text = await editorText(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const responseText = () => editorText(page, '.graphiql-response');

const signInAs = (user: string, button: 'Sign in' | 'Switch user') => walk.signInAs(page, user, button);

async function openTab(name: string): Promise<void> {
  await page.getByRole('tab', { name }).getByRole('button', { name }).click();
  await expect.poll(activeTab, eventually).toBe(name);
  // The tab is marked active before its document is in the editor; on a busy machine a run clicked
  // in between sent what the editor held then (a 400, and no answer for this operation).
  await expect.poll(() => editorText(page, '.graphiql-query-editor'), eventually).toMatch(new RegExp(`query ${name}\\b`));
}

const run = (operationName: string) => walk.runTab(page, operationName);

describe('the audit trail in GraphiQL', () => {
  step('a case worker signs in and runs CaseView', async () => {
    page = await walk.context.newPage();
    await page.goto(gatewayPage());
    await graphiqlReady(page);
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
    const identityCode = applicantOf(walk.graph.mocks.dataset, SCENARIO.showcase).personalIdentityCode!;
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
    expect(walk.requestsBeyondLoopback()).toEqual([]);
    expect(walk.consoleErrors).toEqual([]);
  });
});
