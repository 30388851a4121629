/**
 * Issue 16, data integrity: every write path runs each record's automation exactly as a single REST save of it
 * would, and fails the row when its automation fails. force-app's flows (Account_Match_Keys before save,
 * Case_Review_Task after save) against Bulk API 2.0 jobs with a bad row, and composite and GraphQL calls with
 * allOrNone false where a save that fails inside a flow is followed by a valid save of the same record.
 */
import assert from 'node:assert/strict';
import { Connection } from 'jsforce';
import { after, before, describe, test } from 'node:test';
import { deployPackage } from '../src/metadata/deploy.ts';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { assignPermissionSet, graphql, V } from './support/graphql.ts';
import { call, rows, type TestOrg } from './support/testOrg.ts';

type Row = Record<string, string>;
interface Results {
    successfulResults: Row[];
    failedResults: Row[];
}

/** A review whose comments contain this cannot get its task (the Task validation rule below): its flow fails. */
const REFUSED = 'REFUSED';
const MATCH_KEYS = ['Match_Name_Key__c', 'Match_Phone_Key__c', 'Match_Domain_Key__c', 'Match_Street_Key__c'];

/** Refuses the Case Review task of a review whose comments contain REFUSED, so Case_Review_Task fails. */
const REFUSED_TASK_RULE = `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <validationRules>
        <fullName>Refused_Review_Tasks</fullName>
        <active>true</active>
        <errorConditionFormula>AND(Subject = 'Case Review', CONTAINS(Description, '${REFUSED}'))</errorConditionFormula>
        <errorMessage>This review is refused.</errorMessage>
    </validationRules>
</CustomObject>`;

/**
 * force-app refuses a case created with a review (Review_Only_On_Existing_Case); the fault-path test below needs a
 * case whose review task fails after the case was written, so the rule is switched off here, as an admin could.
 */
const CASE_RULE_OFF = `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <validationRules>
        <fullName>Review_Only_On_Existing_Case</fullName>
        <active>false</active>
        <errorConditionFormula>ISNEW()</errorConditionFormula>
        <errorMessage>Switched off for this test.</errorMessage>
    </validationRules>
</CustomObject>`;

/**
 * A new contact named "Fault path" creates a reviewed case whose Case_Review_Task fails after the case was written;
 * the fault path handles the failure, so the contact is saved and the failed case must leave nothing behind.
 */
const FAULT_PATH_FLOW = `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>66.0</apiVersion>
    <label>Contact Reviewed Case</label>
    <processType>AutoLaunchedFlow</processType>
    <variables><name>faulted</name><dataType>Boolean</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput></variables>
    <assignments>
        <name>Note_Fault</name>
        <assignmentItems><assignToReference>faulted</assignToReference><operator>Assign</operator><value><booleanValue>true</booleanValue></value></assignmentItems>
    </assignments>
    <recordCreates>
        <name>Create_Reviewed_Case</name>
        <faultConnector><targetReference>Note_Fault</targetReference></faultConnector>
        <inputAssignments><field>Subject</field><value><stringValue>Fault path case</stringValue></value></inputAssignments>
        <inputAssignments><field>Last_Review_Comments__c</field><value><stringValue>${REFUSED} by the fault path</stringValue></value></inputAssignments>
        <inputAssignments><field>Last_Reviewed_On__c</field><value><stringValue>2026-12-03T09:00:00.000Z</stringValue></value></inputAssignments>
        <object>Case</object>
    </recordCreates>
    <start>
        <connector><targetReference>Create_Reviewed_Case</targetReference></connector>
        <filterLogic>and</filterLogic>
        <filters><field>LastName</field><operator>EqualTo</operator><value><stringValue>Fault path</stringValue></value></filters>
        <object>Contact</object>
        <recordTriggerType>Create</recordTriggerType>
        <triggerType>RecordAfterSave</triggerType>
    </start>
    <status>Active</status>
</Flow>`;

let t: TestOrg;

