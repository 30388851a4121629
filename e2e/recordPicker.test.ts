/**
 * The preview's lightning-record-picker (preview/modules/lightning/recordPicker) in Chromium against a fresh
 * local-org: searching by Name prefix through the UI API GraphQL endpoint, the SLDS lookup's ARIA roles and
 * keyboard, `change` with `detail.recordId`, a `value` set from outside showing the record's name, `filter`,
 * `required` validity, and a console error naming each documented attribute it does not implement. The picker is
 * bundled alone (the preview's rollup plugins) and mounted in an empty page on the org's origin.
 * Skipped, saying so, when /usr/bin/chromium is not installed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { rollup } from 'rollup';
import { LocalOrg } from '../local-org/src/org.ts';
import { startServer, type OrgServer } from '../local-org/src/server.ts';
import { rollupOptions } from '../preview/build.ts';
import { projectRoot } from '../scripts/lib/project.ts';
import { CHROMIUM, chromiumInstalled, launchBrowser, withPage, type Browser } from './support/browser.ts';

const skip = chromiumInstalled()
    ? false
    : `${CHROMIUM} is not installed (apt-get install -y chromium); the browser tests did not run`;
if (skip) process.stderr.write(`e2e SKIPPED: ${skip}\n`);

const ENTRY = `import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import RecordPicker from 'lightning/recordPicker';

window.changes = [];
window.mountPicker = (props) => {
    const element = createElement('lightning-record-picker', { is: RecordPicker });
    Object.assign(element, props);
    element.addEventListener('change', (event) => window.changes.push(event.detail));
    document.body.appendChild(element);
    window.picker = element;
};
`;

let org: LocalOrg;
let server: OrgServer;
let browser: Browser;
let bundleDir: string;
const ids: Record<string, string> = {};

async function create(object: string, values: Record<string, unknown>): Promise<string> {
    const admin = org.users()[0];
    const response = await fetch(`${server.origin}/services/data/v66.0/sobjects/${object}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${admin.accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(values)
    });
    const body = (await response.json()) as { id: string };
    assert.equal(response.status, 201, JSON.stringify(body));
    return body.id;
}

/** An empty page on the org's origin with the picker bundle, signed in as the admin. */
async function pickerPage(page: Page, props: Record<string, unknown>): Promise<string[]> {
    const errors: string[] = [];
    page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
    });
    await page.route(`${server.origin}/picker-test/**`, (route) => {
        const path = new URL(route.request().url()).pathname.slice('/picker-test/'.length);
        if (path === 'index.html') {
            return route.fulfill({
                contentType: 'text/html',
                body: '<!doctype html><html><body class="slds-scope"><script type="module" src="/picker-test/entry.js"></script></body></html>'
            });
        }
        return route.fulfill({ path: join(bundleDir, path), contentType: 'text/javascript' });
    });
    await browser.context.addCookies([{ name: 'sid', value: org.users()[0].accessToken, url: server.origin }]);
    await page.goto(`${server.origin}/picker-test/index.html`);
    await page.waitForFunction(() => 'mountPicker' in globalThis);
    await page.evaluate(
        (values) => (globalThis as unknown as { mountPicker(p: unknown): void }).mountPicker(values),
        props
    );
    await page.locator('lightning-record-picker input[role="combobox"]').waitFor();
    return errors;
}

const changes = (page: Page) => page.evaluate(() => (globalThis as unknown as { changes: unknown[] }).changes);

