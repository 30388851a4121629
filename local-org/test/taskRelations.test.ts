/**
 * Interaction tasks (issue 24): the Task call fields, and Shared Activities' TaskRelation rows following the task's
 * WhoId/WhatId (primary contact, up to 50 contacts, one lead, WhoCount/WhatCount, deleted with the task), and the
 * ActivitiesSettings that turns Shared Activities on.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deployPackage } from '../src/metadata/deploy.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v66.0';
let t: TestOrg;
let token: string;
let accountId: string;
let caseId: string;
const contacts: string[] = [];

async function create(object: string, body: Record<string, unknown>): Promise<string> {
    const response = await call(t.origin, token, 'POST', `${V}/sobjects/${object}`, body);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return (response.body as { id: string }).id;
}

async function createFails(
    object: string,
    body: Record<string, unknown>
): Promise<{ errorCode: string; message: string }> {
    const response = await call(t.origin, token, 'POST', `${V}/sobjects/${object}`, body);
    assert.equal(response.status, 400, JSON.stringify(response.body));
    return (response.body as { errorCode: string; message: string }[])[0];
}

async function soql(query: string): Promise<Record<string, unknown>[]> {
    const response = await call(t.origin, token, 'GET', `${V}/query?q=${encodeURIComponent(query)}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return (response.body as { records: Record<string, unknown>[] }).records.map(({ attributes: _a, ...r }) => r);
}

async function relations(taskId: string): Promise<[string, boolean][]> {
    const records = await soql(
        `SELECT RelationId, IsWhat FROM TaskRelation WHERE TaskId = '${taskId}' ORDER BY CreatedDate, Id`
    );
    return records.map((r) => [String(r.RelationId), r.IsWhat as boolean]);
}

async function counts(taskId: string): Promise<Record<string, unknown>> {
    const [task] = await soql(`SELECT WhoId, WhatId, WhoCount, WhatCount FROM Task WHERE Id = '${taskId}'`);
    return task;
}

before(async () => {
    t = await startTestOrg();
    token = t.admin.accessToken;
    accountId = await create('Account', { Name: 'Installer Ltd' });
    caseId = await create('Case', { Subject: 'Inverter fault', AccountId: accountId });
    for (const name of ['Installer', 'Homeowner', 'Signer']) {
        contacts.push(await create('Contact', { LastName: name, AccountId: accountId }));
    }
});
after(async () => {
    await t.close();
});

describe('Task fields of interactions', () => {
    test('Type, CallType, CallDisposition and CallDurationInSeconds are stored and read back', async () => {
        const id = await create('Task', {
            Subject: 'Call',
            Type: 'Call',
            CallType: 'Inbound',
            CallDisposition: 'Resolved',
            CallDurationInSeconds: 185
        });
        const [task] = await soql(
            `SELECT Type, CallType, CallDisposition, CallDurationInSeconds FROM Task WHERE Id = '${id}'`
        );
        assert.deepEqual(task, {
            Type: 'Call',
            CallType: 'Inbound',
            CallDisposition: 'Resolved',
            CallDurationInSeconds: 185
        });
    });

    test('CallType is a restricted picklist; WhoCount cannot be written', async () => {
        const badCallType = await createFails('Task', { Subject: 'Call', CallType: 'Sideways' });
        assert.equal(badCallType.errorCode, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
        const readOnly = await createFails('Task', { Subject: 'Call', WhoCount: 3 });
        assert.equal(readOnly.errorCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
    });
});

describe('Task.AccountId', () => {
    test('comes from an account (or opportunity, contract) WhatId, else from the contact; a case gives none', async () => {
        const otherAccount = await create('Account', { Name: 'Homeowner household' });
        const onAccount = await create('Task', { Subject: 'Call', WhatId: otherAccount, WhoId: contacts[0] });
        const onCaseOnly = await create('Task', { Subject: 'Call', WhatId: caseId });
        const onCaseAndContact = await create('Task', { Subject: 'Call', WhatId: caseId, WhoId: contacts[0] });
        const accountOf = async (id: string) =>
            (await soql(`SELECT AccountId FROM Task WHERE Id = '${id}'`))[0].AccountId;
        assert.equal(await accountOf(onAccount), otherAccount);
        assert.equal(await accountOf(onCaseOnly), null);
        assert.equal(await accountOf(onCaseAndContact), accountId);
    });
});

describe('Shared Activities: TaskRelation', () => {
    test('a task with WhoId and WhatId gets one who row and one what row and their counts; they go with the task', async () => {
        const taskId = await create('Task', { Subject: 'Chat', Type: 'Call', WhoId: contacts[0], WhatId: caseId });
        assert.deepEqual(await relations(taskId), [
            [contacts[0], false],
            [caseId, true]
        ]);
        assert.deepEqual(await counts(taskId), { WhoId: contacts[0], WhatId: caseId, WhoCount: 1, WhatCount: 1 });
        await create('TaskRelation', { TaskId: taskId, RelationId: contacts[1] });
        const deleted = await call(t.origin, token, 'DELETE', `${V}/sobjects/Task/${taskId}`);
        assert.equal(deleted.status, 204);
        assert.equal(rows(t.org, 'SELECT 1 FROM TaskRelation WHERE TaskId = ? AND IsDeleted = 0', taskId).length, 0);
    });

    test('more contacts are TaskRelation rows; the WhoId stays the primary and WhoCount counts them all', async () => {
        const taskId = await create('Task', { Subject: 'Call', WhoId: contacts[0] });
        await create('TaskRelation', { TaskId: taskId, RelationId: contacts[1] });
        assert.deepEqual(await counts(taskId), { WhoId: contacts[0], WhatId: null, WhoCount: 2, WhatCount: 0 });
        const [relation] = await soql(
            `SELECT IsWhat, AccountId FROM TaskRelation WHERE TaskId = '${taskId}' AND RelationId = '${contacts[1]}'`
        );
        assert.deepEqual(relation, { IsWhat: false, AccountId: accountId });
    });

    test('a contact related to a task with no WhoId becomes its WhoId; a case becomes its WhatId', async () => {
        const taskId = await create('Task', { Subject: 'Email' });
        await create('TaskRelation', { TaskId: taskId, RelationId: contacts[2] });
        await create('TaskRelation', { TaskId: taskId, RelationId: caseId });
        assert.deepEqual(await counts(taskId), { WhoId: contacts[2], WhatId: caseId, WhoCount: 1, WhatCount: 1 });
    });

    test('changing the WhoId replaces the primary relation and keeps the other contacts', async () => {
        const taskId = await create('Task', { Subject: 'Call', WhoId: contacts[0] });
        await create('TaskRelation', { TaskId: taskId, RelationId: contacts[1] });
        const update = await call(t.origin, token, 'PATCH', `${V}/sobjects/Task/${taskId}`, { WhoId: contacts[2] });
        assert.equal(update.status, 204, JSON.stringify(update.body));
        assert.deepEqual(await relations(taskId), [
            [contacts[1], false],
            [contacts[2], false]
        ]);
        assert.deepEqual(await counts(taskId), { WhoId: contacts[2], WhatId: null, WhoCount: 2, WhatCount: 0 });
    });

    test('deleting the primary relation promotes the next contact; deleting the what clears WhatId', async () => {
        const taskId = await create('Task', { Subject: 'Call', WhoId: contacts[0], WhatId: caseId });
        await create('TaskRelation', { TaskId: taskId, RelationId: contacts[1] });
        const ids = await soql(`SELECT Id, RelationId FROM TaskRelation WHERE TaskId = '${taskId}'`);
        const idOf = (relationId: string) => String(ids.find((r) => r.RelationId === relationId)!.Id);
        for (const relationId of [contacts[0], caseId]) {
            const deleted = await call(t.origin, token, 'DELETE', `${V}/sobjects/TaskRelation/${idOf(relationId)}`);
            assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
        }
        assert.deepEqual(await counts(taskId), { WhoId: contacts[1], WhatId: null, WhoCount: 1, WhatCount: 0 });
    });

    test('one lead or contacts, never both; one what; no duplicate relation', async () => {
        const leadId = await create('Lead', { LastName: 'Prospect', Company: 'Roofs' });
        const taskId = await create('Task', { Subject: 'Call', WhoId: contacts[0], WhatId: caseId });
        assert.equal(
            (await createFails('TaskRelation', { TaskId: taskId, RelationId: leadId })).errorCode,
            'FIELD_INTEGRITY_EXCEPTION'
        );
        assert.equal(
            (await createFails('TaskRelation', { TaskId: taskId, RelationId: accountId })).errorCode,
            'FIELD_INTEGRITY_EXCEPTION'
        );
        assert.equal(
            (await createFails('TaskRelation', { TaskId: taskId, RelationId: contacts[0] })).errorCode,
            'DUPLICATE_VALUE'
        );
        assert.deepEqual(await counts(taskId), { WhoId: contacts[0], WhatId: caseId, WhoCount: 1, WhatCount: 1 });
    });

    test('a task is related to up to 50 contacts; the 51st is refused', async () => {
        const many: string[] = [];
        for (let i = 0; i < 51; i++)
            many.push(await create('Contact', { LastName: `Bulk ${i}`, AccountId: accountId }));
        const taskId = await create('Task', { Subject: 'Call', WhoId: many[0] });
        for (const contactId of many.slice(1, 50))
            await create('TaskRelation', { TaskId: taskId, RelationId: contactId });
        const refused = await createFails('TaskRelation', { TaskId: taskId, RelationId: many[50] });
        assert.equal(refused.errorCode, 'FIELD_INTEGRITY_EXCEPTION');
        assert.match(refused.message, /up to 50 contacts/);
        assert.equal((await counts(taskId)).WhoCount, 50);
    });
});

describe('TaskRelation automation', () => {
    const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
    const flow =
        `<?xml version="1.0" encoding="UTF-8"?><Flow ${NS}><apiVersion>66.0</apiVersion><label>On relation</label>` +
        `<processType>AutoLaunchedFlow</processType><status>Active</status>` +
        `<start><object>TaskRelation</object><recordTriggerType>Create</recordTriggerType>` +
        `<triggerType>RecordAfterSave</triggerType></start></Flow>`;
    const rule =
        `<?xml version="1.0" encoding="UTF-8"?><CustomObject ${NS}><validationRules><fullName>No_Leads</fullName>` +
        `<active>true</active><errorConditionFormula>IsWhat</errorConditionFormula>` +
        `<errorMessage>No.</errorMessage></validationRules></CustomObject>`;

    test('validation rules and record-triggered flows on TaskRelation are refused, as Salesforce has neither', async () => {
        const outcome = await deployPackage(
            t.org,
            t.admin.id,
            new Map([
                ['package.xml', Buffer.from('<Package/>')],
                ['flows/On_Relation.flow', Buffer.from(flow)],
                ['objects/TaskRelation.object', Buffer.from(rule)]
            ]),
            { checkOnly: false, rollbackOnError: true }
        );
        assert.deepEqual(outcome.failures.map((f) => f.problem).sort(), [
            'TaskRelation does not support record-triggered flows',
            'TaskRelation does not support validation rules'
        ]);
    });
});

describe('ActivitiesSettings (Shared Activities)', () => {
    const settings = (value: string) =>
        new Map<string, Buffer>([
            ['package.xml', Buffer.from('<Package/>')],
            [
                'settings/Activities.settings',
                Buffer.from(
                    `<ActivitiesSettings xmlns="http://soap.sforce.com/2006/04/metadata"><allowUsersToRelateMultipleContactsToTasksAndEvents>${value}</allowUsersToRelateMultipleContactsToTasksAndEvents></ActivitiesSettings>`
                )
            ]
        ]);
    const options = { checkOnly: false, rollbackOnError: true };

    test('turning Shared Activities on deploys; off is refused by name (local-org always has it on)', async () => {
        const on = await deployPackage(t.org, t.admin.id, settings('true'), options);
        assert.deepEqual(on.failures, []);
        const off = await deployPackage(t.org, t.admin.id, settings('false'), options);
        assert.deepEqual(
            off.failures.map((f) => f.problem),
            [
                'ActivitiesSettings.allowUsersToRelateMultipleContactsToTasksAndEvents = false is not supported by local-org (it behaves as true)'
            ]
        );
    });
});
