/**
 * Lead Progress in the preview, in Debian's Chromium, against a fresh local-org deployed and seeded like
 * `npm start`: the agent accepts the demo Pending lead, starts progress and marks it Lost with a reason, each step
 * one GraphQL mutation; the viewer is offered no step and writes nothing. Skipped, saying so, when
 * /usr/bin/chromium is not installed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { query } from '../scripts/lib/localOrgSetup.ts';
import { CHROMIUM, chromiumInstalled, launchBrowser, signIn, withPage, type Browser } from './support/browser.ts';
import { ensurePreviewBuilt, startPreviewOrg, type PreviewOrg } from './support/previewOrg.ts';

const skip = chromiumInstalled()
    ? false
    : `${CHROMIUM} is not installed (apt-get install -y chromium); the browser tests did not run`;
if (skip) process.stderr.write(`e2e SKIPPED: ${skip}\n`);

let t: PreviewOrg;
let browser: Browser;

interface LeadRow {
    Status: string;
    OwnerId: string;
    Lost_Reason__c: string | null;
    LastModifiedDate: string;
}

async function readLead(id: string): Promise<LeadRow> {
    const [row] = await query<LeadRow & { attributes?: unknown }>(
        t.origin,
        t.admin.accessToken,
        `SELECT Status, OwnerId, Lost_Reason__c, LastModifiedDate FROM Lead WHERE Id = '${id}'`
    );
    const { attributes: _attributes, ...lead } = row;
    return lead;
}

/** Opens Lead Progress on the lead's page and waits for its status line. */
async function openLeadProgress(page: Page, leadId: string) {
    await page.goto(`${t.origin}/lightning/r/Lead/${leadId}/view`);
    await page.click('[data-action="Lead.Lead_Progress"]');
    const modal = page.locator('[data-id="action-modal"]');
    await modal.locator('.status').waitFor();
    return modal;
}

/** Runs one step (and what follows the click) and returns the GraphQL mutations it sent. */
async function mutationsOf(page: Page, act: () => Promise<void>): Promise<string[]> {
    const mutations: string[] = [];
    const listener = (request: { url(): string; method(): string; postData(): string | null }) => {
        const body = request.postData() ?? '';
        if (request.method() === 'POST' && request.url().endsWith('/graphql') && /mutation/.test(body)) {
            mutations.push(body);
        }
    };
    page.on('request', listener);
    await act();
    await page.locator('[data-id="action-modal"]').waitFor({ state: 'detached' });
    page.off('request', listener);
    return mutations;
}

describe('Lead Progress in Chromium', { skip }, () => {
    before(async () => {
        await ensurePreviewBuilt();
        [t, browser] = await Promise.all([startPreviewOrg(), launchBrowser()]);
    });
    after(async () => {
        await browser?.close();
        await t?.close();
    });

    test('the agent accepts, starts and loses the lead with a reason: one mutation per step', async () => {
        const [lead] = await query<{ Id: string }>(
            t.origin,
            t.admin.accessToken,
            "SELECT Id FROM Lead WHERE Caseline_Key__c = 'DEMO-LEAD-001'"
        );
        assert.ok(lead, 'the demo data has a Pending lead');
        assert.equal((await readLead(lead.Id)).Status, 'Pending');

        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'lead-progress-agent', async (page) => {
            let modal = await openLeadProgress(page, lead.Id);
            const accepted = await mutationsOf(page, () =>
                modal.locator('lightning-button.step-accept button').click()
            );
            assert.equal(accepted.length, 1);
            assert.match(accepted[0], /mutation LeadProgressStep/);
            assert.equal((await readLead(lead.Id)).OwnerId, t.agent.id);

            modal = await openLeadProgress(page, lead.Id);
            const started = await mutationsOf(page, () => modal.locator('lightning-button.step-start button').click());
            assert.equal(started.length, 1);
            assert.equal((await readLead(lead.Id)).Status, 'In Progress');

            modal = await openLeadProgress(page, lead.Id);
            await modal.locator('lightning-button.step-lost button').click();
            assert.equal(await modal.locator('lightning-button.confirm button').isDisabled(), true);
            const reason = modal.locator('lightning-combobox.reason');
            const offered = await reason.evaluate((element) =>
                (element as unknown as { options: { value: string }[] }).options.map((option) => option.value)
            );
            assert.ok(offered.includes('Price'), `the Lost Reason values: ${offered.join(', ')}`);
            await reason.locator('button').click();
            await reason.locator('[role="option"]', { hasText: 'Price' }).click();
            const lost = await mutationsOf(page, () => modal.locator('lightning-button.confirm button').click());
            assert.equal(lost.length, 1);
        });
        const closed = await readLead(lead.Id);
        assert.equal(closed.Status, 'Lost');
        assert.equal(closed.Lost_Reason__c, 'Price');
    });

    test('the viewer sees the status, is offered no step, and nothing is written', async () => {
        const [lead] = await query<{ Id: string }>(
            t.origin,
            t.admin.accessToken,
            "SELECT Id FROM Lead WHERE Caseline_Key__c = 'DEMO-LEAD-002'"
        );
        const before = await readLead(lead.Id);
        await signIn(browser, t.origin, t.viewer.accessToken);
        await withPage(browser, 'lead-progress-viewer', async (page) => {
            const writes: string[] = [];
            page.on('request', (request) => {
                const body = request.postData() ?? '';
                if (request.method() !== 'GET' && /mutation|sobjects/.test(request.url() + body)) writes.push(body);
            });
            const modal = await openLeadProgress(page, lead.Id);
            await modal.locator('.read-only').waitFor();
            assert.equal(await modal.locator('lightning-button.step').count(), 0);
            await modal.locator('lightning-button.close button').click();
            assert.deepEqual(writes, []);
        });
        assert.deepEqual(await readLead(lead.Id), before);
    });
});
