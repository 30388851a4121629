/**
 * Screen flows (issue 24): the subset deploys and anything else is refused by name; an interview runs over
 * local-org's own endpoint as the caller: start → screen with resolved inputs, outputs checked against the screen,
 * the writes after a screen in one transaction, a fault → Roll Back Records → an error screen, an unhandled fault
 * ending the interview with everything rolled back, permissions applied. Flow quick actions need a screen flow.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { deployPackage } from '../src/metadata/deploy.ts';
import { MAX_INTERVIEWS_PER_USER } from '../src/rest/flowInterviews.ts';
import { call, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v66.0';
const FIXTURES = join(import.meta.dirname, 'fixtures', 'screenFlows');
const INTERVIEWS = `${V}/local-org/flow-interviews`;
let t: TestOrg;
let accountId: string;
let caseId: string;
const contacts: string[] = [];

function fixtureFiles(): Map<string, Buffer> {
    const files = new Map<string, Buffer>([['package.xml', Buffer.from('<Package/>')]]);
    for (const name of readdirSync(join(FIXTURES, 'lwc', 'flowProbe')))
        files.set(`lwc/flowProbe/${name}`, readFileSync(join(FIXTURES, 'lwc', 'flowProbe', name)));
    files.set('labels/CustomLabels.labels', readFileSync(join(FIXTURES, 'labels.xml')));
    files.set('flows/Test_Relate.flow', readFileSync(join(FIXTURES, 'flows', 'Test_Relate.flow')));
    return files;
}

async function deploy(files: Record<string, string>): Promise<string[]> {
    const outcome = await deployPackage(
        t.org,
        t.admin.id,
        new Map([
            ['package.xml', Buffer.from('<Package/>')],
            ...Object.entries(files).map(([k, v]) => [k, Buffer.from(v)] as [string, Buffer])
        ]),
        { checkOnly: false, rollbackOnError: true }
    );
    return outcome.failures.map((f) => f.problem ?? '');
}

async function create(object: string, body: Record<string, unknown>): Promise<string> {
    const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/${object}`, body);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return (response.body as { id: string }).id;
}

async function soql(query: string): Promise<Record<string, unknown>[]> {
    const response = await call(t.origin, t.admin.accessToken, 'GET', `${V}/query?q=${encodeURIComponent(query)}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return (response.body as { records: Record<string, unknown>[] }).records.map(({ attributes: _a, ...r }) => r);
}

interface InterviewAnswer {
    interviewId: string;
    status: string;
    screen?: {
        name: string;
        availableActions: string[];
        fields: {
            name: string;
            fieldType: string;
            inputs?: Record<string, unknown>;
            outputs?: string[];
            text?: string;
        }[];
    };
    outputVariables?: { name: string; value: unknown }[];
    error?: { message: string; errorCode: string; detail: string };
}

async function start(token: string, flowApiName: string, inputs: Record<string, unknown>) {
    return call(t.origin, token, 'POST', INTERVIEWS, { flowApiName, inputs });
}

async function startOk(token: string, flowApiName: string, inputs: Record<string, unknown>): Promise<InterviewAnswer> {
    const response = await start(token, flowApiName, inputs);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body as InterviewAnswer;
}

async function navigate(token: string, id: string, body: Record<string, unknown>) {
    return call(t.origin, token, 'POST', `${INTERVIEWS}/${id}`, body);
}

async function newTask(subject: string): Promise<string> {
    return create('Task', { Subject: subject, Status: 'Not Started', Priority: 'Normal' });
}

async function relations(taskId: string): Promise<string[]> {
    const rows = await soql(
        `SELECT RelationId FROM TaskRelation WHERE TaskId = '${taskId}' AND IsWhat = false ORDER BY CreatedDate, Id`
    );
    return rows.map((r) => String(r.RelationId));
}

before(async () => {
    t = await startTestOrg();
    const outcome = await deployPackage(t.org, t.admin.id, fixtureFiles(), { checkOnly: false, rollbackOnError: true });
    assert.deepEqual(outcome.failures, []);
    accountId = await create('Account', { Name: 'Installer Ltd' });
    caseId = await create('Case', { Subject: 'Inverter fault', AccountId: accountId });
    for (const name of ['Installer', 'Homeowner', 'Signer'])
        contacts.push(await create('Contact', { LastName: name, AccountId: accountId }));
});
after(async () => {
    await t?.close();
});

describe('an interview of a screen flow', () => {
    test('starts at the first screen with its inputs resolved, and relates the task in one transaction', async () => {
        const taskId = await newTask('Chat from an unknown visitor');
        const started = await startOk(t.agent.accessToken, 'Test_Relate', { recordId: taskId });
        assert.equal(started.status, 'STARTED');
        assert.match(started.interviewId, /^0Fo/);
        assert.deepEqual(started.screen, {
            name: 'Relate_Screen',
            label: 'Relate',
            showHeader: false,
            showFooter: false,
            availableActions: ['NEXT'],
            fields: [
                {
                    name: 'Relate_Component',
                    fieldType: 'ComponentInstance',
                    extensionName: 'c:flowProbe',
                    inputs: { recordId: taskId, subject: 'Chat from an unknown visitor' },
                    outputs: ['contactId', 'relatedToId', 'otherContactIds']
                }
            ]
        });
        const done = await navigate(t.agent.accessToken, started.interviewId, {
            action: 'NEXT',
            outputs: {
                Relate_Component: {
                    contactId: contacts[0],
                    relatedToId: caseId,
                    otherContactIds: [contacts[1], contacts[2]]
                }
            }
        });
        assert.equal(done.status, 200, JSON.stringify(done.body));
        const finished = done.body as InterviewAnswer;
        assert.equal(finished.status, 'FINISHED');
        assert.deepEqual(finished.outputVariables, [
            { name: 'contactId', dataType: 'String', isCollection: false, objectType: null, value: contacts[0] }
        ]);
        const [task] = await soql(`SELECT WhoId, WhatId, WhoCount FROM Task WHERE Id = '${taskId}'`);
        assert.deepEqual(task, { WhoId: contacts[0], WhatId: caseId, WhoCount: 3 });
        assert.deepEqual(await relations(taskId), contacts);
        // A finished interview is gone.
        const again = await navigate(t.agent.accessToken, started.interviewId, { action: 'NEXT', outputs: {} });
        assert.equal(again.status, 404);
    });

    test('a fault takes the fault path: Roll Back Records undoes the task update, the error screen says why', async () => {
        const taskId = await newTask('Call from a homeowner');
        const started = await startOk(t.agent.accessToken, 'Test_Relate', { recordId: taskId });
        // An account is no contact: the TaskRelation insert fails after the task was updated.
        const response = await navigate(t.agent.accessToken, started.interviewId, {
            action: 'NEXT',
            outputs: { Relate_Component: { contactId: contacts[0], relatedToId: caseId, otherContactIds: [accountId] } }
        });
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const answer = response.body as InterviewAnswer;
        assert.equal(answer.status, 'STARTED');
        assert.equal(answer.screen!.name, 'Error_Screen');
        assert.deepEqual(answer.screen!.availableActions, ['FINISH']);
        const [text] = answer.screen!.fields;
        assert.equal(text.fieldType, 'DisplayText');
        assert.match(
            text.text!,
            /^<p>The task was not related\. This error occurred when the flow tried to create records: [A-Z_]+: .+<\/p>$/
        );
        const [task] = await soql(`SELECT WhoId, WhatId FROM Task WHERE Id = '${taskId}'`);
        assert.deepEqual(task, { WhoId: null, WhatId: null });
        assert.deepEqual(await relations(taskId), []);
        const finish = await navigate(t.agent.accessToken, answer.interviewId, { action: 'FINISH' });
        assert.equal((finish.body as InterviewAnswer).status, 'FINISHED');
    });

    test("the running user's permissions apply to the flow's writes", async () => {
        const taskId = await newTask('Email from an installer');
        const started = await startOk(t.viewer.accessToken, 'Test_Relate', { recordId: taskId });
        const response = await navigate(t.viewer.accessToken, started.interviewId, {
            action: 'NEXT',
            outputs: { Relate_Component: { contactId: contacts[0], relatedToId: null, otherContactIds: [] } }
        });
        const answer = response.body as InterviewAnswer;
        assert.equal(answer.screen?.name, 'Error_Screen', JSON.stringify(answer));
        assert.match(answer.screen!.fields[0].text!, /tried to update records: CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY/);
        const [task] = await soql(`SELECT WhoId FROM Task WHERE Id = '${taskId}'`);
        assert.equal(task.WhoId, null);
    });

    test('outputs are checked against the screen and the variables they go to; nothing runs on a bad one', async () => {
        const taskId = await newTask('Chat');
        const { interviewId } = await startOk(t.agent.accessToken, 'Test_Relate', { recordId: taskId });
        const cases: [Record<string, unknown>, RegExp][] = [
            [
                { Relate_Component: { accountId: accountId } },
                /The screen component Relate_Component has no output accountId/
            ],
            [{ Other: { contactId: contacts[0] } }, /The screen Relate_Screen has no component Other/],
            [
                { Relate_Component: { otherContactIds: contacts[0] } },
                /The output Relate_Component\.otherContactIds must be a list/
            ],
            [{ Relate_Component: { contactId: 42 } }, /The output Relate_Component\.contactId must be a text value/],
            [{ Relate_Component: { otherContactIds: [1] } }, /otherContactIds\[0\] must be a text value/]
        ];
        for (const [outputs, message] of cases) {
            const response = await navigate(t.agent.accessToken, interviewId, { action: 'NEXT', outputs });
            assert.equal(response.status, 400, JSON.stringify(response.body));
            const [error] = response.body as { errorCode: string; message: string }[];
            assert.equal(error.errorCode, 'INVALID_INPUT');
            assert.match(error.message, message);
        }
        const back = await navigate(t.agent.accessToken, interviewId, { action: 'BACK' });
        assert.match(
            (back.body as { message: string }[])[0].message,
            /BACK is not available on the screen Relate_Screen \(available: NEXT\)/
        );
        const [task] = await soql(`SELECT WhoId FROM Task WHERE Id = '${taskId}'`);
        assert.equal(task.WhoId, null);
        // The interview is still where it was.
        const ok = await navigate(t.agent.accessToken, interviewId, {
            action: 'NEXT',
            outputs: { Relate_Component: { contactId: contacts[1], relatedToId: accountId, otherContactIds: [] } }
        });
        assert.equal((ok.body as InterviewAnswer).status, 'FINISHED');
    });

    test('a quick action passes the record Id to the recordId input variable when the flow has one', async () => {
        const taskId = await newTask('Call');
        const response = await call(t.origin, t.agent.accessToken, 'POST', INTERVIEWS, {
            flowApiName: 'Test_Relate',
            recordId: taskId
        });
        const answer = response.body as InterviewAnswer;
        assert.equal(answer.screen?.fields[0].inputs?.recordId, taskId, JSON.stringify(answer));
    });

    test('inputs must be input variables of the right type; the flow must exist and be a screen flow', async () => {
        const refusals: [string, Record<string, unknown>, number, RegExp][] = [
            ['Test_Relate', { contactId: contacts[0] }, 400, /The flow Test_Relate has no input variable contactId/],
            ['Test_Relate', { recordId: 7 }, 400, /The input recordId must be a text value/],
            ['No_Such_Flow', {}, 404, /The flow No_Such_Flow does not exist/]
        ];
        for (const [flow, inputs, status, message] of refusals) {
            const response = await start(t.agent.accessToken, flow, inputs);
            assert.equal(response.status, status, JSON.stringify(response.body));
            assert.match((response.body as { message: string }[])[0].message, message);
        }
    });

    test("an interview is its user's alone, and each user keeps at most a bounded number", async () => {
        const taskId = await newTask('Chat');
        const first = await startOk(t.agent.accessToken, 'Test_Relate', { recordId: taskId });
        const other = await navigate(t.admin.accessToken, first.interviewId, { action: 'NEXT', outputs: {} });
        assert.equal(other.status, 404);
        for (let i = 0; i < MAX_INTERVIEWS_PER_USER; i++)
            await startOk(t.agent.accessToken, 'Test_Relate', { recordId: taskId });
        const released = await navigate(t.agent.accessToken, first.interviewId, { action: 'NEXT', outputs: {} });
        assert.equal(released.status, 404, 'the oldest interview was released');
        const discarded = await startOk(t.agent.accessToken, 'Test_Relate', { recordId: taskId });
        assert.equal(
            (await call(t.origin, t.agent.accessToken, 'DELETE', `${INTERVIEWS}/${discarded.interviewId}`)).status,
            204
        );
        assert.equal((await navigate(t.agent.accessToken, discarded.interviewId, { action: 'NEXT' })).status, 404);
        assert.equal((await call(t.origin, undefined, 'POST', INTERVIEWS, { flowApiName: 'Test_Relate' })).status, 401);
    });

    test('Update Records of the record a Get Records stored; a flow without screens finishes at start', async () => {
        const flow = `<?xml version="1.0" encoding="UTF-8"?><Flow xmlns="http://soap.sforce.com/2006/04/metadata">
            <apiVersion>66.0</apiVersion><label>Stamp Task</label><processType>Flow</processType><status>Active</status>
            <start><connector><targetReference>Get_Task</targetReference></connector></start>
            <variables><name>recordId</name><dataType>String</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>false</isOutput></variables>
            <recordLookups><name>Get_Task</name><object>Task</object><getFirstRecordOnly>true</getFirstRecordOnly><storeOutputAutomatically>true</storeOutputAutomatically>
                <queriedFields>Id</queriedFields>
                <filters><field>Id</field><operator>EqualTo</operator><value><elementReference>recordId</elementReference></value></filters>
                <connector><targetReference>Stamp</targetReference></connector></recordLookups>
            <recordUpdates><name>Stamp</name><inputReference>Get_Task</inputReference>
                <inputAssignments><field>Description</field><value><stringValue>stamped</stringValue></value></inputAssignments></recordUpdates></Flow>`;
        assert.deepEqual(await deploy({ 'flows/Stamp_Task.flow': flow }), []);
        const taskId = await newTask('Stamp me');
        const answer = await startOk(t.agent.accessToken, 'Stamp_Task', { recordId: taskId });
        assert.equal(answer.status, 'FINISHED');
        assert.deepEqual(await soql(`SELECT Description FROM Task WHERE Id = '${taskId}'`), [
            { Description: 'stamped' }
        ]);
    });

    test('an unhandled fault ends the interview and rolls its transaction back', async () => {
        const flow = `<?xml version="1.0" encoding="UTF-8"?><Flow xmlns="http://soap.sforce.com/2006/04/metadata">
            <apiVersion>66.0</apiVersion><label>Unhandled</label><processType>Flow</processType><status>Active</status>
            <start><connector><targetReference>Create_Account</targetReference></connector></start>
            <variables><name>parentId</name><dataType>String</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>false</isOutput></variables>
            <recordCreates><name>Create_Account</name><object>Account</object>
                <inputAssignments><field>Name</field><value><stringValue>Unhandled Fault Ltd</stringValue></value></inputAssignments>
                <connector><targetReference>Create_Contact</targetReference></connector></recordCreates>
            <recordCreates><name>Create_Contact</name><object>Contact</object>
                <inputAssignments><field>LastName</field><value><stringValue>Orphan</stringValue></value></inputAssignments>
                <inputAssignments><field>AccountId</field><value><elementReference>parentId</elementReference></value></inputAssignments>
            </recordCreates></Flow>`;
        assert.deepEqual(await deploy({ 'flows/Unhandled.flow': flow }), []);
        const response = await start(t.agent.accessToken, 'Unhandled', { parentId: caseId });
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const answer = response.body as InterviewAnswer;
        assert.equal(answer.status, 'ERROR');
        assert.match(answer.error!.message, /^An unhandled fault has occurred in this flow/);
        assert.equal(answer.error!.errorCode, 'FIELD_INTEGRITY_EXCEPTION');
        assert.deepEqual(await soql("SELECT Id FROM Account WHERE Name = 'Unhandled Fault Ltd'"), []);
        assert.equal((await navigate(t.agent.accessToken, answer.interviewId, { action: 'NEXT' })).status, 404);
    });
});

describe('deploying screen flows', () => {
    const screenFlow = (
        body: string
    ) => `<?xml version="1.0" encoding="UTF-8"?><Flow xmlns="http://soap.sforce.com/2006/04/metadata">
        <apiVersion>66.0</apiVersion><label>Refused</label><processType>Flow</processType><status>Active</status>
        <start><connector><targetReference>Only_Screen</targetReference></connector></start>${body}</Flow>`;
    const probeScreen = (parameters: string) =>
        `<screens><name>Only_Screen</name><label>Only</label><fields><name>Probe</name><extensionName>c:flowProbe</extensionName><fieldType>ComponentInstance</fieldType>${parameters}</fields></screens>`;

    test('anything outside the subset is refused by name', async () => {
        const cases: [string, RegExp][] = [
            [
                `${probeScreen('')}<recordDeletes><name>Delete_It</name><object>Account</object></recordDeletes>`,
                /In a screen flow, the element recordDeletes is not supported by local-org/
            ],
            [
                `<screens><name>Only_Screen</name><label>Only</label><fields><name>Name</name><fieldType>InputField</fieldType><dataType>String</dataType></fields></screens>`,
                /Screen Only_Screen, field Name: dataType is not supported by local-org/
            ],
            [
                `<screens><name>Only_Screen</name><label>Only</label><fields><name>Pick</name><fieldType>DropdownBox</fieldType></fields></screens>`,
                /Screen Only_Screen, field Pick: the screen component type DropdownBox is not supported by local-org/
            ],
            [
                `<actionCalls><name>Send</name></actionCalls>${probeScreen('')}`,
                /the element actionCalls is not supported/
            ],
            [
                `<runInMode>SystemModeWithoutSharing</runInMode>${probeScreen('')}`,
                /Running a screen flow in SystemModeWithoutSharing is not supported by local-org/
            ],
            [
                probeScreen('').replace('c:flowProbe', 'c:noSuchComponent'),
                /Screen Only_Screen, field Probe: the component c:noSuchComponent does not exist in this org/
            ],
            [
                probeScreen(
                    '<inputParameters><name>contactId</name><value><stringValue>x</stringValue></value></inputParameters>'
                ),
                /c:flowProbe has no input property contactId/
            ],
            [
                probeScreen(
                    '<outputParameters><assignToReference>nowhere</assignToReference><name>contactId</name></outputParameters>'
                ),
                /Only_Screen, field Probe: nowhere is not a variable of the flow/
            ],
            [
                probeScreen('<storeOutputAutomatically>true</storeOutputAutomatically>'),
                /storing a component's outputs automatically is not supported by local-org/
            ],
            [
                `<variables><name>pick</name><dataType>Picklist</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput></variables>${probeScreen('')}`,
                /Variable pick: the data type Picklist is not supported by local-org/
            ],
            [
                probeScreen('').replace(
                    '</screens>',
                    '<connector><targetReference>Missing</targetReference></connector></screens>'
                ),
                /A connector points to Missing, which does not exist/
            ],
            [
                `<screens><name>Only_Screen</name><label>Only</label><fields><name>Hello</name><fieldType>DisplayText</fieldType><fieldText>{!$Label.No_Such_Label}</fieldText></fields></screens>`,
                /the flow references \$Label\.No_Such_Label, which it does not define/
            ]
        ];
        for (const [body, problem] of cases) {
            const failures = await deploy({ 'flows/Refused.flow': screenFlow(body) });
            assert.equal(failures.length, 1, `${body}: ${JSON.stringify(failures)}`);
            assert.match(failures[0], problem);
        }
    });

    test('a Flow quick action needs an existing screen flow; record-triggered flows still deploy and run', async () => {
        const action = (flow: string) =>
            `<?xml version="1.0" encoding="UTF-8"?><QuickAction xmlns="http://soap.sforce.com/2006/04/metadata"><flowDefinition>${flow}</flowDefinition><label>Relate</label><optionsCreateFeedItem>false</optionsCreateFeedItem><type>Flow</type></QuickAction>`;
        const afterSave = `<?xml version="1.0" encoding="UTF-8"?><Flow xmlns="http://soap.sforce.com/2006/04/metadata">
            <apiVersion>66.0</apiVersion><label>Stamp</label><processType>AutoLaunchedFlow</processType><status>Active</status>
            <start><object>Account</object><recordTriggerType>Create</recordTriggerType><triggerType>RecordBeforeSave</triggerType>
            <connector><targetReference>Stamp</targetReference></connector></start>
            <recordUpdates><name>Stamp</name><inputReference>$Record</inputReference>
            <inputAssignments><field>Description</field><value><stringValue>stamped</stringValue></value></inputAssignments></recordUpdates></Flow>`;
        assert.deepEqual(await deploy({ 'flows/Stamp.flow': afterSave }), []);
        assert.deepEqual(await deploy({ 'quickActions/Task.Relate.quickAction': action('Test_Relate') }), []);
        assert.deepEqual(await deploy({ 'quickActions/Task.Stamp.quickAction': action('Stamp') }), [
            'Quick action Task.Stamp: the flow Stamp is not a screen flow'
        ]);
        assert.deepEqual(await deploy({ 'quickActions/Task.Nothing.quickAction': action('Nothing') }), [
            'Quick action Task.Nothing: the flow Nothing does not exist in this org'
        ]);
        const id = await create('Account', { Name: 'Stamped' });
        assert.deepEqual(await soql(`SELECT Description FROM Account WHERE Id = '${id}'`), [
            { Description: 'stamped' }
        ]);
        const refused = await start(t.agent.accessToken, 'Stamp', {});
        assert.match((refused.body as { message: string }[])[0].message, /The flow Stamp is not a screen flow/);
    });
});
