/**
 * A web-form case's record page as the viewer (Read Only profile with Caseline_Viewer: reads Caseline's fields,
 * edits nothing), in Debian's Chromium against a fresh local-org deployed and seeded like `npm start`: each
 * component says what the viewer can and cannot do, no raw error text shows anywhere on the page, and nothing is
 * offered that the org would refuse (no request of the page is refused). Skipped, saying so, when /usr/bin/chromium
 * is not installed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page, Response } from 'playwright-core';
import { projectRoot } from '../scripts/lib/project.ts';
import { query } from '../scripts/lib/localOrgSetup.ts';
import { CHROMIUM, chromiumInstalled, launchBrowser, signIn, withPage, type Browser } from './support/browser.ts';
import { ensurePreviewBuilt, startPreviewOrg, type PreviewOrg } from './support/previewOrg.ts';

const skip = chromiumInstalled()
    ? false
    : `${CHROMIUM} is not installed (apt-get install -y chromium); the browser tests did not run`;
if (skip) process.stderr.write(`e2e SKIPPED: ${skip}\n`);

/** Text that only an unhandled API error, or a value rendered without a check, puts on a page. */
const RAW_ERROR_PATTERNS = [
    /is not defined by type/,
    /INVALID_FIELD/,
    /MALFORMED_QUERY/,
    /INSUFFICIENT_ACCESS/,
    /Validation error/,
    /__c\)/,
    /__r\b/,
    /Error:/,
    /\bundefined\b/,
    /\bnull\b/,
    /\[object Object\]/,
    /\b00[53][A-Za-z0-9]{12,15}\b/
];

let t: PreviewOrg;
let browser: Browser;

