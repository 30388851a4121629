/**
 * The preview in Debian's Chromium against a fresh local-org (deployed and seeded like `npm start` does): a
 * web-form case's record page as the agent, the public web form creating a case that appears in the list, the
 * user switcher's `sid` cookie, and a record page quick action opening a component in a modal that uses the
 * platform modules (record and object info wires, page reference, user id, labels, toasts, refresh, close).
 * Skipped, saying so, when /usr/bin/chromium is not installed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { projectRoot } from '../scripts/lib/project.ts';
import { query } from '../scripts/lib/localOrgSetup.ts';
import { CHROMIUM, chromiumInstalled, launchBrowser, signIn, withPage, type Browser } from './support/browser.ts';
import { deployFiles } from './support/deploy.ts';
import { ensurePreviewBuilt, startPreviewOrg, type PreviewOrg } from './support/previewOrg.ts';

const skip = chromiumInstalled()
    ? false
    : `${CHROMIUM} is not installed (apt-get install -y chromium); the browser tests did not run`;
if (skip) process.stderr.write(`e2e SKIPPED: ${skip}\n`);

let t: PreviewOrg;
let browser: Browser;

async function call(method: string, path: string, body: unknown): Promise<void> {
    const response = await fetch(`${t.origin}/services/data/v66.0${path}`, {
        method,
        headers: { Authorization: `Bearer ${t.admin.accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body)
    });
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.text()}`);
}

/** The Case record page with the e2e probe as a quick action and a sidebar component, both on web-form cases only. */
async function deployProbeAction(): Promise<void> {
    // The project's own actions arrive with issues 7-9; a page variant with the e2e probe action stands in.
    const page = readFileSync(
        join(projectRoot, 'force-app/main/default/flexipages/Caseline_Case_Record_Page.flexipage-meta.xml'),
        'utf8'
    )
        .replace(
            '<componentName>force:highlightsPanel</componentName>',
            `<componentInstanceProperties><name>actionNames</name><valueList><valueListItems><value>Case.E2E_Probe</value><visibilityRule><criteria><leftValue>{!Record.RecordType.DeveloperName}</leftValue><operator>EQUAL</operator><rightValue>Web_Form</rightValue></criteria></visibilityRule></valueListItems></valueList></componentInstanceProperties>
            <componentName>force:highlightsPanel</componentName>`
        )
        .replace(
            '<itemInstances>\n            <componentInstance>\n                <componentName>runtime_sales_activities:activityPanel</componentName>',
            `<itemInstances><componentInstance><componentInstanceProperties><name>recordId</name><value>{!recordId}</value></componentInstanceProperties><componentName>e2eProbe</componentName><identifier>e2e_probe</identifier><visibilityRule><criteria><leftValue>{!Record.RecordType.DeveloperName}</leftValue><operator>EQUAL</operator><rightValue>Web_Form</rightValue></criteria></visibilityRule></componentInstance></itemInstances>
        <itemInstances>\n            <componentInstance>\n                <componentName>runtime_sales_activities:activityPanel</componentName>`
        );
    assert.ok(page.includes('<identifier>e2e_probe</identifier>'), 'the page variant has the probe component');
    await deployFiles(t.origin, t.admin.accessToken, {
        'package.xml':
            '<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>Caseline_Case_Record_Page</members><name>FlexiPage</name></types><types><members>Case.E2E_Probe</members><name>QuickAction</name></types><version>66.0</version></Package>',
        'flexipages/Caseline_Case_Record_Page.flexipage': page,
        'quickActions/Case.E2E_Probe.quickAction':
            '<?xml version="1.0" encoding="UTF-8"?><QuickAction xmlns="http://soap.sforce.com/2006/04/metadata"><actionSubtype>ScreenAction</actionSubtype><label>E2E Probe</label><lightningWebComponent>e2eProbe</lightningWebComponent><optionsCreateFeedItem>false</optionsCreateFeedItem><type>LightningWebComponent</type></QuickAction>'
    });
}

async function caseId(where: string): Promise<{ Id: string; CaseNumber: string; Subject: string }> {
    const rows = await query<{ Id: string; CaseNumber: string; Subject: string }>(
        t.origin,
        t.admin.accessToken,
        `SELECT Id, CaseNumber, Subject FROM Case WHERE ${where} ORDER BY CaseNumber LIMIT 1`
    );
    assert.equal(rows.length, 1, `no case where ${where}`);
    return rows[0];
}

