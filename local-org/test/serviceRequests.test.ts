/**
 * Service requests (issue 22): the life cycle is configured in custom metadata records (force-app/main/default/
 * customMetadata) and enforced by the Service_Request_Lifecycle before-save flow and Case validation rules, the
 * same way on every write path (REST, GraphQL, Bulk API 2.0). The tables below are read from the org, so they
 * follow the shipped configuration.
 */
import assert from 'node:assert/strict';
import { Connection } from 'jsforce';
import { after, before, describe, test } from 'node:test';
import { deployPackage } from '../src/metadata/deploy.ts';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { assignPermissionSet, graphql, V } from './support/graphql.ts';
import { call, rows, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;
let recordTypeId: string;
let statuses: { status: string; state: string }[];
/** Allowed status changes, each with the custom permission it needs ('' for none). */
let transitions: Map<string, string>;
/** The custom permissions the agent's permission set grants. */
const AGENT_PERMISSIONS = ['Progress_Service_Requests'];

const pair = (from: string, to: string) => `${from} -> ${to}`;

async function query<T>(soql: string, token = t.agent.accessToken): Promise<T[]> {
    const result = await call(t.origin, token, 'GET', `${V}/query?q=${encodeURIComponent(soql)}`);
    assert.equal(result.status, 200, JSON.stringify(result.body));
    return (result.body as { records: T[] }).records;
}

async function createRequest(values: Record<string, unknown> = {}): Promise<string> {
    const created = await call(t.origin, t.agent.accessToken, 'POST', `${V}/sobjects/Case`, {
        RecordTypeId: recordTypeId,
        Subject: 'Printer offline',
        Status: 'Pending',
        Type: 'Support',
        Impact__c: 'Medium',
        Urgency__c: 'Medium',
        ...values
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return (created.body as { id: string }).id;
}

async function update(id: string, values: Record<string, unknown>, token = t.agent.accessToken) {
    return call(t.origin, token, 'PATCH', `${V}/sobjects/Case/${id}`, values);
}

function stored(id: string): Record<string, unknown> {
    return rows(t.org, 'SELECT * FROM "Case" WHERE Id = ?', id)[0];
}

/** The values a step to `status` needs besides the status itself (a reason to cancel). */
function stepValues(status: string): Record<string, unknown> {
    const state = statuses.find((s) => s.status === status)?.state;
    return state === 'Cancelled' ? { Status: status, Cancellation_Reason__c: 'Support_Withdrawn' } : { Status: status };
}

/** The shortest chain of allowed status changes from Pending to `status`. */
function pathTo(status: string): string[] {
    const queue: string[][] = [['Pending']];
    while (queue.length > 0) {
        const path = queue.shift()!;
        const last = path[path.length - 1];
        if (last === status) return path.slice(1);
        for (const next of statuses.map((s) => s.status))
            if (transitions.has(pair(last, next)) && !path.includes(next)) queue.push([...path, next]);
    }
    throw new Error(`${status} cannot be reached from Pending in the configuration`);
}

async function requestAt(status: string): Promise<string> {
    const id = await createRequest();
    for (const step of pathTo(status)) {
        const moved = await update(id, stepValues(step));
        assert.equal(moved.status, 204, JSON.stringify(moved.body));
    }
    return id;
}

before(async () => {
    t = await startDeployedTestOrg();
    await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
    await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
    await assignPermissionSet(t, t.viewer.id, 'Caseline_Viewer');
    [{ Id: recordTypeId }] = rows(t.org, "SELECT Id FROM RecordType WHERE DeveloperName = 'Service_Request'") as {
        Id: string;
    }[];
    statuses = (
        await query<{ Status__c: string; Lifecycle_State__c: string }>(
            'SELECT Status__c, Lifecycle_State__c FROM Service_Request_Status__mdt ORDER BY DeveloperName'
        )
    ).map((r) => ({ status: r.Status__c, state: r.Lifecycle_State__c }));
    transitions = new Map(
        (
            await query<{ From_Status__c: string; To_Status__c: string; Custom_Permission__c: string | null }>(
                'SELECT From_Status__c, To_Status__c, Custom_Permission__c FROM Service_Request_Transition__mdt'
            )
        ).map((r) => [pair(r.From_Status__c, r.To_Status__c), r.Custom_Permission__c ?? ''])
    );
});
after(() => t.close());

describe('the configuration is custom metadata', () => {
    test('every user reads it with SOQL; no data API writes it', async () => {
        assert.equal(statuses.length, 6);
        assert.ok(transitions.has(pair('Pending', 'Responded')));
        const created = await call(
            t.origin,
            t.admin.accessToken,
            'POST',
            `${V}/sobjects/Service_Request_Transition__mdt`,
            {
                From_Status__c: 'Pending',
                To_Status__c: 'Completed'
            }
        );
        assert.equal(created.status, 400);
        assert.equal((created.body as { errorCode: string }[])[0].errorCode, 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY');
    });
});

type Api = 'REST' | 'GraphQL' | 'Bulk API 2.0';

/** One status change through each API; the error message when it fails. */
const change: Record<Api, (id: string, values: Record<string, unknown>) => Promise<string | null>> = {
    async REST(id, values) {
        const result = await update(id, values);
        return result.status === 204 ? null : (result.body as { message: string }[])[0].message;
    },
    async GraphQL(id, values) {
        const fields = Object.entries(values)
            .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
            .join(', ');
        const result = await graphql(
            t,
            t.agent.accessToken,
            `mutation { uiapi { CaseUpdate(input: { Id: "${id}", Case: { ${fields} } }) { Record { Id } } } }`
        );
        return result.errors.length === 0 ? null : result.errors[0].message;
    },
    async 'Bulk API 2.0'(id, values) {
        const connection = new Connection({ instanceUrl: t.origin, accessToken: t.agent.accessToken, version: '66.0' });
        const results = (await connection.bulk2.loadAndWaitForResults({
            object: 'Case',
            operation: 'update',
            input: [{ Id: id, ...values }],
            pollInterval: 50,
            pollTimeout: 60_000
        })) as unknown as { failedResults: { sf__Error: string }[] };
        return results.failedResults.length === 0 ? null : results.failedResults[0].sf__Error;
    }
};

/** Bulk API 2.0 reports a row's error as "CODE:message:fields --"; the other APIs give the message alone. */
const withoutBulkCode = (line: string) => line.replace(/FIELD_CUSTOM_VALIDATION_EXCEPTION:(.*):\w+ --$/, '$1');

for (const api of Object.keys(change) as Api[]) {
    test(`every from -> to status pair of the configuration through ${api}`, async () => {
        const outcomes: string[] = [];
        const expected: string[] = [];
        for (const from of statuses.map((s) => s.status)) {
            for (const to of statuses.map((s) => s.status)) {
                if (from === to) continue;
                const id = await requestAt(from);
                const error = await change[api](id, stepValues(to));
                const permission = transitions.get(pair(from, to));
                outcomes.push(`${pair(from, to)}: ${error ?? 'saved'}`);
                expected.push(
                    `${pair(from, to)}: ${
                        permission === undefined
                            ? `A service request cannot move from ${from} to ${to}.`
                            : permission === '' || AGENT_PERMISSIONS.includes(permission)
                              ? 'saved'
                              : `You do not have the permission to move a service request from ${from} to ${to}.`
                    }`
                );
                if (!error) {
                    assert.equal(stored(id).Status, to);
                    const offered = String(stored(id).Next_Steps__c ?? '');
                    const configured = [...transitions.keys()]
                        .filter((key) => key.startsWith(`${to} -> `))
                        .map((key) => key.slice(`${to} -> `.length));
                    assert.deepEqual(
                        offered
                            .split(';')
                            .filter(Boolean)
                            .map((step) => step.split(':')[0])
                            .sort(),
                        configured.sort(),
                        `the next steps after ${to}`
                    );
                } else assert.equal(stored(id).Status, from, 'a refused change leaves the request as it was');
            }
        }
        assert.deepEqual(outcomes.map(withoutBulkCode), expected);
    });
}

describe('rules of the life cycle', () => {
    test('a new request starts Pending', async () => {
        const created = await call(t.origin, t.agent.accessToken, 'POST', `${V}/sobjects/Case`, {
            RecordTypeId: recordTypeId,
            Subject: 'Skipping ahead',
            Status: 'Responded'
        });
        assert.equal(created.status, 400);
        assert.deepEqual(created.body, [
            {
                errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                message: 'A new service request starts in a Pending status.',
                fields: ['Status']
            }
        ]);
    });

    test('cancel needs a reason and is only possible from Pending', async () => {
        const pending = await requestAt('Pending');
        const noReason = await update(pending, { Status: 'Cancelled' });
        assert.equal(noReason.status, 400);
        assert.deepEqual(noReason.body, [
            {
                errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                message: 'Give a cancellation reason to cancel this request.',
                fields: ['Cancellation_Reason__c']
            }
        ]);
        const responded = await requestAt('Responded');
        const fromResponded = await update(responded, {
            Status: 'Cancelled',
            Cancellation_Reason__c: 'Support_Duplicate'
        });
        assert.equal(fromResponded.status, 400);
        assert.equal(
            (fromResponded.body as { message: string }[])[0].message,
            'A service request cannot move from Responded to Cancelled.'
        );
        assert.equal(
            (await update(pending, { Status: 'Cancelled', Cancellation_Reason__c: 'Support_Duplicate' })).status,
            204
        );
    });

    test('a Completed or Cancelled request cannot be changed, but can still be reviewed', async () => {
        for (const status of ['Completed', 'Cancelled']) {
            const id = await requestAt(status);
            const edit = await update(id, { Subject: 'Changed afterwards' });
            assert.equal(edit.status, 400, status);
            assert.equal(
                (edit.body as { message: string }[])[0].message,
                'This request is completed or cancelled and can no longer be changed.'
            );
            assert.equal(stored(id).Subject, 'Printer offline');
            const review = await update(id, {
                Last_Review_Comments__c: 'Handled well',
                Last_Reviewed_On__c: '2026-12-03T10:00:00.000Z'
            });
            assert.equal(review.status, 204, JSON.stringify(review.body));
        }
    });

    test('contact, account and type are fixed after creation', async () => {
        const accountId = (
            (await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, { Name: 'Acme' })).body as {
                id: string;
            }
        ).id;
        const contactId = (
            (await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Contact`, { LastName: 'Doe' })).body as {
                id: string;
            }
        ).id;
        const id = await createRequest();
        for (const values of [{ AccountId: accountId }, { ContactId: contactId }, { Type: 'Information' }]) {
            const result = await update(id, values);
            assert.equal(result.status, 400, JSON.stringify(values));
            assert.equal(
                (result.body as { message: string }[])[0].message,
                'The contact, account and type of a service request cannot be changed after it is created.'
            );
        }
    });

    test('completing is refused while an activity of the request is open', async () => {
        const id = await requestAt('Final Resolved');
        const task = await call(t.origin, t.agent.accessToken, 'POST', `${V}/sobjects/Task`, {
            Subject: 'Call back the customer',
            WhatId: id,
            Status: 'Not Started'
        });
        assert.equal(task.status, 201, JSON.stringify(task.body));
        const refused = await update(id, { Status: 'Completed' });
        assert.equal(refused.status, 400);
        assert.equal(
            (refused.body as { message: string }[])[0].message,
            'Complete, cancel or delete the open activities of this request before completing it.'
        );
        const taskId = (task.body as { id: string }).id;
        assert.equal(
            (
                await call(t.origin, t.agent.accessToken, 'PATCH', `${V}/sobjects/Task/${taskId}`, {
                    Status: 'Completed'
                })
            ).status,
            204
        );
        assert.equal((await update(id, { Status: 'Completed' })).status, 204);
        assert.ok(stored(id).Actual_Completion__c, 'the completion time is set');
    });

    test("only users with the transition's custom permission make it", async () => {
        assert.equal(transitions.get(pair('Final Resolved', 'Responded')), 'Reopen_Service_Requests');
        const id = await requestAt('Final Resolved');
        const byAgent = await update(id, { Status: 'Responded' });
        assert.equal(byAgent.status, 400);
        assert.equal(
            (byAgent.body as { message: string }[])[0].message,
            'You do not have the permission to move a service request from Final Resolved to Responded.'
        );
        assert.equal((await update(id, { Status: 'Responded' }, t.admin.accessToken)).status, 204);
    });

    test('the viewer writes nothing', async () => {
        const id = await requestAt('Pending');
        const result = await update(id, { Status: 'Responded' }, t.viewer.accessToken);
        assert.notEqual(result.status, 204);
        assert.equal(stored(id).Status, 'Pending');
    });
});

describe('a request in a queue is accepted by a user before it progresses', () => {
    const WAITING = 'This request is waiting in a queue: take it first, then change its status.';

    test('no status change while a queue owns it; Take keeps Pending, then the steps work', async () => {
        const [{ Id: backOffice }] = rows(t.org, 'SELECT Id FROM "Group" WHERE DeveloperName = \'Back_Office\'') as {
            Id: string;
        }[];
        const joined = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/GroupMember`, {
            GroupId: backOffice,
            UserOrGroupId: t.agent.id
        });
        assert.equal(joined.status, 201, JSON.stringify(joined.body));
        const id = await createRequest({ OwnerId: backOffice });
        for (const step of [stepValues('Responded'), stepValues('Cancelled')]) {
            const refused = await update(id, { ...step, Response__c: 'On it' });
            assert.equal(refused.status, 400, JSON.stringify(step));
            assert.equal((refused.body as { message: string }[])[0].message, WAITING);
        }
        assert.deepEqual([stored(id).OwnerId, stored(id).Status], [backOffice, 'Pending']);

        // Take on a service request changes the owner only: Working is no status of the Service Request Process.
        assert.equal((await update(id, { OwnerId: t.agent.id })).status, 204);
        assert.deepEqual([stored(id).OwnerId, stored(id).Status], [t.agent.id, 'Pending']);
        assert.equal((await update(id, { Status: 'Responded', Response__c: 'On it' })).status, 204);

        // Sent back to a department, it waits there again until someone takes it.
        assert.equal((await update(id, { OwnerId: backOffice })).status, 204);
        const waiting = await update(id, { Status: 'Final Resolved' });
        assert.equal((waiting.body as { message: string }[])[0].message, WAITING);
        assert.equal(stored(id).Status, 'Responded');
    });
});

/** The Ids a Case list view lists for the user of `token`. */
async function listViewIds(developerName: string, token = t.agent.accessToken): Promise<(string | undefined)[]> {
    const views = await call(t.origin, token, 'GET', `${V}/sobjects/Case/listviews`);
    const view = (views.body as { listviews: { id: string; developerName: string }[] }).listviews.find(
        (v) => v.developerName === developerName
    );
    assert.ok(view, `the list view ${developerName} is deployed`);
    const results = await call(t.origin, token, 'GET', `${V}/sobjects/Case/listviews/${view.id}/results?limit=2000`);
    assert.equal(results.status, 200, JSON.stringify(results.body));
    return (results.body as { records: { columns: { fieldNameOrPath: string; value: string }[] }[] }).records.map(
        (record) => record.columns.find((c) => c.fieldNameOrPath === 'Id')?.value
    );
}

describe('list views of service requests', () => {
    test("My_Open_Service_Requests lists the user's requests that are not Completed or Cancelled", async () => {
        const open = await requestAt('Responded');
        const done = await requestAt('Completed');
        const byAdmin = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Case`, {
            RecordTypeId: recordTypeId,
            Subject: 'Owned by the admin',
            Status: 'Pending',
            Type: 'Support'
        });
        assert.equal(byAdmin.status, 201, JSON.stringify(byAdmin.body));
        const other = (byAdmin.body as { id: string }).id;
        const listed = await listViewIds('My_Open_Service_Requests');
        assert.ok(listed.includes(open), JSON.stringify(listed));
        assert.ok(!listed.includes(done), 'a completed request is not open');
        assert.ok(!listed.includes(other), "another owner's case is not mine");
    });

    test('Overdue_Service_Requests lists the open requests due before today, not the done or not yet due ones', async () => {
        const overdue = await requestAt('Responded');
        const doneLate = await requestAt('Cancelled');
        const onTime = await requestAt('Pending');
        for (const id of [overdue, doneLate]) {
            // Due ten days ago: the org computes the date from now, so the test moves it back in the database.
            const due = String(stored(id).Expected_Completion__c);
            const earlier = new Date(Date.parse(due.replace(/\+0000$/, 'Z')) - 10 * 86_400_000).toISOString();
            t.org.db
                .prepare('UPDATE "Case" SET Expected_Completion__c = ? WHERE Id = ?')
                .run(due.endsWith('+0000') ? earlier.replace('Z', '+0000') : earlier, id);
        }
        const listed = await listViewIds('Overdue_Service_Requests');
        assert.ok(listed.includes(overdue), JSON.stringify(listed));
        assert.ok(!listed.includes(doneLate), 'a cancelled request is not overdue');
        assert.ok(!listed.includes(onTime), 'a request due later is not overdue');
    });
});

describe('computed by the org', () => {
    test('every impact x urgency combination gives the configured priority', async () => {
        const matrix = await query<{ Impact__c: string; Urgency__c: string; Priority__c: string }>(
            'SELECT Impact__c, Urgency__c, Priority__c FROM Service_Request_Priority__mdt'
        );
        assert.equal(matrix.length, 9);
        for (const cell of matrix) {
            const id = await createRequest({ Impact__c: cell.Impact__c, Urgency__c: cell.Urgency__c, Priority: 'Low' });
            assert.equal(stored(id).Priority, cell.Priority__c, `${cell.Impact__c} x ${cell.Urgency__c}`);
        }
    });

    test('expected completion is start + the type duration, recomputed on Respond when the type says so', async () => {
        const types = await query<{
            Case_Type__c: string;
            Duration_Days__c: number;
            Recalculate_On_Respond__c: boolean;
        }>('SELECT Case_Type__c, Duration_Days__c, Recalculate_On_Respond__c FROM Service_Request_Type__mdt');
        assert.ok(
            types.some((type) => type.Recalculate_On_Respond__c) &&
                types.some((type) => !type.Recalculate_On_Respond__c)
        );
        const day = 24 * 60 * 60 * 1000;
        for (const type of types) {
            const id = await createRequest({ Type: type.Case_Type__c });
            const created = stored(id);
            const start = Date.parse(String(created.Start_Date__c));
            assert.equal(
                Date.parse(String(created.Expected_Completion__c)) - start,
                type.Duration_Days__c * day,
                type.Case_Type__c
            );
            await new Promise((resolve) => setTimeout(resolve, 20));
            assert.equal((await update(id, { Status: 'Responded', Response__c: 'Looking into it' })).status, 204);
            const expected = Date.parse(String(stored(id).Expected_Completion__c));
            if (type.Recalculate_On_Respond__c)
                assert.ok(expected - start > type.Duration_Days__c * day, type.Case_Type__c);
            else assert.equal(expected - start, type.Duration_Days__c * day, type.Case_Type__c);
        }
    });

    test('changing a configuration record changes the behaviour without deploying the project', async () => {
        const before = await createRequest({ Impact__c: 'High', Urgency__c: 'High' });
        assert.equal(stored(before).Priority, 'High');
        // What Setup's "Edit" on one custom metadata record does: that record alone is saved through the Metadata API.
        const record = `<?xml version="1.0" encoding="UTF-8"?>
<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
    <label>High impact, High urgency</label>
    <protected>false</protected>
    <values><field>Impact__c</field><value xsi:type="xsd:string">High</value></values>
    <values><field>Urgency__c</field><value xsi:type="xsd:string">High</value></values>
    <values><field>Priority__c</field><value xsi:type="xsd:string">Medium</value></values>
</CustomMetadata>`;
        const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>Service_Request_Priority.High_Impact_High_Urgency</members><name>CustomMetadata</name></types><version>66.0</version></Package>`;
        const outcome = await deployPackage(
            t.org,
            t.admin.id,
            new Map([
                ['package.xml', Buffer.from(manifest)],
                ['customMetadata/Service_Request_Priority.High_Impact_High_Urgency.md', Buffer.from(record)]
            ]),
            { checkOnly: false, rollbackOnError: true }
        );
        assert.ok(outcome.success, JSON.stringify(outcome.failures));
        const after = await createRequest({ Impact__c: 'High', Urgency__c: 'High' });
        assert.equal(stored(after).Priority, 'Medium');
    });
});

describe('categories and cancellation reasons (Service Request Category and Cancellation Reason records)', () => {
    const HELD = (label: string) =>
        `The category ${label} requires the customer's acceptance: record it before moving this request on.`;
    const ACCEPTED = { Customer_Accepted_On__c: '2026-12-03T10:00:00.000Z' };

    /** A Support request at `status`, given `values` on the way (a category for the step it is at). */
    async function supportAt(status: string, values: Record<string, unknown> = {}): Promise<string> {
        const id = await requestAt(status);
        if (Object.keys(values).length > 0) {
            const set = await update(id, values);
            assert.equal(set.status, 204, JSON.stringify(set.body));
        }
        return id;
    }

    type Row = { name: string; at: () => Promise<string>; values: Record<string, unknown>; expected: string | null };
    const rows: Row[] = [
        {
            name: 'Respond with a response category of the type',
            at: () => supportAt('Pending'),
            values: { Status: 'Responded', Response_Category__c: 'Support_Acknowledged' },
            expected: null
        },
        {
            name: "Respond with another type's category",
            at: () => supportAt('Pending'),
            values: { Status: 'Responded', Response_Category__c: 'Info_Answered_Directly' },
            expected:
                'Info_Answered_Directly is not a response category of Support requests. Choose one of the categories configured for this type.'
        },
        {
            name: "Respond with the type's category of another step",
            at: () => supportAt('Pending'),
            values: { Status: 'Responded', Response_Category__c: 'Support_Fixed' },
            expected:
                'Support_Fixed is not a response category of Support requests. Choose one of the categories configured for this type.'
        },
        {
            name: 'Final Resolve with a child category that requires acceptance',
            at: () => supportAt('Responded'),
            values: { Status: 'Final Resolved', Final_Resolution_Category__c: 'Support_Fixed_On_Site' },
            expected: null
        },
        {
            name: 'Temporary Resolve with a final resolution category',
            at: () => supportAt('Responded'),
            values: { Status: 'Temporary Resolved', Temporary_Resolution_Category__c: 'Support_Fixed' },
            expected:
                'Support_Fixed is not a temporary resolution category of Support requests. Choose one of the categories configured for this type.'
        },
        {
            name: 'Complete while the final category awaits acceptance',
            at: () => supportAt('Final Resolved', { Final_Resolution_Category__c: 'Support_Fixed_On_Site' }),
            values: { Status: 'Completed' },
            expected: HELD('On site')
        },
        {
            name: 'Final Resolve while the temporary category awaits acceptance',
            at: () =>
                supportAt('Temporary Resolved', { Temporary_Resolution_Category__c: 'Support_Workaround_Config' }),
            values: { Status: 'Final Resolved' },
            expected: HELD('Configuration change')
        },
        {
            name: 'Complete once the customer accepted',
            at: () =>
                supportAt('Final Resolved', { Final_Resolution_Category__c: 'Support_Fixed_On_Site', ...ACCEPTED }),
            values: { Status: 'Completed' },
            expected: null
        },
        {
            name: 'Complete after a category that needs no acceptance',
            at: () => supportAt('Final Resolved', { Final_Resolution_Category__c: 'Support_Fixed_Remotely' }),
            values: { Status: 'Completed' },
            expected: null
        },
        {
            name: 'Cancel with a reason of the type',
            at: () => supportAt('Pending'),
            values: { Status: 'Cancelled', Cancellation_Reason__c: 'Support_Duplicate' },
            expected: null
        },
        {
            name: "Cancel with another type's reason",
            at: () => supportAt('Pending'),
            values: { Status: 'Cancelled', Cancellation_Reason__c: 'Change_Out_Of_Scope' },
            expected:
                'Change_Out_Of_Scope is not a cancellation reason of Support requests. Choose one of the reasons configured for this type.'
        },
        {
            name: 'Cancel with a reason that is not configured',
            at: () => supportAt('Pending'),
            values: { Status: 'Cancelled', Cancellation_Reason__c: 'Customer withdrew' },
            expected:
                'Customer withdrew is not a cancellation reason of Support requests. Choose one of the reasons configured for this type.'
        }
    ];

    for (const api of Object.keys(change) as Api[]) {
        test(`categories valid for the type and step, the acceptance hold and the reasons per type through ${api}`, async () => {
            const outcomes: string[] = [];
            for (const row of rows) {
                const id = await row.at();
                const before = stored(id);
                const error = await change[api](id, row.values);
                outcomes.push(`${row.name}: ${error === null ? 'saved' : withoutBulkCode(error)}`);
                if (error === null) assert.equal(stored(id).Status, row.values.Status, row.name);
                else assert.deepEqual(stored(id), before, `${row.name}: a refused change writes nothing`);
            }
            assert.deepEqual(
                outcomes,
                rows.map((row) => `${row.name}: ${row.expected ?? 'saved'}`)
            );
        });
    }

    test('the org keeps Awaiting Acceptance and clears an acceptance when the status moves on', async () => {
        const id = await supportAt('Responded');
        assert.equal(stored(id).Awaiting_Acceptance__c, 0);
        const temporary = await update(id, {
            Status: 'Temporary Resolved',
            Temporary_Resolution_Category__c: 'Support_Workaround_Config'
        });
        assert.equal(temporary.status, 204, JSON.stringify(temporary.body));
        assert.equal(stored(id).Awaiting_Acceptance__c, 1, 'the category requires acceptance');
        assert.equal((await update(id, ACCEPTED)).status, 204);
        assert.equal(stored(id).Awaiting_Acceptance__c, 0, 'accepted');
        const final = await update(id, {
            Status: 'Final Resolved',
            Final_Resolution_Category__c: 'Support_Fixed_On_Site'
        });
        assert.equal(final.status, 204, JSON.stringify(final.body));
        assert.equal(stored(id).Customer_Accepted_On__c, null, 'the acceptance was for the temporary resolution');
        assert.equal(stored(id).Awaiting_Acceptance__c, 1, 'the final resolution waits for its own acceptance');
    });

    test('a held request can still be reopened (moving back is no moving on)', async () => {
        const id = await supportAt('Final Resolved', { Final_Resolution_Category__c: 'Support_Fixed_On_Site' });
        assert.equal(stored(id).Awaiting_Acceptance__c, 1);
        const reopened = await update(id, { Status: 'Responded' }, t.admin.accessToken);
        assert.equal(reopened.status, 204, JSON.stringify(reopened.body));
        assert.equal(stored(id).Awaiting_Acceptance__c, 0);
    });

    test("Step Choices lists the type's categories and reasons, with their parents and acceptance", async () => {
        const id = await createRequest({ Type: 'Product Problem' });
        const categories = await query<{
            DeveloperName: string;
            MasterLabel: string;
            Step__c: string;
            Parent__c: string | null;
            Requires_Acceptance__c: boolean;
        }>(
            "SELECT DeveloperName, MasterLabel, Step__c, Parent__c, Requires_Acceptance__c FROM Service_Request_Category__mdt WHERE Request_Type__c = 'Product Problem'"
        );
        const reasons = await query<{ DeveloperName: string; MasterLabel: string }>(
            "SELECT DeveloperName, MasterLabel FROM Service_Request_Cancellation_Reason__mdt WHERE Request_Type__c = 'Product Problem'"
        );
        assert.ok(categories.some((c) => c.Parent__c) && categories.some((c) => c.Requires_Acceptance__c));
        const expected = [
            ...categories.map(
                (c) =>
                    `${c.Step__c}:${c.DeveloperName}:${c.Parent__c ?? ''}:${c.Requires_Acceptance__c}:${c.MasterLabel}`
            ),
            ...reasons.map((r) => `Cancellation:${r.DeveloperName}::false:${r.MasterLabel}`)
        ];
        const offered = String(stored(id).Step_Choices__c).split(';').filter(Boolean);
        assert.deepEqual(offered.sort(), expected.sort());
    });

    test('changing a category or reason record changes the behaviour without deploying the project', async () => {
        const save = async (fullName: string, xml: string) => {
            const [type] = fullName.split('.');
            const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>${fullName}</members><name>CustomMetadata</name></types><version>66.0</version></Package>`;
            const outcome = await deployPackage(
                t.org,
                t.admin.id,
                new Map([
                    ['package.xml', Buffer.from(manifest)],
                    [
                        `customMetadata/${fullName}.md`,
                        Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">${xml}</CustomMetadata>`)
                    ]
                ]),
                { checkOnly: false, rollbackOnError: true }
            );
            assert.ok(outcome.success, `${type}: ${JSON.stringify(outcome.failures)}`);
        };
        const value = (field: string, v: string, type = 'string') =>
            `<values><field>${field}</field><value xsi:type="xsd:${type}">${v}</value></values>`;
        const acknowledged = (requires: boolean) =>
            save(
                'Service_Request_Category.Support_Acknowledged',
                `<label>Acknowledged</label><protected>false</protected>${value('Request_Type__c', 'Support')}${value('Step__c', 'Response')}${value('Requires_Acceptance__c', String(requires), 'boolean')}`
            );

        const before = await supportAt('Responded', { Response_Category__c: 'Support_Acknowledged' });
        assert.equal((await update(before, { Status: 'Final Resolved' })).status, 204);

        await acknowledged(true);
        try {
            const after = await supportAt('Responded', { Response_Category__c: 'Support_Acknowledged' });
            const held = await update(after, { Status: 'Final Resolved' });
            assert.equal((held.body as { message: string }[])[0].message, HELD('Acknowledged'));
        } finally {
            await acknowledged(false);
        }

        const refused = await update(await supportAt('Pending'), {
            Status: 'Cancelled',
            Cancellation_Reason__c: 'Support_Budget_Cut'
        });
        assert.equal(refused.status, 400);
        await save(
            'Service_Request_Cancellation_Reason.Support_Budget_Cut',
            `<label>Budget cut: project; stopped 100%</label><protected>false</protected>${value('Request_Type__c', 'Support')}`
        );
        const pending = await supportAt('Pending');
        assert.ok(
            String(stored(pending).Step_Choices__c).includes(
                'Cancellation:Support_Budget_Cut::false:Budget cut%3A project%3B stopped 100%25;'
            ),
            'a label keeps its colons, semicolons and percent signs, encoded'
        );
        const accepted = await update(pending, { Status: 'Cancelled', Cancellation_Reason__c: 'Support_Budget_Cut' });
        assert.equal(accepted.status, 204, JSON.stringify(accepted.body));
    });
});
