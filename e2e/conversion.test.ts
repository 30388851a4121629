/**
 * The Conversion Process action (issue 7) in the preview, in Chromium, against one fresh local-org (deployed and
 * seeded like `npm start`): shown on web-form cases only; the agent converts demo web forms into each target
 * through the UI (the target proposed from Type, confirmation, the pre-filled form with record pickers, Save as one
 * GraphQL request), the REST API confirms the new record, its lineage and the web form's Closed - Accepted status,
 * and the page shows it without a reload; a web form converts again; the viewer is refused and nothing is written;
 * a validation rule rejecting the follow-up leaves everything as it was. Skipped, saying so, without Chromium.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page, Request } from 'playwright-core';
import { query } from '../scripts/lib/localOrgSetup.ts';
import { CHROMIUM, chromiumInstalled, launchBrowser, signIn, withPage, type Browser } from './support/browser.ts';
import { deployFiles } from './support/deploy.ts';
import { ensurePreviewBuilt, startPreviewOrg, type PreviewOrg } from './support/previewOrg.ts';

const skip = chromiumInstalled()
    ? false
    : `${CHROMIUM} is not installed (apt-get install -y chromium); the browser tests did not run`;
if (skip) process.stderr.write(`e2e SKIPPED: ${skip}\n`);

const ACTION = '[data-action="Case.Conversion_Process"]';
const WEB_FORM_FIELDS = [
    'Id',
    'CaseNumber',
    'Status',
    'Type',
    'Subject',
    'Description',
    'Priority',
    'AccountId',
    'ContactId',
    'SuppliedName',
    'SuppliedEmail',
    'SuppliedPhone',
    'SuppliedCompany',
    'Web_Street__c',
    'Web_City__c',
    'Web_Postal_Code__c',
    'Web_Country__c'
];
const SUBMITTER_FIELDS = WEB_FORM_FIELDS.slice(9);

type Row = Record<string, unknown> & { Id: string };

let t: PreviewOrg;
let browser: Browser;

async function rest(path: string): Promise<Row> {
    const response = await fetch(`${t.origin}/services/data/v66.0${path}`, {
        headers: { Authorization: `Bearer ${t.admin.accessToken}` }
    });
    const text = await response.text();
    assert.ok(response.ok, `GET ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as Row;
}

async function soql<T = Row>(statement: string): Promise<T[]> {
    return query<T>(t.origin, t.admin.accessToken, statement);
}

/** A demo web form (data/Case.json) by its external id, as the REST API returns it. */
async function demoWebForm(key: string): Promise<Row> {
    const [row] = await soql(`SELECT Id FROM Case WHERE Caseline_Key__c = '${key}'`);
    assert.ok(row, `demo case ${key} is seeded`);
    return rest(`/sobjects/Case/${row.Id}`);
}

async function accountId(name: string): Promise<string> {
    const [row] = await soql(`SELECT Id FROM Account WHERE Name = '${name}'`);
    assert.ok(row, `account ${name}`);
    return row.Id;
}

async function counts(): Promise<{ cases: number; opportunities: number }> {
    const [cases] = await soql<{ n: number }>('SELECT COUNT(Id) n FROM Case');
    const [opportunities] = await soql<{ n: number }>('SELECT COUNT(Id) n FROM Opportunity');
    return { cases: Number(cases.n), opportunities: Number(opportunities.n) };
}

