/**
 * The Case record page as Lightning Experience shows it: the highlights row, field labels and values in the user's
 * locale, checkboxes, long text, the action modal (close icon, Escape, focus), the standard Edit through UI API
 * with the server's field errors on the fields, and a quiet console. Takes the README's screenshots on every run:
 * into e2e/results/screenshots/, or into docs/screenshots/ with SCREENSHOTS=update (`npm run screenshots`), because
 * they show the seed's creation times and would otherwise change the checkout on every test run. Skipped, saying
 * so, without /usr/bin/chromium.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { projectRoot } from '../scripts/lib/project.ts';
import { query } from '../scripts/lib/localOrgSetup.ts';
import { CHROMIUM, chromiumInstalled, launchBrowser, signIn, withPage, type Browser } from './support/browser.ts';
import { deployFiles } from './support/deploy.ts';
import { ensurePreviewBuilt, startPreviewOrg, type PreviewOrg } from './support/previewOrg.ts';

const skip = chromiumInstalled()
    ? false
    : `${CHROMIUM} is not installed (apt-get install -y chromium); the browser tests did not run`;
if (skip) process.stderr.write(`e2e SKIPPED: ${skip}\n`);

/** The browser's getComputedStyle, for callbacks that run in the page (the e2e tsconfig has no DOM library). */
declare const getComputedStyle: (element: unknown) => { fill: string; backgroundColor: string };

const screenshots =
    process.env.SCREENSHOTS === 'update'
        ? join(projectRoot, 'docs', 'screenshots')
        : join(projectRoot, 'e2e', 'results', 'screenshots');
const MODAL = '[data-id="action-modal"]';
const REFUSED_SUBJECT = 'Refused by the e2e rule';

let t: PreviewOrg;
let browser: Browser;
let webForm: { Id: string; CaseNumber: string };

