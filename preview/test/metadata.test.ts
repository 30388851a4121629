/**
 * The preview reads labels, the record page and its quick actions through the Metadata API: deploy them to a
 * fresh local-org, then read them back the way the page server does.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { after, before, describe, test } from 'node:test';
import { startTestOrg, type TestOrg } from '../../local-org/test/support/testOrg.ts';
import { projectRoot } from '../../scripts/lib/project.ts';
import { pageMetadata, parseRecordPage, recordPageFor } from '../server/metadata.ts';

const FLEXIPAGE = `<?xml version="1.0" encoding="UTF-8"?>
<FlexiPage xmlns="http://soap.sforce.com/2006/04/metadata">
    <flexiPageRegions>
        <itemInstances>
            <componentInstance>
                <componentInstanceProperties>
                    <name>actionNames</name>
                    <valueList>
                        <valueListItems>
                            <value>Case.Convert_Web_Form</value>
                            <visibilityRule>
                                <criteria>
                                    <leftValue>{!Record.RecordType.DeveloperName}</leftValue>
                                    <operator>EQUAL</operator>
                                    <rightValue>Web_Form</rightValue>
                                </criteria>
                            </visibilityRule>
                        </valueListItems>
                        <valueListItems>
                            <value>Case.Log_Review</value>
                        </valueListItems>
                        <valueListItems>
                            <value>Edit</value>
                        </valueListItems>
                    </valueList>
                </componentInstanceProperties>
                <componentName>force:highlightsPanel</componentName>
                <identifier>highlights</identifier>
            </componentInstance>
        </itemInstances>
        <mode>Replace</mode>
        <name>header</name>
        <type>Region</type>
    </flexiPageRegions>
    <masterLabel>Test Case Page</masterLabel>
    <sobjectType>Case</sobjectType>
    <template><name>flexipage:recordHomeTemplateDesktop</name></template>
    <type>RecordPage</type>
</FlexiPage>
`;

function quickAction(label: string, component: string): string {
    return `<?xml version="1.0" encoding="UTF-8"?>
<QuickAction xmlns="http://soap.sforce.com/2006/04/metadata">
    <actionSubtype>ScreenAction</actionSubtype>
    <label>${label}</label>
    <lightningWebComponent>${component}</lightningWebComponent>
    <optionsCreateFeedItem>false</optionsCreateFeedItem>
    <type>LightningWebComponent</type>
</QuickAction>
`;
}

const LABELS = `<?xml version="1.0" encoding="UTF-8"?>
<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">
    <labels>
        <fullName>Preview_Greeting</fullName>
        <language>en_US</language>
        <protected>false</protected>
        <shortDescription>Preview test</shortDescription>
        <value>Hello &amp; welcome</value>
    </labels>
</CustomLabels>
`;

const PACKAGE = `<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata">
    <types><members>*</members><name>CustomLabels</name></types>
    <types><members>Test_Case_Page</members><name>FlexiPage</name></types>
    <types><members>Test_App</members><members>Other_App</members><name>CustomApplication</name></types>
    <types><members>Case.Convert_Web_Form</members><members>Case.Log_Review</members><name>QuickAction</name></types>
    <version>66.0</version>
</Package>
`;

/** A Lightning app; with a page, that page is its app default record page for Case. */
function app(label: string, casePage?: string): string {
    const override = casePage
        ? `<actionOverrides><actionName>View</actionName><content>${casePage}</content><formFactor>Large</formFactor><skipRecordTypeSelect>false</skipRecordTypeSelect><type>Flexipage</type><pageOrSobjectType>Case</pageOrSobjectType></actionOverrides>`
        : '';
    return `<?xml version="1.0" encoding="UTF-8"?><CustomApplication xmlns="http://soap.sforce.com/2006/04/metadata">${override}<label>${label}</label><navType>Standard</navType><tabs>standard-Case</tabs><uiType>Lightning</uiType></CustomApplication>`;
}

async function soap(origin: string, token: string, inner: string): Promise<string> {
    const response = await fetch(`${origin}/services/Soap/m/66.0`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml', SOAPAction: '""' },
        body:
            '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata">' +
            `<soapenv:Header><SessionHeader><sessionId>${token}</sessionId></SessionHeader></soapenv:Header><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`
    });
    return response.text();
}