const isoDateInDays = (days: number): string => {
    const date = new Date();
    date.setDate(date.getDate() + days);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

/** Opens a case's record page and the Conversion Process action; returns the modal. */
async function openAction(page: Page, caseId: string): Promise<Locator> {
    await page.goto(`${t.origin}/lightning/r/Case/${caseId}/view`);
    await page.locator(ACTION).click();
    const modal = page.locator('[data-id="action-modal"]');
    await modal.locator('c-conversion-process').waitFor();
    return modal;
}

async function radio(modal: Locator, key: string): Promise<Locator> {
    const input = modal.locator(`lightning-radio-group.target input[type="radio"][value="${key}"]`);
    await input.waitFor({ state: 'attached' });
    return input;
}

/** The proposed target is the one selected; another can be chosen. Then Next, the confirmation, Continue. */
async function chooseAndConfirm(
    modal: Locator,
    proposed: string,
    caseNumber: string,
    targetLabel: string,
    choose?: string
): Promise<void> {
    assert.equal(await (await radio(modal, proposed)).isChecked(), true, `${proposed} is proposed and selected`);
    if (choose) {
        await modal.locator(`lightning-radio-group.target input[value="${choose}"] + label`).click();
        assert.equal(await (await radio(modal, choose)).isChecked(), true);
    }
    await modal.locator('lightning-button.next button').click();
    const confirm = modal.locator('p.confirm');
    await confirm.waitFor();
    assert.equal(
        await confirm.textContent(),
        `Convert web form ${caseNumber} into a new ${targetLabel}? When you save, the web form is closed with status Closed - Accepted.`
    );
    await modal.locator('lightning-button.continue button').click();
    await modal.locator('h2.form-heading', { hasText: `New ${targetLabel}` }).waitFor();
}

async function fieldValue(modal: Locator, field: string): Promise<string> {
    const element = modal.locator(`[data-field="${field}"]`);
    const tag = await element.evaluate((node) => node.tagName.toLowerCase());
    if (tag === 'lightning-textarea') return element.locator('textarea').inputValue();
    if (tag === 'lightning-combobox') return (await element.locator('button, input').first().textContent()) ?? '';
    return element.locator('input').inputValue();
}

/** Types into a record picker, waits for the option and picks it with the keyboard. */
async function pick(modal: Locator, field: string, text: string, name: string): Promise<void> {
    const picker = modal.locator(`lightning-record-picker[data-field="${field}"]`);
    const input = picker.locator('input[role="combobox"]');
    await input.fill(text);
    const option = picker.locator('[role="option"]', { hasText: name });
    await option.waitFor();
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    while ((await option.getAttribute('aria-selected')) !== 'true') await input.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-activedescendant'), await option.getAttribute('id'));
    await input.press('Enter');
    await picker.locator('[role="option"]').first().waitFor({ state: 'hidden' });
    assert.equal(await input.inputValue(), name);
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
}

interface Saved {
    graphql: Request[];
    /** Every request from Save to the settled page: the mutation, then the page's refresh (REST reads). */
    all: Request[];
    toastLink: Locator;
}

/**
 * Clicks Save and waits for the toast and the closed modal, recording the GraphQL requests made meanwhile. The page
 * must not reload: a marker set on `window` before Save is still there after.
 */
async function save(page: Page, modal: Locator): Promise<Saved> {
    const graphql: Request[] = [];
    const all: Request[] = [];
    const listener = (request: Request) => {
        all.push(request);
        if (request.url().includes('/graphql')) graphql.push(request);
    };
    await page.evaluate(() => Object.assign(globalThis, { beforeSave: true }));
    page.on('request', listener);
    await modal.locator('lightning-button.save button').click();
    const toast = page.locator('lightning-toast, .slds-notify_toast').filter({ hasText: 'Web form converted' });
    await toast.first().waitFor();
    await modal.waitFor({ state: 'detached' });
    await page.waitForLoadState('networkidle');
    page.off('request', listener);
    assert.equal(await page.evaluate(() => (globalThis as unknown as { beforeSave?: boolean }).beforeSave), true);
    return { graphql, all, toastLink: toast.first().locator('a') };
}

/** The one mutation of a save, and the follow-up it created. */
function mutationOf(saved: Saved, operationName: string): void {
    assert.equal(
        saved.graphql.length,
        1,
        `one GraphQL request on Save, got ${saved.graphql.map((r) => r.postData()?.slice(0, 80)).join(' | ')}`
    );
    const body = JSON.parse(saved.graphql[0].postData() ?? '{}') as { operationName?: string; query?: string };
    assert.equal(body.operationName, operationName);
    assert.match(body.query ?? '', /^\s*mutation /);
}

async function newFollowUp(object: 'Case' | 'Opportunity', lineage: string, webFormId: string): Promise<Row[]> {
    const rows = await soql(`SELECT Id FROM ${object} WHERE ${lineage} = '${webFormId}' ORDER BY CreatedDate`);
    return Promise.all(rows.map((row) => rest(`/sobjects/${object}/${row.Id}`)));
}

async function expectClosedAccepted(page: Page, webFormId: string): Promise<void> {
    assert.equal((await rest(`/sobjects/Case/${webFormId}`)).Status, 'Closed - Accepted');
    // The page shows the new status: the action refreshed it (closing an action does not, and nothing reloaded).
    await page.locator('[data-id="highlights"] [data-field="Status"]', { hasText: 'Closed - Accepted' }).waitFor();
}

async function recordTypeId(developerName: string): Promise<string> {
    const [row] = await soql(
        `SELECT Id FROM RecordType WHERE SobjectType = 'Case' AND DeveloperName = '${developerName}'`
    );
    return row.Id;
}

describe('Conversion Process in Chromium', { skip }, () => {
    before(async () => {
        await ensurePreviewBuilt();
        [t, browser] = await Promise.all([startPreviewOrg(), launchBrowser()]);
    });
    after(async () => {
        await browser?.close();
        await t?.close();
    });

    test('the action shows on web-form cases only, and opens the panel in the modal', async () => {
        await signIn(browser, t.origin, t.agent.accessToken);
        const webForm = await demoWebForm('DEMO-CASE-006');
        const others = await soql<{ Id: string; RecordType: { DeveloperName: string } }>(
            "SELECT Id, RecordType.DeveloperName FROM Case WHERE RecordType.DeveloperName != 'Web_Form'"
        );
        assert.ok(others.length >= 4, 'the demo data has cases of the other record types');
        await withPage(browser, 'conversion-visibility', async (page) => {
            const problems: string[] = [];
            page.on('console', (message) => {
                const where = message.location().url;
                if (message.type() === 'error' && !where.endsWith('/favicon.ico'))
                    problems.push(`${message.text()} ${where}`);
            });
            for (const other of others) {
                await page.goto(`${t.origin}/lightning/r/Case/${other.Id}/view`);
                await page.locator('[data-id="record-title"]').waitFor();
                await page.locator('[data-id="actions"]').waitFor({ state: 'attached' });
                assert.equal(await page.locator(ACTION).count(), 0, `no action on a ${other.RecordType.DeveloperName}`);
            }
            const modal = await openAction(page, webForm.Id);
            assert.equal(await page.locator(ACTION).textContent(), 'Conversion Process');
            await modal.locator('lightning-radio-group.target').waitFor();
            assert.match((await modal.locator('p.proposal').textContent()) ?? '', /type Other: Customer Request\./);
            await modal.locator('lightning-button.cancel button').click();
            await modal.waitFor({ state: 'detached' });
            assert.deepEqual(problems, []);
        });
    });

    test('the agent converts a web form into a Customer Request, choosing account and contact with the pickers', async (context) => {
        await signIn(browser, t.origin, t.agent.accessToken);
        const webForm = await demoWebForm('DEMO-CASE-003'); // Product Information, not linked yet
        const brightgate = await accountId('Brightgate Installations Inc');
        const [devPatel] = await soql(
            `SELECT Id FROM Contact WHERE AccountId = '${brightgate}' AND LastName = 'Patel'`
        );
        await withPage(browser, 'convert-customer-request', async (page) => {
            const modal = await openAction(page, webForm.Id);
            await modal.locator('.account-notice', { hasText: "isn't linked to an account or a contact" }).waitFor();
            await chooseAndConfirm(modal, 'Customer_Request', String(webForm.CaseNumber), 'Customer Request');

            // The pre-filled form.
            assert.equal(await fieldValue(modal, 'Subject'), webForm.Subject);
            assert.equal(await fieldValue(modal, 'Description'), webForm.Description ?? '');
            assert.equal(await fieldValue(modal, 'SuppliedName'), webForm.SuppliedName);
            assert.equal(await fieldValue(modal, 'SuppliedEmail'), webForm.SuppliedEmail);
            assert.equal(await fieldValue(modal, 'Web_City__c'), webForm.Web_City__c);
            assert.equal(await fieldValue(modal, 'AccountId'), '');

            // The contact picker is narrowed to the chosen account's contacts (the component's filter).
            await pick(modal, 'AccountId', 'Brig', 'Brightgate Installations Inc');
            const contactInput = modal.locator('lightning-record-picker[data-field="ContactId"] input');
            await contactInput.fill('Ch');
            await modal
                .locator('lightning-record-picker[data-field="ContactId"] [data-id="record-picker-status"]', {
                    hasText: 'No results for "Ch"'
                })
                .waitFor();
            await contactInput.fill('');
            await pick(modal, 'ContactId', 'Dev', 'Dev Patel');

            const started = Date.now();
            const saved = await save(page, modal);
            context.diagnostic(
                `Save to closed modal and settled page: ${Date.now() - started} ms, ${saved.all.length} requests ` +
                    `(${saved.graphql.length} GraphQL): ${saved.all.map((r) => `${r.method()} ${new URL(r.url()).pathname}`).join(', ')}`
            );
            mutationOf(saved, 'ConvertWebFormToCase');

            const [followUp] = await newFollowUp('Case', 'Converted_From__c', webForm.Id);
            assert.ok(followUp, 'the follow-up case exists with its lineage');
            assert.equal(followUp.RecordTypeId, await recordTypeId('Customer_Request'));
            assert.equal(followUp.Subject, webForm.Subject);
            assert.equal(followUp.Description, webForm.Description);
            assert.equal(followUp.Priority, webForm.Priority);
            assert.equal(followUp.Origin, 'Web');
            assert.equal(followUp.AccountId, brightgate);
            assert.equal(followUp.ContactId, devPatel.Id);
            for (const field of SUBMITTER_FIELDS) assert.equal(followUp[field] ?? null, webForm[field] ?? null, field);
            assert.equal(followUp.Status, 'New');

            assert.equal(await saved.toastLink.textContent(), followUp.CaseNumber);
            assert.equal(await saved.toastLink.getAttribute('href'), `/lightning/r/Case/${followUp.Id}/view`);
            await expectClosedAccepted(page, webForm.Id);
        });
    });

    test('the agent converts a linked web form into a Sample Request, proposed from its Type', async () => {
        await signIn(browser, t.origin, t.agent.accessToken);
        const webForm = await demoWebForm('DEMO-CASE-001'); // Sample Request, linked to Northwind and Anna Okafor
        await withPage(browser, 'convert-sample-request', async (page) => {
            const modal = await openAction(page, webForm.Id);
            assert.match((await modal.locator('p.proposal').textContent()) ?? '', /Sample Request: Sample Request\./);
            assert.equal(await modal.locator('.account-notice').count(), 0);
            assert.equal(await modal.locator('section.earlier').count(), 0);
            await chooseAndConfirm(modal, 'Sample_Request', String(webForm.CaseNumber), 'Sample Request');
            // The pickers show the linked records' names.
            const account = modal.locator('lightning-record-picker[data-field="AccountId"] input');
            await page.waitForFunction(
                (el) => (el as unknown as { value: string }).value !== '',
                await account.elementHandle()
            );
            assert.equal(await account.inputValue(), 'Northwind Roofing Ltd');
            const contact = modal.locator('lightning-record-picker[data-field="ContactId"] input');
            await page.waitForFunction(
                (el) => (el as unknown as { value: string }).value !== '',
                await contact.elementHandle()
            );
            assert.equal(await contact.inputValue(), 'Anna Okafor');
            assert.equal(await fieldValue(modal, 'Web_Street__c'), webForm.Web_Street__c);
            // The agent completes the form.
            await modal.locator('lightning-input[data-field="Subject"] input').fill('Slate-grey tile samples (x3)');

            const saved = await save(page, modal);
            mutationOf(saved, 'ConvertWebFormToCase');
            const [followUp] = await newFollowUp('Case', 'Converted_From__c', webForm.Id);
            assert.equal(followUp.RecordTypeId, await recordTypeId('Sample_Request'));
            assert.equal(followUp.Subject, 'Slate-grey tile samples (x3)');
            assert.equal(followUp.AccountId, webForm.AccountId);
            assert.equal(followUp.ContactId, webForm.ContactId);
            for (const field of SUBMITTER_FIELDS) assert.equal(followUp[field] ?? null, webForm[field] ?? null, field);
            assert.equal(await saved.toastLink.textContent(), followUp.CaseNumber);
            await expectClosedAccepted(page, webForm.Id);
        });
    });

    test('the agent converts a quote request into an Opportunity', async () => {
        await signIn(browser, t.origin, t.agent.accessToken);
        const webForm = await demoWebForm('DEMO-CASE-002'); // Quote Request, not linked
        const lumiere = await accountId('Lumière Habitat SARL');
        await withPage(browser, 'convert-opportunity', async (page) => {
            const modal = await openAction(page, webForm.Id);
            await chooseAndConfirm(modal, 'Opportunity', String(webForm.CaseNumber), 'Opportunity');
            const name = `${String(webForm.SuppliedCompany)} – ${String(webForm.Subject)}`;
            assert.equal(await fieldValue(modal, 'Name'), name);
            const closeDate = new Date(`${isoDateInDays(30)}T12:00:00`);
            assert.equal(
                await fieldValue(modal, 'CloseDate'),
                closeDate.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' })
            );
            await pick(modal, 'AccountId', 'Lumi', 'Lumière Habitat SARL');

            const saved = await save(page, modal);
            mutationOf(saved, 'ConvertWebFormToOpportunity');
            const [opportunity] = await newFollowUp('Opportunity', 'Source_Case__c', webForm.Id);
            assert.ok(opportunity, 'the opportunity exists with its lineage');
            assert.equal(opportunity.Name, name);
            assert.equal(opportunity.AccountId, lumiere);
            assert.equal(opportunity.CloseDate, isoDateInDays(30));
            assert.equal(opportunity.LeadSource, 'Web');
            assert.equal(opportunity.Description ?? null, webForm.Description ?? null);
            assert.ok(opportunity.StageName, 'a stage is set');
            assert.equal(await saved.toastLink.textContent(), name);
            assert.equal(await saved.toastLink.getAttribute('href'), `/lightning/r/Opportunity/${opportunity.Id}/view`);
            await expectClosedAccepted(page, webForm.Id);
        });
    });

    test('a converted web form converts again, and the panel lists the earlier follow-ups with links', async () => {
        await signIn(browser, t.origin, t.agent.accessToken);
        const webForm = await demoWebForm('DEMO-CASE-001');
        assert.equal(webForm.Status, 'Closed - Accepted', 'converted by the Sample Request test');
        const [earlier] = await newFollowUp('Case', 'Converted_From__c', webForm.Id);
        await withPage(browser, 'convert-again', async (page) => {
            const modal = await openAction(page, webForm.Id);
            const section = modal.locator('section.earlier');
            await section.waitFor();
            const link = section.locator('a', { hasText: String(earlier.CaseNumber) });
            assert.equal(await link.getAttribute('href'), `/lightning/r/Case/${earlier.Id}/view`);
            await chooseAndConfirm(
                modal,
                'Sample_Request',
                String(webForm.CaseNumber),
                'Customer Request',
                'Customer_Request'
            );
            const saved = await save(page, modal);
            mutationOf(saved, 'ConvertWebFormToCase');
            const followUps = await newFollowUp('Case', 'Converted_From__c', webForm.Id);
            assert.equal(followUps.length, 2);
            assert.equal(followUps[1].RecordTypeId, await recordTypeId('Customer_Request'));
            assert.equal((await rest(`/sobjects/Case/${webForm.Id}`)).Status, 'Closed - Accepted');

            const again = await openAction(page, webForm.Id);
            await again.locator('section.earlier li').nth(1).waitFor();
            assert.equal(await again.locator('section.earlier li a').count(), 2);
        });
    });

    test('the viewer sees why conversion is unavailable, and nothing is written', async () => {
        await signIn(browser, t.origin, t.viewer.accessToken);
        const webForm = await demoWebForm('DEMO-CASE-004');
        const before = await counts();
        await withPage(browser, 'convert-viewer', async (page) => {
            const modal = await openAction(page, webForm.Id);
            // Converting closes the web form, which the viewer may not edit: the panel says so, offers only Close.
            await modal.locator('p.cannot-convert-summary').waitFor();
            assert.equal(
                await modal.locator('p.cannot-convert-summary').textContent(),
                "You can't convert this web form. Ask your Salesforce admin if you need to."
            );
            const reasons = await modal.locator('ul.cannot-convert-reasons li').allTextContents();
            assert.deepEqual(
                reasons.map((text) => text.trim()),
                ["Converting closes the web form as Closed - Accepted, and you don't have permission to edit Cases."]
            );
            assert.equal(await modal.locator('lightning-button.next').count(), 0);
            assert.equal(await modal.locator('lightning-button.close').count(), 1);

            // The org refuses the write anyway, whatever the page sends.
            const refused = await page.evaluate(async (caseId) => {
                const sid =
                    /(?:^|;\s*)sid=([^;]*)/.exec(
                        (globalThis as unknown as { document: { cookie: string } }).document.cookie
                    )?.[1] ?? '';
                const response = await fetch('/services/data/v66.0/graphql', {
                    method: 'POST',
                    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${decodeURIComponent(sid)}` },
                    body: JSON.stringify({
                        query: 'mutation M($f: CaseCreateInput!, $w: CaseUpdateInput!) { uiapi(input: { allOrNone: true }) { followUp: CaseCreate(input: $f) { Record { Id } } webForm: CaseUpdate(input: $w) { Record { Id } } } }',
                        variables: {
                            f: { Case: { Subject: 'Viewer tries', Origin: 'Web' } },
                            w: { Id: caseId, Case: { Status: 'Closed - Accepted' } }
                        }
                    })
                });
                return (await response.json()) as { data: unknown; errors: { message: string }[] };
            }, webForm.Id);
            assert.deepEqual(refused.data, { uiapi: { followUp: null, webForm: null } });
            assert.match(refused.errors[0].message, /cannot be inserted/);
        });
        assert.deepEqual(await counts(), before);
        assert.equal((await rest(`/sobjects/Case/${webForm.Id}`)).Status, 'New');
    });

    test('a validation rule rejects the follow-up: nothing at all is written, the web form stays open, the panel says why', async () => {
        await deployFiles(t.origin, t.admin.accessToken, {
            'package.xml':
                '<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>Case.E2E_Reject_Damaged_Deliveries</members><name>ValidationRule</name></types><version>66.0</version></Package>',
            'objects/Case.object':
                '<?xml version="1.0" encoding="UTF-8"?><CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><validationRules><fullName>E2E_Reject_Damaged_Deliveries</fullName><active>true</active><errorConditionFormula>AND(NOT(ISBLANK(Converted_From__c)), CONTAINS(Subject, &apos;damaged&apos;))</errorConditionFormula><errorMessage>Damaged deliveries go to the claims team, not to a follow-up.</errorMessage></validationRules></CustomObject>'
        });
        await signIn(browser, t.origin, t.agent.accessToken);
        const webForm = await demoWebForm('DEMO-CASE-005'); // Complaint: "Delivery arrived damaged"
        const before = await counts();
        await withPage(browser, 'convert-rejected', async (page) => {
            const modal = await openAction(page, webForm.Id);
            await chooseAndConfirm(modal, 'Customer_Request', String(webForm.CaseNumber), 'Customer Request');
            const graphql: Request[] = [];
            page.on('request', (request) => {
                if (request.url().includes('/graphql')) graphql.push(request);
            });
            await modal.locator('lightning-button.save button').click();
            const error = modal.locator('c-error-panel.save-error');
            await error.locator('li', { hasText: 'Damaged deliveries go to the claims team' }).waitFor();
            assert.match(
                (await error.locator('p.summary').textContent()) ?? '',
                /^The org's rules refused the new record\. Nothing was saved and the web form is still open\./
            );
            assert.equal(graphql.length, 1);
            // The panel stays open on the form, with the agent's values, to correct and save again.
            assert.equal(await modal.locator('h2.form-heading').count(), 1);
            assert.equal(await fieldValue(modal, 'Subject'), webForm.Subject);
            assert.equal(
                await page.locator('[data-id="highlights"] [data-field="Status"]').textContent(),
                'New',
                'the page still shows the web form open'
            );
        });
        assert.deepEqual(await counts(), before);
        assert.equal((await rest(`/sobjects/Case/${webForm.Id}`)).Status, 'New');
        assert.deepEqual(await newFollowUp('Case', 'Converted_From__c', webForm.Id), []);
    });
});
