import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { checkImports } from '../lib/importCheck.ts';
import { projectRoot } from '../lib/project.ts';

const forceApp = join(projectRoot, 'force-app');

async function filesUnder(dir: string): Promise<string[]> {
    return (await readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

test('force-app converts to a deployable metadata package with every component type and no test files', async () => {
    const components = ComponentSet.fromSource(forceApp);
    const manifest = await components.getObject();
    const types = Object.fromEntries(manifest.Package.types.map((type) => [type.name, type.members]));
    assert.deepEqual(Object.keys(types).sort(), [
        'AssignmentRule',
        'AssignmentRules',
        'BusinessProcess',
        'CustomApplication',
        'CustomField',
        'CustomLabel',
        'CustomLabels',
        'CustomMetadata',
        'CustomObject',
        'CustomPermission',
        'FieldSet',
        'FlexiPage',
        'Flow',
        'LightningComponentBundle',
        'ListView',
        'PermissionSet',
        'Queue',
        'QuickAction',
        'RecordType',
        'StandardValueSet',
        'ValidationRule'
    ]);
    assert.deepEqual(types.Flow, [
        'Account_Match_Keys',
        'Case_Review_Task',
        'Case_Route_To_Queue',
        'Case_Service_Defaults',
        'Case_Take_From_Queue_Check',
        'Contact_Match_Keys',
        'Relate_Interaction',
        'Service_Request_Categories',
        'Service_Request_Lifecycle'
    ]);
    assert.deepEqual(types.StandardValueSet, [
        'CaseStatus',
        'CaseType',
        'ContractStatus',
        'LeadStatus',
        'TaskStatus',
        'TaskType'
    ]);
    assert.ok(types.CustomField.includes('Activity.Cancellation_Reason__c'));
    assert.deepEqual(types.PermissionSet, ['Caseline_Admin', 'Caseline_Agent', 'Caseline_Viewer']);
    assert.ok(types.RecordType.includes('Case.Web_Form'));
    assert.deepEqual(
        types.RecordType.filter((name) => name.startsWith('Lead.')),
        ['Lead.Partner', 'Lead.Sales', 'Lead.Service']
    );
    assert.deepEqual(
        types.BusinessProcess.filter((name) => name.startsWith('Lead.')),
        ['Lead.Partner Lead Process', 'Lead.Sales Lead Process', 'Lead.Service Lead Process']
    );
    assert.deepEqual(
        types.CustomMetadata.filter((name) => name.startsWith('Lead_Type.')),
        ['Lead_Type.Partner', 'Lead_Type.Sales', 'Lead_Type.Service']
    );
    assert.ok(!types.CustomField.includes('Lead.Lead_Type__c'), 'the lead type is the record type, not a picklist');
    assert.ok(types.CustomField.includes('Case.Last_Review_Comments__c'));
    // Activity custom fields are one CustomField each, Activity.X__c, shared by Task and Event.
    for (const field of ['Caller_Phone__c', 'Caller_Email__c', 'Caller_Name__c', 'Caseline_Key__c']) {
        assert.ok(types.CustomField.includes(`Activity.${field}`), field);
    }
    assert.ok(types.ListView.includes('Task.My_Unrelated_Interactions'));
    assert.deepEqual(types.FlexiPage, [
        'Caseline_Account_Record_Page',
        'Caseline_Case_Record_Page',
        'Caseline_Contact_Record_Page',
        'Caseline_Contract_Record_Page',
        'Caseline_Lead_Record_Page',
        'Caseline_Task_Record_Page'
    ]);
    assert.deepEqual(types.QuickAction, [
        'Account.New_Service_Case',
        'Case.Close',
        'Case.Conversion_Process',
        'Case.Log_Review',
        'Case.Reassign',
        'Case.Schedule_Activity',
        'Case.Send_To_Back_Office',
        'Case.Service_Request_Progress',
        'Case.Take',
        'Contact.New_Service_Case',
        'Contract.New_Service_Case',
        'Lead.Lead_Progress',
        'Task.Relate_Interaction'
    ]);
    assert.ok(types.LightningComponentBundle.includes('conversionProcess'));

    const outputDirectory = await mkdtemp(join(tmpdir(), 'caseline-convert-'));
    await new MetadataConverter().convert(components, 'metadata', {
        type: 'directory',
        outputDirectory,
        genUniqueDir: false
    });
    const files = await filesUnder(outputDirectory);
    assert.ok(files.includes('package.xml'));
    assert.ok(files.includes('objects/Case.object'));
    assert.ok(files.includes('lwc/errorPanel/errorPanel.js'));
    const leaked = files.filter((file) => /__tests__|jest-mocks|jsconfig|tsconfig|\.ts$/.test(file));
    assert.deepEqual(leaked, [], 'tests, mocks and type-checking files must never deploy');
});

test('the review comments field holds at most 1000 characters and keeps no history', async () => {
    const xml = await readFile(
        join(forceApp, 'main/default/objects/Case/fields/Last_Review_Comments__c.field-meta.xml'),
        'utf8'
    );
    assert.match(xml, /<length>1000<\/length>/);
    assert.match(xml, /<trackHistory>false<\/trackHistory>/);
});

test('every @salesforce/schema and @salesforce/label import in the components resolves', () => {
    assert.deepEqual(checkImports(forceApp), []);
});

test('imports of missing fields, relationships and labels are reported', async () => {
    const root = await mkdtemp(join(tmpdir(), 'caseline-imports-'));
    const metadata = join(root, 'main', 'default');
    await mkdir(join(metadata, 'lwc', 'probe'), { recursive: true });
    await mkdir(join(metadata, 'labels'), { recursive: true });
    await mkdir(join(metadata, 'objects', 'Case', 'fields'), { recursive: true });
    await writeFile(
        join(metadata, 'labels', 'CustomLabels.labels-meta.xml'),
        '<CustomLabels><labels><fullName>Known</fullName></labels></CustomLabels>'
    );
    await writeFile(
        join(metadata, 'objects', 'Case', 'fields', 'Converted_From__c.field-meta.xml'),
        '<CustomField><referenceTo>Case</referenceTo></CustomField>'
    );
    await writeFile(
        join(metadata, 'lwc', 'probe', 'probe.js'),
        [
            "import KNOWN from '@salesforce/label/c.Known';",
            "import UNKNOWN from '@salesforce/label/c.Unknown';",
            "import SUBJECT from '@salesforce/schema/Case.Subject';",
            "import PARENT_SUBJECT from '@salesforce/schema/Case.Converted_From__r.Subject';",
            "import ACCOUNT_NAME from '@salesforce/schema/Case.Account.Name';",
            "import TYPO from '@salesforce/schema/Case.Subjcet';",
            "import BAD_REL from '@salesforce/schema/Case.Converted_To__r.Subject';",
            "import NO_OBJECT from '@salesforce/schema/Widget__c.Name';"
        ].join('\n')
    );
    assert.deepEqual(
        checkImports(root).map((problem) => [problem.specifier, problem.problem]),
        [
            ['@salesforce/label/c.Unknown', 'no Custom Label named Unknown in force-app'],
            ['@salesforce/schema/Case.Subjcet', 'no field Case.Subjcet'],
            ['@salesforce/schema/Case.Converted_To__r.Subject', 'no relationship Case.Converted_To__r'],
            ['@salesforce/schema/Widget__c.Name', 'unknown object Widget__c']
        ]
    );
});
