/**
 * Activities and key dates of a service request (issue 22). Key dates: Time to Completion and Time Overdue are
 * formula fields (days), computed at every read, so an open request's overdue time is current; the Overdue
 * Service Requests list view shows it.
 *
 * Activities: Task statuses map to the activity states (Not Started is Pending, In
 * Progress, Completed, Cancelled with a reason); Cancelled is a closed Task status (TaskStatus.standardValueSet
 * `closed`), so a cancelled activity no longer holds the request's completion (the Service_Request_Lifecycle flow
 * looks for an open Task of the request).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assignPermissionSet, deployForceApp, V } from './support/graphql.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;
let recordTypeId: string;
let transitions: Set<string>;
let cancelledStatuses: Set<string>;

async function query<T>(soql: string, token = t.agent.accessToken): Promise<T[]> {
    const result = await call(t.origin, token, 'GET', `${V}/query?q=${encodeURIComponent(soql)}`);
    assert.equal(result.status, 200, JSON.stringify(result.body));
    return (result.body as { records: T[] }).records;
}

const updateCase = (id: string, values: Record<string, unknown>) =>
    call(t.origin, t.agent.accessToken, 'PATCH', `${V}/sobjects/Case/${id}`, values);
const updateTask = (id: string, values: Record<string, unknown>) =>
    call(t.origin, t.agent.accessToken, 'PATCH', `${V}/sobjects/Task/${id}`, values);

/** A request moved along the configured transitions (never through Cancelled) to Final Resolved. */
async function finalResolvedRequest(): Promise<string> {
    const created = await call(t.origin, t.agent.accessToken, 'POST', `${V}/sobjects/Case`, {
        RecordTypeId: recordTypeId,
        Subject: 'Printer offline',
        Status: 'Pending',
        Type: 'Support',
        Impact__c: 'Medium',
        Urgency__c: 'Medium'
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = (created.body as { id: string }).id;
    const queue: string[][] = [['Pending']];
    let path: string[] | undefined;
    while (!path && queue.length > 0) {
        const current = queue.shift()!;
        const last = current[current.length - 1];
        if (last === 'Final Resolved') path = current.slice(1);
        for (const pair of transitions) {
            const [from, to] = pair.split(' -> ');
            if (from === last && !current.includes(to) && !cancelledStatuses.has(to)) queue.push([...current, to]);
        }
    }
    for (const status of path ?? []) {
        const moved = await updateCase(id, { Status: status });
        assert.equal(moved.status, 204, JSON.stringify(moved.body));
    }
    return id;
}

async function openTask(caseId: string): Promise<string> {
    const task = await call(t.origin, t.agent.accessToken, 'POST', `${V}/sobjects/Task`, {
        Subject: 'Call back the customer',
        WhatId: caseId,
        Status: 'Not Started'
    });
    assert.equal(task.status, 201, JSON.stringify(task.body));
    return (task.body as { id: string }).id;
}

before(async () => {
    t = await startTestOrg();
    await deployForceApp(t);
    await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
    [{ Id: recordTypeId }] = rows(t.org, "SELECT Id FROM RecordType WHERE DeveloperName = 'Service_Request'") as {
        Id: string;
    }[];
    const pairs = await query<{ From_Status__c: string; To_Status__c: string; Custom_Permission__c: string | null }>(
        'SELECT From_Status__c, To_Status__c, Custom_Permission__c FROM Service_Request_Transition__mdt'
    );
    transitions = new Set(
        pairs
            .filter((p) => !p.Custom_Permission__c || p.Custom_Permission__c === 'Progress_Service_Requests')
            .map((p) => `${p.From_Status__c} -> ${p.To_Status__c}`)
    );
    const states = await query<{ Status__c: string; Lifecycle_State__c: string }>(
        'SELECT Status__c, Lifecycle_State__c FROM Service_Request_Status__mdt'
    );
    cancelledStatuses = new Set(states.filter((s) => s.Lifecycle_State__c === 'Cancelled').map((s) => s.Status__c));
});
after(() => t.close());

describe('activities of a service request', () => {
    test('Completing with an open activity fails; after cancelling the activity it succeeds', async () => {
        const id = await finalResolvedRequest();
        const taskId = await openTask(id);
        const refused = await updateCase(id, { Status: 'Completed' });
        assert.equal(refused.status, 400);
        assert.equal(
            (refused.body as { message: string }[])[0].message,
            'Complete, cancel or delete the open activities of this request before completing it.'
        );
        const cancelled = await updateTask(taskId, {
            Status: 'Cancelled',
            Cancellation_Reason__c: 'Customer solved it himself'
        });
        assert.equal(cancelled.status, 204, JSON.stringify(cancelled.body));
        assert.equal((await updateCase(id, { Status: 'Completed' })).status, 204);
    });

    test('Cancelled is a closed Task status, as the shipped TaskStatus value set says', async () => {
        const id = await finalResolvedRequest();
        const taskId = await openTask(id);
        assert.equal(
            (await updateTask(taskId, { Status: 'Cancelled', Cancellation_Reason__c: 'Duplicate' })).status,
            204
        );
        const [task] = await query<{ IsClosed: boolean; Status: string }>(
            `SELECT IsClosed, Status FROM Task WHERE Id = '${taskId}'`
        );
        assert.equal(task.Status, 'Cancelled');
        assert.equal(task.IsClosed, true);
    });

    test('cancelling an activity without a reason fails on the reason field, and nothing is written', async () => {
        const id = await finalResolvedRequest();
        const taskId = await openTask(id);
        const refused = await updateTask(taskId, { Status: 'Cancelled' });
        assert.equal(refused.status, 400);
        const [error] = refused.body as { errorCode: string; message: string; fields: string[] }[];
        assert.equal(error.errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
        assert.equal(error.message, 'Give a cancellation reason to cancel this activity.');
        assert.deepEqual(error.fields, ['Cancellation_Reason__c']);
        assert.equal(rows(t.org, 'SELECT Status FROM Task WHERE Id = ?', taskId)[0].Status, 'Not Started');
    });
});

/** Sets a stored date-time the lifecycle flow computes, as time passing would leave it. */
function setStored(id: string, field: string, value: string): void {
    t.org.db.prepare(`UPDATE "Case" SET "${field}" = ? WHERE Id = ?`).run(value, id);
}

/** The ids a Case list view lists for the agent. */
async function listed(developerName: string): Promise<string[]> {
    const views = await call(t.origin, t.agent.accessToken, 'GET', `${V}/sobjects/Case/listviews`);
    const view = (views.body as { listviews: { id: string; developerName: string }[] }).listviews.find(
        (v) => v.developerName === developerName
    );
    assert.ok(view, `${developerName} is deployed`);
    const results = await call(
        t.origin,
        t.agent.accessToken,
        'GET',
        `${V}/sobjects/Case/listviews/${view.id}/results?limit=2000`
    );
    assert.equal(results.status, 200, JSON.stringify(results.body));
    return (
        results.body as { records: { columns: { fieldNameOrPath: string; value: string | null }[] }[] }
    ).records.map((r) => r.columns.find((c) => c.fieldNameOrPath === 'Id')!.value!);
}

const days = (from: string, to: number) => (to - Date.parse(from)) / 86_400_000;

describe('key dates of a service request', () => {
    test('an open request past To Be Completed By is overdue by the time until now, at every read', async () => {
        const id = await finalResolvedRequest();
        const due = '2026-01-01T00:00:00.000Z';
        setStored(id, 'Expected_Completion__c', due);
        const [request] = await query<{ Time_Overdue__c: number; Time_To_Completion__c: number | null }>(
            `SELECT Time_Overdue__c, Time_To_Completion__c FROM Case WHERE Id = '${id}'`
        );
        assert.ok(Math.abs(request.Time_Overdue__c - days(due, Date.now())) < 0.02, String(request.Time_Overdue__c));
        assert.equal(request.Time_To_Completion__c, null);
        const overdue = await query<{ Id: string }>(`SELECT Id FROM Case WHERE Time_Overdue__c > 1 AND Id = '${id}'`);
        assert.equal(overdue.length, 1, 'SOQL filters by it');
    });

    test('a completed request keeps its time to completion and the time it was overdue', async () => {
        const id = await finalResolvedRequest();
        assert.equal((await updateCase(id, { Status: 'Completed' })).status, 204);
        setStored(id, 'Start_Date__c', '2026-01-01T00:00:00.000Z');
        setStored(id, 'Expected_Completion__c', '2026-01-03T00:00:00.000Z');
        setStored(id, 'Actual_Completion__c', '2026-01-04T12:00:00.000Z');
        const read = await call(t.origin, t.agent.accessToken, 'GET', `${V}/sobjects/Case/${id}`);
        const request = read.body as { Time_Overdue__c: number; Time_To_Completion__c: number };
        assert.equal(request.Time_To_Completion__c, 3.5);
        assert.equal(request.Time_Overdue__c, 1.5);
    });

    test('the Overdue Service Requests list view shows the time overdue', async () => {
        const id = await finalResolvedRequest();
        setStored(id, 'Expected_Completion__c', '2026-01-01T00:00:00.000Z');
        const views = await call(t.origin, t.agent.accessToken, 'GET', `${V}/sobjects/Case/listviews`);
        const view = (views.body as { listviews: { id: string; developerName: string }[] }).listviews.find(
            (v) => v.developerName === 'Overdue_Service_Requests'
        )!;
        const results = await call(
            t.origin,
            t.agent.accessToken,
            'GET',
            `${V}/sobjects/Case/listviews/${view.id}/results?limit=2000`
        );
        assert.equal(results.status, 200, JSON.stringify(results.body));
        const records = (
            results.body as { records: { columns: { fieldNameOrPath: string; value: string | null }[] }[] }
        ).records.map((r) => Object.fromEntries(r.columns.map((c) => [c.fieldNameOrPath, c.value])));
        const row = records.find((r) => r.Id === id);
        assert.ok(row, 'the overdue request is listed');
        assert.ok(Number(row.Time_Overdue__c) > 1, String(row.Time_Overdue__c));
    });
});

describe('requests pending acceptance per queue', () => {
    test("a Pending request a queue owns is in that queue's list view only, until someone owns it", async () => {
        const created = await call(t.origin, t.agent.accessToken, 'POST', `${V}/sobjects/Case`, {
            RecordTypeId: recordTypeId,
            Subject: 'Router down',
            Status: 'Pending',
            Type: 'Support',
            Impact__c: 'Medium',
            Urgency__c: 'Medium'
        });
        const id = (created.body as { id: string }).id;
        assert.ok(!(await listed('Back_Office_Pending_Service_Requests')).includes(id), 'the agent owns it');
        const [queue] = rows(t.org, "SELECT Id FROM \"Group\" WHERE DeveloperName = 'Back_Office' AND Type = 'Queue'");
        const routed = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/sobjects/Case/${id}`, {
            OwnerId: queue.Id
        });
        assert.equal(routed.status, 204, JSON.stringify(routed.body));
        assert.ok((await listed('Back_Office_Pending_Service_Requests')).includes(id));
        assert.ok(!(await listed('DACH_Pending_Service_Requests')).includes(id), 'another queue does not list it');
        const taken = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/sobjects/Case/${id}`, {
            OwnerId: t.agent.id
        });
        assert.equal(taken.status, 204, JSON.stringify(taken.body));
        assert.ok(!(await listed('Back_Office_Pending_Service_Requests')).includes(id), 'accepted: owned by a user');
    });
});
