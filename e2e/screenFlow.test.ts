/**
 * Screen flows in the preview (issue 24), in Debian's Chromium against a fresh local-org: a Flow quick action on the
 * Case record page runs a screen flow whose screen is a test component (e2e/components/e2eFlowProbe, whose only
 * target is lightning__FlowScreen): its inputs arrive, its FlowAttributeChangeEvent output and
 * FlowNavigationNextEvent drive the interview, the write after the screen saves and the page refreshes; a failing
 * write takes the fault path to an error screen with display text. The Task record page shows its contacts (Task is
 * read through REST) and the Task list page lists tasks without UI API. Skipped, saying so, without Chromium.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
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

const FLOW = `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>66.0</apiVersion><label>E2E Rename Case</label><processType>Flow</processType><status>Active</status>
    <start><connector><targetReference>Get_Case</targetReference></connector></start>
    <variables><name>recordId</name><dataType>String</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>false</isOutput></variables>
    <variables><name>newSubject</name><dataType>String</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput></variables>
    <recordLookups><name>Get_Case</name><object>Case</object><getFirstRecordOnly>true</getFirstRecordOnly><storeOutputAutomatically>true</storeOutputAutomatically>
        <queriedFields>Id</queriedFields><queriedFields>Subject</queriedFields>
        <filters><field>Id</field><operator>EqualTo</operator><value><elementReference>recordId</elementReference></value></filters>
        <connector><targetReference>Edit_Screen</targetReference></connector></recordLookups>
    <screens><name>Edit_Screen</name><label>Rename</label><allowBack>false</allowBack><allowFinish>false</allowFinish><allowPause>false</allowPause><showFooter>false</showFooter><showHeader>false</showHeader>
        <fields><name>Probe</name><extensionName>c:e2eFlowProbe</extensionName><fieldType>ComponentInstance</fieldType>
            <inputParameters><name>recordId</name><value><elementReference>recordId</elementReference></value></inputParameters>
            <inputParameters><name>subject</name><value><elementReference>Get_Case.Subject</elementReference></value></inputParameters>
            <outputParameters><assignToReference>newSubject</assignToReference><name>newSubject</name></outputParameters></fields>
        <connector><targetReference>Update_Case</targetReference></connector></screens>
    <recordUpdates><name>Update_Case</name><object>Case</object>
        <filters><field>Id</field><operator>EqualTo</operator><value><elementReference>recordId</elementReference></value></filters>
        <inputAssignments><field>Subject</field><value><elementReference>newSubject</elementReference></value></inputAssignments>
        <faultConnector><targetReference>Roll_Back</targetReference></faultConnector></recordUpdates>
    <recordRollbacks><name>Roll_Back</name><connector><targetReference>Error_Screen</targetReference></connector></recordRollbacks>
    <screens><name>Error_Screen</name><label>Not renamed</label><allowBack>false</allowBack><allowFinish>true</allowFinish><allowPause>false</allowPause><showFooter>true</showFooter><showHeader>true</showHeader>
        <fields><name>Why</name><fieldText>&lt;p&gt;Not saved: {!$Flow.FaultMessage}&lt;/p&gt;</fieldText><fieldType>DisplayText</fieldType></fields></screens>
</Flow>`;

/** The test component, the flow, its Flow quick action, and the Case record page with that action. */
async function deployFlowAction(): Promise<void> {
    const page = readFileSync(
        join(projectRoot, 'force-app/main/default/flexipages/Caseline_Case_Record_Page.flexipage-meta.xml'),
        'utf8'
    ).replace(
        '<componentName>force:highlightsPanel</componentName>',
        `<componentInstanceProperties><name>actionNames</name><valueList><valueListItems><value>Case.E2E_Rename</value></valueListItems></valueList></componentInstanceProperties>
            <componentName>force:highlightsPanel</componentName>`
    );
    const bundleDir = join(projectRoot, 'e2e', 'components', 'e2eFlowProbe');
    const bundle = Object.fromEntries(
        readdirSync(bundleDir).map((name) => [`lwc/e2eFlowProbe/${name}`, readFileSync(join(bundleDir, name), 'utf8')])
    );
    await deployFiles(t.origin, t.admin.accessToken, {
        'package.xml':
            '<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>e2eFlowProbe</members><name>LightningComponentBundle</name></types><types><members>E2E_Rename_Case</members><name>Flow</name></types><types><members>Case.E2E_Rename</members><name>QuickAction</name></types><types><members>Caseline_Case_Record_Page</members><name>FlexiPage</name></types><version>66.0</version></Package>',
        ...bundle,
        'flows/E2E_Rename_Case.flow': FLOW,
        'quickActions/Case.E2E_Rename.quickAction':
            '<?xml version="1.0" encoding="UTF-8"?><QuickAction xmlns="http://soap.sforce.com/2006/04/metadata"><flowDefinition>E2E_Rename_Case</flowDefinition><label>E2E Rename</label><optionsCreateFeedItem>false</optionsCreateFeedItem><type>Flow</type></QuickAction>',
        'flexipages/Caseline_Case_Record_Page.flexipage': page
    });
}

async function rest<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${t.origin}/services/data/v66.0${path}`, {
        method,
        headers: { Authorization: `Bearer ${t.admin.accessToken}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
}

async function subjectOf(id: string): Promise<string> {
    const [row] = await query<{ Subject: string }>(
        t.origin,
        t.admin.accessToken,
        `SELECT Subject FROM Case WHERE Id = '${id}'`
    );
    return row.Subject;
}

