/**
 * The New Service Case action (issue 20) in the preview, in Chromium, against one fresh local-org (deployed and
 * seeded like `npm start`): from a Pending Cancellation contract the agent sees the account's open cases and a
 * warning naming the status, confirms, saves with one GraphQL mutation, and the sticky toast's link opens the new
 * case, which REST shows owned by the agent on that contract; from an account the open cases are listed; the viewer
 * can create nothing and nothing is written. Skipped, saying so, without Chromium.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page, Request } from 'playwright-core';
import { projectRoot } from '../scripts/lib/project.ts';
import { query } from '../scripts/lib/localOrgSetup.ts';
import { CHROMIUM, chromiumInstalled, launchBrowser, signIn, withPage, type Browser } from './support/browser.ts';
import { ensurePreviewBuilt, startPreviewOrg, type PreviewOrg } from './support/previewOrg.ts';

const skip = chromiumInstalled()
    ? false
    : `${CHROMIUM} is not installed (apt-get install -y chromium); the browser tests did not run`;
if (skip) process.stderr.write(`e2e SKIPPED: ${skip}\n`);

type Row = Record<string, unknown> & { Id: string };

let t: PreviewOrg;
let browser: Browser;

/** A Custom Label's value as deployed (force-app's labels file). */
function label(name: string): string {
    const xml = readFileSync(join(projectRoot, 'force-app/main/default/labels/CustomLabels.labels-meta.xml'), 'utf8');
    const match = new RegExp(`<fullName>${name}</fullName>[\\s\\S]*?<value>([^<]*)</value>`).exec(xml);
    assert.ok(match, `label ${name}`);
    return match[1].replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

async function soql<T = Row>(statement: string): Promise<T[]> {
    return query<T>(t.origin, t.admin.accessToken, statement);
}

async function rest(path: string): Promise<Row> {
    const response = await fetch(`${t.origin}/services/data/v66.0${path}`, {
        headers: { Authorization: `Bearer ${t.admin.accessToken}` }
    });
    const text = await response.text();
    assert.ok(response.ok, `GET ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as Row;
}

/** A seeded record (data/*.json) by its external id. */
async function demo(object: string, key: string): Promise<Row> {
    const [row] = await soql(`SELECT Id FROM ${object} WHERE Caseline_Key__c = '${key}'`);
    assert.ok(row, `demo ${object} ${key} is seeded`);
    return rest(`/sobjects/${object}/${row.Id}`);
}

async function caseCount(): Promise<number> {
    const [row] = await soql<{ n: number }>('SELECT COUNT(Id) n FROM Case');
    return Number(row.n);
}

/** Opens a record page and its New Service Case action; returns the modal once the panel has loaded. */
async function openAction(page: Page, object: string, id: string): Promise<Locator> {
    await page.goto(`${t.origin}/lightning/r/${object}/${id}/view`);
    await page.locator(`[data-action="${object}.New_Service_Case"]`).click();
    const modal = page.locator('[data-id="action-modal"]');
    await modal.locator('c-new-service-case lightning-quick-action-panel lightning-button').first().waitFor();
    await page.waitForLoadState('networkidle');
    return modal;
}

/** The open cases the panel lists, as [case number, link]. */
async function openCases(modal: Locator): Promise<[string, string | null][]> {
    await modal.locator('c-open-cases li, c-open-cases .none').first().waitFor();
    const links = await modal.locator('c-open-cases li a').all();
    return Promise.all(
        links.map(
            async (link) =>
                [(await link.textContent()) ?? '', await link.getAttribute('href')] as [string, string | null]
        )
    );
}

describe('New Service Case in Chromium', { skip }, () => {
    before(async () => {
        await ensurePreviewBuilt();
        [t, browser] = await Promise.all([startPreviewOrg(), launchBrowser()]);
    });
    after(async () => {
        await browser?.close();
        await t?.close();
    });

    test('from a Pending Cancellation contract: warning, confirmation, one mutation, the toast link opens the case', async () => {
        await signIn(browser, t.origin, t.agent.accessToken);
        const contract = await demo('Contract', 'DEMO-CTR-008'); // Lind Household, Pending Cancellation
        const openCase = await demo('Case', 'DEMO-CASE-106');
        await withPage(browser, 'service-case-pending-contract', async (page) => {
            const modal = await openAction(page, 'Contract', contract.Id);
            assert.deepEqual(await openCases(modal), [
                [String(openCase.CaseNumber), `/lightning/r/Case/${openCase.Id}/view`]
            ]);
            const form = modal.locator('c-service-case-form');
            assert.equal(
                (await form.locator('.warning-title').textContent())?.trim(),
                label('New_Service_Case_Warning_Title').replace('{0}', 'Pending Cancellation')
            );
            const saveButton = modal.locator('lightning-button.save button');
            await form.locator('lightning-input.subject input').fill('Inverter shows error E-42');
            assert.equal(await saveButton.isDisabled(), true, 'no save before the confirmation');
            await form.locator('lightning-input.confirm label').click();
            assert.equal(await form.locator('lightning-input.confirm input').isChecked(), true);
            assert.equal(await saveButton.isDisabled(), false);

            const graphql: Request[] = [];
            const listener = (request: Request) => {
                if (request.url().includes('/graphql')) graphql.push(request);
            };
            page.on('request', listener);
            await saveButton.click();
            const toast = page
                .locator('lightning-toast, .slds-notify_toast')
                .filter({ hasText: label('New_Service_Case_Created_Title') });
            await toast.first().waitFor();
            await modal.waitFor({ state: 'detached' });
            page.off('request', listener);
            // Save is one GraphQL request, the mutation (the page's refresh reads through REST).
            assert.equal(graphql.length, 1, graphql.map((r) => r.postData()?.slice(0, 80)).join(' | '));
            const body = JSON.parse(graphql[0].postData() ?? '{}') as { operationName?: string; query?: string };
            assert.equal(body.operationName, 'CreateServiceCase');
            assert.match(body.query ?? '', /^\s*mutation /);

            const [created] = await soql(
                `SELECT Id, CaseNumber FROM Case WHERE Contract__c = '${contract.Id}' AND Subject = 'Inverter shows error E-42'`
            );
            assert.ok(created, 'the case exists');
            const stored = await rest(`/sobjects/Case/${created.Id}`);
            assert.equal(stored.OwnerId, t.agent.id);
            assert.equal(stored.Contract__c, contract.Id);
            assert.equal(stored.AccountId, contract.AccountId);
            assert.equal(stored.Contract_Status_Acknowledged__c, true);

            const link = toast.first().locator('a');
            assert.equal(await link.textContent(), created.CaseNumber);
            // The toast's links open in a new tab (lightning/toast's messageLinks are target _blank).
            const [opened] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
            await opened.waitForURL(`**/lightning/r/Case/${created.Id}/view`);
            await opened.locator('[data-id="record-title"]', { hasText: String(created.CaseNumber) }).waitFor();
            await opened.close();
        });
    });

    test('from an account: the open cases are listed, and both kinds are offered', async () => {
        await signIn(browser, t.origin, t.agent.accessToken);
        const account = await demo('Account', 'DEMO-ACC-007'); // Berg Household
        const openCase = await demo('Case', 'DEMO-CASE-105');
        await withPage(browser, 'service-case-account', async (page) => {
            const modal = await openAction(page, 'Account', account.Id);
            const listed = await openCases(modal);
            assert.ok(
                listed.some(
                    ([number, href]) =>
                        number === openCase.CaseNumber && href === `/lightning/r/Case/${openCase.Id}/view`
                ),
                JSON.stringify(listed)
            );
            const kinds = modal.locator('c-service-case-form lightning-radio-group.kind input[type="radio"]');
            assert.equal(await kinds.count(), 2);
            assert.equal(
                await modal.locator('c-service-case-form .warning').count(),
                0,
                'the Activated contract is pre-selected'
            );
            await modal.locator('lightning-button.cancel button').click();
            await modal.waitFor({ state: 'detached' });
        });
    });

    test('the viewer can create nothing, and nothing is written', async () => {
        await signIn(browser, t.origin, t.viewer.accessToken);
        const contract = await demo('Contract', 'DEMO-CTR-008');
        const before = await caseCount();
        await withPage(browser, 'service-case-viewer', async (page) => {
            const modal = await openAction(page, 'Contract', contract.Id);
            await modal.locator('.cannot-create').waitFor();
            assert.equal(
                (await modal.locator('.cannot-create').textContent())?.trim(),
                label('New_Service_Case_Cannot_Create')
            );
            assert.equal(await modal.locator('input, textarea, lightning-radio-group').count(), 0);
            assert.deepEqual(await modal.locator('lightning-button button').allInnerTexts(), [
                label('New_Service_Case_Close')
            ]);
            await modal.locator('lightning-button.close button').click();
            await modal.waitFor({ state: 'detached' });
        });
        assert.equal(await caseCount(), before);
    });
});
