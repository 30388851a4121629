/**
 * Relate Interaction (issue 24) in Debian's Chromium against a fresh local-org with force-app deployed and the demo
 * data seeded: the Task quick action runs the Relate_Interaction screen flow, whose screen is c:relateInteraction.
 * As the agent, a chat task with no contact is related by a typed email to its contact, a second contact (the
 * installer) and the open case in one save; REST then shows WhoId, WhatId = the case and the two contacts'
 * TaskRelation rows. The org rule refuses completing an interaction without an account; Log Review still creates its
 * task on an unlinked web form; as the viewer the flow's write is refused and nothing is written. Skipped, saying
 * so, without Chromium.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { query } from '../scripts/lib/localOrgSetup.ts';
import { CHROMIUM, chromiumInstalled, launchBrowser, signIn, withPage, type Browser } from './support/browser.ts';
import { ensurePreviewBuilt, startPreviewOrg, type PreviewOrg } from './support/previewOrg.ts';

const skip = chromiumInstalled()
    ? false
    : `${CHROMIUM} is not installed (apt-get install -y chromium); the browser tests did not run`;
if (skip) process.stderr.write(`e2e SKIPPED: ${skip}\n`);

let t: PreviewOrg;
let browser: Browser;

async function rest(token: string, method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${t.origin}/services/data/v66.0${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
}

async function createTask(fields: Record<string, unknown>): Promise<string> {
    const response = await rest(t.admin.accessToken, 'POST', '/sobjects/Task', fields);
    const body = (await response.json()) as { id: string };
    assert.equal(response.status, 201, JSON.stringify(body));
    return body.id;
}

async function idOf(soql: string): Promise<string> {
    const [row] = await query<{ Id: string }>(t.origin, t.admin.accessToken, soql);
    assert.ok(row, `no record for ${soql}`);
    return row.Id;
}

type TaskRow = { WhoId: string | null; WhatId: string | null; AccountId: string | null };

async function taskOf(id: string): Promise<TaskRow> {
    const [row] = await query<TaskRow>(
        t.origin,
        t.admin.accessToken,
        `SELECT WhoId, WhatId, AccountId FROM Task WHERE Id = '${id}'`
    );
    return row;
}

async function contactRelations(taskId: string): Promise<string[]> {
    const rows = await query<{ RelationId: string }>(
        t.origin,
        t.admin.accessToken,
        `SELECT RelationId FROM TaskRelation WHERE TaskId = '${taskId}' AND IsWhat = false`
    );
    return rows.map((row) => row.RelationId).sort();
}

/** Opens the Task page, starts Relate Interaction and waits for the flow's screen component. */
async function openRelate(page: Page, taskId: string): Promise<Locator> {
    await page.goto(`${t.origin}/lightning/r/Task/${taskId}/view`);
    await page.locator('[data-action="Task.Relate_Interaction"]').click();
    const modal = page.locator('[data-id="action-modal"]');
    await modal.locator('c-relate-interaction').waitFor();
    return modal;
}

async function search(modal: Locator, text: string): Promise<void> {
    await modal.locator('lightning-input.search-input input').fill(text);
    await modal.locator('lightning-button.search-button button').click();
    await modal.locator('.search-heading', { hasText: text }).waitFor();
}

async function choose(modal: Locator, group: string, text: string): Promise<void> {
    await modal.locator(`lightning-${group} label`, { hasText: text }).first().click();
}