describe('screen flows in the preview', { skip }, () => {
    let caseId: string;

    before(async () => {
        await ensurePreviewBuilt();
        [t, browser] = await Promise.all([startPreviewOrg(), launchBrowser()]);
        await deployFlowAction();
        caseId = (await rest<{ id: string }>('POST', '/sobjects/Case', { Subject: 'Flow e2e case', Origin: 'Phone' }))
            .id;
        await signIn(browser, t.origin, t.agent.accessToken);
    });
    after(async () => {
        await browser?.close();
        await t?.close();
    });

    test('a Flow action runs its screen component, saves after the screen and refreshes the page', async () => {
        await withPage(browser, 'flow-action', async (page) => {
            await page.goto(`${t.origin}/lightning/r/Case/${caseId}/view`);
            await page.locator('[data-action="Case.E2E_Rename"]').click();
            const modal = page.locator('[data-id="action-modal"]');
            assert.equal(await modal.getAttribute('aria-label'), 'E2E Rename');
            assert.equal(await page.locator('[data-id="flow-probe-subject"]').textContent(), 'Flow e2e case');
            assert.equal(await page.locator('[data-id="flow-probe-actions"]').textContent(), 'NEXT');
            assert.equal(await page.locator('[data-id="flow-footer"]').count(), 0, 'the screen hides its footer');
            await page.fill('[data-id="flow-probe-input"]', 'Renamed through a screen flow');
            await page.click('[data-id="flow-probe-save"]');
            await modal.waitFor({ state: 'detached' });
            await page
                .locator('[data-id="highlights"] [data-field="Subject"]', { hasText: 'Renamed through a screen flow' })
                .waitFor();
        });
        assert.equal(await subjectOf(caseId), 'Renamed through a screen flow');
    });

    test('a failing write takes the fault path to the error screen; Finish closes it, nothing saved', async () => {
        await withPage(browser, 'flow-fault', async (page) => {
            await page.goto(`${t.origin}/lightning/r/Case/${caseId}/view`);
            await page.locator('[data-action="Case.E2E_Rename"]').click();
            await page.fill('[data-id="flow-probe-input"]', 'x'.repeat(300));
            await page.click('[data-id="flow-probe-save"]');
            await page.locator('[data-id="screen-label"]', { hasText: 'Not renamed' }).waitFor();
            const text = (await page.locator('[data-field="Why"]').textContent()) ?? '';
            assert.match(text, /Not saved: This error occurred when the flow tried to update records: STRING_TOO_LONG/);
            const finish = page.locator('[data-id="flow-footer"] button', { hasText: 'Finish' });
            await finish.click();
            await page.locator('[data-id="action-modal"]').waitFor({ state: 'detached' });
        });
        assert.equal(await subjectOf(caseId), 'Renamed through a screen flow');
    });

    test('Escape closes a flow action, discards its interview and gives the focus back', async () => {
        await withPage(browser, 'flow-escape', async (page) => {
            await page.goto(`${t.origin}/lightning/r/Case/${caseId}/view`);
            const button = page.locator('[data-action="Case.E2E_Rename"]');
            await button.click();
            await page.locator('[data-id="flow-probe-input"]').waitFor();
            const discarded = page.waitForRequest(
                (request) => request.method() === 'DELETE' && request.url().includes('/local-org/flow-interviews/')
            );
            await page.keyboard.press('Escape');
            await page.locator('[data-id="action-modal"]').waitFor({ state: 'detached' });
            await discarded;
            assert.equal(await button.evaluate((el) => el.matches(':focus')), true, 'focus returns to the action');
        });
    });

    test("the Task record page shows the task's contacts, and the Task list page lists tasks", async () => {
        const accountId = (await rest<{ id: string }>('POST', '/sobjects/Account', { Name: 'Flow E2E Installer' })).id;
        const primary = (
            await rest<{ id: string }>('POST', '/sobjects/Contact', { LastName: 'Primary', AccountId: accountId })
        ).id;
        const second = (
            await rest<{ id: string }>('POST', '/sobjects/Contact', { LastName: 'Second', AccountId: accountId })
        ).id;
        const taskId = (
            await rest<{ id: string }>('POST', '/sobjects/Task', {
                Subject: 'Flow E2E call',
                WhoId: primary,
                WhatId: accountId
            })
        ).id;
        await rest('POST', '/sobjects/TaskRelation', { TaskId: taskId, RelationId: second });
        await withPage(browser, 'task-record-page', async (page) => {
            await page.goto(`${t.origin}/lightning/r/Task/${taskId}/view`);
            assert.equal(await page.locator('[data-id="record-title"]').textContent(), 'Flow E2E call');
            await page.locator('[data-id="task-relations"] li').nth(1).waitFor();
            const names = await page.locator('[data-id="task-relations"] li a').allTextContents();
            assert.deepEqual(names, ['Primary', 'Second']);
            assert.equal(
                await page.locator('[data-id="highlights"] [data-field="What.Name"]').textContent(),
                'Flow E2E Installer'
            );
        });
        await withPage(browser, 'task-list-page', async (page) => {
            await page.goto(`${t.origin}/lightning/o/Task/list`);
            await page.locator('[data-id="activity-list"] tr', { hasText: 'Flow E2E call' }).waitFor();
        });
    });
});
