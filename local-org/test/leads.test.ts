/**
 * Leads as force-app defines them, enforced by the org for every client: the life-cycle rules (validation rules on
 * Lead) through REST and GraphQL, the Lead Status value set's converted flag, and the SOAP API's convertLead()
 * through jsforce, after which the lead is read-only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Connection } from 'jsforce';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { assignPermissionSet, graphql, V } from './support/graphql.ts';
import { call, rows, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;

async function createLead(values: Record<string, unknown>): Promise<string> {
    const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Lead`, {
        LastName: 'Okafor',
        Company: 'Okafor Solar',
        ...values
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return (response.body as { id: string }).id;
}

async function patchLead(id: string, values: Record<string, unknown>, token = t.admin.accessToken) {
    const response = await call(t.origin, token, 'PATCH', `${V}/sobjects/Lead/${id}`, values);
    return {
        status: response.status,
        errors: (response.body ?? []) as { errorCode: string; message: string; fields?: string[] }[]
    };
}

function leadRow(id: string): Record<string, unknown> {
    return rows(t.org, 'SELECT * FROM Lead WHERE Id = ?', id)[0];
}

function connection(token: string): Connection {
    return new Connection({ instanceUrl: t.origin, accessToken: token, version: '66.0' });
}

before(async () => {
    t = await startDeployedTestOrg();
    await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
    await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
});
after(() => t.close());

describe('Lead Status value set', () => {
    test('the deployed LeadStatus keeps its converted flag: Won is the converted status', () => {
        const status = t.org.schema.field('Lead', 'Status')!;
        const converted = (status.picklistValues ?? []).filter((v) => v.active && v.converted).map((v) => v.value);
        assert.deepEqual(converted, ['Won']);
        assert.equal(status.defaultValue, 'Pending');
    });

    test('LeadStatus is queryable: one row per active value, Won the converted one, read only', async () => {
        const soql =
            'SELECT MasterLabel, ApiName, IsConverted, IsDefault, SortOrder FROM LeadStatus ORDER BY SortOrder';
        const response = await call(t.origin, t.admin.accessToken, 'GET', `${V}/query?q=${encodeURIComponent(soql)}`);
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const records = (response.body as { records: Record<string, unknown>[] }).records;
        const active = (t.org.schema.field('Lead', 'Status')!.picklistValues ?? []).filter((v) => v.active);
        assert.deepEqual(
            records.map((r) => [r.ApiName, r.MasterLabel, r.SortOrder]),
            active.map((v, i) => [v.value, v.label, i + 1])
        );
        assert.deepEqual(
            records.filter((r) => r.IsConverted === true).map((r) => r.ApiName),
            ['Won']
        );
        assert.deepEqual(
            records.filter((r) => r.IsDefault === true).map((r) => r.ApiName),
            ['Pending']
        );
        const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/LeadStatus`, {
            ApiName: 'Maybe'
        });
        assert.equal(created.status, 400, JSON.stringify(created.body));
    });
});

describe('lead types: record types with their lead processes', () => {
    async function leadRecordTypes(): Promise<Map<string, string>> {
        const soql = "SELECT Id, DeveloperName FROM RecordType WHERE SobjectType = 'Lead' ORDER BY DeveloperName";
        const response = await call(t.origin, t.agent.accessToken, 'GET', `${V}/query?q=${encodeURIComponent(soql)}`);
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const records = (response.body as { records: { Id: string; DeveloperName: string }[] }).records;
        return new Map(records.map((r) => [r.DeveloperName, r.Id]));
    }

    test('each shipped lead type is a Lead record type whose process offers the life-cycle statuses', async () => {
        const types = await leadRecordTypes();
        assert.deepEqual([...types.keys()], ['Partner', 'Sales', 'Service']);
        const response = await call(
            t.origin,
            t.agent.accessToken,
            'GET',
            `${V}/ui-api/object-info/Lead/picklist-values/${types.get('Sales')}`
        );
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const status = (
            response.body as {
                picklistFieldValues: Record<string, { values: { value: string }[]; defaultValue: { value: string } }>;
            }
        ).picklistFieldValues.Status;
        assert.deepEqual(
            status.values.map((v) => v.value),
            ['Pending', 'In Progress', 'Won', 'Lost', 'Cancelled']
        );
        assert.equal(status.defaultValue?.value, 'Pending');
    });

    test("a lead of a type starts at its process's default; a status outside the process is refused", async () => {
        const types = await leadRecordTypes();
        const id = await createLead({ RecordTypeId: types.get('Service') });
        assert.equal(leadRow(id).Status, 'Pending');
        assert.equal(leadRow(id).RecordTypeId, types.get('Service'));
        const outside = 'Open - Not Contacted';
        const response = await call(t.origin, t.agent.accessToken, 'POST', `${V}/sobjects/Lead`, {
            LastName: 'Nowak',
            Company: 'Nowak Energia',
            RecordTypeId: types.get('Partner'),
            Status: outside
        });
        assert.equal(response.status, 400, JSON.stringify(response.body));
        assert.deepEqual(
            (response.body as { errorCode: string; fields: string[] }[]).map((e) => [e.errorCode, e.fields]),
            [['INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', ['Status']]]
        );
        const moved = await patchLead(id, { Status: outside });
        assert.equal(moved.status, 400);
        assert.equal(moved.errors[0].errorCode, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    });

    test("describe says which lead types the user may use: the agent's permission set's, none for the viewer", async () => {
        const availableTypes = async (token: string) => {
            const response = await call(t.origin, token, 'GET', `${V}/sobjects/Lead/describe`);
            assert.equal(response.status, 200, JSON.stringify(response.body));
            const infos = (
                response.body as {
                    recordTypeInfos: { developerName: string; master: boolean; available: boolean }[];
                }
            ).recordTypeInfos;
            return infos
                .filter((info) => !info.master && info.available)
                .map((info) => info.developerName)
                .sort();
        };
        assert.deepEqual(await availableTypes(t.agent.accessToken), ['Partner', 'Sales', 'Service']);
        assert.deepEqual(await availableTypes(t.viewer.accessToken), []);
    });

    test('every lead type has its settings in Lead Type custom metadata, keyed by the record type', async () => {
        const soql =
            'SELECT Record_Type__c, Default_Priority_Level__c, Default_Importance__c, Duration_Days__c, ' +
            'Convert_Automatically__c FROM Lead_Type__mdt ORDER BY Record_Type__c';
        const response = await call(t.origin, t.agent.accessToken, 'GET', `${V}/query?q=${encodeURIComponent(soql)}`);
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const records = (response.body as { records: Record<string, unknown>[] }).records;
        assert.deepEqual(
            records.map((r) => r.Record_Type__c),
            [...(await leadRecordTypes()).keys()]
        );
        for (const record of records) {
            assert.equal(typeof record.Convert_Automatically__c, 'boolean');
            assert.ok(Number(record.Default_Priority_Level__c) >= 1 && Number(record.Default_Priority_Level__c) <= 10);
        }
    });
});

describe('life-cycle rules', () => {
    test('Lost without a reason is refused through REST, naming the field', async () => {
        const id = await createLead({});
        await patchLead(id, { Status: 'In Progress' });
        const refused = await patchLead(id, { Status: 'Lost' });
        assert.equal(refused.status, 400);
        assert.equal(refused.errors[0].errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
        assert.deepEqual(refused.errors[0].fields, ['Lost_Reason__c']);
        assert.equal(leadRow(id).Status, 'In Progress');
        assert.equal((await patchLead(id, { Status: 'Lost', Lost_Reason__c: 'Price' })).status, 204);
    });

    test('Lost without a reason is refused through GraphQL, as the agent', async () => {
        const id = await createLead({ Status: 'In Progress' });
        const result = await graphql(
            t,
            t.agent.accessToken,
            `mutation { uiapi { LeadUpdate(input: { Id: "${id}", Lead: { Status: "Lost" } }) { Record { Id } } } }`
        );
        assert.equal(result.errors.length, 1, JSON.stringify(result));
        assert.match(result.errors[0].message, /Choose a lost reason/);
        assert.equal(leadRow(id).Status, 'In Progress');
    });

    test('Cancel only from Pending; a closed lead is locked', async () => {
        const inProgress = await createLead({ Status: 'In Progress' });
        const refused = await patchLead(inProgress, { Status: 'Cancelled', Cancellation_Reason__c: 'Duplicate' });
        assert.equal(refused.status, 400);
        assert.deepEqual(refused.errors[0].fields, ['Status']);

        const pending = await createLead({});
        assert.equal(leadRow(pending).Status, 'Pending');
        assert.equal((await patchLead(pending, { Status: 'Cancelled' })).status, 400, 'a reason is required');
        const cancelled = await patchLead(pending, { Status: 'Cancelled', Cancellation_Reason__c: 'Duplicate' });
        assert.equal(cancelled.status, 204);
        const locked = await patchLead(pending, { Description: 'too late' });
        assert.equal(locked.status, 400);
        assert.match(locked.errors[0].message, /closed \(Won, Lost or Cancelled\)/);
    });

    test('Won is set by conversion only', async () => {
        const id = await createLead({ Status: 'In Progress' });
        const refused = await patchLead(id, { Status: 'Won' });
        assert.equal(refused.status, 400);
        assert.deepEqual(refused.errors[0].fields, ['Status']);
    });

    test('priority runs from 1 to 10', async () => {
        const id = await createLead({});
        assert.equal((await patchLead(id, { Priority_Level__c: 11 })).status, 400);
        assert.equal((await patchLead(id, { Priority_Level__c: 10 })).status, 204);
    });
});

describe('convertLead through jsforce (SOAP partner API)', () => {
    test('creates an account and a contact, marks the lead converted, and the lead is then read-only', async () => {
        const id = await createLead({
            FirstName: 'Ada',
            LastName: 'Okafor',
            Company: 'Okafor Solar',
            Email: 'ada@okafor-solar.example',
            Status: 'In Progress',
            LeadSource: 'Web'
        });
        const result = await connection(t.agent.accessToken).soap.convertLead({
            leadId: id,
            convertedStatus: 'Won',
            doNotCreateOpportunity: true,
            overwriteLeadSource: false,
            sendNotificationEmail: false
        });
        assert.equal(result.success, true, JSON.stringify(result));
        assert.equal(result.leadId, id);
        assert.equal(result.opportunityId, null);
        const [account] = rows(t.org, 'SELECT Name FROM Account WHERE Id = ?', result.accountId);
        assert.equal(account.Name, 'Okafor Solar');
        const [contact] = rows(t.org, 'SELECT AccountId, LastName, Email FROM Contact WHERE Id = ?', result.contactId);
        assert.deepEqual(contact, {
            AccountId: result.accountId,
            LastName: 'Okafor',
            Email: 'ada@okafor-solar.example'
        });
        const lead = leadRow(id);
        assert.equal(lead.IsConverted, 1);
        assert.equal(lead.Status, 'Won');
        assert.equal(lead.ConvertedAccountId, result.accountId);
        assert.equal(lead.ConvertedContactId, result.contactId);
        assert.ok(lead.ConvertedDate);

        const refused = await patchLead(id, { Description: 'after conversion' });
        assert.equal(refused.status, 400);
        assert.deepEqual(
            refused.errors.map((e) => [e.errorCode, e.message]),
            [['CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead']]
        );
        const again = await connection(t.admin.accessToken).soap.convertLead({
            leadId: id,
            convertedStatus: 'Won',
            doNotCreateOpportunity: true,
            overwriteLeadSource: false,
            sendNotificationEmail: false
        });
        assert.equal(again.success, false);
        assert.equal(again.errors[0].statusCode, 'CANNOT_UPDATE_CONVERTED_LEAD');
    });

    test('reuses an existing account and its contact, filling only their empty fields', async () => {
        const account = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
            Name: 'Existing Works',
            Phone: '+44 20 7946 0000'
        });
        const accountId = (account.body as { id: string }).id;
        const contact = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Contact`, {
            AccountId: accountId,
            LastName: 'Mensah'
        });
        const contactId = (contact.body as { id: string }).id;
        const id = await createLead({ LastName: 'Mensah', Company: 'Other Name', Email: 'k@existing.example' });
        const result = await connection(t.admin.accessToken).soap.convertLead({
            leadId: id,
            accountId,
            contactId,
            convertedStatus: 'Won',
            doNotCreateOpportunity: true,
            overwriteLeadSource: false,
            sendNotificationEmail: false
        });
        assert.equal(result.success, true, JSON.stringify(result));
        assert.equal(result.accountId, accountId);
        assert.equal(result.contactId, contactId);
        assert.equal(rows(t.org, 'SELECT Name FROM Account WHERE Id = ?', accountId)[0].Name, 'Existing Works');
        assert.equal(rows(t.org, 'SELECT Email FROM Contact WHERE Id = ?', contactId)[0].Email, 'k@existing.example');
    });

    test('a status that is not converted, and an opportunity name without an opportunity, fail that lead only', async () => {
        const id = await createLead({});
        const before = rows(t.org, 'SELECT COUNT(*) AS n FROM Account')[0].n;
        const results = await connection(t.admin.accessToken).soap.convertLead([
            {
                leadId: id,
                convertedStatus: 'Lost',
                doNotCreateOpportunity: true,
                overwriteLeadSource: false,
                sendNotificationEmail: false
            },
            {
                leadId: id,
                convertedStatus: 'Won',
                doNotCreateOpportunity: true,
                opportunityName: 'Not wanted',
                overwriteLeadSource: false,
                sendNotificationEmail: false
            },
            {
                leadId: id,
                convertedStatus: 'Won',
                opportunityId: '006000000000001AAA',
                overwriteLeadSource: false,
                sendNotificationEmail: false
            }
        ]);
        assert.deepEqual(
            results.map((r) => [r.success, r.errors[0]?.statusCode]),
            [
                [false, 'INVALID_STATUS'],
                [false, 'FIELD_INTEGRITY_EXCEPTION'],
                [false, 'NOT_SUPPORTED_BY_LOCAL_ORG']
            ]
        );
        assert.equal(rows(t.org, 'SELECT COUNT(*) AS n FROM Account')[0].n, before);
        assert.equal(leadRow(id).IsConverted, 0);
    });

    test('creates an Opportunity by default, named after the company, at the first stage', async () => {
        const id = await createLead({ LastName: 'Brandt', Company: 'Brandt Dach GmbH', LeadSource: 'Web' });
        // doNotCreateOpportunity left out: Salesforce's default (false) creates the opportunity.
        const result = await connection(t.agent.accessToken).soap.convertLead({
            leadId: id,
            convertedStatus: 'Won'
        });
        assert.equal(result.success, true, JSON.stringify(result));
        assert.ok(result.opportunityId?.startsWith('006'), JSON.stringify(result));
        const [opportunity] = rows(
            t.org,
            'SELECT Name, AccountId, StageName, CloseDate, LeadSource, OwnerId FROM Opportunity WHERE Id = ?',
            result.opportunityId
        );
        const firstStage = t.org.schema.field('Opportunity', 'StageName')!.picklistValues!.find((v) => v.active)!;
        assert.equal(opportunity.Name, 'Brandt Dach GmbH');
        assert.equal(opportunity.AccountId, result.accountId);
        assert.equal(opportunity.StageName, firstStage.value);
        assert.equal(opportunity.LeadSource, 'Web');
        assert.equal(opportunity.OwnerId, leadRow(id).OwnerId);
        assert.match(String(opportunity.CloseDate), /^\d{4}-(03-31|06-30|09-30|12-31)$/);
        assert.equal(leadRow(id).ConvertedOpportunityId, result.opportunityId);

        const named = await connection(t.admin.accessToken).soap.convertLead({
            leadId: await createLead({ Company: 'Okafor Roofing' }),
            convertedStatus: 'Won',
            doNotCreateOpportunity: false,
            opportunityName: 'Okafor Roofing: 40 panels'
        });
        assert.equal(named.success, true, JSON.stringify(named));
        assert.equal(
            rows(t.org, 'SELECT Name FROM Opportunity WHERE Id = ?', named.opportunityId)[0].Name,
            'Okafor Roofing: 40 panels'
        );
    });

    test('the viewer may not convert; other partner calls are refused by name', async () => {
        const id = await createLead({});
        const result = await connection(t.viewer.accessToken).soap.convertLead({
            leadId: id,
            convertedStatus: 'Won',
            doNotCreateOpportunity: true,
            overwriteLeadSource: false,
            sendNotificationEmail: false
        });
        assert.equal(result.success, false);
        assert.equal(result.errors[0].statusCode, 'INSUFFICIENT_ACCESS_OR_READONLY');
        await assert.rejects(connection(t.admin.accessToken).soap.getServerTimestamp(), /NOT_SUPPORTED_BY_LOCAL_ORG/);
    });
});
