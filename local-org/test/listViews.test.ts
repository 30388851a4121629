/**
 * List views applied as on Salesforce: deployed ListView metadata (filterScope, filters, booleanFilter, columns) and
 * the standard ones of a new org, served by the REST resources (List Views for an Object, List View Describe, List
 * View Results), queryable as ListView records, and by UI API's list-info / list-records; what local-org does not
 * apply is refused by name.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deployPackage, type DeployOutcome } from '../src/metadata/deploy.ts';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { assignPermissionSet } from './support/graphql.ts';
import { call, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v66.0';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const PACKAGE = `<?xml version="1.0" encoding="UTF-8"?><Package ${NS}><version>66.0</version></Package>`;

let t: TestOrg;
let queueId: string;

async function post(token: string, object: string, values: Record<string, unknown>): Promise<string> {
    const created = await call(t.origin, token, 'POST', `${V}/sobjects/${object}`, values);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return (created.body as { id: string }).id;
}

async function get(path: string, token = t.admin.accessToken) {
    return call(t.origin, token, 'GET', `${V}${path}`);
}

function deployListViews(object: string, listViews: string): Promise<DeployOutcome> {
    const file = `<?xml version="1.0" encoding="UTF-8"?><CustomObject ${NS}>${listViews}</CustomObject>`;
    const files = new Map([
        ['package.xml', Buffer.from(PACKAGE)],
        [`objects/${object}.object`, Buffer.from(file)]
    ]);
    return deployPackage(t.org, t.admin.id, files, { checkOnly: false, rollbackOnError: true });
}

function problems(outcome: DeployOutcome): string[] {
    return outcome.failures.map((f) => `${f.fullName}: ${f.problem}`);
}

interface Summary {
    id: string;
    developerName: string;
    label: string;
    describeUrl: string;
    resultsUrl: string;
    url: string;
    soqlCompatible: boolean;
}

async function listViewId(object: string, developerName: string): Promise<string> {
    const response = await get(`/sobjects/${object}/listviews`);
    const found = (response.body as { listviews: Summary[] }).listviews.find((v) => v.developerName === developerName);
    assert.ok(found, `${object}.${developerName} is listed`);
    return found.id;
}

interface Results {
    size: number;
    done: boolean;
    records: { columns: { fieldNameOrPath: string; value: string | null }[] }[];
}

/** One column's values, in the list view's order. */
async function resultValues(object: string, developerName: string, column: string, token = t.admin.accessToken) {
    const id = await listViewId(object, developerName);
    const response = await get(`/sobjects/${object}/listviews/${id}/results?limit=2000`, token);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const body = response.body as Results;
    return body.records.map((r) => r.columns.find((c) => c.fieldNameOrPath === column)?.value);
}

before(async () => {
    t = await startTestOrg();
    await post(t.admin.accessToken, 'Account', { Name: 'Admin Account' });
    await post(t.agent.accessToken, 'Account', { Name: 'Agent Account' });
    // A queue made the way an admin's script makes one: Group of Type Queue and the object it may own.
    queueId = await post(t.admin.accessToken, 'Group', {
        Name: 'Back Office',
        DeveloperName: 'Back_Office',
        Type: 'Queue'
    });
    await post(t.admin.accessToken, 'QueueSobject', { QueueId: queueId, SobjectType: 'Case' });
    await post(t.admin.accessToken, 'Case', { Subject: 'Queue case', Origin: 'Web', OwnerId: queueId });
    await post(t.admin.accessToken, 'Case', { Subject: 'Admin open case', Origin: 'Phone', Priority: 'High' });
    await post(t.admin.accessToken, 'Case', { Subject: 'Admin closed case', Origin: 'Web', Status: 'Closed' });
    await post(t.agent.accessToken, 'Case', { Subject: 'Agent open case', Origin: 'Email', Priority: 'Low' });
});
after(() => t?.close());

