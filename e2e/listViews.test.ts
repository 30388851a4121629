/**
 * The list page's list view picker in Chromium, on a fresh local-org deployed and seeded like `npm start`: the agent
 * picks My Open Cases and sees their open cases only; Unassigned Web Forms shows a queue-owned web form with the
 * queue's name as its owner. Skipped, saying so, when /usr/bin/chromium is not installed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
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

let t: PreviewOrg;
let browser: Browser;

/** Creates a record owned as the test says: `Sforce-Auto-Assign: FALSE` keeps the active assignment rule out. */
async function create(token: string, object: string, values: Record<string, unknown>): Promise<string> {
    const response = await fetch(`${t.origin}/services/data/v66.0/sobjects/${object}`, {
        method: 'POST',
        headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
            'Sforce-Auto-Assign': 'FALSE'
        },
        body: JSON.stringify(values)
    });
    const body = await response.json();
    assert.equal(response.status, 201, JSON.stringify(body));
    return (body as { id: string }).id;
}

async function webFormRecordTypeId(): Promise<string> {
    const soql = "SELECT Id FROM RecordType WHERE SobjectType = 'Case' AND DeveloperName = 'Web_Form'";
    const response = await fetch(`${t.origin}/services/data/v66.0/query?q=${encodeURIComponent(soql)}`, {
        headers: { Authorization: `Bearer ${t.admin.accessToken}` }
    });
    return ((await response.json()) as { records: { Id: string }[] }).records[0].Id;
}

describe('list view picker in Chromium', { skip }, () => {
    const stamp = Date.now();
    const agentOpen = `Agent open ${stamp}`;
    const agentClosed = `Agent closed ${stamp}`;
    const adminOpen = `Admin open ${stamp}`;
    const queued = `Queued web form ${stamp}`;

    before(async () => {
        await ensurePreviewBuilt();
        [t, browser] = await Promise.all([startPreviewOrg(), launchBrowser()]);
        await create(t.agent.accessToken, 'Case', { Subject: agentOpen, Origin: 'Phone' });
        await create(t.agent.accessToken, 'Case', { Subject: agentClosed, Origin: 'Phone', Status: 'Closed' });
        await create(t.admin.accessToken, 'Case', { Subject: adminOpen, Origin: 'Phone' });
        // A queue as an admin's script makes one (Group of Type Queue and the object it may own).
        const queueId = await create(t.admin.accessToken, 'Group', {
            Name: 'E2E Web Queue',
            DeveloperName: 'E2E_Web_Queue',
            Type: 'Queue'
        });
        await create(t.admin.accessToken, 'QueueSobject', { QueueId: queueId, SobjectType: 'Case' });
        await create(t.admin.accessToken, 'Case', {
            Subject: queued,
            Origin: 'Web',
            RecordTypeId: await webFormRecordTypeId(),
            SuppliedName: 'Quentin Queue',
            Description: 'Please call back.',
            OwnerId: queueId
        });
    });
    after(async () => {
        await browser?.close();
        await t?.close();
    });

    async function pick(page: Page, label: string): Promise<void> {
        const picker = page.locator('[data-id="list-view-picker"]');
        await picker.locator('button, input').first().click();
        await picker.locator('lightning-base-combobox-item', { hasText: label }).click();
    }

    test('the agent picks My Open Cases and sees their open cases only', async () => {
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'list-view-my-open-cases', async (page) => {
            await page.goto(`${t.origin}/lightning/o/Case/list`);
            await waitForListRows(page);
            await pick(page, 'My Open Cases');
            await page.waitForURL(/filterName=My_Open_Cases/);
            await page.locator('[data-id="list-title"]', { hasText: 'My Open Cases' }).waitFor();
            const table = page.locator('lightning-datatable');
            await table.locator('tr', { hasText: agentOpen }).waitFor();
            const text = await table.innerText();
            assert.ok(!text.includes(agentClosed), 'a closed case is not in My Open Cases');
            assert.ok(!text.includes(adminOpen), "another user's case is not in My Open Cases");
            for (const header of ['Case Number', 'Subject', 'Case Record Type', 'Status', 'Priority']) {
                assert.ok(text.includes(header), `${header} column: ${text.slice(0, 300)}`);
            }
        });
    });

    test('Unassigned Web Forms shows a queue-owned web form with the queue’s name as owner', async () => {
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'list-view-unassigned-web-forms', async (page) => {
            await page.goto(`${t.origin}/lightning/o/Case/list?filterName=Unassigned_Web_Forms`);
            const row = page.locator('lightning-datatable tr', { hasText: queued });
            await row.waitFor();
            assert.match((await row.innerText()) ?? '', /E2E Web Queue/);
            assert.doesNotMatch((await row.innerText()) ?? '', /00G[A-Za-z0-9]{12}/);
        });
    });
});
