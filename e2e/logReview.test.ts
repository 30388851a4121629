/**
 * Log Review in the preview, in Debian's Chromium, against a fresh local-org with force-app deployed and the demo
 * data seeded: two reviews by two users through the action, each a single GraphQL mutation; the page shows the
 * latest review and its task without a reload; the org keeps the latest review on the case and one completed
 * "Case Review" task per review; a 1001-character review is refused by the component and by the org.
 * Skipped, saying so, when /usr/bin/chromium is not installed.
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

interface ReviewedCase {
    Id: string;
    CaseNumber: string;
    Last_Review_Comments__c: string | null;
    Last_Reviewed_By__c: string | null;
}

interface ReviewTask {
    Subject: string;
    Status: string;
    Description: string;
    OwnerId: string;
    WhoId: string | null;
    ActivityDate: string | null;
}

async function readCase(id: string): Promise<ReviewedCase> {
    const [row] = await query<ReviewedCase>(
        t.origin,
        t.admin.accessToken,
        `SELECT Id, CaseNumber, Last_Review_Comments__c, Last_Reviewed_By__c FROM Case WHERE Id = '${id}'`
    );
    return row;
}

async function reviewTasks(caseId: string): Promise<ReviewTask[]> {
    const rows = await query<ReviewTask & { attributes?: unknown }>(
        t.origin,
        t.admin.accessToken,
        `SELECT Subject, Status, Description, OwnerId, WhoId, ActivityDate FROM Task WHERE WhatId = '${caseId}' AND Subject = 'Case Review' ORDER BY CreatedDate, Id`
    );
    return rows.map(({ attributes: _attributes, ...task }) => task);
}

/** Opens Log Review on the case's record page and returns the modal's comments box. */
async function openLogReview(page: Page, caseId: string) {
    await page.goto(`${t.origin}/lightning/r/Case/${caseId}/view`);
    await page.click('[data-action="Case.Log_Review"]');
    const modal = page.locator('[data-id="action-modal"]');
    const comments = modal.locator('lightning-textarea.comments textarea');
    await comments.waitFor();
    // The box is there before the case is read; it is filled (template or latest review) once the wire answers.
    await page.waitForFunction(
        (element) => (element as { value?: string } | null)?.value !== '',
        await comments.elementHandle()
    );
    return { modal, comments, save: modal.locator('lightning-button.save button') };
}

/** Saves the review and returns the GraphQL requests the save made. */
async function saveReview(page: Page, text: string): Promise<string[]> {
    const modal = page.locator('[data-id="action-modal"]');
    const comments = modal.locator('lightning-textarea.comments textarea');
    const save = modal.locator('lightning-button.save button');
    await comments.fill(text);
    const graphqlRequests: string[] = [];
    const listener = (request: { url(): string; method(): string; postData(): string | null }) => {
        if (request.method() === 'POST' && request.url().endsWith('/graphql')) {
            graphqlRequests.push(request.postData() ?? '');
        }
    };
    page.on('request', listener);
    await save.click();
    await modal.waitFor({ state: 'detached' });
    page.off('request', listener);
    return graphqlRequests;
}

describe('Log Review in Chromium', { skip }, () => {
    before(async () => {
        await ensurePreviewBuilt();
        [t, browser] = await Promise.all([startPreviewOrg(), launchBrowser()]);
    });
    after(async () => {
        await browser?.close();
        await t?.close();
    });

    test('two reviews by two users: one mutation each, the page shows the latest, one completed task per review', async () => {
        const [target] = await query<{ Id: string }>(
            t.origin,
            t.admin.accessToken,
            "SELECT Id FROM Case WHERE RecordType.DeveloperName = 'Homeowner' ORDER BY CaseNumber LIMIT 1"
        );
        assert.ok(target, 'the demo data has a homeowner case');
        assert.deepEqual(await reviewTasks(target.Id), []);
        const first = 'Current Status: parts ordered\nPending Action Items: confirm the visit\nAction Owner: Sam';
        const second = 'Current Status: visit booked for Tuesday 👍\nPending Action Items: none\nAction Owner: Ada';

        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'log-review-agent', async (page) => {
            const { comments } = await openLogReview(page, target.Id);
            assert.match(await comments.inputValue(), /^Current Status: \nPending Action Items: \nAction Owner: $/);
            const requests = await saveReview(page, first);
            assert.equal(requests.length, 1, 'the save is a single GraphQL request');
            assert.match(requests[0], /mutation LogCaseReview/);
            await page.locator('text=Review saved').waitFor();
            // Without a reload: the details and the related tasks show the review the agent just saved.
            await page
                .locator('[data-id="details"] [data-field="Last_Review_Comments__c"]', {
                    hasText: 'parts ordered'
                })
                .waitFor();
            await page.locator('[data-related="Tasks"]', { hasText: 'Case Review' }).waitFor();
        });

        await signIn(browser, t.origin, t.admin.accessToken);
        await withPage(browser, 'log-review-admin', async (page) => {
            const { comments, save, modal } = await openLogReview(page, target.Id);
            assert.equal(await comments.inputValue(), first, 'starts from the latest review');
            await comments.fill('x'.repeat(1001));
            await modal.locator('.problem', { hasText: 'Shorten the review by 1 character:' }).waitFor();
            assert.equal(await save.isDisabled(), true);
            const requests = await saveReview(page, second);
            assert.equal(requests.length, 1);
            await page
                .locator('[data-id="details"] [data-field="Last_Review_Comments__c"]', { hasText: 'Tuesday' })
                .waitFor();
        });

        const reviewed = await readCase(target.Id);
        assert.equal(reviewed.Last_Review_Comments__c, second);
        assert.equal(reviewed.Last_Reviewed_By__c, t.admin.id);
        assert.deepEqual(await reviewTasks(target.Id), [
            {
                Subject: 'Case Review',
                Status: 'Completed',
                Description: first,
                OwnerId: t.agent.id,
                WhoId: null,
                ActivityDate: null
            },
            {
                Subject: 'Case Review',
                Status: 'Completed',
                Description: second,
                OwnerId: t.admin.id,
                WhoId: null,
                ActivityDate: null
            }
        ]);
    });

    test('a 1001-character review through the REST API is refused and writes nothing', async () => {
        const [target] = await query<{ Id: string }>(
            t.origin,
            t.admin.accessToken,
            "SELECT Id FROM Case WHERE RecordType.DeveloperName = 'Installer' ORDER BY CaseNumber LIMIT 1"
        );
        const before = await readCase(target.Id);
        const tasksBefore = await reviewTasks(target.Id);
        const response = await fetch(`${t.origin}/services/data/v66.0/sobjects/Case/${target.Id}`, {
            method: 'PATCH',
            headers: { Authorization: `Bearer ${t.agent.accessToken}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({
                Last_Review_Comments__c: 'y'.repeat(1001),
                Last_Reviewed_By__c: t.agent.id,
                Last_Reviewed_On__c: new Date().toISOString()
            })
        });
        assert.equal(response.status, 400);
        const [error] = (await response.json()) as { errorCode: string; fields: string[] }[];
        assert.equal(error.errorCode, 'STRING_TOO_LONG');
        assert.deepEqual(error.fields, ['Last_Review_Comments__c']);
        assert.deepEqual(await readCase(target.Id), before);
        assert.deepEqual(await reviewTasks(target.Id), tasksBefore);
    });
});