describe('standard list views of a new org', () => {
    test('GET sobjects/Account/listviews lists them as the REST API Developer Guide shows', async () => {
        const response = await get('/sobjects/Account/listviews');
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const body = response.body as { done: boolean; size: number; sobjectType: string; listviews: Summary[] };
        assert.equal(body.done, true);
        assert.equal(body.sobjectType, 'Account');
        assert.deepEqual(
            body.listviews.map((v) => [v.developerName, v.label]),
            [
                ['AllAccounts', 'All Accounts'],
                ['MyAccounts', 'My Accounts'],
                ['NewLastWeek', 'New Last Week'],
                ['NewThisWeek', 'New This Week']
            ]
        );
        assert.equal(body.size, 4);
        const view = body.listviews[0];
        assert.match(view.id, /^00B[A-Za-z0-9]{15}$/);
        assert.equal(view.url, `${V}/sobjects/Account/listviews/${view.id}`);
        assert.equal(view.describeUrl, `${view.url}/describe`);
        assert.equal(view.resultsUrl, `${view.url}/results`);
        assert.equal(view.soqlCompatible, true);
        const one = await get(`/sobjects/Account/listviews/${view.id}`);
        assert.deepEqual(one.body, view);
    });

    test('ListView records answer SOQL as on Salesforce', async () => {
        const response = await get(
            `/query?q=${encodeURIComponent("SELECT Id, DeveloperName, Name, SobjectType FROM ListView WHERE SobjectType = 'Account' ORDER BY DeveloperName")}`
        );
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const records = (response.body as { records: Record<string, unknown>[] }).records;
        assert.deepEqual(
            records.map((r) => [r.DeveloperName, r.Name, r.SobjectType]),
            [
                ['AllAccounts', 'All Accounts', 'Account'],
                ['MyAccounts', 'My Accounts', 'Account'],
                ['NewLastWeek', 'New Last Week', 'Account'],
                ['NewThisWeek', 'New This Week', 'Account']
            ]
        );
    });

    test('describe gives the query, columns, order, scope and where condition', async () => {
        const id = await listViewId('Account', 'NewThisWeek');
        const response = await get(`/sobjects/Account/listviews/${id}/describe`);
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const body = response.body as Record<string, unknown> & { columns: Record<string, unknown>[] };
        assert.equal(body.id, id);
        assert.equal(body.sobjectType, 'Account');
        assert.equal(body.scope, 'everything');
        assert.equal(
            body.query,
            'SELECT Name, Site, BillingState, Phone, Type, Owner.Alias, Id, CreatedDate, LastModifiedDate, SystemModstamp FROM Account WHERE CreatedDate = THIS_WEEK ORDER BY Name ASC NULLS FIRST, Id ASC NULLS FIRST'
        );
        assert.deepEqual(body.whereCondition, { field: 'CreatedDate', operator: 'equals', values: ['THIS_WEEK'] });
        assert.deepEqual(body.orderBy, [
            { fieldNameOrPath: 'Name', nullsPosition: 'first', sortDirection: 'ascending' },
            { fieldNameOrPath: 'Id', nullsPosition: 'first', sortDirection: 'ascending' }
        ]);
        assert.deepEqual(body.columns[0], {
            ascendingLabel: 'Z-A',
            descendingLabel: 'A-Z',
            fieldNameOrPath: 'Name',
            hidden: false,
            label: 'Account Name',
            searchable: true,
            selectListItem: 'Name',
            sortDirection: 'ascending',
            sortIndex: 0,
            sortable: true,
            type: 'string'
        });
        assert.deepEqual(
            body.columns.map((c) => [c.fieldNameOrPath, c.hidden]),
            [
                ['Name', false],
                ['Site', false],
                ['BillingState', false],
                ['Phone', false],
                ['Type', false],
                ['Owner.Alias', false],
                ['Id', true],
                ['CreatedDate', true],
                ['LastModifiedDate', true],
                ['SystemModstamp', true]
            ]
        );
    });

    test('results: Mine shows the caller’s records, Everything all; limit and offset page them', async () => {
        assert.deepEqual(await resultValues('Account', 'MyAccounts', 'Name', t.agent.accessToken), ['Agent Account']);
        assert.deepEqual(await resultValues('Account', 'AllAccounts', 'Name'), ['Admin Account', 'Agent Account']);
        assert.deepEqual(await resultValues('Account', 'NewThisWeek', 'Owner.Alias'), ['admin', 'agent']);
        const id = await listViewId('Account', 'AllAccounts');
        const page = await get(`/sobjects/Account/listviews/${id}/results?limit=1&offset=1`);
        const body = page.body as Results & { id: string; label: string; developerName: string };
        assert.equal(body.id, id);
        assert.equal(body.label, 'All Accounts');
        assert.equal(body.developerName, 'AllAccounts');
        assert.equal(body.size, 2);
        assert.equal(body.done, true);
        assert.equal(body.records.length, 1);
        assert.equal(body.records[0].columns[0].value, 'Agent Account');
        const first = (await get(`/sobjects/Account/listviews/${id}/results?limit=1`)).body as Results;
        assert.equal(first.done, false);
        const tooMany = await get(`/sobjects/Account/listviews/${id}/results?limit=2001`);
        assert.equal(tooMany.status, 400);
    });
});

