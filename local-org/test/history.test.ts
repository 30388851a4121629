/**
 * Field history tracking (issue 21): CustomObject.enableHistory and CustomField.trackHistory applied at deploy (on
 * custom and standard fields, with Salesforce's limits), history rows written on every write path inside the saving
 * transaction, and the history objects read-only and queryable by SOQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Connection } from 'jsforce';
import { deployPackage, type DeployOutcome } from '../src/metadata/deploy.ts';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { assignPermissionSet, graphqlData, V } from './support/graphql.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const PACKAGE = `<?xml version="1.0" encoding="UTF-8"?><Package ${NS}><version>66.0</version></Package>`;

let t: TestOrg;

function deploy(files: Record<string, string>): Promise<DeployOutcome> {
    const map = new Map(Object.entries({ 'package.xml': PACKAGE, ...files }).map(([k, v]) => [k, Buffer.from(v)]));
    return deployPackage(t.org, t.admin.id, map, { checkOnly: false, rollbackOnError: true });
}

function objectFile(name: string, body: string): Record<string, string> {
    return {
        [`objects/${name}.object`]: `<?xml version="1.0" encoding="UTF-8"?><CustomObject ${NS}>${body}</CustomObject>`
    };
}

function problems(outcome: DeployOutcome): string[] {
    return outcome.failures.map((f) => `${f.componentType} ${f.fullName}: ${f.problem}`);
}

const tracked = (name: string, type = 'Picklist') =>
    `<fields><fullName>${name}</fullName><trackHistory>true</trackHistory><type>${type}</type></fields>`;

const customField = (name: string, type: string, track: boolean, extra = '') =>
    `<fields><fullName>${name}</fullName><label>${name}</label><type>${type}</type>${extra}<trackHistory>${track}</trackHistory></fields>`;

/** Case as this suite tracks it: Status, Priority, Owner, Account (standard), a text and a long text custom field. */
const CASE_TRACKING = objectFile(
    'Case',
    tracked('Status') +
        tracked('Priority') +
        tracked('OwnerId', 'Lookup') +
        tracked('AccountId', 'Lookup') +
        customField('Tracked_Note__c', 'Text', true, '<length>80</length>') +
        customField('Untracked_Note__c', 'Text', false, '<length>80</length>') +
        customField('Long_Notes__c', 'LongTextArea', true, '<length>5000</length><visibleLines>3</visibleLines>')
);

interface HistoryRow {
    Field: string;
    DataType: string | null;
    OldValue: string | null;
    NewValue: string | null;
    CreatedById: string;
}