describe('lightning-record-picker in the preview', { skip }, () => {
    before(async () => {
        mkdirSync(join(projectRoot, 'node_modules', '.cache'), { recursive: true });
        const root = mkdtempSync(join(projectRoot, 'node_modules', '.cache', 'caseline-picker-'));
        bundleDir = join(root, 'dist');
        writeFileSync(join(root, 'entry.js'), ENTRY);
        const options = rollupOptions({ outDir: bundleDir, componentDirs: [] });
        const bundle = await rollup({ ...options, input: { entry: join(root, 'entry.js') } });
        await bundle.write(options.output as never);
        await bundle.close();

        org = LocalOrg.open(':memory:');
        [server, browser] = await Promise.all([startServer(org, 0, '127.0.0.1'), launchBrowser()]);
        ids.northwind = await create('Account', { Name: 'Northwind Roofing Ltd' });
        ids.northern = await create('Account', { Name: 'Northern Lights Solar' });
        ids.ironbrook = await create('Account', { Name: 'Ironbrook Heating LLC' });
        ids.percent = await create('Account', { Name: '50% Off Tiles' });
        ids.fifty = await create('Account', { Name: '50 Panels Inc' });
        ids.anna = await create('Contact', { FirstName: 'Anna', LastName: 'Okafor', AccountId: ids.northwind });
        ids.annie = await create('Contact', { FirstName: 'Annie', LastName: 'Hall', AccountId: ids.ironbrook });
        rmSync(join(root, 'entry.js'));
    });
    after(async () => {
        await browser?.close();
        await server?.close();
        org?.close();
        if (bundleDir) rmSync(join(bundleDir, '..'), { recursive: true, force: true });
    });

    test('searches by Name prefix; a listbox of options driven by the keyboard; Enter selects and fires change', async () => {
        await withPage(browser, 'record-picker-keyboard', async (page) => {
            const errors = await pickerPage(page, { label: 'Account', objectApiName: 'Account' });
            const input = page.locator('lightning-record-picker input[role="combobox"]');
            const listbox = page.locator('lightning-record-picker [role="listbox"]');
            assert.equal(await input.getAttribute('aria-expanded'), 'false');
            assert.equal(await input.getAttribute('aria-autocomplete'), 'list');
            assert.equal(await input.getAttribute('aria-controls'), await listbox.getAttribute('id'));
            // The label names the input and the listbox.
            assert.equal(await page.getByLabel('Account').count(), 2);

            await input.fill('N');
            await page.waitForTimeout(400);
            assert.equal(await input.getAttribute('aria-expanded'), 'false', 'one character does not search');

            await input.fill('nort');
            const options = listbox.locator('[role="option"]');
            await options.nth(1).waitFor();
            assert.deepEqual(await options.allTextContents(), ['Northern Lights Solar', 'Northwind Roofing Ltd']);
            assert.equal(await input.getAttribute('aria-expanded'), 'true');
            assert.equal(await options.nth(0).getAttribute('aria-selected'), 'true');
            assert.equal(await input.getAttribute('aria-activedescendant'), await options.nth(0).getAttribute('id'));

            await input.press('ArrowDown');
            assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true');
            assert.equal(await options.nth(0).getAttribute('aria-selected'), 'false');
            assert.equal(await input.getAttribute('aria-activedescendant'), await options.nth(1).getAttribute('id'));
            await input.press('ArrowDown');
            assert.equal(await options.nth(0).getAttribute('aria-selected'), 'true', 'wraps around');
            await input.press('ArrowUp');
            await input.press('Enter');

            await listbox.waitFor({ state: 'hidden' });
            assert.equal(await input.inputValue(), 'Northwind Roofing Ltd');
            assert.equal(await input.getAttribute('readonly'), '');
            assert.equal(await input.getAttribute('aria-expanded'), 'false');
            assert.deepEqual(await changes(page), [{ recordId: ids.northwind }]);
            assert.equal(
                await page.evaluate(() => (globalThis as unknown as { picker: { value: string } }).picker.value),
                ids.northwind
            );

            // Clearing the selection fires change with a null record id and lets the user search again.
            await page.locator('lightning-record-picker [data-id="record-picker-clear"]').click();
            assert.equal(await input.inputValue(), '');
            assert.deepEqual((await changes(page)).at(-1), { recordId: null });

            // Escape closes the list without choosing.
            await input.fill('50');
            await options.nth(1).waitFor();
            assert.deepEqual(await options.allTextContents(), ['50 Panels Inc', '50% Off Tiles']);
            await input.press('Escape');
            await listbox.waitFor({ state: 'hidden' });
            assert.equal((await changes(page)).length, 2);

            await input.fill('zz');
            await page
                .locator('lightning-record-picker [data-id="record-picker-status"]', { hasText: 'No results for "zz"' })
                .waitFor();
            assert.deepEqual(errors, []);
        });
    });

    test('a click selects; value set from outside shows the record name; filter narrows the search', async () => {
        await withPage(browser, 'record-picker-value-filter', async (page) => {
            await pickerPage(page, {
                label: 'Contact',
                objectApiName: 'Contact',
                value: ids.anna,
                filter: { criteria: [{ fieldPath: 'AccountId', operator: 'eq', value: ids.ironbrook }] }
            });
            const input = page.locator('lightning-record-picker input[role="combobox"]');
            await page.waitForFunction(
                (el) => (el as unknown as { value: string }).value !== '',
                await input.elementHandle()
            );
            assert.equal(await input.inputValue(), 'Anna Okafor');

            await page.locator('lightning-record-picker [data-id="record-picker-clear"]').click();
            await input.fill('Ann');
            const options = page.locator('lightning-record-picker [role="option"]');
            await options.first().waitFor();
            assert.deepEqual(await options.allTextContents(), ['Annie Hall'], "only Ironbrook's contacts");
            await options.first().click();
            assert.equal(await input.inputValue(), 'Annie Hall');
            assert.deepEqual((await changes(page)).at(-1), { recordId: ids.annie });

            await page.evaluate(
                (id) => Object.assign((globalThis as unknown as { picker: object }).picker, { value: id }),
                ids.anna
            );
            await page.waitForFunction(
                (el) => (el as unknown as { value: string }).value === 'Anna Okafor',
                await input.elementHandle()
            );
        });
    });

    test('required: invalid while empty, with the message shown by reportValidity', async () => {
        await withPage(browser, 'record-picker-required', async (page) => {
            await pickerPage(page, { label: 'Account', objectApiName: 'Account', required: true });
            const picker = page.locator('lightning-record-picker');
            assert.equal(await picker.locator('input').getAttribute('aria-required'), 'true');
            assert.equal(await picker.locator('abbr.slds-required').count(), 1);
            const valid = await page.evaluate(() => {
                const element = (
                    globalThis as unknown as { picker: { checkValidity(): boolean; reportValidity(): boolean } }
                ).picker;
                return [element.checkValidity(), element.reportValidity()];
            });
            assert.deepEqual(valid, [false, false]);
            await picker
                .locator('.slds-has-error .slds-form-element__help', { hasText: 'Complete this field.' })
                .waitFor();
            assert.equal(await picker.locator('input').getAttribute('aria-invalid'), 'true');
        });
    });

    test('documented attributes it does not implement are refused with a console error naming them', async () => {
        await withPage(browser, 'record-picker-refused', async (page) => {
            const errors = await pickerPage(page, {
                label: 'Account',
                objectApiName: 'Account',
                displayInfo: { additionalFields: ['Phone'] },
                matchingInfo: { primaryField: { fieldPath: 'Name' }, additionalFields: [{ fieldPath: 'Phone' }] },
                fieldLevelHelp: 'Pick one',
                filter: { criteria: [{ fieldPath: 'Name', operator: 'startsWith', value: 'N' }] }
            });
            await page.waitForTimeout(100);
            for (const attribute of ['display-info', 'matching-info', 'field-level-help']) {
                assert.ok(
                    errors.some((text) =>
                        text.includes(`${attribute} is not implemented by the preview's record picker`)
                    ),
                    `${attribute} refused: ${errors.join(' | ')}`
                );
            }
            assert.ok(errors.some((text) => text.includes('unsupported operator "startsWith"')));
        });
    });
});
