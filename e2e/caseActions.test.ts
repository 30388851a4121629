/**
 * Close and Reassign on the Case record page, and a queue's list view, in Chromium against a fresh local-org with
 * force-app deployed and the demo data seeded: the queue's list view shows its open cases and, once the agent takes
 * one, the case is in My Open Cases and no longer in the queue's list; Close writes a closed status and the
 * resolution in one mutation; Reassign to another user is one mutation; as the viewer both say up front that they
 * cannot be done, with no form, and nothing is written. Skipped, saying so, when /usr/bin/chromium is not installed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { query } from '../scripts/lib/localOrgSetup.ts';
import {
    CHROMIUM,
    chromiumInstalled,
    launchBrowser,
    signIn,
    withPage,
    type Browser,
    waitForListRows
} from './support/browser.ts';
import { ensurePreviewBuilt, startPreviewOrg, type PreviewOrg } from './support/previewOrg.ts';

const skip = chromiumInstalled()
    ? false
    : `${CHROMIUM} is not installed (apt-get install -y chromium); the browser tests did not run`;
if (skip) process.stderr.write(`e2e SKIPPED: ${skip}\n`);

const V = '/services/data/v66.0';
let t: PreviewOrg;
let browser: Browser;

interface CaseState {
    OwnerId: string;
    Status: string;
    IsClosed: boolean;
    Resolution__c: string | null;
    Handover_Note__c: string | null;
}

async function readCase(id: string): Promise<CaseState> {
    const [row] = await query<CaseState & { attributes?: unknown }>(
        t.origin,
        t.admin.accessToken,
        `SELECT OwnerId, Status, IsClosed, Resolution__c, Handover_Note__c FROM Case WHERE Id = '${id}'`
    );
    const { attributes: _attributes, ...state } = row;
    return state;
}

/** A case the agent creates through REST; a web form from Germany is routed to the DACH queue by the rule. */
async function createAsAgent(values: Record<string, unknown>): Promise<string> {
    const response = await fetch(`${t.origin}${V}/sobjects/Case`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${t.agent.accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(values)
    });
    const body = (await response.json()) as { id: string };
    assert.equal(response.status, 201, JSON.stringify(body));
    return body.id;
}

/** Opens a Case action on the record page and returns its modal once the form (or its message) shows. */
async function openAction(page: Page, caseId: string, action: string, ready: string): Promise<Locator> {
    await page.goto(`${t.origin}/lightning/r/Case/${caseId}/view`);
    await page.click(`[data-action="Case.${action}"]`);
    const modal = page.locator('[data-id="action-modal"]');
    await modal.locator(ready).waitFor();
    return modal;
}

/** Clicks the action's button and returns the GraphQL requests the click made, once the modal closed or failed. */
async function save(page: Page, modal: Locator, button: string): Promise<string[]> {
    const requests: string[] = [];
    const listener = (request: { url(): string; method(): string; postData(): string | null }) => {
        if (request.method() === 'POST' && request.url().endsWith('/graphql')) requests.push(request.postData() ?? '');
    };
    page.on('request', listener);
    await modal.locator(`lightning-button.${button} button`).click();
    await Promise.race([modal.waitFor({ state: 'detached' }), modal.locator('c-error-panel.save-error').waitFor()]);
    page.off('request', listener);
    return requests;
}

async function chooseOption(combobox: Locator, label: string): Promise<void> {
    await combobox.locator('button, input').first().click();
    await combobox.locator('lightning-base-combobox-item', { hasText: label }).click();
}

async function fillClose(modal: Locator): Promise<void> {
    await chooseOption(modal.locator('lightning-combobox.status'), 'Closed - Answered');
    await modal.locator('lightning-textarea.resolution textarea').fill('Replaced the broken tiles.');
}

async function pickUser(modal: Locator, name: string): Promise<void> {
    const input = modal.locator('lightning-record-picker.user input[role="combobox"]');
    await input.fill(name.slice(0, 4));
    const option = modal.locator('lightning-record-picker.user [role="option"]', { hasText: name });
    await option.waitFor();
    await option.click();
}

