/**
 * Case field history (issue 21) in the preview, in Debian's Chromium, against a fresh local-org with force-app
 * deployed and the demo data seeded: after a status change and a reassignment through the REST API and a Log Review
 * through the action, CaseHistory (by SOQL) has the Status and Owner rows and none for the review fields (the review
 * seed forbids their history), and the record page's Case History list shows them with user, old and new values.
 * Skipped, saying so, when /usr/bin/chromium is not installed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { query } from '../scripts/lib/localOrgSetup.ts';
import { CHROMIUM, chromiumInstalled, launchBrowser, signIn, withPage, type Browser } from './support/browser.ts';
import { ensurePreviewBuilt, startPreviewOrg, type PreviewOrg } from './support/previewOrg.ts';

const skip = chromiumInstalled()
    ? false
    : `${CHROMIUM} is not installed (apt-get install -y chromium); the browser tests did not run`;
if (skip) process.stderr.write(`e2e SKIPPED: ${skip}\n`);

let t: PreviewOrg;
let browser: Browser;

interface HistoryRow {
    Field: string;
    DataType: string | null;
    OldValue: string | null;
    NewValue: string | null;
    CreatedById: string;
}

async function patchCase(token: string, id: string, values: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${t.origin}/services/data/v66.0/sobjects/Case/${id}`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(values)
    });
    assert.equal(response.status, 204, await response.text());
}

describe('Case history in Chromium', { skip }, () => {
    before(async () => {
        await ensurePreviewBuilt();
        [t, browser] = await Promise.all([startPreviewOrg(), launchBrowser()]);
    });
    after(async () => {
        await browser?.close();
        await t?.close();
    });

    test('a status change, a reassignment and a Log Review: Status and Owner rows, none for the review fields, shown on the page', async () => {
        const [target] = await query<{ Id: string; Status: string; OwnerId: string }>(
            t.origin,
            t.admin.accessToken,
            "SELECT Id, Status, OwnerId FROM Case WHERE RecordType.DeveloperName = 'Homeowner' AND Status != 'Working' AND IsClosed = false ORDER BY CaseNumber LIMIT 1"
        );
        assert.ok(target, 'the demo data has an open homeowner case');
        const [agent] = await query<{ Name: string }>(
            t.origin,
            t.admin.accessToken,
            `SELECT Name FROM User WHERE Id = '${t.agent.id}'`
        );

        await patchCase(t.admin.accessToken, target.Id, { OwnerId: t.agent.id });
        await patchCase(t.agent.accessToken, target.Id, { Status: 'Working' });

        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'case-history', async (page) => {
            await page.goto(`${t.origin}/lightning/r/Case/${target.Id}/view`);
            await page.click('[data-action="Case.Log_Review"]');
            const modal = page.locator('[data-id="action-modal"]');
            const comments = modal.locator('lightning-textarea.comments textarea');
            await comments.waitFor();
            await page.waitForFunction(
                (element) => (element as { value?: string } | null)?.value !== '',
                await comments.elementHandle()
            );
            await comments.fill('Current Status: working on it\nPending Action Items: none\nAction Owner: Sam');
            await modal.locator('lightning-button.save button').click();
            await modal.waitFor({ state: 'detached' });

            const history = page.locator('[data-related="Histories"]');
            await history.locator('text=Case History').first().waitFor();
            const statusRow = history.locator('tr', { hasText: 'Working' });
            await statusRow.waitFor();
            const statusText = await statusRow.innerText();
            assert.match(statusText, /Status/);
            assert.ok(statusText.includes(agent.Name), statusText);
            assert.ok(statusText.includes(target.Status), statusText);
            await history.locator('tr', { hasText: 'Case Owner' }).waitFor();
            assert.equal(await history.locator('tr', { hasText: 'Last Review' }).count(), 0);
        });

        const rows = await query<HistoryRow & { attributes?: unknown }>(
            t.origin,
            t.admin.accessToken,
            `SELECT Field, DataType, OldValue, NewValue, CreatedById, CreatedDate FROM CaseHistory WHERE CaseId = '${target.Id}' ORDER BY CreatedDate, Id`
        );
        const fields = rows.map((r) => r.Field);
        assert.ok(
            rows.some(
                (r) =>
                    r.Field === 'Status' &&
                    r.OldValue === target.Status &&
                    r.NewValue === 'Working' &&
                    r.CreatedById === t.agent.id
            ),
            JSON.stringify(rows)
        );
        assert.ok(
            rows.some(
                (r) =>
                    r.Field === 'Owner' &&
                    r.DataType === 'EntityId' &&
                    r.OldValue === target.OwnerId &&
                    r.NewValue === t.agent.id &&
                    r.CreatedById === t.admin.id
            ),
            JSON.stringify(rows)
        );
        assert.deepEqual(
            fields.filter((f) => /Review/.test(f)),
            [],
            'the review fields keep no history'
        );
        const [reviewed] = await query<{ Last_Review_Comments__c: string | null }>(
            t.origin,
            t.admin.accessToken,
            `SELECT Last_Review_Comments__c FROM Case WHERE Id = '${target.Id}'`
        );
        assert.match(reviewed.Last_Review_Comments__c ?? '', /working on it/, 'the review was saved');
    });
});