describe('Relate Interaction in Chromium', { skip }, () => {
    let astrid: string;
    let hugo: string;
    let heatPumpCase: string;
    let heatPumpCaseNumber: string;

    before(async () => {
        await ensurePreviewBuilt();
        [t, browser] = await Promise.all([startPreviewOrg(), launchBrowser()]);
        astrid = await idOf("SELECT Id FROM Contact WHERE Email = 'astrid.berg@mail.example.se'");
        hugo = await idOf("SELECT Id FROM Contact WHERE Caseline_Key__c = 'DEMO-CON-008'");
        [{ Id: heatPumpCase, CaseNumber: heatPumpCaseNumber }] = await query<{ Id: string; CaseNumber: string }>(
            t.origin,
            t.admin.accessToken,
            "SELECT Id, CaseNumber FROM Case WHERE Subject = 'Heat pump makes a loud noise at night'"
        );
    });
    after(async () => {
        await browser?.close();
        await t?.close();
    });

    test('as the agent: a chat with no contact is related by a typed email, a second contact and the open case in one save', async () => {
        const chat = await createTask({
            Subject: 'Chat: e2e visitor asks about night noise',
            Type: 'Chat',
            Status: 'Not Started',
            OwnerId: t.agent.id
        });
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'relate-interaction-agent', async (page) => {
            const modal = await openRelate(page, chat);
            assert.equal(
                await modal.locator('lightning-checkbox-group.contacts').count(),
                0,
                'no caller: no search yet'
            );
            await search(modal, 'astrid.berg@mail.example.se');
            await choose(modal, 'checkbox-group.contacts', 'Astrid Berg');
            await search(modal, 'Rossi');
            await choose(modal, 'checkbox-group.contacts', 'Rossi');
            await choose(modal, 'radio-group.primary', 'Astrid Berg');
            await choose(modal, 'radio-group.account', 'Berg Household');
            await choose(modal, 'radio-group.cases', 'Heat pump makes a loud noise at night');
            const summary = (await modal.locator('.summary').textContent()) ?? '';
            assert.match(summary, /Astrid Berg/);
            assert.ok(summary.includes(`Related To: ${heatPumpCaseNumber}`), summary);
            const interviews: string[] = [];
            page.on('request', (request) => {
                if (request.method() === 'POST' && request.url().includes('/local-org/flow-interviews/'))
                    interviews.push(request.postData() ?? '');
            });
            await modal.locator('lightning-button.save button').click();
            await modal.waitFor({ state: 'detached' });
            assert.equal(interviews.length, 1, 'one save: a single navigation of the interview');
            const { outputs } = JSON.parse(interviews[0]) as { outputs: Record<string, Record<string, unknown>> };
            const relate = outputs.Relate;
            assert.equal(Object.keys(outputs).length, 1, 'the one screen component');
            assert.equal(relate.contactId, astrid);
            assert.equal(relate.relatedToId, heatPumpCase);
            assert.deepEqual(relate.otherContactIds, [hugo]);
        });
        const task = await taskOf(chat);
        assert.equal(task.WhoId, astrid);
        assert.equal(task.WhatId, heatPumpCase);
        assert.deepEqual(await contactRelations(chat), [astrid, hugo].sort());
    });

    test('completing an interaction task without an account fails with the rule’s message', async () => {
        const call = await createTask({ Subject: 'Call from +46 8 123 456', Type: 'Call', Status: 'Not Started' });
        const response = await rest(t.agent.accessToken, 'PATCH', `/sobjects/Task/${call}`, { Status: 'Completed' });
        assert.equal(response.status, 400);
        const [error] = (await response.json()) as { errorCode: string; message: string }[];
        assert.equal(error.errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
        assert.equal(
            error.message,
            'Relate this interaction to an account, or to a contact of an account, before completing it.'
        );
    });

    test('Log Review still creates its task on an unlinked web form', async () => {
        const webForm = await idOf(
            "SELECT Id FROM Case WHERE RecordType.DeveloperName = 'Web_Form' AND AccountId = null AND ContactId = null AND IsClosed = false ORDER BY CaseNumber LIMIT 1"
        );
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'relate-interaction-log-review', async (page) => {
            await page.goto(`${t.origin}/lightning/r/Case/${webForm}/view`);
            await page.click('[data-action="Case.Log_Review"]');
            const modal = page.locator('[data-id="action-modal"]');
            const comments = modal.locator('lightning-textarea.comments textarea');
            await comments.waitFor();
            await page.waitForFunction(
                (element) => (element as { value?: string } | null)?.value !== '',
                await comments.elementHandle()
            );
            await comments.fill('Current Status: called back\nPending Action Items: none\nAction Owner: Ada');
            await modal.locator('lightning-button.save button').click();
            await modal.waitFor({ state: 'detached' });
        });
        const tasks = await query<{ Status: string }>(
            t.origin,
            t.admin.accessToken,
            `SELECT Status FROM Task WHERE WhatId = '${webForm}' AND Subject LIKE 'Case Review%'`
        );
        assert.deepEqual(
            tasks.map((task) => task.Status),
            ['Completed']
        );
    });

    test('as the viewer: the flow’s write is refused, the error screen says nothing was saved, nothing is written', async () => {
        const chat = await createTask({ Subject: 'Chat: viewer e2e', Type: 'Chat', Status: 'Not Started' });
        await signIn(browser, t.origin, t.viewer.accessToken);
        await withPage(browser, 'relate-interaction-viewer', async (page) => {
            const modal = await openRelate(page, chat);
            await search(modal, 'astrid.berg@mail.example.se');
            await choose(modal, 'checkbox-group.contacts', 'Astrid Berg');
            await choose(modal, 'radio-group.cases', 'Heat pump makes a loud noise at night');
            await modal.locator('lightning-button.save button').click();
            await modal.getByText('The interaction was not related: nothing was saved.').waitFor();
        });
        const task = await taskOf(chat);
        assert.equal(task.WhoId, null);
        assert.equal(task.WhatId, null);
        assert.deepEqual(await contactRelations(chat), []);
    });
});