async function soql(query: string, token = t.admin.accessToken): Promise<Record<string, unknown>[]> {
    const response = await call(t.origin, token, 'GET', `${V}/query?q=${encodeURIComponent(query)}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return (response.body as { records: Record<string, unknown>[] }).records;
}

async function caseHistory(caseId: string, token?: string): Promise<HistoryRow[]> {
    const records = await soql(
        `SELECT Field, DataType, OldValue, NewValue, CreatedById FROM CaseHistory WHERE CaseId = '${caseId}' ORDER BY Id`,
        token
    );
    return records.map(({ attributes: _, ...row }) => row as unknown as HistoryRow);
}

/** The changes of a case's history (without its `created` row), as [Field, DataType, OldValue, NewValue]. */
async function changes(caseId: string): Promise<[string, string | null, string | null, string | null][]> {
    return (await caseHistory(caseId))
        .filter((r) => r.Field !== 'created')
        .map((r) => [r.Field, r.DataType, r.OldValue, r.NewValue]);
}

async function createCase(values: Record<string, unknown> = {}): Promise<string> {
    const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Case`, {
        Subject: 'History',
        Status: 'New',
        Priority: 'Low',
        ...values
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return (created.body as { id: string }).id;
}

async function updateCase(id: string, values: Record<string, unknown>): Promise<void> {
    const updated = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/sobjects/Case/${id}`, values);
    assert.equal(updated.status, 204, JSON.stringify(updated.body));
}

const GADGET = objectFile(
    'Gadget__c',
    '<label>Gadget</label><pluralLabel>Gadgets</pluralLabel><nameField><label>Gadget Name</label><type>Text</type></nameField>' +
        '<deploymentStatus>Deployed</deploymentStatus><sharingModel>ReadWrite</sharingModel><enableHistory>true</enableHistory>' +
        customField('Size__c', 'Text', true, '<length>20</length>') +
        customField('Color__c', 'Text', false, '<length>20</length>')
);

/** Custom fields need field permissions, even for an admin. */
const FIELD_ACCESS = {
    'permissionsets/History_Test.permissionset': `<?xml version="1.0" encoding="UTF-8"?><PermissionSet ${NS}><label>History Test</label>${[
        'Case.Tracked_Note__c',
        'Case.Untracked_Note__c',
        'Case.Long_Notes__c',
        'Gadget__c.Size__c',
        'Gadget__c.Color__c'
    ]
        .map(
            (f) =>
                `<fieldPermissions><editable>true</editable><field>${f}</field><readable>true</readable></fieldPermissions>`
        )
        .join('')}</PermissionSet>`
};

before(async () => {
    t = await startTestOrg();
    const outcome = await deploy({ ...CASE_TRACKING, ...GADGET, ...FIELD_ACCESS });
    assert.deepEqual(problems(outcome), []);
    await assignPermissionSet(t, t.admin.id, 'History_Test');
});
after(() => t.close());

describe('history rows on Case', () => {
    test('a new case gets one `created` row by its creator, with no values', async () => {
        const id = await createCase();
        assert.deepEqual(await caseHistory(id), [
            { Field: 'created', DataType: null, OldValue: null, NewValue: null, CreatedById: t.admin.id }
        ]);
    });

    test('a REST update of tracked picklists records old and new values; untracked fields record nothing', async () => {
        const id = await createCase();
        await updateCase(id, { Status: 'Working', Priority: 'High', Subject: 'Changed', Untracked_Note__c: 'x' });
        assert.deepEqual(await changes(id), [
            ['Status', 'DynamicEnum', 'New', 'Working'],
            ['Priority', 'DynamicEnum', 'Low', 'High']
        ]);
        await updateCase(id, { Status: 'Working', Subject: 'Again' });
        assert.equal((await changes(id)).length, 2, 'an update that changes no tracked value adds no row');
    });

    test('an owner change writes two rows: the ids (EntityId) and the names', async () => {
        const id = await createCase();
        await updateCase(id, { OwnerId: t.agent.id });
        const names = await soql(`SELECT Name FROM User WHERE Id IN ('${t.admin.id}', '${t.agent.id}') ORDER BY Id`);
        const nameOf = (userId: string) =>
            String(names.find((_, i) => [t.admin.id, t.agent.id].sort()[i] === userId)?.Name);
        assert.deepEqual(await changes(id), [
            ['Owner', 'EntityId', t.admin.id, t.agent.id],
            ['Owner', 'Text', nameOf(t.admin.id), nameOf(t.agent.id)]
        ]);
    });

    test('a lookup set from empty records a null old value in both rows', async () => {
        const account = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, { Name: 'Hist Co' });
        const accountId = (account.body as { id: string }).id;
        const id = await createCase();
        await updateCase(id, { AccountId: accountId });
        assert.deepEqual(await changes(id), [
            ['Account', 'EntityId', null, accountId],
            ['Account', 'Text', null, 'Hist Co']
        ]);
    });

    test('a long text area change is recorded without its values; a custom text field with them', async () => {
        const id = await createCase();
        await updateCase(id, { Long_Notes__c: 'a long note', Tracked_Note__c: 'short' });
        assert.deepEqual(await changes(id), [
            ['Tracked_Note__c', 'Text', null, 'short'],
            ['Long_Notes__c', 'TextArea', null, null]
        ]);
    });
});

describe('every write path records history', () => {
    test('sObject Collections update', async () => {
        const id = await createCase();
        const response = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/composite/sobjects`, {
            allOrNone: true,
            records: [{ attributes: { type: 'Case' }, Id: id, Status: 'Escalated' }]
        });
        assert.equal(response.status, 200, JSON.stringify(response.body));
        assert.deepEqual(await changes(id), [['Status', 'DynamicEnum', 'New', 'Escalated']]);
    });

    test('composite request', async () => {
        const id = await createCase();
        const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite`, {
            allOrNone: true,
            compositeRequest: [
                { method: 'PATCH', url: `${V}/sobjects/Case/${id}`, referenceId: 'c', body: { Priority: 'Medium' } }
            ]
        });
        assert.equal(response.status, 200, JSON.stringify(response.body));
        assert.deepEqual(await changes(id), [['Priority', 'DynamicEnum', 'Low', 'Medium']]);
    });

    test('GraphQL mutation', async () => {
        const id = await createCase();
        await graphqlData(
            t,
            t.admin.accessToken,
            `mutation ($input: CaseUpdateInput!) { uiapi { CaseUpdate(input: $input) { Record { Id } } } }`,
            { input: { Id: id, Case: { Status: 'Closed' } } }
        );
        assert.deepEqual(await changes(id), [['Status', 'DynamicEnum', 'New', 'Closed']]);
    });

    test('Bulk API 2.0 update', async () => {
        const id = await createCase();
        const job = await call(t.origin, t.admin.accessToken, 'POST', `${V}/jobs/ingest`, {
            object: 'Case',
            operation: 'update',
            lineEnding: 'LF'
        });
        const jobId = (job.body as { id: string }).id;
        const upload = await fetch(`${t.origin}${V}/jobs/ingest/${jobId}/batches`, {
            method: 'PUT',
            headers: { Authorization: `Bearer ${t.admin.accessToken}`, 'Content-Type': 'text/csv' },
            body: `Id,Status\n${id},Working\n`
        });
        assert.equal(upload.status, 201);
        await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/jobs/ingest/${jobId}`, { state: 'UploadComplete' });
        for (let i = 0; i < 200; i++) {
            const state = await call(t.origin, t.admin.accessToken, 'GET', `${V}/jobs/ingest/${jobId}`);
            if ((state.body as { state: string }).state === 'JobComplete') break;
            await new Promise((resolve) => setTimeout(resolve, 25));
        }
        assert.deepEqual(await changes(id), [['Status', 'DynamicEnum', 'New', 'Working']]);
    });

    test('Bulk API 1.0 update', async () => {
        const id = await createCase();
        const conn = new Connection({ instanceUrl: t.origin, accessToken: t.admin.accessToken, version: '60.0' });
        conn.bulk.pollInterval = 50;
        const [result] = await conn.bulk.load('Case', 'update', [{ Id: id, Priority: 'High' }]);
        assert.equal(result.success, true, JSON.stringify(result));
        assert.deepEqual(await changes(id), [['Priority', 'DynamicEnum', 'Low', 'High']]);
    });
});

