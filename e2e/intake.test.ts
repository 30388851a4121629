/**
 * The Web Form Intake component (issue 9) on the Case record page, in Chromium, against one fresh local-org
 * (deployed and seeded like `npm start`). Web forms arrive through the public form: one whose email belongs to
 * exactly one contact arrives linked and the component says so; one whose company is a variant of an existing
 * account ("ACME Corp." vs "Acme Corporation") offers that account first; "Create new prospect" writes the
 * account, the contact (with the form's address as its mailing address) and the case link in one request (checked
 * through REST); "Add contact" on a case with an account adds the contact under it, creating no account (issue
 * 18); a viewer reads one sentence on what they cannot do and is offered no action (issue 17); viewing pages
 * writes nothing.
 * Skipped, saying so, without Chromium.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page, Request } from 'playwright-core';
import { query } from '../scripts/lib/localOrgSetup.ts';
import { projectRoot } from '../scripts/lib/project.ts';
import { CHROMIUM, chromiumInstalled, launchBrowser, signIn, withPage, type Browser } from './support/browser.ts';
import { ensurePreviewBuilt, startPreviewOrg, type PreviewOrg } from './support/previewOrg.ts';

const skip = chromiumInstalled()
    ? false
    : `${CHROMIUM} is not installed (apt-get install -y chromium); the browser tests did not run`;
if (skip) process.stderr.write(`e2e SKIPPED: ${skip}\n`);

type Row = Record<string, unknown> & { Id: string };

let t: PreviewOrg;
let browser: Browser;
const run = Date.now().toString(36);

async function call(method: string, path: string, body?: unknown): Promise<Row> {
    const response = await fetch(`${t.origin}/services/data/v66.0${path}`, {
        method,
        headers: { Authorization: `Bearer ${t.admin.accessToken}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as Row;
}

async function create(object: string, fields: Record<string, unknown>): Promise<string> {
    const created = await call('POST', `/sobjects/${object}`, fields);
    return String(created.id);
}

async function soql<T = Row>(statement: string): Promise<T[]> {
    return query<T>(t.origin, t.admin.accessToken, statement);
}

/** Submits the public web form (signed out) and returns the case it created, as REST returns it. */
async function submitWebForm(fields: Record<string, string>): Promise<Row> {
    const subject = `Intake ${run} ${Math.random().toString(36).slice(2, 8)}`;
    await browser.context.clearCookies();
    await withPage(browser, 'intake-web-form', async (page) => {
        await page.goto(`${t.origin}/preview/web-form`);
        for (const [name, value] of Object.entries(fields)) await page.fill(`#f-${name}`, value);
        await page.fill('#f-subject', subject);
        await page.click('button[type="submit"]');
        await page.locator('[data-id="submitted"]').waitFor();
    });
    const [row] = await soql(`SELECT Id FROM Case WHERE Subject = '${subject}'`);
    assert.ok(row, `the web form created a case (${subject})`);
    return call('GET', `/sobjects/Case/${row.Id}`);
}

/** Opens a case's record page as the agent and returns the intake component. */
async function openIntake(page: Page, caseId: string) {
    await page.goto(`${t.origin}/lightning/r/Case/${caseId}/view`);
    const intake = page.locator('c-web-form-intake');
    await intake.waitFor();
    return intake;
}

/** Records, per object, their number and the latest LastModifiedDate: what a write would change. */
async function snapshot(): Promise<Record<string, { count: number; latest: string }>> {
    const result: Record<string, { count: number; latest: string }> = {};
    for (const object of ['Account', 'Contact', 'Case']) {
        const [count] = await soql<{ n: number }>(`SELECT COUNT(Id) n FROM ${object}`);
        const [latest] = await soql<{ LastModifiedDate: string }>(
            `SELECT LastModifiedDate FROM ${object} ORDER BY LastModifiedDate DESC LIMIT 1`
        );
        result[object] = { count: Number(count.n), latest: latest?.LastModifiedDate ?? '' };
    }
    return result;
}