before(async () => {
    t = await startDeployedTestOrg();
    await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
    const deployed = await deployPackage(
        t.org,
        t.admin.id,
        new Map([
            [
                'package.xml',
                Buffer.from(
                    '<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata">' +
                        '<types><members>Task.Refused_Review_Tasks</members><members>Case.Review_Only_On_Existing_Case</members><name>ValidationRule</name></types>' +
                        '<types><members>Contact_Reviewed_Case</members><name>Flow</name></types>' +
                        '<version>66.0</version></Package>'
                )
            ],
            ['objects/Task.object', Buffer.from(REFUSED_TASK_RULE)],
            ['objects/Case.object', Buffer.from(CASE_RULE_OFF)],
            ['flows/Contact_Reviewed_Case.flow', Buffer.from(FAULT_PATH_FLOW)]
        ]),
        { checkOnly: false, rollbackOnError: true }
    );
    assert.equal(deployed.success, true, JSON.stringify(deployed.failures));
});
after(() => t.close());

const token = () => t.agent.accessToken;

async function bulk(object: string, operation: string, input: Row[]): Promise<Results> {
    const connection = new Connection({ instanceUrl: t.origin, accessToken: token(), version: '66.0' });
    return (await connection.bulk2.loadAndWaitForResults({
        object,
        operation,
        input,
        pollInterval: 50,
        pollTimeout: 60_000
    } as never)) as unknown as Results;
}

/** A record type with no rule of its own (a Homeowner case needs a contract, an Installer case its installer contact). */
function customerRequestType(): string {
    return String(
        rows(t.org, "SELECT Id FROM RecordType WHERE SobjectType = 'Case' AND DeveloperName = 'Customer_Request'")[0].Id
    );
}

async function newCases(subjects: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const Subject of subjects) {
        const created = await call(t.origin, token(), 'POST', `${V}/sobjects/Case`, {
            RecordTypeId: customerRequestType(),
            Subject
        });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        ids.push((created.body as { id: string }).id);
    }
    return ids;
}

function review(comments: string, on: string): Record<string, string> {
    return { Last_Review_Comments__c: comments, Last_Reviewed_By__c: t.agent.id, Last_Reviewed_On__c: on };
}

function reviewTasks(caseId: string): unknown[] {
    return rows(t.org, "SELECT Description FROM Task WHERE WhatId = ? AND Subject = 'Case Review'", caseId).map(
        (r) => r.Description
    );
}

function storedReview(caseId: string): Record<string, unknown> {
    return rows(t.org, 'SELECT Last_Review_Comments__c c FROM "Case" WHERE Id = ?', caseId)[0];
}

/** The REST error for a review whose task is refused, as `CODE:message:--` (sf__Error's format). */
async function restRefusal(caseId: string, on: string): Promise<string> {
    const refused = await call(t.origin, token(), 'PATCH', `${V}/sobjects/Case/${caseId}`, review(REFUSED, on));
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    const [error] = refused.body as { errorCode: string; message: string; fields?: string[] }[];
    assert.equal(error.errorCode, 'CANNOT_EXECUTE_FLOW_TRIGGER');
    assert.match(error.message, /This review is refused/);
    return `${error.errorCode}:${error.message}:${(error.fields ?? []).map((f) => `${f} `).join('')}--`;
}