describe('history is part of the saving transaction', () => {
    test('a Collections call with allOrNone that fails keeps no history row of its records', async () => {
        const id = await createCase();
        const response = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/composite/sobjects`, {
            allOrNone: true,
            records: [
                { attributes: { type: 'Case' }, Id: id, Status: 'Working' },
                { attributes: { type: 'Case' }, Id: id, OwnerId: 'not an id' }
            ]
        });
        assert.equal(response.status, 200);
        assert.equal((response.body as { success: boolean }[])[0].success, false);
        assert.deepEqual(await changes(id), []);
    });
});

describe('history objects are read-only', () => {
    test('CaseHistory cannot be created, and describe says so', async () => {
        const id = await createCase();
        const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/CaseHistory`, {
            CaseId: id,
            Field: 'Status'
        });
        assert.equal(created.status, 400, JSON.stringify(created.body));
        const describe = await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/CaseHistory/describe`);
        const body = describe.body as {
            createable: boolean;
            updateable: boolean;
            deletable: boolean;
            queryable: boolean;
        };
        assert.deepEqual(
            [body.createable, body.updateable, body.deletable, body.queryable],
            [false, false, false, true]
        );
    });

    test('a user who reads cases reads their history, and cannot write it', async () => {
        const id = await createCase();
        await updateCase(id, { Status: 'Working' });
        const history = await caseHistory(id, t.viewer.accessToken);
        assert.deepEqual(
            history.map((h) => h.Field),
            ['created', 'Status']
        );
        const [row] = await soql(`SELECT Id FROM CaseHistory WHERE CaseId = '${id}' AND Field = 'Status'`);
        const deleted = await call(
            t.origin,
            t.admin.accessToken,
            'DELETE',
            `${V}/sobjects/CaseHistory/${String(row.Id)}`
        );
        assert.notEqual(deleted.status, 204, JSON.stringify(deleted.body));
        assert.equal((await caseHistory(id)).length, 2);
    });

    test('the case lists its history as the Histories child relationship', async () => {
        const id = await createCase();
        await updateCase(id, { Priority: 'High' });
        const [row] = await soql(
            `SELECT Id, (SELECT Field, NewValue FROM Histories ORDER BY Id) FROM Case WHERE Id = '${id}'`
        );
        const histories = (row.Histories as { records: { Field: string; NewValue: string | null }[] }).records;
        assert.deepEqual(
            histories.map((h) => [h.Field, h.NewValue]),
            [
                ['created', null],
                ['Priority', 'High']
            ]
        );
    });
});

describe('custom objects keep history when enableHistory is on', () => {
    test('X__History with ParentId: a created row, then tracked changes only', async () => {
        const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Gadget__c`, {
            Name: 'G1',
            Size__c: 'S'
        });
        const id = (created.body as { id: string }).id;
        await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/sobjects/Gadget__c/${id}`, {
            Size__c: 'L',
            Color__c: 'red'
        });
        const history = await soql(
            `SELECT ParentId, Field, OldValue, NewValue FROM Gadget__History WHERE ParentId = '${id}' ORDER BY Id`
        );
        assert.deepEqual(
            history.map((h) => [h.ParentId, h.Field, h.OldValue, h.NewValue]),
            [
                [id, 'created', null, null],
                [id, 'Size__c', 'S', 'L']
            ]
        );
    });
});

describe('deploy: history settings Salesforce refuses, and settings local-org does not apply', () => {
    const refused = async (files: Record<string, string>): Promise<string[]> => {
        const outcome = await deploy(files);
        assert.equal(outcome.success, false);
        return problems(outcome);
    };

    test('trackHistory on a custom object without enableHistory is refused', async () => {
        assert.deepEqual(
            await refused(
                objectFile(
                    'Plain__c',
                    '<label>Plain</label><pluralLabel>Plains</pluralLabel><nameField><label>Plain Name</label><type>Text</type></nameField>' +
                        customField('Size__c', 'Text', true, '<length>20</length>')
                )
            ),
            [
                'CustomField Plain__c.Size__c: trackHistory on Plain__c.Size__c needs history enabled on Plain__c (CustomObject.enableHistory)'
            ]
        );
    });

    test('an auto-number field cannot be tracked', async () => {
        assert.deepEqual(await refused(objectFile('Case', tracked('CaseNumber', 'AutoNumber'))), [
            'CustomField Case.CaseNumber: trackHistory on Case.CaseNumber: auto-number fields cannot be tracked'
        ]);
    });

    test('at most 20 tracked fields per object', async () => {
        // Five are tracked already (Status, Priority, OwnerId, AccountId, Tracked_Note__c, Long_Notes__c: six).
        const more = Array.from({ length: 15 }, (_, i) =>
            customField(`Extra_${i}__c`, 'Text', true, '<length>10</length>')
        ).join('');
        const outcome = await deploy(objectFile('Case', more));
        assert.equal(outcome.success, false);
        assert.deepEqual(problems(outcome), [
            'CustomField Case.Extra_14__c: Case would track the history of 21 fields; an object can track at most 20'
        ]);
    });

    test('a standard field file may set only its history tracking', async () => {
        assert.deepEqual(
            await refused(
                objectFile(
                    'Case',
                    '<fields><fullName>Subject</fullName><required>true</required><trackHistory>true</trackHistory></fields>'
                )
            ),
            [
                'CustomField Case.Subject: Case.Subject is a standard field: local-org applies only its trackHistory, not required'
            ]
        );
    });

    test('Chatter feed tracking on a field is refused by name', async () => {
        assert.deepEqual(
            await refused(
                objectFile(
                    'Case',
                    '<fields><fullName>Subject</fullName><trackFeedHistory>true</trackFeedHistory></fields>'
                )
            ),
            [
                'CustomField Case.Subject: CustomField.trackFeedHistory = true (Case.Subject) is not supported by local-org (it has no Chatter feed tracking)'
            ]
        );
    });

    test('Case history cannot be switched off; objects without history cannot switch it on', async () => {
        assert.deepEqual(await refused(objectFile('Case', '<enableHistory>false</enableHistory>')), [
            'CustomObject Case: CustomObject.enableHistory = false (Case): Case history is always on'
        ]);
        assert.deepEqual(await refused(objectFile('Task', '<enableHistory>true</enableHistory>')), [
            'CustomObject Task: CustomObject.enableHistory = true (Task) is not supported by local-org: it keeps no field history for Task'
        ]);
    });

    test('object settings local-org does not apply are refused by name; the values it behaves as deploy', async () => {
        const object = (settings: string) =>
            objectFile(
                'Settings__c',
                `<label>Settings</label><pluralLabel>Settings</pluralLabel><nameField><label>Name</label><type>Text</type></nameField>${settings}`
            );
        assert.deepEqual(await refused(object('<enableActivities>true</enableActivities>')), [
            'CustomObject Settings__c: CustomObject.enableActivities = true (Settings__c) is not supported by local-org (it behaves as false: tasks cannot relate to its records)'
        ]);
        assert.deepEqual(await refused(object('<visibility>Protected</visibility>')), [
            'CustomObject Settings__c: CustomObject.visibility = Protected (Settings__c) is not supported by local-org (it behaves as Public: it has no managed packages)'
        ]);
        assert.deepEqual(await refused(object('<enableDivisions>true</enableDivisions>')), [
            'CustomObject Settings__c: CustomObject.enableDivisions (Settings__c) is not supported by local-org'
        ]);
        const accepted = await deploy(
            object(
                '<enableActivities>false</enableActivities><enableBulkApi>true</enableBulkApi><enableSharing>true</enableSharing>' +
                    '<visibility>Public</visibility><compactLayoutAssignment>SYSTEM</compactLayoutAssignment><searchLayouts/>' +
                    '<enableReports>false</enableReports><enableStreamingApi>true</enableStreamingApi><description>Notes</description>'
            )
        );
        assert.deepEqual(problems(accepted), []);
    });
});

describe("force-app's Case history", () => {
    let app: TestOrg;
    before(async () => {
        app = await startDeployedTestOrg();
        await assignPermissionSet(app, app.admin.id, 'Caseline_Admin');
    });
    after(() => app.close());

    test('tracks Status, Owner, Priority, Type, Account, Contact, Contract and Installer Contact; never the review fields', () => {
        const trackedFields = app.org.schema
            .object('Case')!
            .fields.filter((f) => f.trackHistory)
            .map((f) => f.name)
            .sort();
        assert.deepEqual(trackedFields, [
            'AccountId',
            'ContactId',
            'Contract__c',
            'Installer_Contact__c',
            'OwnerId',
            'Priority',
            'Status',
            'Type'
        ]);
    });

    test('a Web-to-Case submission gets its `created` row, written as the Web-to-Case user', async () => {
        const webFormType = String(rows(app.org, "SELECT Id FROM RecordType WHERE DeveloperName = 'Web_Form'")[0].Id);
        const response = await fetch(`${app.origin}/servlet/servlet.WebToCase?encoding=UTF-8`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
                orgid: app.org.orgId.slice(0, 15),
                recordType: webFormType,
                subject: 'History from the web',
                email: 'web@example.com'
            })
        });
        assert.equal(response.status, 200);
        const [created] = rows(app.org, `SELECT Id, CreatedById FROM "Case" WHERE Subject = 'History from the web'`);
        assert.deepEqual(rows(app.org, 'SELECT Field, CreatedById FROM CaseHistory WHERE CaseId = ?', created.Id), [
            { Field: 'created', CreatedById: created.CreatedById }
        ]);
    });
});

describe('a flow’s change is recorded with the save that ran it', () => {
    let flowOrg: TestOrg;
    before(async () => {
        flowOrg = await startTestOrg();
        const flow =
            `<?xml version="1.0" encoding="UTF-8"?><Flow ${NS}><apiVersion>66.0</apiVersion>` +
            `<label>Escalate</label><processType>AutoLaunchedFlow</processType>` +
            `<recordUpdates><name>Set_Priority</name><label>Set Priority</label>` +
            `<inputAssignments><field>Priority</field><value><stringValue>High</stringValue></value></inputAssignments>` +
            `<inputReference>$Record</inputReference></recordUpdates>` +
            `<start><connector><targetReference>Set_Priority</targetReference></connector><object>Case</object>` +
            `<recordTriggerType>Update</recordTriggerType><triggerType>RecordBeforeSave</triggerType></start>` +
            `<status>Active</status></Flow>`;
        const files = new Map(
            Object.entries({
                'package.xml': PACKAGE,
                ...objectFile('Case', tracked('Status') + tracked('Priority')),
                'flows/Escalate.flow': flow
            }).map(([k, v]) => [k, Buffer.from(v)])
        );
        const outcome = await deployPackage(flowOrg.org, flowOrg.admin.id, files, {
            checkOnly: false,
            rollbackOnError: true
        });
        assert.deepEqual(problems(outcome), []);
    });
    after(() => flowOrg.close());

    test('a before-save flow that sets Priority on update: one row per changed field, by the saving user', async () => {
        const token = flowOrg.admin.accessToken;
        const created = await call(flowOrg.origin, token, 'POST', `${V}/sobjects/Case`, {
            Subject: 'Flow',
            Status: 'New',
            Priority: 'Low'
        });
        const id = (created.body as { id: string }).id;
        const updated = await call(flowOrg.origin, token, 'PATCH', `${V}/sobjects/Case/${id}`, { Status: 'Working' });
        assert.equal(updated.status, 204, JSON.stringify(updated.body));
        const history = rows(
            flowOrg.org,
            "SELECT Field, OldValue, NewValue, CreatedById FROM CaseHistory WHERE CaseId = ? AND Field != 'created' ORDER BY Id",
            id
        );
        assert.deepEqual(history, [
            { Field: 'Status', OldValue: 'New', NewValue: 'Working', CreatedById: flowOrg.admin.id },
            { Field: 'Priority', OldValue: 'Low', NewValue: 'High', CreatedById: flowOrg.admin.id }
        ]);
    });
});
