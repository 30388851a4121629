/**
 * The public web form in Debian's Chromium against a fresh local-org (deployed and seeded like `npm start` does):
 * good input becomes a Web Form case; bad input that gets past the browser's own checks (a client that skips them)
 * is refused by the page's server, field by field, with the input kept and no case made; the Type list offers only
 * the Web Form's values; and the case list tells web submissions from their follow-ups by record type.
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
const run = Date.now().toString(36);

type CaseRow = { Id: string; CaseNumber: string; SuppliedName: string; Type: string; RecordType: { Name: string } };

function casesBy(email: string): Promise<CaseRow[]> {
    return query<CaseRow>(
        t.origin,
        t.admin.accessToken,
        `SELECT Id, CaseNumber, SuppliedName, Type, RecordType.Name FROM Case WHERE SuppliedEmail = '${email}'`
    );
}

describe('the public web form in Chromium', { skip }, () => {
    before(async () => {
        await ensurePreviewBuilt();
        [t, browser] = await Promise.all([startPreviewOrg(), launchBrowser()]);
        await browser.context.clearCookies();
    });
    after(async () => {
        await browser?.close();
        await t?.close();
    });

    test('good input becomes a Web Form case; the form limits lengths and lists only the Web Form’s types', async () => {
        const email = `gina.${run}@example.com`;
        await withPage(browser, 'web-form-good', async (page) => {
            await page.goto(`${t.origin}/preview/web-form`);
            assert.equal(await page.locator('script').count(), 0, 'the form needs no JavaScript');
            assert.equal(await page.locator('#f-name').getAttribute('maxlength'), '80');
            assert.equal(await page.locator('#f-Web_Postal_Code__c').getAttribute('maxlength'), '20');
            assert.equal(await page.locator('#f-description').getAttribute('maxlength'), '32000');
            const types = await page
                .locator('#f-type option')
                .evaluateAll((options) => options.map((option) => option.getAttribute('value')));
            assert.deepEqual(types.slice().sort(), [
                '',
                'Complaint',
                'Other',
                'Product Information',
                'Quote Request',
                'Sample Request',
                'Technical Question'
            ]);
            await page.getByLabel('Your name').fill('Gina Good');
            await page.getByLabel('Email').fill(email);
            await page.getByLabel('What is it about?').selectOption('Quote Request');
            await page.getByLabel('Subject').fill('A quote, please');
            await page.getByLabel('Your request').fill('Two pallets.');
            await page.click('button[type="submit"]');
            await page.locator('[data-id="submitted"]').waitFor();
        });
        const [created] = await casesBy(email);
        assert.equal(created?.SuppliedName, 'Gina Good');
        assert.equal(created.Type, 'Quote Request');
        assert.equal(created.RecordType.Name, 'Web Form');
    });

    test('bad input past the browser’s checks is refused per field, the input kept, and no case made', async () => {
        const email = `bad.${run}@example.com`;
        const longName = 'L'.repeat(120);
        await withPage(browser, 'web-form-bad', async (page) => {
            await page.goto(`${t.origin}/preview/web-form`);
            // A client that ignores required and maxlength: the page's server must hold on its own.
            await page.locator('form').evaluate((form) => form.setAttribute('novalidate', ''));
            await page
                .locator('[maxlength]')
                .evaluateAll((controls) => controls.forEach((control) => control.removeAttribute('maxlength')));
            await page.fill('#f-name', longName);
            await page.fill('#f-email', email);
            await page.fill('#f-description', 'Keep\nthese lines');
            await page.click('button[type="submit"]');
            await page.locator('[data-id="form-error"]').waitFor();
            assert.match(
                (await page.locator('[data-id="form-error"]').textContent()) ?? '',
                /correct the 2 fields marked below/
            );
            const name = page.locator('#f-name');
            assert.equal(await name.inputValue(), longName, 'the name is kept');
            assert.equal(await name.getAttribute('aria-invalid'), 'true');
            assert.equal(await name.getAttribute('aria-describedby'), 'f-name-error');
            assert.equal(
                await page.locator('#f-name-error').textContent(),
                'Use 80 characters or fewer (this has 120).'
            );
            assert.equal(await page.locator('#f-subject-error').textContent(), 'Complete this field.');
            assert.equal(await page.locator('#f-email').inputValue(), email);
            assert.equal(await page.locator('#f-email').getAttribute('aria-invalid'), null);
            assert.equal(await page.locator('#f-description').inputValue(), 'Keep\nthese lines');
            assert.equal((await casesBy(email)).length, 0, 'no case from a refused post');

            // Corrected on the same page, it goes through.
            await page.fill('#f-name', 'Bea Better');
            await page.fill('#f-subject', 'Corrected');
            await page.click('button[type="submit"]');
            await page.locator('[data-id="submitted"]').waitFor();
        });
        const created = await casesBy(email);
        assert.deepEqual(
            created.map((row) => row.SuppliedName),
            ['Bea Better']
        );
    });

    test('the case list shows the record type: a follow-up is told apart from the web form it came from', async () => {
        const email = `lisa.${run}@example.com`;
        await withPage(browser, 'web-form-for-list', async (page) => {
            await page.goto(`${t.origin}/preview/web-form`);
            await page.fill('#f-name', 'Lisa List');
            await page.fill('#f-email', email);
            await page.fill('#f-subject', `List check ${run}`);
            await page.click('button[type="submit"]');
            await page.locator('[data-id="submitted"]').waitFor();
        });
        const [webForm] = await casesBy(email);
        const [customerRequest] = await query<{ Id: string }>(
            t.origin,
            t.admin.accessToken,
            "SELECT Id FROM RecordType WHERE SobjectType = 'Case' AND DeveloperName = 'Customer_Request'"
        );
        // A follow-up as Conversion Process drafts it: the web form's Origin and submitter, its own record type.
        const created = await fetch(`${t.origin}/services/data/v66.0/sobjects/Case`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${t.agent.accessToken}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({
                RecordTypeId: customerRequest.Id,
                Subject: `Follow-up ${run}`,
                Origin: 'Web',
                SuppliedName: 'Lisa List',
                SuppliedEmail: email,
                Converted_From__c: webForm.Id
            })
        });
        assert.equal(created.status, 201, await created.clone().text());
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'list-record-types', async (page) => {
            await page.goto(`${t.origin}/lightning/o/Case/list`);
            await page.locator('lightning-datatable tr', { hasText: `Follow-up ${run}` }).waitFor();
            for (const label of ['Record Type', 'Converted From']) {
                // The datatable draws its header twice (one copy hidden, for its fixed header): either names it.
                assert.ok((await page.getByRole('columnheader', { name: label }).count()) > 0, label);
            }
            const webRow = page.locator('lightning-datatable tr', { hasText: `List check ${run}` });
            assert.match((await webRow.textContent()) ?? '', /Web Form/);
            const followUpRow = page.locator('lightning-datatable tr', { hasText: `Follow-up ${run}` });
            const followUpText = (await followUpRow.textContent()) ?? '';
            assert.match(followUpText, /Customer Request/);
            assert.ok(followUpText.includes(webForm.CaseNumber), followUpText);
        });
    });
});