describe('Bulk API 2.0: a bad row fails alone, the others are saved with their automation', () => {
    test('accounts of a job with one bad row get the same match keys as a REST save gives them', async () => {
        const accounts: Row[] = [
            { Name: 'Bulk Integrity Alpha GmbH', Phone: '+49 (0)89 1234 5678', Website: 'https://alpha.example.de/' },
            { Name: '', Phone: '555-0100', Website: 'nameless.example.com' },
            { Name: 'Bulk Integrity Beta LLC', Phone: '(415) 555-0199 x12', Website: 'www.beta.example.com' }
        ];
        const results = await bulk('Account', 'insert', accounts);
        assert.deepEqual(
            results.failedResults.map((r) => r.sf__Error),
            ['REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --']
        );
        assert.equal(results.successfulResults.length, 2);
        for (const saved of results.successfulResults) {
            const input = accounts.find((a) => a.Name === saved.Name)!;
            const viaRest = await call(t.origin, token(), 'POST', `${V}/sobjects/Account`, input);
            assert.equal(viaRest.status, 201, JSON.stringify(viaRest.body));
            const keys = (id: string) =>
                rows(t.org, `SELECT ${MATCH_KEYS.join(', ')} FROM Account WHERE Id = ?`, id)[0];
            const expected = keys((viaRest.body as { id: string }).id);
            assert.notEqual(expected.Match_Name_Key__c, null, 'the REST save fills the keys');
            assert.deepEqual(keys(saved.sf__Id), expected, `match keys of ${saved.Name}`);
        }
    });

    test('cases of a job with one bad row each get their one Case Review task', async () => {
        const [first, second] = await newCases(['Bulk review 1', 'Bulk review 2']);
        const on = '2026-12-01T09:00:00.000Z';
        const results = await bulk('Case', 'update', [
            { Id: first, ...review('Bulk review one', on) },
            { Id: first.slice(0, 3) + 'x'.repeat(15), ...review('Bulk review of no case', on) },
            { Id: second, ...review('Bulk review two', on) }
        ]);
        assert.equal(results.failedResults.length, 1, JSON.stringify(results.failedResults));
        assert.equal(results.successfulResults.length, 2, JSON.stringify(results.failedResults));
        assert.deepEqual(reviewTasks(first), ['Bulk review one']);
        assert.deepEqual(reviewTasks(second), ['Bulk review two']);
    });

    test("a flow fault fails its row with the flow's error, as REST reports it, and the row is not saved", async () => {
        const [refused, accepted, restCase] = await newCases(['Bulk refused', 'Bulk accepted', 'REST refused']);
        const on = '2026-12-01T10:00:00.000Z';
        const results = await bulk('Case', 'update', [
            { Id: refused, ...review(`Bulk ${REFUSED}`, on) },
            { Id: accepted, ...review('Bulk accepted review', on) }
        ]);
        const restError = (await restRefusal(restCase, on)).replace(REFUSED, `Bulk ${REFUSED}`);
        assert.deepEqual(
            results.failedResults.map((r) => [r.sf__Id, r.sf__Error]),
            [[refused, restError]]
        );
        assert.deepEqual(
            results.successfulResults.map((r) => r.sf__Id),
            [accepted]
        );
        assert.deepEqual(storedReview(refused), { c: null });
        assert.deepEqual(reviewTasks(refused), []);
        assert.deepEqual(reviewTasks(accepted), ['Bulk accepted review']);
    });
});

describe('Bulk API 2.0: each DML batch of 200 is its own transaction, retried as Salesforce retries it', () => {
    test('a case reviewed in two DML batches of one job gets a task from each', async () => {
        const inserted = await bulk(
            'Case',
            'insert',
            Array.from({ length: 200 }, (_, i) => ({ RecordTypeId: customerRequestType(), Subject: `Batch case ${i}` }))
        );
        assert.equal(inserted.successfulResults.length, 200, JSON.stringify(inserted.failedResults.slice(0, 3)));
        const ids = inserted.successfulResults.map((r) => r.sf__Id);
        const reviewed = ids[0];
        const results = await bulk('Case', 'update', [
            { Id: reviewed, ...review('First batch review', '2026-12-04T09:00:00.000Z') },
            ...ids.slice(1).map((Id) => ({ Id, Subject: 'Edited in batch' })),
            { Id: reviewed, ...review('Second batch review', '2026-12-04T10:00:00.000Z') }
        ]);
        assert.equal(results.successfulResults.length, 201, JSON.stringify(results.failedResults.slice(0, 3)));
        assert.deepEqual(reviewTasks(reviewed).sort(), ['First batch review', 'Second batch review']);
    });

    test('a batch still failing on its third attempt fails whole, with the documented message', async () => {
        // Three reviews of one case with the same date: only the first to run changes the date, so each one's flow
        // runs (and fails) only once the rows before it were set aside: one new failure per attempt.
        const [shared, other] = await newCases(['Retried three times', 'Innocent bystander']);
        const on = '2026-12-05T09:00:00.000Z';
        const results = await bulk('Case', 'update', [
            { Id: shared, ...review(`${REFUSED} a`, on) },
            { Id: shared, ...review(`${REFUSED} b`, on) },
            { Id: shared, ...review(`${REFUSED} c`, on) },
            { Id: other, ...review('Valid review', on) }
        ]);
        assert.deepEqual(results.successfulResults, []);
        const errors = new Map(results.failedResults.map((r) => [r.Last_Review_Comments__c, r.sf__Error]));
        for (const comments of [`${REFUSED} a`, `${REFUSED} b`, `${REFUSED} c`])
            assert.match(errors.get(comments)!, /^CANNOT_EXECUTE_FLOW_TRIGGER:.*This review is refused/);
        assert.equal(
            errors.get('Valid review'),
            'UNKNOWN_EXCEPTION:Too many batch retries in the presence of Apex triggers and partial failures.:--'
        );
        assert.deepEqual(storedReview(other), { c: null });
        assert.deepEqual(reviewTasks(other), []);
    });
});