async function listRows(page: Page, listView: string): Promise<string> {
    await page.goto(`${t.origin}/lightning/o/Case/list?filterName=${listView}`);
    await waitForListRows(page);
    return page.locator('[data-id="list"]').innerText();
}

describe('Close, Reassign and a queue’s list view', { skip }, () => {
    const stamp = Date.now();
    const queued = `Dachrinne undicht ${stamp}`;
    let queuedCase = '';

    before(async () => {
        await ensurePreviewBuilt();
        [t, browser] = await Promise.all([startPreviewOrg(), launchBrowser()]);
        queuedCase = await createAsAgent({ Origin: 'Web', Subject: queued, Web_Country__c: 'Deutschland' });
    });
    after(async () => {
        await browser?.close();
        await t?.close();
    });

    test('as the viewer, Close and Reassign say up front they cannot be done: no form, nothing written', async () => {
        const [dachQueue] = await query<{ Id: string }>(
            t.origin,
            t.admin.accessToken,
            "SELECT Id FROM Group WHERE Type = 'Queue' AND DeveloperName = 'DACH'"
        );
        const before = await readCase(queuedCase);
        assert.equal(before.OwnerId, dachQueue.Id, 'the web form is in the DACH queue');
        await signIn(browser, t.origin, t.viewer.accessToken);
        await withPage(browser, 'case-actions-viewer', async (page) => {
            const close = await openAction(page, queuedCase, 'Close', '.no-access');
            assert.equal(await close.locator('lightning-combobox.status').count(), 0, 'no Close form');
            assert.equal(await close.locator('lightning-button.close').count(), 0, 'no Close button');

            const reassign = await openAction(page, queuedCase, 'Reassign', '.no-access');
            assert.equal(await reassign.locator('lightning-record-picker.user').count(), 0, 'no Reassign form');
            assert.equal(await reassign.locator('lightning-button.reassign').count(), 0, 'no Reassign button');
        });
        assert.deepEqual(await readCase(queuedCase), before);
    });

    test('the DACH queue’s list shows its case; after Take it is in My Open Cases and not in the queue’s list', async () => {
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'case-actions-queue-list', async (page) => {
            assert.match(await listRows(page, 'DACH_Queue_Cases'), new RegExp(queued));
            const take = await openAction(page, queuedCase, 'Take', '.explanation');
            assert.equal((await save(page, take, 'take')).length, 1);
            assert.equal((await readCase(queuedCase)).OwnerId, t.agent.id);
            assert.match(await listRows(page, 'My_Open_Cases'), new RegExp(queued));
            assert.doesNotMatch(await listRows(page, 'DACH_Queue_Cases'), new RegExp(queued));
        });
    });

    test('as the agent, Reassign to another user is one mutation', async () => {
        const handed = await createAsAgent({ Origin: 'Phone', Subject: `Handed over ${stamp}` });
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'case-actions-reassign', async (page) => {
            const modal = await openAction(page, handed, 'Reassign', 'lightning-record-picker.user');
            await pickUser(modal, t.admin.name);
            await modal.locator('lightning-textarea.note textarea').fill('On holiday next week.');
            const requests = await save(page, modal, 'reassign');
            assert.equal(requests.length, 1, 'Reassign is a single GraphQL request');
            assert.match(requests[0], /mutation UpdateCase/);
        });
        const after = await readCase(handed);
        assert.equal(after.OwnerId, t.admin.id);
        assert.equal(after.Handover_Note__c, 'On holiday next week.');
    });

    test('as the agent, Close sets a closed status and the resolution in one mutation', async () => {
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'case-actions-close', async (page) => {
            const modal = await openAction(page, queuedCase, 'Close', 'lightning-combobox.status');
            await fillClose(modal);
            const requests = await save(page, modal, 'close');
            assert.equal(requests.length, 1, 'Close is a single GraphQL request');
            assert.match(requests[0], /mutation UpdateCase/);
        });
        const closed = await readCase(queuedCase);
        assert.equal(closed.Status, 'Closed - Answered');
        assert.equal(closed.IsClosed, true);
        assert.equal(closed.Resolution__c, 'Replaced the broken tiles.');
    });
});
