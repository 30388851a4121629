/**
 * UI API record update (`PATCH /ui-api/records/{id}`, what LDS updateRecord calls) and a record type's picklist
 * values, on an org with force-app deployed (record types, business processes, validation rules).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { assignPermissionSet, V } from './support/graphql.ts';
import { call, rows, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;
let webFormType: string;
let webFormCase: string;
let otherCase: string;

async function createCase(values: Record<string, unknown>): Promise<string> {
    const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Case`, values);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return (created.body as { id: string }).id;
}

before(async () => {
    t = await startDeployedTestOrg();
    await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
    await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
    webFormType = String(
        rows(t.org, "SELECT Id FROM RecordType WHERE SobjectType = 'Case' AND DeveloperName = 'Web_Form'")[0].Id
    );
    webFormCase = await createCase({ Subject: 'From the web', RecordTypeId: webFormType });
    const customerRequest = rows(t.org, "SELECT Id FROM RecordType WHERE DeveloperName = 'Customer_Request'")[0].Id;
    otherCase = await createCase({ Subject: 'Not a web form', RecordTypeId: customerRequest });
});
after(() => t?.close());

interface RecordError {
    errorCode: string;
    field: string | null;
    fieldLabel: string | null;
    message: string;
}
interface ErrorWithOutput {
    enhancedErrorType: string;
    message: string;
    output: { errors: RecordError[]; fieldErrors: Record<string, RecordError[]> };
}

describe('PATCH /ui-api/records/{recordId}', () => {
    test('saves the fields and answers the Record representation with them', async () => {
        const response = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/ui-api/records/${webFormCase}`, {
            fields: { Id: webFormCase, Subject: 'Edited', Priority: 'High' }
        });
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const record = response.body as { apiName: string; id: string; fields: Record<string, unknown> };
        assert.equal(record.apiName, 'Case');
        assert.equal(record.id, webFormCase);
        assert.deepEqual(record.fields.Subject, { value: 'Edited', displayValue: null });
        assert.deepEqual(record.fields.Priority, { value: 'High', displayValue: 'High' });
        assert.deepEqual(rows(t.org, 'SELECT Subject, Priority FROM "Case" WHERE Id = ?', webFormCase), [
            { Subject: 'Edited', Priority: 'High' }
        ]);
    });

    test('a validation rule fails as an Error with Output, under its error display field, and nothing is saved', async () => {
        const response = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/ui-api/records/${otherCase}`, {
            fields: { Subject: 'Should not stick', Converted_From__c: otherCase }
        });
        assert.equal(response.status, 400);
        const body = response.body as ErrorWithOutput;
        assert.equal(body.enhancedErrorType, 'RecordError');
        assert.deepEqual(body.output.errors, []);
        const [error] = body.output.fieldErrors.Converted_From__c;
        assert.equal(error.errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
        assert.equal(error.field, 'Converted_From__c');
        assert.equal(error.message, 'A follow-up can only be converted from a Web Form case.');
        assert.deepEqual(rows(t.org, 'SELECT Subject FROM "Case" WHERE Id = ?', otherCase), [
            { Subject: 'Not a web form' }
        ]);
    });

    test('a read-only field is refused as a field error (API 43.0 and later)', async () => {
        const response = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/ui-api/records/${webFormCase}`, {
            fields: { CaseNumber: '42' }
        });
        assert.equal(response.status, 400);
        const body = response.body as ErrorWithOutput;
        assert.equal(body.output.fieldErrors.CaseNumber[0].errorCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
        assert.equal(body.output.fieldErrors.CaseNumber[0].fieldLabel, 'Case Number');
    });

    test('a user who cannot edit the object gets a page-level error', async () => {
        const response = await call(t.origin, t.viewer.accessToken, 'PATCH', `${V}/ui-api/records/${webFormCase}`, {
            fields: { Subject: 'Viewer edit' }
        });
        assert.equal(response.status, 400);
        const body = response.body as ErrorWithOutput;
        assert.equal(body.output.errors[0].errorCode, 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY');
        assert.deepEqual(body.output.fieldErrors, {});
    });

    test('bad requests: unknown record, apiName on update, missing fields, the unimplemented conflict check', async () => {
        const missing = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/ui-api/records/500000000000000AAA`, {
            fields: { Subject: 'x' }
        });
        assert.equal(missing.status, 404);
        const withApiName = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/ui-api/records/${webFormCase}`, {
            apiName: 'Case',
            fields: { Subject: 'x' }
        });
        assert.equal(withApiName.status, 400);
        const noFields = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/ui-api/records/${webFormCase}`, {});
        assert.equal(noFields.status, 400);
        const conflict = await fetch(`${t.origin}${V}/ui-api/records/${webFormCase}`, {
            method: 'PATCH',
            headers: {
                Authorization: `Bearer ${t.admin.accessToken}`,
                'Content-Type': 'application/json',
                'If-Unmodified-Since': new Date().toUTCString()
            },
            body: JSON.stringify({ fields: { Subject: 'x' } })
        });
        assert.equal(conflict.status, 400);
        assert.equal(((await conflict.json()) as { errorCode: string }[])[0].errorCode, 'NOT_SUPPORTED_BY_LOCAL_ORG');
    });
});

describe('GET /ui-api/object-info/{object}/picklist-values/{recordTypeId}', () => {
    test("a record type's values: its own Type list and its business process's Status values", async () => {
        const response = await call(
            t.origin,
            t.agent.accessToken,
            'GET',
            `${V}/ui-api/object-info/Case/picklist-values/${webFormType}`
        );
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const fields = (response.body as { picklistFieldValues: Record<string, { values: { value: string }[] }> })
            .picklistFieldValues;
        assert.deepEqual(
            fields.Type.values.map((v) => v.value),
            ['Sample Request', 'Quote Request', 'Product Information', 'Technical Question', 'Complaint', 'Other']
        );
        assert.deepEqual(fields.Status.values.map((v) => v.value).sort(), [
            'Closed',
            'Closed - Accepted',
            'Closed - Answered',
            'New',
            'Working'
        ]);
        const master = await call(
            t.origin,
            t.agent.accessToken,
            'GET',
            `${V}/ui-api/object-info/Case/picklist-values/012000000000000AAA`
        );
        const masterStatuses = (
            master.body as { picklistFieldValues: Record<string, { values: { value: string }[] }> }
        ).picklistFieldValues.Status.values.map((v) => v.value);
        assert.ok(masterStatuses.includes('Escalated'), 'the master record type offers every active value');
    });

    test('Case Status values say whether they close the case; other values have no attributes', async () => {
        const response = await call(
            t.origin,
            t.agent.accessToken,
            'GET',
            `${V}/ui-api/object-info/Case/picklist-values/${webFormType}`
        );
        type Value = { value: string; attributes: Record<string, unknown> | null };
        const fields = (response.body as { picklistFieldValues: Record<string, { values: Value[] }> })
            .picklistFieldValues;
        const statuses = Object.fromEntries(fields.Status.values.map((v) => [v.value, v.attributes]));
        assert.deepEqual(statuses.Working, { closed: false, picklistAtrributesValueType: 'CaseStatus' });
        assert.deepEqual(statuses['Closed - Answered'], { closed: true, picklistAtrributesValueType: 'CaseStatus' });
        assert.equal(fields.Type.values[0].attributes, null);
    });

    test('an unknown record type is not found; other UI API resources are refused by name', async () => {
        const unknown = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            `${V}/ui-api/object-info/Case/picklist-values/012000000000001AAA`
        );
        assert.equal(unknown.status, 404);
        const other = await call(t.origin, t.admin.accessToken, 'GET', `${V}/ui-api/records/${webFormCase}`);
        assert.equal(other.status, 400);
        assert.equal((other.body as { errorCode: string }[])[0].errorCode, 'NOT_SUPPORTED_BY_LOCAL_ORG');
    });
});