describe('deployed list views', () => {
    before(async () => {
        const outcome = await deployListViews(
            'Case',
            `<listViews><fullName>Open_Cases</fullName><label>Open Cases</label><filterScope>Everything</filterScope>
                <columns>CASES.SUBJECT</columns><columns>CASES.PRIORITY</columns><columns>CORE.USERS.ALIAS</columns>
                <filters><field>CASES.CLOSED</field><operation>equals</operation><value>0</value></filters></listViews>
             <listViews><fullName>Mine_Open</fullName><label>Mine Open</label><filterScope>Mine</filterScope>
                <columns>CASES.SUBJECT</columns>
                <filters><field>CASES.CLOSED</field><operation>equals</operation><value>0</value></filters></listViews>
             <listViews><fullName>Web_Or_High</fullName><label>Web or High</label><filterScope>Everything</filterScope>
                <columns>CASES.SUBJECT</columns>
                <booleanFilter>(1 OR 2) AND NOT 3</booleanFilter>
                <filters><field>CASES.ORIGIN</field><operation>equals</operation><value>Web,Email</value></filters>
                <filters><field>CASES.PRIORITY</field><operation>equals</operation><value>High</value></filters>
                <filters><field>CASES.SUBJECT</field><operation>contains</operation><value>closed</value></filters></listViews>
             <listViews><fullName>Subject_Starts</fullName><label>Subject starts</label><filterScope>Everything</filterScope>
                <columns>CASES.SUBJECT</columns>
                <filters><field>CASES.SUBJECT</field><operation>startsWith</operation><value>Agent,Queue</value></filters></listViews>
             <listViews><fullName>Back_Office_Cases</fullName><label>Back Office</label><filterScope>Queue</filterScope>
                <queue>Back_Office</queue><columns>CASES.SUBJECT</columns></listViews>`
        );
        assert.ok(outcome.success, JSON.stringify(outcome.failures));
    });

    test('filters: checkbox as 0/1, several values match any, booleanFilter with NOT, contains and startsWith', async () => {
        assert.deepEqual(await resultValues('Case', 'Open_Cases', 'Subject'), [
            'Admin open case',
            'Agent open case',
            'Queue case'
        ]);
        assert.deepEqual(await resultValues('Case', 'Web_Or_High', 'Subject'), [
            'Admin open case',
            'Agent open case',
            'Queue case'
        ]);
        assert.deepEqual(await resultValues('Case', 'Subject_Starts', 'Subject'), ['Agent open case', 'Queue case']);
        const id = await listViewId('Case', 'Web_Or_High');
        const described = (await get(`/sobjects/Case/listviews/${id}/describe`)).body as Record<string, unknown>;
        assert.equal(
            described.query,
            "SELECT Subject, Id, CreatedDate, LastModifiedDate, SystemModstamp FROM Case WHERE (Origin IN ('Web', 'Email') OR Priority = 'High') AND (NOT Subject LIKE '%closed%') ORDER BY Subject ASC NULLS FIRST, Id ASC NULLS FIRST"
        );
        assert.deepEqual(described.whereCondition, {
            conjunction: 'and',
            conditions: [
                {
                    conjunction: 'or',
                    conditions: [
                        { field: 'Origin', operator: 'in', values: ["'Web'", "'Email'"] },
                        { field: 'Priority', operator: 'equals', values: ["'High'"] }
                    ]
                },
                { condition: { field: 'Subject', operator: 'like', values: ["'%closed%'"] } }
            ]
        });
    });

    test('scope Mine: the caller’s open cases only', async () => {
        assert.deepEqual(await resultValues('Case', 'Mine_Open', 'Subject', t.agent.accessToken), ['Agent open case']);
        assert.deepEqual(await resultValues('Case', 'Mine_Open', 'Subject'), ['Admin open case']);
        const id = await listViewId('Case', 'Mine_Open');
        const described = (await get(`/sobjects/Case/listviews/${id}/describe`, t.agent.accessToken)).body as Record<
            string,
            unknown
        >;
        assert.equal(described.scope, 'mine');
    });

    test('scope Queue: the records the queue owns (a queue made by REST insert of Group and QueueSobject)', async () => {
        assert.deepEqual(await resultValues('Case', 'Back_Office_Cases', 'Subject'), ['Queue case']);
        const id = await listViewId('Case', 'Back_Office_Cases');
        const described = (await get(`/sobjects/Case/listviews/${id}/describe`)).body as Record<string, unknown>;
        assert.equal(described.scope, 'queue');
        assert.equal(described.scopeEntityId, queueId);
    });

    test('an owner column shows a user’s alias', async () => {
        assert.deepEqual(await resultValues('Case', 'Open_Cases', 'Owner.Alias'), ['admin', 'agent', null]);
    });

    test('a custom object’s list view names its standard fields as jsforce’s test package does', async () => {
        const outcome = await deployListViews(
            'Widget__c',
            `<label>Widget</label><pluralLabel>Widgets</pluralLabel><deploymentStatus>Deployed</deploymentStatus>
             <sharingModel>ReadWrite</sharingModel><nameField><label>Widget Name</label><type>Text</type></nameField>
             <listViews><fullName>All</fullName><columns>NAME</columns><columns>CREATED_DATE</columns>
                <columns>CREATEDBY_USER.ALIAS</columns><filterScope>Everything</filterScope><label>All</label></listViews>`
        );
        assert.ok(outcome.success, JSON.stringify(outcome.failures));
        await post(t.admin.accessToken, 'Widget__c', { Name: 'Gear' });
        const id = await listViewId('Widget__c', 'All');
        const described = (await get(`/sobjects/Widget__c/listviews/${id}/describe`)).body as { query: string };
        assert.equal(
            described.query,
            'SELECT Name, CreatedDate, CreatedBy.Alias, Id, LastModifiedDate, SystemModstamp FROM Widget__c ORDER BY Name ASC NULLS FIRST, Id ASC NULLS FIRST'
        );
        assert.deepEqual(await resultValues('Widget__c', 'All', 'CreatedBy.Alias'), ['admin']);
    });

    test('deploying again keeps the list view’s Id; SOQL finds deployed list views too', async () => {
        const before = await listViewId('Case', 'Open_Cases');
        const outcome = await deployListViews(
            'Case',
            `<listViews><fullName>Open_Cases</fullName><label>Open Cases (all)</label><filterScope>Everything</filterScope>
                <columns>CASES.SUBJECT</columns></listViews>`
        );
        assert.ok(outcome.success, JSON.stringify(outcome.failures));
        assert.equal(await listViewId('Case', 'Open_Cases'), before);
        const response = await get(
            `/query?q=${encodeURIComponent("SELECT Name FROM ListView WHERE SobjectType = 'Case' AND DeveloperName = 'Open_Cases'")}`
        );
        assert.deepEqual(
            (response.body as { records: { Name: string }[] }).records.map((r) => r.Name),
            ['Open Cases (all)']
        );
    });
});