/** A Custom Label's value as deployed, so the test checks the words the viewer reads. */
function label(name: string): string {
    const xml = readFileSync(join(projectRoot, 'force-app/main/default/labels/CustomLabels.labels-meta.xml'), 'utf8');
    const match = new RegExp(`<fullName>${name}</fullName>[\\s\\S]*?<value>([\\s\\S]*?)</value>`).exec(xml);
    assert.ok(match, `no Custom Label ${name}`);
    return match[1]
        .replace(/&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
}

/** The raw-error patterns a text matches, for a message that names them. */
function rawErrors(text: string): string[] {
    return RAW_ERROR_PATTERNS.filter((pattern) => pattern.test(text)).map(
        (pattern) => `${pattern}: …${/.{0,60}/.exec(text.slice(text.search(pattern)))?.[0]}…`
    );
}

interface Refusal {
    url: string;
    status: number;
    errors: string;
}

/** Records every API answer that refuses the page's request: an HTTP error, or a GraphQL answer with errors. */
function watchRefusals(page: Page): Refusal[] {
    const refusals: Refusal[] = [];
    page.on('response', (response: Response) => {
        const url = response.url();
        if (!url.includes('/services/')) return;
        void (async () => {
            if (response.status() >= 400) {
                refusals.push({ url, status: response.status(), errors: await response.text().catch(() => '') });
                return;
            }
            if (!url.endsWith('/graphql')) return;
            const body = (await response.json().catch(() => ({}))) as { errors?: unknown[] };
            if (body.errors?.length) refusals.push({ url, status: 200, errors: JSON.stringify(body.errors) });
        })();
    });
    return refusals;
}

/** An open web-form case: linked to a contact, or (`unlinked`) one whose intake searches for candidates. */
async function webFormCase(linked = true): Promise<{ Id: string; CaseNumber: string; OwnerId: string }> {
    const rows = await query<{ Id: string; CaseNumber: string; OwnerId: string }>(
        t.origin,
        t.admin.accessToken,
        `SELECT Id, CaseNumber, OwnerId FROM Case WHERE RecordType.DeveloperName = 'Web_Form' AND IsClosed = false AND ContactId ${linked ? '!=' : '='} null ORDER BY CaseNumber LIMIT 1`
    );
    assert.equal(rows.length, 1, `the demo data has an open ${linked ? 'linked' : 'unlinked'} web-form case`);
    return rows[0];
}

/** The page's text on a linked and on an unlinked web-form case, once every part has answered. */
async function pageTexts(name: string, outsideIntake: boolean): Promise<string[]> {
    const texts: string[] = [];
    await signIn(browser, t.origin, t.viewer.accessToken);
    for (const linked of [true, false]) {
        const webForm = await webFormCase(linked);
        await withPage(browser, `${name}-${linked ? 'linked' : 'unlinked'}`, async (page) => {
            await openPage(page, webForm.Id);
            texts.push(outsideIntake ? await textOutsideIntake(page) : await page.locator('body').innerText());
        });
    }
    return texts;
}

/** Opens the case's page and waits until every part of it has answered. */
async function openPage(page: Page, caseId: string): Promise<void> {
    await page.goto(`${t.origin}/lightning/r/Case/${caseId}/view`);
    await page.locator('[data-id="record-title"]').waitFor();
    await page.locator('[data-component="web_form_intake"]').waitFor();
    await page.waitForLoadState('networkidle');
}

/** Opens the case's page as the viewer with Caseline_Viewer, who sees the related lists too. */
async function openAsViewer(page: Page, caseId: string): Promise<void> {
    await openPage(page, caseId);
    await page.locator('[data-related]').first().waitFor();
}

/** The page's text without Web Form Intake's (another component, checked on its own). */
async function textOutsideIntake(page: Page): Promise<string> {
    const intake = page.locator('[data-component="web_form_intake"]');
    const intakeText = (await intake.count()) > 0 ? await intake.innerText() : '';
    return (await page.locator('body').innerText()).replace(intakeText, '');
}

async function openAction(page: Page, name: string) {
    await page.click(`[data-action="${name}"]`);
    const modal = page.locator('[data-id="action-modal"]');
    await modal.locator('lightning-quick-action-panel lightning-button').first().waitFor();
    await page.waitForLoadState('networkidle');
    return modal;
}

describe('the Case page as a read-only user', { skip }, () => {
    before(async () => {
        await ensurePreviewBuilt();
        [t, browser] = await Promise.all([startPreviewOrg(), launchBrowser()]);
    });
    after(async () => {
        await browser?.close();
        await t?.close();
    });

    test('the viewer holds Caseline_Viewer, which grants read and nothing else', async () => {
        const sets = await query<{ PermissionSet: { Name: string } }>(
            t.origin,
            t.admin.accessToken,
            `SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '${t.viewer.id}' AND PermissionSet.IsOwnedByProfile = false`
        );
        assert.deepEqual(
            sets.map((row) => row.PermissionSet.Name),
            ['Caseline_Viewer']
        );
        const objects = await query<{ SobjectType: string; PermissionsCreate: boolean; PermissionsEdit: boolean }>(
            t.origin,
            t.admin.accessToken,
            "SELECT SobjectType, PermissionsCreate, PermissionsEdit FROM ObjectPermissions WHERE Parent.Name = 'Caseline_Viewer'"
        );
        assert.ok(objects.length > 0);
        assert.ok(objects.every((row) => !row.PermissionsCreate && !row.PermissionsEdit));
    });

    test('offers only the actions that open, and no request of the page is refused', async () => {
        const webForm = await webFormCase();
        await signIn(browser, t.origin, t.viewer.accessToken);
        await withPage(browser, 'viewer-actions', async (page) => {
            const refusals = watchRefusals(page);
            await openAsViewer(page, webForm.Id);

            // Salesforce shows a record's Edit button by object permission (Knowledge 000381425): none for a
            // Read Only user. The LWC actions stay, as Salesforce shows them, and say what the viewer cannot do.
            const buttons = await page.locator('[data-id="actions"] button').all();
            const actions = await Promise.all(buttons.map((button) => button.getAttribute('data-action')));
            assert.deepEqual(actions, [
                'Case.Conversion_Process',
                'Case.Log_Review',
                'Case.Take',
                'Case.Send_To_Back_Office',
                'Case.Reassign',
                'Case.Close'
            ]);
            assert.deepEqual(refusals, []);
        });
    });

    test('Log Review shows the latest review read-only and says the viewer cannot log one', async () => {
        const webForm = await webFormCase();
        await signIn(browser, t.origin, t.viewer.accessToken);
        await withPage(browser, 'viewer-log-review', async (page) => {
            const refusals = watchRefusals(page);
            await openAsViewer(page, webForm.Id);
            const modal = await openAction(page, 'Case.Log_Review');

            assert.equal((await modal.locator('.read-only').textContent())?.trim(), label('Log_Review_Read_Only'));
            assert.equal(await modal.locator('textarea, input, lightning-radio-group').count(), 0);
            assert.deepEqual(await modal.locator('lightning-button button').allInnerTexts(), [
                label('Log_Review_Close')
            ]);
            assert.deepEqual(rawErrors(await modal.innerText()), []);
            assert.deepEqual(refusals, []);

            await modal.locator('lightning-button.close button').click();
            await modal.waitFor({ state: 'detached' });
        });
    });

    test('Conversion Process says the viewer cannot convert and why, offering nothing to fill in', async () => {
        const webForm = await webFormCase();
        await signIn(browser, t.origin, t.viewer.accessToken);
        await withPage(browser, 'viewer-conversion', async (page) => {
            const refusals = watchRefusals(page);
            await openAsViewer(page, webForm.Id);
            const modal = await openAction(page, 'Case.Conversion_Process');

            assert.equal(
                (await modal.locator('.cannot-convert-summary').textContent())?.trim(),
                label('Conversion_Process_Cannot_Convert')
            );
            assert.deepEqual(await modal.locator('ul.cannot-convert-reasons li').allTextContents(), [
                label('Conversion_Process_Unavailable_No_Edit').replace('{0}', 'Cases')
            ]);
            assert.equal(await modal.locator('textarea, input, lightning-radio-group').count(), 0);
            assert.deepEqual(await modal.locator('lightning-button button').allInnerTexts(), [
                label('Conversion_Process_Close')
            ]);
            assert.deepEqual(rawErrors(await modal.innerText()), []);
            assert.deepEqual(refusals, []);
        });
    });

    test("the owner shows as the user's name, linked, as a lookup does", async () => {
        const webForm = await webFormCase();
        const [owner] = await query<{ Name: string }>(
            t.origin,
            t.admin.accessToken,
            `SELECT Name FROM User WHERE Id = '${webForm.OwnerId}'`
        );
        await signIn(browser, t.origin, t.viewer.accessToken);
        await withPage(browser, 'viewer-owner', async (page) => {
            await openAsViewer(page, webForm.Id);
            const ownerLink = page.locator('[data-id="details"] [data-field="OwnerId"] a');
            assert.equal(await ownerLink.textContent(), owner.Name);
            assert.equal(await ownerLink.getAttribute('href'), `/lightning/r/User/${webForm.OwnerId}/view`);
        });
    });

    test(
        'the related list is headed by its relationship label, as Lightning heads it',
        {
            todo: 'the relationship label (Converted Follow-ups) reaches a client only through UI API related-list-info, which local-org does not serve yet'
        },
        async () => {
            const webForm = await webFormCase();
            await signIn(browser, t.origin, t.viewer.accessToken);
            await withPage(browser, 'viewer-related-list', async (page) => {
                await openAsViewer(page, webForm.Id);
                const related = page.locator('[data-related="Converted_Follow_Ups__r"]');
                assert.match((await related.innerText()).trim(), /^Converted Follow-ups \(\d+\)/);
            });
        }
    );

    test('no raw error text anywhere on the page outside Web Form Intake', async () => {
        for (const text of await pageTexts('viewer-page-text', true)) assert.deepEqual(rawErrors(text), []);
    });

    test('no raw error text anywhere on the whole page, Web Form Intake included', async () => {
        for (const text of await pageTexts('viewer-whole-page-text', false)) assert.deepEqual(rawErrors(text), []);
    });

    describe('without Caseline_Viewer: the Read Only profile alone, which reads no Caseline field', () => {
        before(async () => {
            const [assignment] = await query<{ Id: string }>(
                t.origin,
                t.admin.accessToken,
                `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${t.viewer.id}' AND PermissionSet.Name = 'Caseline_Viewer'`
            );
            const response = await fetch(
                `${t.origin}/services/data/v66.0/sobjects/PermissionSetAssignment/${assignment.Id}`,
                { method: 'DELETE', headers: { Authorization: `Bearer ${t.admin.accessToken}` } }
            );
            assert.equal(response.status, 204, await response.text());
        });

        test('Log Review says the viewer can neither see nor log reviews, without errors', async () => {
            const webForm = await webFormCase();
            await signIn(browser, t.origin, t.viewer.accessToken);
            await withPage(browser, 'no-access-log-review', async (page) => {
                await openPage(page, webForm.Id);
                // Only the action's requests: Web Form Intake's (another helper's component) are done by now.
                const refusals = watchRefusals(page);
                const modal = await openAction(page, 'Case.Log_Review');

                assert.equal((await modal.locator('.no-access').textContent())?.trim(), label('Log_Review_No_Access'));
                assert.equal(await modal.locator('textarea, input, lightning-radio-group').count(), 0);
                assert.equal(await modal.locator('c-error-panel').count(), 0);
                assert.deepEqual(rawErrors(await modal.innerText()), []);
                assert.deepEqual(refusals, []);
            });
        });

        test('Conversion Process says the viewer cannot convert, without errors', async () => {
            const webForm = await webFormCase();
            await signIn(browser, t.origin, t.viewer.accessToken);
            await withPage(browser, 'no-access-conversion', async (page) => {
                await openPage(page, webForm.Id);
                const refusals = watchRefusals(page);
                const modal = await openAction(page, 'Case.Conversion_Process');

                assert.equal(
                    (await modal.locator('.cannot-convert-summary').textContent())?.trim(),
                    label('Conversion_Process_Cannot_Convert')
                );
                assert.equal(await modal.locator('textarea, input, lightning-radio-group').count(), 0);
                assert.deepEqual(rawErrors(await modal.innerText()), []);
                assert.deepEqual(refusals, []);
            });
        });

        test('the related list through a lookup the viewer cannot read is not shown', async () => {
            const webForm = await webFormCase();
            await signIn(browser, t.origin, t.viewer.accessToken);
            await withPage(browser, 'no-access-related-list', async (page) => {
                await openPage(page, webForm.Id);
                assert.equal(await page.locator('[data-id="details"]').count(), 1);
                assert.equal(await page.locator('[data-related="Converted_Follow_Ups__r"]').count(), 0);
            });
        });

        test('no raw error text anywhere on the page outside Web Form Intake', async () => {
            for (const text of await pageTexts('no-access-page-text', true)) assert.deepEqual(rawErrors(text), []);
        });

        test('no raw error text on the whole page, Web Form Intake included', async () => {
            for (const text of await pageTexts('no-access-whole-page-text', false))
                assert.deepEqual(rawErrors(text), []);
        });
    });
});