describe('preview in Chromium', { skip }, () => {
    before(async () => {
        await ensurePreviewBuilt();
        [t, browser] = await Promise.all([startPreviewOrg(), launchBrowser()]);
    });
    after(async () => {
        await browser?.close();
        await t?.close();
    });

    test('the agent opens a web-form case and sees the record', async (context) => {
        const webForm = await caseId("RecordType.DeveloperName = 'Web_Form'");
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'record-page', async (page) => {
            let requests = 0;
            page.on('request', () => (requests += 1));
            const started = Date.now();
            await page.goto(`${t.origin}/lightning/r/Case/${webForm.Id}/view`);
            const title = page.locator('[data-id="record-title"]');
            await title.waitFor();
            const rendered = Date.now() - started;
            assert.equal(await title.textContent(), webForm.CaseNumber);
            assert.equal(
                await page.locator('[data-id="highlights"] [data-field="RecordType.Name"]').textContent(),
                'Web Form'
            );
            assert.equal(
                await page.locator('[data-id="highlights"] [data-field="Subject"]').textContent(),
                webForm.Subject
            );
            await page.locator('[data-related="Tasks"]').waitFor();
            await page.waitForLoadState('networkidle');
            assert.equal(await page.locator('[data-id="current-user"]').textContent(), `${t.agent.name} (agent)`);
            context.diagnostic(`Case record page: first render ${rendered} ms, ${requests} requests`);
        });
    });

    test('the public web form creates a case that appears in the list', async () => {
        const subject = `Brochure request ${Date.now()}`;
        await browser.context.clearCookies();
        await withPage(browser, 'web-form', async (page) => {
            await page.goto(`${t.origin}/preview/web-form`);
            await page.fill('#f-name', 'Wanda Webform');
            await page.fill('#f-email', 'wanda@example.com');
            await page.fill('#f-subject', subject);
            await page.selectOption('#f-type', 'Product Information');
            await page.fill('#f-description', 'Please send the brochure.');
            await page.click('button[type="submit"]');
            await page.locator('[data-id="submitted"]').waitFor();
        });
        const created = await caseId(`Subject = '${subject}'`);
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'list-after-web-form', async (page) => {
            await page.goto(`${t.origin}/lightning/o/Case/list`);
            const row = page.locator('lightning-datatable tr', { hasText: subject });
            await row.waitFor();
            assert.match((await row.textContent()) ?? '', /Wanda Webform/);
            await row.locator('a', { hasText: created.CaseNumber }).click();
            await page.locator('[data-id="record-title"]').waitFor();
            assert.equal(
                await page.locator('[data-id="highlights"] [data-field="RecordType.Name"]').textContent(),
                'Web Form'
            );
            assert.equal(await page.locator('[data-id="highlights"] [data-field="Origin"]').textContent(), 'Web');
        });
    });

    test('the session cookie decides the user, and the switcher changes it', async () => {
        await signIn(browser, t.origin, t.viewer.accessToken);
        await withPage(browser, 'user-switch', async (page) => {
            await page.goto(`${t.origin}/lightning/o/Case/list`);
            const user = page.locator('[data-id="current-user"]');
            await user.waitFor();
            assert.equal(await user.textContent(), `${t.viewer.name} (viewer)`);
            await page.click('[data-id="user-switcher"] a[data-user="agent"]');
            await page.waitForURL(`${t.origin}/lightning/o/Case/list`);
            await page.locator('[data-id="current-user"]').waitFor();
            assert.equal(await page.locator('[data-id="current-user"]').textContent(), `${t.agent.name} (agent)`);
            const cookies = await browser.context.cookies(t.origin);
            assert.equal(cookies.find((c) => c.name === 'sid')?.value, t.agent.accessToken);
        });
    });

    test('without a session the page asks who to log in as', async () => {
        await browser.context.clearCookies();
        await withPage(browser, 'login', async (page) => {
            await page.goto(`${t.origin}/lightning/o/Case/list`);
            await page.waitForURL(/\/preview\/login/);
            await page.click('a:has-text("(admin)")');
            await page.waitForURL(`${t.origin}/lightning/o/Case/list`);
            assert.match((await page.locator('[data-id="current-user"]').textContent()) ?? '', /\(admin\)$/);
        });
    });

    test('a return URL with a tab or newline keeps the browser on the origin (switcher and frontdoor)', async () => {
        await browser.context.clearCookies();
        await withPage(browser, 'open-redirect', async (page) => {
            for (const path of [
                '/preview/switch?user=agent&retURL=/%09/evil.example/',
                '/preview/switch?user=agent&retURL=/%0a/evil.example/',
                `/secur/frontdoor.jsp?sid=${encodeURIComponent(t.agent.accessToken)}&retURL=/%09/evil.example/`
            ]) {
                // Sent away, Chromium fails to resolve evil.example (net::ERR_NAME_NOT_RESOLVED): it left the origin.
                const failure = await page.goto(`${t.origin}${path}`).then(
                    () => undefined,
                    (error: Error) => error.message.split('\n')[0]
                );
                assert.equal(failure, undefined, `${path}: the browser was sent off the origin`);
                assert.equal(new URL(page.url()).origin, t.origin, `${path} went to ${page.url()}`);
                assert.equal(new URL(page.url()).pathname, '/lightning/o/Case/list', path);
            }
        });
    });

    test('a record page action shows by its visibility rule, and its component uses the platform modules', async () => {
        await deployProbeAction();
        const webForm = await caseId("RecordType.DeveloperName = 'Web_Form' AND Status = 'New'");
        const other = await caseId("RecordType.DeveloperName != 'Web_Form'");
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'quick-action', async (page) => {
            await page.goto(`${t.origin}/lightning/r/Case/${other.Id}/view`);
            await page.locator('[data-id="record-title"]').waitFor();
            assert.equal(await page.locator('[data-action="Case.E2E_Probe"]').count(), 0);

            await page.goto(`${t.origin}/lightning/r/Case/${webForm.Id}/view`);
            await page.click('[data-action="Case.E2E_Probe"]');
            const modal = page.locator('[data-id="action-modal"]');
            const probe = (id: string) => modal.locator(`[data-id="${id}"]`);
            await probe('probe-subject').filter({ hasText: webForm.Subject }).waitFor();
            assert.equal(await probe('probe-record-type').textContent(), 'Web Form');
            assert.equal(await probe('probe-object').textContent(), 'Case');
            assert.equal(await probe('probe-page').textContent(), webForm.Id);
            assert.equal(await probe('probe-user').textContent(), t.agent.id);
            assert.equal(await probe('probe-label').textContent(), "We couldn't complete that request.");

            // ShowToastEvent: a real toast, with messageData as a link.
            await probe('probe-toast').click();
            const link = page.locator('a', { hasText: 'the case' });
            await link.waitFor();
            assert.equal(await link.getAttribute('href'), `/lightning/r/Case/${webForm.Id}/view`);

            // A change made elsewhere shows only after notifyRecordUpdateAvailable, like LDS.
            await call('PATCH', `/sobjects/Case/${webForm.Id}`, { Subject: 'Changed behind the page' });
            await page.waitForTimeout(300);
            assert.equal(await probe('probe-subject').textContent(), webForm.Subject);
            await probe('probe-notify').click();
            await probe('probe-subject').filter({ hasText: 'Changed behind the page' }).waitFor();
            await page
                .locator('[data-id="highlights"] [data-field="Subject"]', { hasText: 'Changed behind the page' })
                .waitFor();

            // RefreshEvent re-reads the page's records.
            await call('PATCH', `/sobjects/Case/${webForm.Id}`, { Status: 'Working' });
            await probe('probe-refresh').click();
            await page.locator('[data-id="highlights"] [data-field="Status"]', { hasText: 'Working' }).waitFor();

            // CloseActionScreenEvent closes the modal.
            await probe('probe-close').click();
            await modal.waitFor({ state: 'detached' });
        });
    });

    test('GraphQL: the wire reads, executeMutation writes, nothing re-queries until the wire result’s refresh', async (context) => {
        const probe = await fetch(`${t.origin}/services/data/v66.0/graphql`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${t.admin.accessToken}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ query: '{ uiapi { query { Case(first: 1) { edges { node { Id } } } } } }' })
        });
        if (probe.status === 404) {
            context.skip('local-org has no GraphQL endpoint yet (issue 5)');
            process.stderr.write('e2e SKIPPED: GraphQL test, local-org has no GraphQL endpoint yet (issue 5)\n');
            return;
        }
        await deployProbeAction();
        const webForm = await caseId("RecordType.DeveloperName = 'Web_Form' AND Status = 'New'");
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'graphql', async (page) => {
            await page.goto(`${t.origin}/lightning/r/Case/${webForm.Id}/view`);
            await page.click('[data-action="Case.E2E_Probe"]');
            const probe = (id: string) => page.locator(`[data-id="action-modal"] [data-id="${id}"]`);
            await probe('probe-graphql').filter({ hasText: webForm.Subject }).waitFor();
            await probe('probe-mutate').click();
            await probe('probe-mutation').filter({ hasText: 'Changed by a mutation' }).waitFor();
            // Like LDS: the mutation does not re-run the query; the wire shows the old value until refreshed.
            await page.waitForTimeout(300);
            assert.equal(await probe('probe-graphql').textContent(), webForm.Subject);
            await probe('probe-requery').click();
            await probe('probe-graphql').filter({ hasText: 'Changed by a mutation' }).waitFor();
        });
    });

    test("the record page's own components render in their region by their visibility rules", async () => {
        await deployProbeAction();
        const webForm = await caseId("RecordType.DeveloperName = 'Web_Form' AND Status = 'New'");
        const other = await caseId("RecordType.DeveloperName != 'Web_Form'");
        await signIn(browser, t.origin, t.agent.accessToken);
        await withPage(browser, 'page-component', async (page) => {
            await page.goto(`${t.origin}/lightning/r/Case/${other.Id}/view`);
            await page.locator('[data-id="record-title"]').waitFor();
            assert.equal(await page.locator('[data-component="e2e_probe"]').count(), 0);

            await page.goto(`${t.origin}/lightning/r/Case/${webForm.Id}/view`);
            const component = page.locator('[data-component="e2e_probe"]');
            await component.locator('[data-id="probe-subject"]').filter({ hasText: webForm.Subject }).waitFor();
            assert.equal(await component.locator('[data-id="probe-page"]').textContent(), webForm.Id);
        });
    });
});