describe('contains and startsWith match % and _ literally', () => {
    test('a value with % matches only itself', async () => {
        const outcome = await deployListViews(
            'Widget__c',
            `<listViews><fullName>Percent</fullName><columns>NAME</columns><filterScope>Everything</filterScope>
                <filters><field>NAME</field><operation>contains</operation><value>50%</value></filters>
                <label>Percent</label></listViews>`
        );
        assert.ok(outcome.success, JSON.stringify(outcome.failures));
        await post(t.admin.accessToken, 'Widget__c', { Name: '50% off' });
        await post(t.admin.accessToken, 'Widget__c', { Name: '500 off' });
        assert.deepEqual(await resultValues('Widget__c', 'Percent', 'Name'), ['50% off']);
    });
});

describe('refused by name', () => {
    const refusals: [string, string, RegExp][] = [
        [
            'sharedTo',
            '<filterScope>Everything</filterScope><columns>CASES.SUBJECT</columns><sharedTo><allInternalUsers></allInternalUsers></sharedTo>',
            /ListView element sharedTo is not supported by local-org/
        ],
        [
            'a territory scope',
            '<filterScope>MyTerritory</filterScope><columns>CASES.SUBJECT</columns>',
            /filterScope MyTerritory is not supported by local-org/
        ],
        [
            'the within operation',
            '<filterScope>Everything</filterScope><columns>CASES.SUBJECT</columns><filters><field>CASES.SUBJECT</field><operation>within</operation><value>1</value></filters>',
            /filter operation within is not supported by local-org/
        ],
        [
            'a standard field by its API name',
            '<filterScope>Everything</filterScope><columns>Status</columns>',
            /Status is not a list view field of Case that local-org knows/
        ],
        [
            'filter logic that leaves a filter out',
            '<filterScope>Everything</filterScope><columns>CASES.SUBJECT</columns><booleanFilter>1</booleanFilter><filters><field>CASES.ORIGIN</field><operation>equals</operation><value>Web</value></filters><filters><field>CASES.ORIGIN</field><operation>equals</operation><value>Phone</value></filters>',
            /does not use every filter line item/
        ],
        [
            'a locale-formatted date',
            '<filterScope>Everything</filterScope><columns>CASES.SUBJECT</columns><filters><field>CASES.CREATED_DATE_DATE_ONLY</field><operation>equals</operation><value>1/2/2026</value></filters>',
            /is not a date literal/
        ]
    ];
    for (const [what, body, message] of refusals) {
        test(`deploy refuses ${what}, storing nothing`, async () => {
            const outcome = await deployListViews(
                'Case',
                `<listViews><fullName>Refused</fullName><label>Refused</label>${body}</listViews>`
            );
            assert.equal(outcome.success, false);
            assert.match(problems(outcome).join('\n'), message);
            const listed = (await get('/sobjects/Case/listviews')).body as { listviews: Summary[] };
            assert.ok(!listed.listviews.some((v) => v.developerName === 'Refused'));
        });
    }

    test('recent list views, query plans, and writes are refused', async () => {
        const recent = await get('/sobjects/Account/listviews/recent');
        assert.equal(recent.status, 400);
        assert.equal((recent.body as { errorCode: string }[])[0].errorCode, 'NOT_SUPPORTED_BY_LOCAL_ORG');
        assert.match((recent.body as { message: string }[])[0].message, /listviews\/recent/);
        const id = await listViewId('Account', 'AllAccounts');
        const explain = await get(`/query?explain=${id}`);
        assert.equal(explain.status, 400);
        assert.equal((explain.body as { errorCode: string }[])[0].errorCode, 'NOT_SUPPORTED_BY_LOCAL_ORG');
        const write = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account/listviews`, {});
        assert.equal(write.status, 405);
        const unknown = await get('/sobjects/Account/listviews/00B000000000000AAA/describe');
        assert.equal(unknown.status, 404);
    });
});

describe('UI API list-info and list-records', () => {
    test('list-info/<Object> lists the object’s list views', async () => {
        const response = await get('/ui-api/list-info/Account');
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const body = response.body as { lists: { apiName: string; label: string; id: string }[]; count: number };
        assert.deepEqual(
            body.lists.map((l) => l.apiName),
            ['AllAccounts', 'MyAccounts', 'NewLastWeek', 'NewThisWeek']
        );
        assert.equal(body.count, 4);
    });

    test('list-info/<Object>/<name> gives display columns, filters and the list reference', async () => {
        const response = await get('/ui-api/list-info/Case/Mine_Open');
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const body = response.body as Record<string, unknown>;
        assert.deepEqual(body.displayColumns, [{ fieldApiName: 'Subject', label: 'Subject', sortable: true }]);
        assert.deepEqual(body.filteredByInfo, [
            { fieldApiName: 'CASES.CLOSED', label: 'CASES.CLOSED', operandLabels: ['0'], operator: 'Equals' }
        ]);
        assert.deepEqual(body.listReference, {
            id: await listViewId('Case', 'Mine_Open'),
            listViewApiName: 'Mine_Open',
            objectApiName: 'Case',
            type: 'listView'
        });
        assert.equal(body.label, 'Mine Open');
    });

    test('list-records/<Object>/<name> pages the records as UI API Records', async () => {
        const response = await get('/ui-api/list-records/Account/AllAccounts?pageSize=1', t.admin.accessToken);
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const body = response.body as {
            count: number;
            nextPageToken: string | null;
            records: { apiName: string; fields: Record<string, { value: unknown; displayValue: unknown }> }[];
        };
        assert.equal(body.count, 1);
        assert.equal(body.nextPageToken, '1');
        assert.equal(body.records[0].apiName, 'Account');
        assert.deepEqual(body.records[0].fields.Name, { displayValue: null, value: 'Admin Account' });
        const owner = body.records[0].fields.Owner as { value: { apiName: string; fields: Record<string, unknown> } };
        assert.equal(owner.value.apiName, 'User');
        assert.deepEqual(owner.value.fields.Alias, { displayValue: null, value: 'admin' });
        const owned = await deployListViews(
            'Case',
            `<listViews><fullName>Owned</fullName><label>Owned</label><filterScope>Everything</filterScope>
                <columns>CASES.SUBJECT</columns><columns>CORE.USERS.ALIAS</columns></listViews>`
        );
        assert.ok(owned.success, JSON.stringify(owned.failures));
        const cases = (await get('/ui-api/list-records/Case/Owned')).body as typeof body;
        const owners = cases.records.map((r) => {
            const field = r.fields.Owner as { displayValue: string; value: { apiName: string } };
            return [r.fields.Subject.value, field.value.apiName, field.displayValue];
        });
        // A relationship's displayValue is the related record's name: a user's Name, a queue's Group Name.
        assert.deepEqual(owners, [
            ['Admin closed case', 'User', t.admin.name],
            ['Admin open case', 'User', t.admin.name],
            ['Agent open case', 'User', t.agent.name],
            ['Queue case', 'Group', 'Back Office']
        ]);
        const refused = await get('/ui-api/list-records/Account/AllAccounts?sortBy=Account.Name');
        assert.equal(refused.status, 400);
        assert.equal((refused.body as { errorCode: string }[])[0].errorCode, 'NOT_SUPPORTED_BY_LOCAL_ORG');
    });
});

describe("force-app's Case list views", () => {
    let app: TestOrg;
    before(async () => {
        app = await startDeployedTestOrg();
        await assignPermissionSet(app, app.agent.id, 'Caseline_Agent');
    });
    after(() => app?.close());

    async function results(developerName: string, token: string): Promise<string[]> {
        const listed = await call(app.origin, token, 'GET', `${V}/sobjects/Case/listviews`);
        const view = (listed.body as { listviews: Summary[] }).listviews.find((v) => v.developerName === developerName);
        assert.ok(view, `${developerName} is deployed`);
        const response = await call(app.origin, token, 'GET', view.resultsUrl);
        assert.equal(response.status, 200, JSON.stringify(response.body));
        return (response.body as Results).records.map(
            (r) => r.columns.find((c) => c.fieldNameOrPath === 'Subject')?.value ?? ''
        );
    }

    async function createCase(token: string, values: Record<string, unknown>): Promise<void> {
        const created = await call(app.origin, token, 'POST', `${V}/sobjects/Case`, values);
        assert.equal(created.status, 201, JSON.stringify(created.body));
    }

    test('My Open Cases: the user’s cases that are not closed; Unassigned Web Forms: new web-form cases from the web', async () => {
        const [webForm] = (
            (
                await call(
                    app.origin,
                    app.admin.accessToken,
                    'GET',
                    `${V}/query?q=${encodeURIComponent("SELECT Id FROM RecordType WHERE DeveloperName = 'Web_Form'")}`
                )
            ).body as { records: { Id: string }[] }
        ).records;
        const web = { RecordTypeId: webForm.Id, Origin: 'Web', SuppliedName: 'Wanda', Description: 'Brochure' };
        await createCase(app.agent.accessToken, { Subject: 'Agent open', Origin: 'Phone' });
        await createCase(app.agent.accessToken, { Subject: 'Agent closed', Origin: 'Phone', Status: 'Closed' });
        await createCase(app.admin.accessToken, { Subject: 'Admin open', Origin: 'Phone' });
        await createCase(app.admin.accessToken, { ...web, Subject: 'Web new' });
        await createCase(app.admin.accessToken, { ...web, Subject: 'Web taken', Status: 'Working' });
        await createCase(app.admin.accessToken, { ...web, Subject: 'Web by phone', Origin: 'Phone' });
        assert.deepEqual(await results('My_Open_Cases', app.agent.accessToken), ['Agent open']);
        assert.deepEqual(await results('Unassigned_Web_Forms', app.agent.accessToken), ['Web new']);
    });
});