let t: TestOrg;
before(async () => {
    t = await startTestOrg();
    const zip = new JSZip();
    zip.file('package.xml', PACKAGE);
    zip.file('labels/CustomLabels.labels', LABELS);
    zip.file('flexipages/Test_Case_Page.flexipage', FLEXIPAGE);
    zip.file('applications/Test_App.app', app('Test App', 'Test_Case_Page'));
    zip.file('applications/Other_App.app', app('Other App'));
    zip.file('quickActions/Case.Convert_Web_Form.quickAction', quickAction('Convert', 'c:conversionProcess'));
    zip.file('quickActions/Case.Log_Review.quickAction', quickAction('Log Review', 'logReview'));
    const base64 = (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64');
    const started = await soap(
        t.origin,
        t.admin.accessToken,
        `<deploy><ZipFile>${base64}</ZipFile><DeployOptions><singlePackage>true</singlePackage></DeployOptions></deploy>`
    );
    const id = /<id>([^<]+)<\/id>/.exec(started)?.[1];
    assert.ok(id, started);
    for (let i = 0; i < 100; i++) {
        const status = await soap(
            t.origin,
            t.admin.accessToken,
            `<checkDeployStatus><asyncProcessId>${id}</asyncProcessId><includeDetails>true</includeDetails></checkDeployStatus>`
        );
        if (/<done>true<\/done>/.test(status)) {
            assert.match(status, /<status>Succeeded<\/status>/, status);
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail('deploy did not finish');
});
after(() => t.close());

describe('pageMetadata', () => {
    test('reads the deployed labels, apps, the record page they assign and its quick actions back through retrieve', async () => {
        const metadata = await pageMetadata(t.origin, t.admin.accessToken);
        assert.equal(metadata.labels.Preview_Greeting, 'Hello & welcome');
        assert.deepEqual(
            metadata.apps.map((a) => [a.name, a.label, [...a.recordPages]]),
            [
                ['Other_App', 'Other App', []],
                ['Test_App', 'Test App', [['Case', 'Test_Case_Page']]]
            ]
        );
        // The page follows the app's assignment: none in an app that assigns none (Salesforce's own page).
        assert.equal(recordPageFor(metadata, metadata.apps[0], 'Case'), undefined);
        assert.equal(recordPageFor(metadata, metadata.apps[1], 'Account'), undefined);
        const page = recordPageFor(metadata, metadata.apps[1], 'Case');
        assert.equal(page?.name, 'Test_Case_Page');
        assert.deepEqual(page?.actions, [
            {
                name: 'Case.Convert_Web_Form',
                objectApiName: 'Case',
                label: 'Convert',
                component: 'conversionProcess',
                visibilityRule: {
                    criteria: [
                        { leftValue: '{!Record.RecordType.DeveloperName}', operator: 'EQUAL', rightValue: 'Web_Form' }
                    ]
                }
            },
            { name: 'Case.Log_Review', objectApiName: 'Case', label: 'Log Review', component: 'logReview' },
            { name: 'Edit', label: 'Edit' }
        ]);
    });

    test('an org without record pages or labels gives none', async () => {
        const empty = await startTestOrg();
        try {
            const metadata = await pageMetadata(empty.origin, empty.admin.accessToken);
            assert.deepEqual(metadata.labels, {});
            assert.equal(metadata.pages.size, 0);
            assert.deepEqual(metadata.apps, []);
        } finally {
            await empty.close();
        }
    });
});

describe('parseRecordPage', () => {
    test('an action without a deployed QuickAction keeps its name and cannot be run', () => {
        const page = parseRecordPage('P', FLEXIPAGE, new Map());
        assert.equal(page.label, 'Test Case Page');
        assert.deepEqual(page.actions[1], { name: 'Case.Log_Review', objectApiName: 'Case', label: 'Log_Review' });
    });

    test('custom components are placed in the region their facet ends up in, with properties and rules', () => {
        const xml = `<?xml version="1.0" encoding="UTF-8"?>
<FlexiPage xmlns="http://soap.sforce.com/2006/04/metadata">
    <flexiPageRegions>
        <itemInstances><componentInstance><componentInstanceProperties><name>recordId</name><value>{!recordId}</value></componentInstanceProperties><componentInstanceProperties><name>maxRows</name><value>5</value></componentInstanceProperties><componentName>caseMatches</componentName><identifier>c_caseMatches</identifier><visibilityRule><criteria><leftValue>{!Record.Origin}</leftValue><operator>EQUAL</operator><rightValue>Web</rightValue></criteria></visibilityRule></componentInstance></itemInstances>
        <mode>Replace</mode><name>matchesTab</name><type>Facet</type>
    </flexiPageRegions>
    <flexiPageRegions>
        <itemInstances><componentInstance><componentInstanceProperties><name>body</name><value>matchesTab</value></componentInstanceProperties><componentName>flexipage:tab</componentName><identifier>t1</identifier></componentInstance></itemInstances>
        <mode>Replace</mode><name>sidebartabs</name><type>Facet</type>
    </flexiPageRegions>
    <flexiPageRegions>
        <itemInstances><componentInstance><componentInstanceProperties><name>tabs</name><value>sidebartabs</value></componentInstanceProperties><componentName>flexipage:tabset</componentName><identifier>ts</identifier></componentInstance></itemInstances>
        <itemInstances><componentInstance><componentName>c:reviewSummary</componentName><identifier>review</identifier></componentInstance></itemInstances>
        <mode>Replace</mode><name>sidebar</name><type>Region</type>
    </flexiPageRegions>
    <flexiPageRegions>
        <itemInstances><componentInstance><componentName>force:detailPanel</componentName><identifier>d</identifier></componentInstance></itemInstances>
        <mode>Replace</mode><name>main</name><type>Region</type>
    </flexiPageRegions>
    <masterLabel>P</masterLabel><sobjectType>Case</sobjectType><type>RecordPage</type>
</FlexiPage>`;
        assert.deepEqual(parseRecordPage('P', xml, new Map()).components, [
            {
                identifier: 'c_caseMatches',
                component: 'caseMatches',
                region: 'sidebar',
                properties: { recordId: '{!recordId}', maxRows: '5' },
                visibilityRule: { criteria: [{ leftValue: '{!Record.Origin}', operator: 'EQUAL', rightValue: 'Web' }] }
            },
            { identifier: 'review', component: 'reviewSummary', region: 'sidebar', properties: {} }
        ]);
    });

    test("the project's Case page has the Case History list (a single related list for Histories)", async () => {
        const xml = await readFile(
            join(projectRoot, 'force-app/main/default/flexipages/Caseline_Case_Record_Page.flexipage-meta.xml'),
            'utf8'
        );
        assert.deepEqual(parseRecordPage('Caseline_Case_Record_Page', xml, new Map()).relatedLists, [
            { identifier: 'case_history', relatedListApiName: 'Histories', rowsToDisplay: 10 }
        ]);
    });
});