/** A Custom Label's value as force-app deploys it: what the page shows. */
function labelValue(name: string): string {
    const labels = readFileSync(
        join(projectRoot, 'force-app/main/default/labels/CustomLabels.labels-meta.xml'),
        'utf8'
    );
    const match = new RegExp(`<fullName>${name}</fullName>[\\s\\S]*?<value>([^<]*)</value>`).exec(labels);
    assert.ok(match, `label ${name}`);
    return match[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<');
}

const graphqlBodies = (requests: Request[]) =>
    requests
        .filter((request) => request.url().includes('/graphql'))
        .map((request) => JSON.parse(request.postData() ?? '{}') as { query?: string; operationName?: string });

describe('Web Form Intake in Chromium', { skip }, () => {
    let acmeId: string;
    let contactId: string;
    const email = `carla.exact.${run}@northwind-example.org`;

    before(async () => {
        await ensurePreviewBuilt();
        [t, browser] = await Promise.all([startPreviewOrg(), launchBrowser()]);
        acmeId = await create('Account', { Name: 'Acme Corporation', BillingCity: 'Springfield' });
        const northwind = await create('Account', { Name: `Northwind Exact ${run}` });
        contactId = await create('Contact', {
            FirstName: 'Carla',
            LastName: 'Exact',
            Email: email,
            AccountId: northwind
        });
    });
    after(async () => {
        await browser?.close();
        await t?.close();
    });

    test('a web form whose email matches one contact arrives linked, and the component says so', async () => {
        const webForm = await submitWebForm({ name: 'Carla Exact', email, company: 'Northwind' });
        assert.equal(webForm.ContactId, contactId, 'Web-to-Case linked the contact');
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'intake-linked', async (page) => {
            const requests: Request[] = [];
            page.on('request', (request) => requests.push(request));
            const intake = await openIntake(page, webForm.Id);
            const linked = intake.locator('.linked-contact');
            await linked.waitFor();
            assert.match((await linked.textContent()) ?? '', /Carla Exact/);
            assert.match((await linked.textContent()) ?? '', new RegExp(`Northwind Exact ${run}`));
            assert.equal(await intake.locator('ol.accounts, ol.contacts').count(), 0);
            assert.equal(await intake.locator('lightning-button.create').count(), 0);
            await page.waitForLoadState('networkidle');
            // Nothing to search for: the retrieval was not sent.
            assert.deepEqual(
                graphqlBodies(requests).filter((body) => /MatchCandidates/.test(body.query ?? '')),
                []
            );
        });
    });

    test('a web form from "ACME Corp." offers the account "Acme Corporation" first', async () => {
        const webForm = await submitWebForm({
            name: 'Pat Variant',
            email: `pat.${run}@gmail.com`,
            company: 'ACME Corp.'
        });
        assert.equal(webForm.ContactId, null);
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'intake-variant', async (page) => {
            const requests: Request[] = [];
            page.on('request', (request) => requests.push(request));
            const intake = await openIntake(page, webForm.Id);
            const first = intake.locator('ol.accounts li').first();
            await first.waitFor();
            assert.equal(await first.getAttribute('data-id'), acmeId);
            assert.equal(await first.locator('a.name').textContent(), 'Acme Corporation');
            assert.match((await first.locator('.score').textContent()) ?? '', /^\d+% match$/);
            assert.match((await first.locator('.reasons').textContent()) ?? '', /same company name/);
            assert.match((await intake.locator('.advice').textContent()) ?? '', /^Advice: /);
            // One retrieval request for the search.
            assert.equal(
                graphqlBodies(requests).filter((body) => /query MatchCandidates/.test(body.query ?? '')).length,
                1
            );

            // The agent links it, and undoes the link.
            await first.locator('lightning-button.link-account button').click();
            await page
                .locator('lightning-toast, .slds-notify_toast')
                .filter({ hasText: 'Web form linked' })
                .first()
                .waitFor();
            await intake.locator('.linked-account').filter({ hasText: 'Acme Corporation' }).waitFor();
            assert.equal((await call('GET', `/sobjects/Case/${webForm.Id}`)).AccountId, acmeId);
            await intake.locator('lightning-button.undo-button button').click();
            await page
                .locator('lightning-toast, .slds-notify_toast')
                .filter({ hasText: 'Link undone' })
                .first()
                .waitFor();
            await intake.locator('.linked-account').waitFor({ state: 'detached' });
            assert.equal((await call('GET', `/sobjects/Case/${webForm.Id}`)).AccountId, null);
        });
    });

    test('"Create new prospect" writes account, contact and case link in one request', async () => {
        const company = `Zephyr Lanterns ${run}`;
        const webForm = await submitWebForm({
            name: 'Quinn Newcomer',
            email: `quinn@zephyr-${run}.example`,
            phone: '+1 (303) 555-0142',
            company,
            Web_Street__c: '12 Lantern Way',
            Web_City__c: 'Boulder',
            Web_Postal_Code__c: '80302',
            Web_Country__c: 'United States'
        });
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'intake-create', async (page) => {
            const intake = await openIntake(page, webForm.Id);
            await intake.locator('lightning-button.create button').click();
            const form = intake.locator('.prospect-form');
            await form.waitFor();
            const input = (field: string) => form.locator(`lightning-input[data-field="${field}"] input`);
            assert.equal(await input('Name').inputValue(), company);
            assert.equal(await input('Website').inputValue(), `zephyr-${run}.example`);
            assert.equal(await input('BillingCity').inputValue(), 'Boulder');
            assert.equal(await input('FirstName').inputValue(), 'Quinn');
            assert.equal(await input('LastName').inputValue(), 'Newcomer');
            await input('BillingStreet').fill('14 Lantern Way');

            const mutations: Request[] = [];
            const listener = (request: Request) => {
                if (
                    request.url().includes('/graphql') &&
                    /^\s*mutation/.test(JSON.parse(request.postData() ?? '{}').query ?? '')
                )
                    mutations.push(request);
            };
            page.on('request', listener);
            await intake.locator('lightning-button.save button').click();
            await page
                .locator('lightning-toast, .slds-notify_toast')
                .filter({ hasText: 'Prospect created' })
                .first()
                .waitFor();
            await intake.locator('.linked-contact').waitFor();
            page.off('request', listener);
            assert.equal(mutations.length, 1, 'one mutation');
            assert.equal(graphqlBodies(mutations)[0].operationName, 'WebFormIntakeCreateProspect');
        });

        const linked = await call('GET', `/sobjects/Case/${webForm.Id}`);
        assert.ok(linked.AccountId && linked.ContactId, 'the case is linked to both');
        const account = await call('GET', `/sobjects/Account/${String(linked.AccountId)}`);
        const contact = await call('GET', `/sobjects/Contact/${String(linked.ContactId)}`);
        assert.equal(account.Name, company);
        assert.equal(account.BillingStreet, '14 Lantern Way');
        assert.equal(account.Website, `zephyr-${run}.example`);
        assert.equal(contact.AccountId, linked.AccountId);
        assert.equal(contact.LastName, 'Newcomer');
        assert.equal(contact.Email, `quinn@zephyr-${run}.example`);
        // The address shown once in the form, as edited, is the contact's mailing address too.
        assert.equal(contact.MailingStreet, '14 Lantern Way');
        assert.equal(contact.MailingCity, 'Boulder');
        assert.equal(contact.MailingPostalCode, '80302');
        assert.equal(contact.MailingCountry, 'United States');
        assert.ok(account.Match_Name_Key__c, 'the account carries its match keys');
        assert.ok(contact.Match_Name_Key__c, 'the contact carries its match keys');
        assert.ok(contact.Match_Street_Key__c, 'the contact carries its street key');
        assert.ok(contact.Match_Postal_Key__c, 'the contact carries its postal key');
    });

    test('"Add contact" on a web form with an account adds the contact under it, no new account; undo deletes it', async () => {
        const run6 = Math.random().toString(36).slice(2, 8);
        const accountName = `Harbor Lights ${run} ${run6}`;
        const accountId = await create('Account', { Name: accountName, BillingCity: 'Halifax' });
        const webForm = await submitWebForm({
            name: 'Zoë Ñúñez-Øberg 😀',
            email: `zoe.${run6}@harbor-${run}.example`,
            company: accountName,
            Web_City__c: 'Halifax'
        });
        assert.equal(webForm.ContactId, null, 'no contact has that email');
        await call('PATCH', `/sobjects/Case/${webForm.Id}`, { AccountId: accountId });
        const [accountsBefore] = await soql<{ n: number }>('SELECT COUNT(Id) n FROM Account');

        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'intake-add-contact', async (page) => {
            const intake = await openIntake(page, webForm.Id);
            const add = intake.locator('lightning-button.add-contact button');
            await add.waitFor();
            assert.equal((await add.textContent())?.trim(), `Add contact to ${accountName}`);
            assert.equal(await intake.locator('lightning-button.create').count(), 0, 'no second account is offered');
            await add.click();
            // The last search among the account's contacts answers before the contact can be saved.
            await intake
                .locator('.account-contacts-text')
                .filter({ hasText: `None of the contacts of ${accountName}` })
                .waitFor();
            const form = intake.locator('.prospect-form');
            const input = (field: string) => form.locator(`lightning-input[data-field="${field}"] input`);
            assert.equal(await input('FirstName').inputValue(), 'Zoë');
            assert.equal(await input('LastName').inputValue(), 'Ñúñez-Øberg');
            assert.equal(await form.locator('lightning-input[data-field="Name"]').count(), 0, 'no account fields');

            const mutations: Request[] = [];
            page.on('request', (request) => {
                if (
                    request.url().includes('/graphql') &&
                    /^\s*mutation/.test(JSON.parse(request.postData() ?? '{}').query ?? '')
                )
                    mutations.push(request);
            });
            await intake.locator('lightning-button.save button').click();
            await page
                .locator('lightning-toast, .slds-notify_toast')
                .filter({ hasText: 'Contact added' })
                .first()
                .waitFor();
            await intake.locator('.linked-contact').filter({ hasText: 'You created the contact' }).waitFor();
            assert.deepEqual(
                graphqlBodies(mutations).map((body) => body.operationName),
                ['WebFormIntakeAddContact']
            );

            const [accountsAfter] = await soql<{ n: number }>('SELECT COUNT(Id) n FROM Account');
            assert.equal(Number(accountsAfter.n), Number(accountsBefore.n), 'the number of accounts is unchanged');
            const linked = await call('GET', `/sobjects/Case/${webForm.Id}`);
            assert.equal(linked.AccountId, accountId, 'the case keeps its account');
            assert.ok(linked.ContactId, 'the case is linked to the new contact');
            const contact = await call('GET', `/sobjects/Contact/${String(linked.ContactId)}`);
            assert.equal(contact.AccountId, accountId, 'the contact is under the case account');
            assert.equal(contact.FirstName, 'Zoë');
            assert.equal(contact.LastName, 'Ñúñez-Øberg');
            assert.equal(contact.Email, `zoe.${run6}@harbor-${run}.example`);
            assert.ok(contact.Match_Name_Key__c, 'the contact carries its match keys');

            // Undo says that it deletes the contact just added (the agent may delete contacts), and does.
            assert.match(
                (await intake.locator('.undo-text').textContent()) ?? '',
                /Undo unlinks the case and deletes the contact Zoë Ñúñez-Øberg/
            );
            await intake.locator('lightning-button.undo-button button').click();
            await page
                .locator('lightning-toast, .slds-notify_toast')
                .filter({ hasText: 'Link undone' })
                .first()
                .waitFor();
            await intake.locator('lightning-button.add-contact').waitFor();
            const undone = await call('GET', `/sobjects/Case/${webForm.Id}`);
            assert.equal(undone.AccountId, accountId, 'the case keeps its account');
            assert.equal(undone.ContactId, null, 'the case has no contact again');
            const [left] = await soql<{ n: number }>(
                `SELECT COUNT(Id) n FROM Contact WHERE Id = '${String(linked.ContactId)}'`
            );
            assert.equal(Number(left.n), 0, 'the added contact is deleted');
            const [accountsUndone] = await soql<{ n: number }>('SELECT COUNT(Id) n FROM Account');
            assert.equal(Number(accountsUndone.n), Number(accountsBefore.n), 'the account stays');
        });
    });

    test('a viewer reads what they cannot do, sees no raw error and is offered no action', async () => {
        const webForm = await submitWebForm({
            name: 'Vic Visitor',
            email: `vic.${run}@acme-corp.example`,
            company: 'Acme Corp'
        });
        await signIn(browser, t.origin, t.viewer.accessToken);
        await withPage(browser, 'intake-viewer', async (page) => {
            const intake = await openIntake(page, webForm.Id);
            const note = intake.locator('.access-note');
            await note.waitFor();
            // Without read access on the match keys the viewer cannot search; with it (a read-only permission
            // set) they see the matches. Either way they cannot write.
            const readOnly = [
                labelValue('Web_Form_Intake_Access_No_Search_Read_Only'),
                labelValue('Web_Form_Intake_Access_Read_Only')
            ];
            const sentence = ((await note.textContent()) ?? '').trim();
            assert.ok(readOnly.includes(sentence), sentence);
            await page.waitForLoadState('networkidle');
            assert.equal(
                await intake
                    .locator(
                        'lightning-button.create, lightning-button.add-contact, lightning-button.link-account, ' +
                            'lightning-button.link-contact, lightning-button.undo-button, lightning-button.save'
                    )
                    .count(),
                0,
                'no action is offered'
            );
            assert.equal(await intake.locator('c-error-panel').count(), 0, 'no error is shown');
            assert.doesNotMatch((await intake.textContent()) ?? '', /is not defined by type|Validation error/);
        });
    });

    test('viewing web-form pages writes nothing', async () => {
        const unlinked = await submitWebForm({
            name: 'Vera Viewer',
            email: `vera.${run}@acme-corp.example`,
            company: 'Acme Corp'
        });
        const linked = await submitWebForm({ name: 'Carla Exact', email, company: 'Northwind' });
        const [other] = await soql("SELECT Id FROM Case WHERE RecordType.DeveloperName != 'Web_Form' LIMIT 1");
        assert.ok(other, 'a case of another record type is seeded');
        const before = await snapshot();
        const cases = await Promise.all([unlinked, linked].map((row) => call('GET', `/sobjects/Case/${row.Id}`)));
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'intake-view', async (page) => {
            const requests: Request[] = [];
            page.on('request', (request) => requests.push(request));
            const first = await openIntake(page, unlinked.Id);
            await first.locator('ol.accounts li').first().waitFor();
            await page.waitForLoadState('networkidle');
            const second = await openIntake(page, linked.Id);
            await second.locator('.linked-contact').waitFor();
            await page.waitForLoadState('networkidle');
            // Other cases' pages do not show the component at all.
            await page.goto(`${t.origin}/lightning/r/Case/${other.Id}/view`);
            await page.locator('[data-id="record-title"]').waitFor();
            await page.waitForLoadState('networkidle');
            assert.equal(await page.locator('c-web-form-intake').count(), 0);
            const writes = requests.filter(
                (request) =>
                    !['GET', 'HEAD'].includes(request.method()) &&
                    !(
                        request.url().includes('/graphql') &&
                        /^\s*query/.test(JSON.parse(request.postData() ?? '{}').query ?? '')
                    )
            );
            assert.deepEqual(
                writes.map((request) => `${request.method()} ${request.url()}`),
                []
            );
        });
        assert.deepEqual(await snapshot(), before);
        const after = await Promise.all([unlinked, linked].map((row) => call('GET', `/sobjects/Case/${row.Id}`)));
        assert.deepEqual(
            after.map((row) => row.LastModifiedDate),
            cases.map((row) => row.LastModifiedDate)
        );
    });
});