async function api(method: string, path: string, body?: unknown): Promise<void> {
    const response = await fetch(`${t.origin}/services/data/v66.0${path}`, {
        method,
        headers: { Authorization: `Bearer ${t.admin.accessToken}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.text()}`);
}

/** A Case validation rule shown on Subject, so Edit has a server field error to show next to its field. */
async function deploySubjectRule(): Promise<void> {
    await deployFiles(t.origin, t.admin.accessToken, {
        'package.xml':
            '<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>Case.E2E_Refused_Subject</members><name>ValidationRule</name></types><version>66.0</version></Package>',
        'objects/Case.object': `<?xml version="1.0" encoding="UTF-8"?><CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><validationRules><fullName>E2E_Refused_Subject</fullName><active>true</active><errorConditionFormula>Subject = '${REFUSED_SUBJECT}'</errorConditionFormula><errorDisplayField>Subject</errorDisplayField><errorMessage>This subject is refused by the e2e rule.</errorMessage></validationRules></CustomObject>`
    });
}

/** Collects what the page logs as a warning or error, and every failed response. */
function watchConsole(page: Page): string[] {
    const problems: string[] = [];
    page.on('console', (message) => {
        if (message.type() === 'warning' || message.type() === 'error') problems.push(message.text());
    });
    page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    return problems;
}

async function openRecordPage(page: Page): Promise<void> {
    await page.goto(`${t.origin}/lightning/r/Case/${webForm.Id}/view`);
    await page.locator('[data-id="details"] [data-field="CaseNumber"]', { hasText: webForm.CaseNumber }).waitFor();
    await page.waitForLoadState('networkidle');
}

async function detailValue(page: Page, field: string): Promise<string> {
    return page.locator(`[data-id="details"] [data-field="${field}"]`).innerText();
}

function shoot(page: Page, name: string, fullPage = false): Promise<Buffer> {
    mkdirSync(screenshots, { recursive: true });
    return page.screenshot({ path: join(screenshots, `${name}.png`), fullPage, animations: 'disabled' });
}

describe('record page as Lightning shows it', { skip }, () => {
    before(async () => {
        await ensurePreviewBuilt();
        [t, browser] = await Promise.all([startPreviewOrg(), launchBrowser()]);
        await deploySubjectRule();
        [webForm] = await query<{ Id: string; CaseNumber: string }>(
            t.origin,
            t.admin.accessToken,
            "SELECT Id, CaseNumber FROM Case WHERE RecordType.DeveloperName = 'Web_Form' ORDER BY CaseNumber LIMIT 1"
        );
        await api('POST', '/sobjects/Task', { Subject: 'Call back', WhatId: webForm.Id, ActivityDate: '2026-12-10' });
        await api('PATCH', `/sobjects/Case/${webForm.Id}`, {
            Description: 'First line of the request.\nSecond line.\nThird line.'
        });
    });
    after(async () => {
        await browser?.close();
        await t?.close();
    });

    /** Runs a check on the web-form case's record page as the agent. */
    function onRecordPage(name: string, check: (page: Page, problems: string[]) => Promise<void>) {
        return async () => {
            await signIn(browser, t.origin, t.agent.accessToken);
            await withPage(browser, name, async (page) => {
                const problems = watchConsole(page);
                await openRecordPage(page);
                await check(page, problems);
            });
        };
    }

    test(
        "the highlights' white row spans the panel; the subject is not cut with room to spare",
        onRecordPage('record-page-highlights', async (page) => {
            const panel = await page.locator('[data-id="highlights"]').boundingBox();
            const row = await page.locator('[data-id="highlights"] .slds-page-header__detail-row').boundingBox();
            assert.ok(panel && row && row.width >= panel.width - 2, `row ${row?.width} of panel ${panel?.width}`);
            const subject = page.locator('[data-id="highlights"] [data-field="Subject"]');
            const cut = await subject.evaluate((el) => el.scrollWidth > el.clientWidth);
            assert.equal(cut, false, 'the subject fits its highlights block');
            await shoot(page, 'case-record-page', true);
        })
    );

    test(
        'fields carry the labels Lightning shows, not the API labels',
        onRecordPage('record-page-labels', async (page) => {
            const labels = await page.locator('[data-id="details"] dt').allInnerTexts();
            for (const label of ['Account Name', 'Contact Name', 'Web Name', 'Case Owner']) {
                assert.ok(labels.includes(label), `${label} in ${labels.join(', ')}`);
            }
            for (const label of ['Account ID', 'Contact ID', 'Account', 'Contact', 'Name']) {
                assert.ok(!labels.includes(label), `no raw label ${label}`);
            }
        })
    );

    test(
        "dates and times in one format, the user's locale (en_US) and time zone",
        onRecordPage('record-page-dates', async (page) => {
            for (const field of ['CreatedDate', 'LastModifiedDate', 'SystemModstamp']) {
                assert.match(await detailValue(page, field), /^\d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d{2} [AP]M$/);
            }
        })
    );

    test(
        'related lists and list views: the same labels and date formats',
        onRecordPage('record-page-related-dates', async (page) => {
            const tasks = page.locator('[data-related="Tasks"]');
            await tasks.locator('lightning-datatable', { hasText: 'Call back' }).waitFor();
            const text = await tasks.innerText();
            assert.ok(text.includes('12/10/2026'), text);
            assert.ok(text.includes('Due Date') && !text.includes('Due Date Only'), text);
            await page.goto(`${t.origin}/lightning/o/Case/list`);
            await page
                .locator('lightning-datatable', { hasText: /\d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d{2} [AP]M/ })
                .waitFor({ timeout: 10000 });
        })
    );

    test(
        'checkboxes show as checkboxes, not True/False',
        onRecordPage('record-page-checkboxes', async (page) => {
            const closed = page.locator('[data-id="details"] [data-field="IsClosed"]');
            assert.equal(await closed.locator('input[type="checkbox"]').count(), 1);
            assert.equal(await closed.locator('input[type="checkbox"]').isChecked(), false);
            assert.equal((await closed.innerText()).trim(), '');
        })
    );

    test(
        'long text keeps its line breaks',
        onRecordPage('record-page-long-text', async (page) => {
            assert.equal(
                await detailValue(page, 'Description'),
                'First line of the request.\nSecond line.\nThird line.'
            );
        })
    );

    test(
        'no console noise: no unknown objectApiName on the page or its actions, no 404 (favicon)',
        onRecordPage('record-page-console', async (page, problems) => {
            for (const action of ['Case.Log_Review', 'Case.Conversion_Process']) {
                await page.click(`[data-action="${action}"]`);
                await page.locator(`${MODAL} .slds-modal__content > *`).first().waitFor();
                await page.waitForLoadState('networkidle');
                await page.locator(`${MODAL} .slds-modal__close`).click();
                await page.locator(MODAL).waitFor({ state: 'detached' });
            }
            assert.deepEqual(
                problems.filter((p) => /Unknown public property|404/.test(p)),
                []
            );
        })
    );

    test(
        "the action modal's close icon is drawn, visible on its button",
        onRecordPage('record-page-close-icon', async (page) => {
            await page.click('[data-action="Case.Log_Review"]');
            const icon = page.locator(`${MODAL} .slds-modal__close svg`);
            await icon.waitFor();
            const look = await icon.evaluate((svg) => ({
                width: svg.getBoundingClientRect().width,
                fill: getComputedStyle(svg).fill,
                background: getComputedStyle(svg.closest('button')!).backgroundColor
            }));
            assert.ok(look.width > 0, 'the close icon is drawn');
            assert.notEqual(look.fill, look.background, 'the icon does not vanish into its button');
        })
    );

    test(
        'the action modal takes the focus, Escape closes it and the focus returns to the action',
        onRecordPage('record-page-modal-keyboard', async (page) => {
            const opener = page.locator('[data-action="Case.Log_Review"]');
            await opener.click();
            const modal = page.locator(MODAL);
            const comments = modal.locator('lightning-textarea.comments textarea');
            await comments.waitFor();
            await page.waitForFunction(
                (el) => (el as unknown as { matches(selector: string): boolean }).matches(':focus'),
                await comments.elementHandle()
            );
            await page.keyboard.press('Escape');
            await modal.waitFor({ state: 'detached' });
            assert.equal(await opener.evaluate((el) => el.matches(':focus')), true, 'focus returns to the action');
        })
    );

    test(
        "the Log Review box fits its three-line template; the actions' screenshots",
        onRecordPage('record-page-log-review', async (page) => {
            await page.click('[data-action="Case.Log_Review"]');
            const modal = page.locator(MODAL);
            const comments = modal.locator('lightning-textarea.comments textarea');
            await comments.waitFor();
            await page.waitForFunction(
                (el) => (el as unknown as { value: string }).value !== '',
                await comments.elementHandle()
            );
            assert.equal(await comments.evaluate((el) => el.value.split('\n').length >= 3), true);
            const fits = await comments.evaluate((el) => el.scrollHeight <= el.clientHeight);
            assert.equal(fits, true, 'the review template fits without scrolling');
            await page.waitForLoadState('networkidle');
            await shoot(page, 'log-review');
            await modal.locator('.slds-modal__close').click();
            await modal.waitFor({ state: 'detached' });

            await page.click('[data-action="Case.Conversion_Process"]');
            await modal.locator('c-conversion-process').waitFor();
            await page.waitForLoadState('networkidle');
            await shoot(page, 'conversion-process');
        })
    );

    test('Edit: the editable fields, the server field error on its field, then a save', async () => {
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'record-page-edit', async (page) => {
            await openRecordPage(page);
            await page.click('[data-action="Edit"]');
            const modal = page.locator(MODAL);
            const subject = modal.locator('lightning-input[data-field="Subject"] input');
            await subject.waitFor();
            assert.equal(
                await modal.locator('[data-field="CaseNumber"]').count(),
                0,
                'read-only fields are not offered'
            );
            assert.equal(await modal.locator('[data-field="RecordTypeId"]').count(), 0);
            const typeOptions = await modal
                .locator('lightning-combobox[data-field="Type"]')
                .evaluate((el) => (el as unknown as { options: { value: string }[] }).options.map((o) => o.value));
            assert.ok(typeOptions.includes('Sample Request'), 'the Web Form record type values');
            await page.waitForLoadState('networkidle');
            await shoot(page, 'edit');

            await subject.fill(REFUSED_SUBJECT);
            await modal.locator('[data-id="edit-save"]').click();
            await modal
                .locator('lightning-input[data-field="Subject"]', {
                    hasText: 'This subject is refused by the e2e rule.'
                })
                .waitFor();
            await modal.locator('[data-id="edit-error"]', { hasText: 'We hit a snag.' }).waitFor();

            await subject.fill('Edited in the preview');
            await modal.locator('[data-id="edit-save"]').click();
            await page
                .locator('lightning-toast, .slds-notify_toast')
                .filter({ hasText: `Case "${webForm.CaseNumber}" was saved.` })
                .first()
                .waitFor();
            await modal.waitFor({ state: 'detached' });
            await page
                .locator('[data-id="highlights"] [data-field="Subject"]', { hasText: 'Edited in the preview' })
                .waitFor();
            const [saved] = await query<{ Subject: string }>(
                t.origin,
                t.admin.accessToken,
                `SELECT Subject FROM Case WHERE Id = '${webForm.Id}'`
            );
            assert.equal(saved.Subject, 'Edited in the preview');
        });
    });

    test('Edit is not offered to a user who cannot edit the record', async () => {
        await signIn(browser, t.origin, t.viewer.accessToken);
        await withPage(browser, 'record-page-viewer-edit', async (page) => {
            await openRecordPage(page);
            assert.equal(await page.locator('[data-action="Edit"]').count(), 0);
        });
    });

    test('the prospect form puts each section heading above its fields', async () => {
        await signIn(browser, t.origin, t.agent.accessToken);
        // A web form linked to no contact or account, so the intake offers a new prospect.
        const [unlinked] = await query<{ Id: string }>(
            t.origin,
            t.admin.accessToken,
            "SELECT Id FROM Case WHERE RecordType.DeveloperName = 'Web_Form' ORDER BY CaseNumber DESC LIMIT 1"
        );
        await api('PATCH', `/sobjects/Case/${unlinked.Id}`, { ContactId: null, AccountId: null });
        await withPage(browser, 'record-page-prospect-form', async (page) => {
            await page.goto(`${t.origin}/lightning/r/Case/${unlinked.Id}/view`);
            await page.locator('c-web-form-intake lightning-button.create button').click();
            const legend = page.locator('c-web-form-intake .prospect-form legend').first();
            await legend.waitFor();
            const firstLabel = page
                .locator('c-web-form-intake .prospect-form fieldset')
                .first()
                .locator('label')
                .first();
            const [legendBox, labelBox] = [await legend.boundingBox(), await firstLabel.boundingBox()];
            assert.ok(legendBox && labelBox && labelBox.y >= legendBox.y + legendBox.height - 1, 'heading above');
        });
    });

    test('the public web form', async () => {
        await withPage(browser, 'web-form-screenshot', async (page) => {
            await page.goto(`${t.origin}/preview/web-form`);
            await page.locator('form').waitFor();
            await shoot(page, 'web-form', true);
        });
    });

    // Last: the layout stays deployed for the rest of this org's life.
    test('Edit follows a deployed page layout: its sections, read-only and required fields', async () => {
        await deployFiles(t.origin, t.admin.accessToken, {
            'package.xml':
                '<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>Case-E2E Case Layout</members><name>Layout</name></types><version>66.0</version></Package>',
            'layouts/Case-E2E Case Layout.layout': `<?xml version="1.0" encoding="UTF-8"?><Layout xmlns="http://soap.sforce.com/2006/04/metadata"><layoutSections><label>Case Information</label><style>TwoColumnsTopToBottom</style><layoutColumns><layoutItems><behavior>Required</behavior><field>Subject</field></layoutItems><layoutItems><behavior>Readonly</behavior><field>Priority</field></layoutItems></layoutColumns><layoutColumns><layoutItems><behavior>Edit</behavior><field>Status</field></layoutItems><layoutItems><behavior>Readonly</behavior><field>CaseNumber</field></layoutItems></layoutColumns></layoutSections><layoutSections><label>Description Information</label><style>OneColumn</style><layoutColumns><layoutItems><behavior>Edit</behavior><field>Description</field></layoutItems></layoutColumns></layoutSections></Layout>`
        });
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'record-page-edit-layout', async (page) => {
            await openRecordPage(page);
            await page.click('[data-action="Edit"]');
            const modal = page.locator(MODAL);
            await modal.locator('lightning-input[data-field="Subject"] input').waitFor();
            assert.deepEqual(await modal.locator('.slds-section__title').allInnerTexts(), [
                'Case Information',
                'Description Information'
            ]);
            assert.equal(
                await modal.locator('lightning-input[data-field="Subject"] input').getAttribute('required'),
                ''
            );
            assert.equal(await modal.locator('[data-field="Priority"]').count(), 0, 'Readonly: not an input');
            assert.equal((await modal.locator('[data-readonly="Priority"]').innerText()).includes('Medium'), true);
            assert.equal(await modal.locator('[data-field="Type"]').count(), 0, 'only the layout fields');
            assert.equal(await modal.locator('lightning-combobox[data-field="Status"]').count(), 1);
        });
    });
});
