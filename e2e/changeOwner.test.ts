/**
 * "Hand over my cases" in Chromium, on a fresh local-org with force-app deployed and the demo data seeded: the agent
 * selects three cases in My Open Cases (checkboxes, by keyboard) and changes their owner to a colleague with the list
 * view's Change Owner (force-app's Case searchLayouts.listViewButtons, offered through UI API's list view header
 * actions); all three then have the new owner (REST) and an Owner row in Case History. The viewer is offered no
 * Change Owner, no row checkboxes, and an owner change of theirs through the same API is refused: nothing is
 * written. Skipped, saying so, when /usr/bin/chromium is not installed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
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

/** A case the agent owns (`Sforce-Auto-Assign: FALSE`: no assignment rule moves it). */
async function createAsAgent(subject: string): Promise<string> {
    const response = await fetch(`${t.origin}${V}/sobjects/Case`, {
        method: 'POST',
        headers: {
            Authorization: `Bearer ${t.agent.accessToken}`,
            'Content-Type': 'application/json',
            'Sforce-Auto-Assign': 'FALSE'
        },
        body: JSON.stringify({ Subject: subject, Origin: 'Phone' })
    });
    const body = (await response.json()) as { id: string };
    assert.equal(response.status, 201, JSON.stringify(body));
    return body.id;
}

async function owners(ids: string[]): Promise<Record<string, string>> {
    const rows = await query<{ Id: string; OwnerId: string }>(
        t.origin,
        t.admin.accessToken,
        `SELECT Id, OwnerId FROM Case WHERE Id IN ('${ids.join("','")}')`
    );
    return Object.fromEntries(rows.map((row) => [row.Id, row.OwnerId]));
}

describe('Change Owner of selected cases in a list view', { skip }, () => {
    const stamp = Date.now();
    const subjects = [1, 2, 3].map((n) => `Handover ${n} ${stamp}`);
    let caseIds: string[] = [];

    before(async () => {
        await ensurePreviewBuilt();
        [t, browser] = await Promise.all([startPreviewOrg(), launchBrowser()]);
        caseIds = [];
        for (const subject of subjects) caseIds.push(await createAsAgent(subject));
    });
    after(async () => {
        await browser?.close();
        await t?.close();
    });

    test('as the viewer, Change Owner is not offered and an owner change is refused: nothing is written', async () => {
        const before = await owners(caseIds);
        await signIn(browser, t.origin, t.viewer.accessToken);
        await withPage(browser, 'change-owner-viewer', async (page) => {
            await page.goto(`${t.origin}/lightning/o/Case/list?filterName=My_Open_Cases`);
            await waitForListRows(page);
            await page.locator('[data-id="list-title"]', { hasText: 'My Open Cases' }).waitFor();
            await page.locator('[data-id="list-header"][data-actions-loaded]').waitFor();
            assert.equal(await page.locator('[data-id="change-owner"]').count(), 0, 'no Change Owner button');
            assert.equal(await page.locator('lightning-datatable').getByRole('checkbox').count(), 0, 'no checkboxes');
        });
        // The same call the dialog makes, as the viewer: the org refuses it.
        const response = await fetch(`${t.origin}${V}/ui-api/records/${caseIds[0]}`, {
            method: 'PATCH',
            headers: { Authorization: `Bearer ${t.viewer.accessToken}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ fields: { OwnerId: t.viewer.id } })
        });
        assert.ok(response.status >= 400, `refused: HTTP ${response.status}`);
        assert.deepEqual(await owners(caseIds), before);
    });

    test('as the agent, three selected cases change owner to a colleague, each with its Owner history row', async () => {
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'change-owner-agent', async (page) => {
            await page.goto(`${t.origin}/lightning/o/Case/list?filterName=My_Open_Cases`);
            const table = page.locator('lightning-datatable');
            for (const subject of subjects) await table.locator('tr', { hasText: subject }).waitFor();
            const button = page.locator('[data-id="change-owner"] button');
            await button.waitFor();
            assert.ok(await button.isDisabled(), 'Change Owner waits for a selection');
            // Each row's checkbox is labelled and works from the keyboard.
            for (const subject of subjects) {
                // Found by its role and a non-empty accessible name: the checkbox is labelled.
                const checkbox = table.locator('tr', { hasText: subject }).getByRole('checkbox', { name: /\S/ });
                assert.equal(await checkbox.count(), 1, `one labelled checkbox for ${subject}`);
                await checkbox.focus();
                await page.keyboard.press('Space');
            }
            await page.locator('[data-id="list-selection"]', { hasText: '3 items selected' }).waitFor();
            await button.click();
            const dialog = page.getByRole('dialog', { name: 'Change Owner' });
            await dialog.locator('[data-id="change-owner-selection"]', { hasText: '3 selected records' }).waitFor();
            const input = dialog.locator('[data-id="change-owner-user"] input[role="combobox"]');
            await input.fill(t.admin.name.slice(0, 4));
            await dialog.getByRole('option', { name: t.admin.name }).click();
            await dialog.locator('[data-id="change-owner-save"] button').click();
            const results = dialog.locator('[data-id="change-owner-results"]');
            await results.getByText('3 of 3 records changed owner.').waitFor();
            assert.equal(await dialog.locator('[data-id="change-owner-failed"]').count(), 0);
            await Promise.all([
                page.waitForEvent('load'),
                dialog.locator('[data-id="change-owner-done"] button').click()
            ]);
            await waitForListRows(page);
            const text = await table.innerText();
            for (const subject of subjects) assert.ok(!text.includes(subject), `${subject} left My Open Cases`);
        });
        assert.deepEqual(await owners(caseIds), Object.fromEntries(caseIds.map((id) => [id, t.admin.id])));
        const history = await query<{ CaseId: string; OldValue: string; NewValue: string }>(
            t.origin,
            t.admin.accessToken,
            `SELECT CaseId, OldValue, NewValue FROM CaseHistory WHERE Field = 'Owner' AND CaseId IN ('${caseIds.join("','")}')`
        );
        for (const id of caseIds) {
            const row = history.find((entry) => entry.CaseId === id);
            assert.ok(row, `Case ${id} has an Owner history row: ${JSON.stringify(history)}`);
        }
    });
});