describe('flow fault paths', () => {
    test("a save a fault path handled leaves nothing behind, its own flows' writes included", async () => {
        const created = await call(t.origin, token(), 'POST', `${V}/sobjects/Contact`, { LastName: 'Fault path' });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        assert.deepEqual(rows(t.org, `SELECT Id FROM "Case" WHERE Subject = 'Fault path case'`), []);
        assert.deepEqual(rows(t.org, `SELECT Id FROM Task WHERE Description LIKE '%by the fault path'`), []);
    });
});

describe('allOrNone false: a save that failed inside a flow does not stop that flow on a later save', () => {
    test('composite: a refused review then a valid review of the same case make exactly one task', async () => {
        const [caseId] = await newCases(['Composite review']);
        const patch = (referenceId: string, comments: string) => ({
            method: 'PATCH',
            url: `${V}/sobjects/Case/${caseId}`,
            referenceId,
            body: review(comments, '2026-12-02T09:00:00.000Z')
        });
        const response = await call(t.origin, token(), 'POST', `${V}/composite`, {
            allOrNone: false,
            compositeRequest: [patch('refused', `Composite ${REFUSED}`), patch('valid', 'Composite valid review')]
        });
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const answers = (response.body as { compositeResponse: { httpStatusCode: number; body: unknown }[] })
            .compositeResponse;
        assert.deepEqual(
            answers.map((a) => a.httpStatusCode),
            [400, 204],
            JSON.stringify(answers)
        );
        assert.equal((answers[0].body as { errorCode: string }[])[0].errorCode, 'CANNOT_EXECUTE_FLOW_TRIGGER');
        assert.deepEqual(reviewTasks(caseId), ['Composite valid review']);
        assert.deepEqual(storedReview(caseId), { c: 'Composite valid review' });
    });

    test('GraphQL: a refused review then a valid review of the same case make exactly one task', async () => {
        const [caseId] = await newCases(['GraphQL review']);
        const update = (alias: string, comments: string) =>
            `${alias}: CaseUpdate(input: { Id: "${caseId}", Case: { Last_Review_Comments__c: "${comments}", ` +
            `Last_Reviewed_By__c: "${t.agent.id}", Last_Reviewed_On__c: "2026-12-02T10:00:00.000Z" } }) { Record { Id } }`;
        const result = await graphql(
            t,
            token(),
            `mutation { uiapi(input: { allOrNone: false }) {
                ${update('refused', `GraphQL ${REFUSED}`)}
                ${update('valid', 'GraphQL valid review')}
            } }`
        );
        assert.deepEqual(
            result.errors.map((e) => e.extensions.errorCode),
            ['CANNOT_EXECUTE_FLOW_TRIGGER']
        );
        const uiapi = (result.data as { uiapi: Record<string, unknown> }).uiapi;
        assert.equal(uiapi.refused, null);
        assert.deepEqual(uiapi.valid, { Record: { Id: caseId } });
        assert.deepEqual(reviewTasks(caseId), ['GraphQL valid review']);
        assert.deepEqual(storedReview(caseId), { c: 'GraphQL valid review' });
    });
});
