/**
 * Queues and case routing against a fresh local-org with force-app deployed and the demo data seeded: Web-to-Case
 * routes by the form's country through the active assignment rule; REST applies the rule unless told
 * `Sforce-Auto-Assign: FALSE`; in Chromium the agent takes a queue's case (one mutation) and sends it to the Back
 * Office; the viewer's attempts are refused and write nothing. Skipped, saying so, when /usr/bin/chromium is not
 * installed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Connection } from 'jsforce';
import type { Page } from 'playwright-core';
import { query } from '../scripts/lib/localOrgSetup.ts';
import { readWebToCaseForm, webToCasePost } from '../scripts/lib/webToCaseForm.ts';
import { CHROMIUM, chromiumInstalled, launchBrowser, signIn, withPage, type Browser } from './support/browser.ts';
import { ensurePreviewBuilt, startPreviewOrg, type PreviewOrg } from './support/previewOrg.ts';

const skip = chromiumInstalled()
    ? false
    : `${CHROMIUM} is not installed (apt-get install -y chromium); the browser tests did not run`;
if (skip) process.stderr.write(`e2e SKIPPED: ${skip}\n`);

const V = '/services/data/v66.0';
let t: PreviewOrg;
let browser: Browser;

interface RoutedCase {
    Id: string;
    OwnerId: string;
    Status: string;
}

async function readCase(id: string): Promise<RoutedCase> {
    const [row] = await query<RoutedCase & { attributes?: unknown }>(
        t.origin,
        t.admin.accessToken,
        `SELECT Id, OwnerId, Status FROM Case WHERE Id = '${id}'`
    );
    const { attributes: _attributes, ...routed } = row;
    return routed;
}

async function queueId(developerName: string): Promise<string> {
    const [queue] = await query<{ Id: string }>(
        t.origin,
        t.admin.accessToken,
        `SELECT Id FROM Group WHERE Type = 'Queue' AND DeveloperName = '${developerName}'`
    );
    return queue.Id;
}

/** A case the agent creates through REST, with or without the Assignment Rule header. */
async function createAsAgent(values: Record<string, unknown>, autoAssign?: string): Promise<string> {
    const response = await fetch(`${t.origin}${V}/sobjects/Case`, {
        method: 'POST',
        headers: {
            Authorization: `Bearer ${t.agent.accessToken}`,
            'Content-Type': 'application/json',
            ...(autoAssign ? { 'Sforce-Auto-Assign': autoAssign } : {})
        },
        body: JSON.stringify(values)
    });
    const body = (await response.json()) as { id: string };
    assert.equal(response.status, 201, JSON.stringify(body));
    return body.id;
}

/** Opens a Case action on the record page, clicks its button and returns the GraphQL requests the click made. */
async function runAction(page: Page, caseId: string, action: string, button: string): Promise<string[]> {
    await page.goto(`${t.origin}/lightning/r/Case/${caseId}/view`);
    await page.click(`[data-action="Case.${action}"]`);
    const modal = page.locator('[data-id="action-modal"]');
    const confirm = modal.locator(`lightning-button.${button} button`);
    await modal.locator('.explanation').waitFor();
    const requests: string[] = [];
    const listener = (request: { url(): string; method(): string; postData(): string | null }) => {
        if (request.method() === 'POST' && request.url().endsWith('/graphql')) requests.push(request.postData() ?? '');
    };
    page.on('request', listener);
    await confirm.click();
    await Promise.race([modal.waitFor({ state: 'detached' }), modal.locator('c-error-panel.save-error').waitFor()]);
    page.off('request', listener);
    return requests;
}

describe('queues and case routing', { skip }, () => {
    let germanCase = '';

    before(async () => {
        await ensurePreviewBuilt();
        [t, browser] = await Promise.all([startPreviewOrg(), launchBrowser()]);
    });
    after(async () => {
        await browser?.close();
        await t?.close();
    });

    test('Web-to-Case with a German address: the DACH queue owns the case', async () => {
        const connection = new Connection({ instanceUrl: t.origin, accessToken: t.admin.accessToken, version: '66.0' });
        const form = await readWebToCaseForm(connection);
        const response = await fetch(form.endpoint, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: webToCasePost(form, {
                name: 'Jonas Weber',
                email: 'jonas.weber@example.de',
                subject: 'Dachziegel gebrochen',
                Web_City__c: 'München',
                Web_Country__c: 'Deutschland'
            })
        });
        assert.equal(response.status, 200);
        const [created] = await query<{ Id: string; OwnerId: string; Owner: { Name: string } }>(
            t.origin,
            t.admin.accessToken,
            "SELECT Id, OwnerId, Owner.Name FROM Case WHERE Subject = 'Dachziegel gebrochen'"
        );
        assert.equal(created.OwnerId, await queueId('DACH'));
        assert.equal(created.Owner.Name, 'DACH Web Requests');
        germanCase = created.Id;
    });

    test('a REST create without the header runs the rule; with Sforce-Auto-Assign: FALSE the caller stays owner', async () => {
        const web = { Origin: 'Web', Subject: 'Tiles for a London roof', Web_Country__c: 'United Kingdom' };
        assert.equal((await readCase(await createAsAgent(web))).OwnerId, await queueId('UK_Ireland'));
        assert.equal((await readCase(await createAsAgent(web, 'FALSE'))).OwnerId, t.agent.id);
        const phone = { Origin: 'Phone', Subject: 'Called about a leak' };
        assert.equal((await readCase(await createAsAgent(phone))).OwnerId, t.agent.id, 'an agent’s case stays theirs');
    });

    test('as the viewer, Take and Send to Back Office say up front they cannot be done: no button, nothing written', async () => {
        const before = await readCase(germanCase);
        await signIn(browser, t.origin, t.viewer.accessToken);
        await withPage(browser, 'queues-viewer', async (page) => {
            // The record page names the queue that owns the case (the polymorphic Owner), never its Id.
            await page.goto(`${t.origin}/lightning/r/Case/${germanCase}/view`);
            await page
                .locator('[data-id="details"] [data-field="OwnerId"]', { hasText: 'DACH Web Requests' })
                .waitFor();
            for (const [action, button] of [
                ['Take', 'take'],
                ['Send_To_Back_Office', 'send']
            ]) {
                await page.click(`[data-action="Case.${action}"]`);
                const modal = page.locator('[data-id="action-modal"]');
                await modal.locator('.no-access').waitFor();
                assert.equal(await modal.locator(`lightning-button.${button}`).count(), 0, `no ${button} button`);
                await modal.locator('[data-id="modal-close"]').click();
            }
        });
        assert.deepEqual(await readCase(germanCase), before);
    });

    test('as the agent: Take is one mutation and makes the agent the owner; Send to Back Office gives it to the queue', async () => {
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'queues-agent', async (page) => {
            const take = await runAction(page, germanCase, 'Take', 'take');
            assert.equal(take.length, 1, 'Take is a single GraphQL request');
            assert.match(take[0], /mutation UpdateCase/);
            assert.deepEqual(await readCase(germanCase), { Id: germanCase, OwnerId: t.agent.id, Status: 'Working' });

            const send = await runAction(page, germanCase, 'Send_To_Back_Office', 'send');
            assert.equal(send.length, 1);
            assert.match(send[0], /mutation UpdateCase/);
        });
        assert.equal((await readCase(germanCase)).OwnerId, await queueId('Back_Office'));
    });
});
