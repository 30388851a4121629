import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readPlan } from '../lib/plan.ts';
import { projectRoot } from '../lib/project.ts';

async function planDir(files: Record<string, unknown>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'caseline-plan-'));
    for (const [name, content] of Object.entries(files)) {
        await writeFile(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    }
    return join(dir, 'test-plan.json');
}

const account = (ref: string, key: string | undefined, extra: object = {}) => ({
    attributes: { type: 'Account', referenceId: ref },
    ...(key === undefined ? {} : { Caseline_Key__c: key }),
    Name: ref,
    ...extra
});
const contact = (ref: string, key: string, accountRef: string) => ({
    attributes: { type: 'Contact', referenceId: ref },
    Caseline_Key__c: key,
    LastName: ref,
    AccountId: `@${accountRef}`
});
const plan = [
    { sobject: 'Account', saveRefs: true, resolveRefs: false, files: ['Account.json'] },
    { sobject: 'Contact', saveRefs: true, resolveRefs: true, files: ['Contact.json'] }
];

test('the demo plan is valid: parents first, unique keys, every reference defined', async () => {
    const steps = await readPlan(join(projectRoot, 'data', 'demo-plan.json'));
    assert.deepEqual(
        steps.map((step) => step.sobject),
        ['Account', 'Contact', 'Contract', 'Case', 'Task', 'Lead']
    );
    const serviceTasks = steps.find((step) => step.sobject === 'Task')!.records;
    assert.ok(
        serviceTasks.some((task) => task.fields.Status === 'Cancelled' && task.fields.Cancellation_Reason__c),
        'a request has a cancelled activity, with its reason'
    );
    // Interactions (issue 24): a call whose caller the telephony recognised, a chat visitor known by email only, an
    // email, and unrelated ones (no Related To) for My Unrelated Interactions.
    const tasks = steps
        .find((step) => step.sobject === 'Task')!
        .records.map((record) => record.fields)
        .filter((task) => task.Type !== undefined);
    assert.deepEqual([...new Set(tasks.map((task) => task.Type))].sort(), ['Call', 'Chat', 'Email']);
    assert.ok(tasks.some((task) => task.Type === 'Call' && task.WhoId && task.Caller_Phone__c && !task.WhatId));
    assert.ok(
        tasks.some((task) => task.Type === 'Chat' && !task.WhoId && task.Caller_Email__c && !task.Caller_Name__c)
    );
    assert.ok(tasks.filter((task) => !task.WhatId).length >= 3);
    const cases = steps.find((step) => step.sobject === 'Case')!.records;
    const webForms = cases.filter(
        (record) => JSON.stringify(record.fields.RecordType) === '{"DeveloperName":"Web_Form"}'
    );
    assert.deepEqual([...new Set(webForms.map((record) => record.fields.Type))].sort(), [
        'Complaint',
        'Other',
        'Product Information',
        'Quote Request',
        'Sample Request',
        'Technical Question'
    ]);
    const serviceRequests = cases.filter(
        (record) => JSON.stringify(record.fields.RecordType) === '{"DeveloperName":"Service_Request"}'
    );
    assert.deepEqual([...new Set(serviceRequests.map((record) => record.fields.Status))].sort(), [
        'Cancelled',
        'Completed',
        'Final Resolved',
        'Pending',
        'Responded',
        'Temporary Resolved'
    ]);
});

test('a plan and its record files are read in order with their references', async () => {
    const file = await planDir({
        'test-plan.json': plan,
        'Account.json': { records: [account('AccA', 'K-A')] },
        'Contact.json': { records: [contact('ConA', 'K-C', 'AccA')] }
    });
    const steps = await readPlan(file);
    assert.deepEqual(steps[1].records[0], {
        sobject: 'Contact',
        referenceId: 'ConA',
        source: 'Contact.json',
        fields: { Caseline_Key__c: 'K-C', LastName: 'ConA', AccountId: '@AccA' }
    });
});

const invalidCases: [string, Record<string, unknown>, RegExp][] = [
    [
        'a record without Caseline_Key__c',
        { 'Account.json': { records: [account('AccA', undefined)] }, 'Contact.json': { records: [] } },
        /Account\.json AccA: needs Caseline_Key__c/
    ],
    [
        'a key used twice (case-insensitively)',
        {
            'Account.json': { records: [account('AccA', 'K-1'), account('AccB', 'k-1')] },
            'Contact.json': { records: [] }
        },
        /Account\.json AccB: Caseline_Key__c "k-1" is used twice/
    ],
    [
        'a reference to nothing earlier',
        {
            'Account.json': { records: [account('AccA', 'K-A')] },
            'Contact.json': { records: [contact('ConA', 'K-C', 'AccZ')] }
        },
        /Contact\.json ConA: AccountId refers to @AccZ, which no earlier step/
    ],
    [
        'a record of the wrong type',
        { 'Account.json': { records: [contact('ConA', 'K-C', 'AccA')] }, 'Contact.json': { records: [] } },
        /Account\.json record 1 needs "attributes": \{ "type": "Account"/
    ],
    [
        'a nested child record',
        {
            'Account.json': { records: [account('AccA', 'K-A', { Contacts: { records: [] } })] },
            'Contact.json': { records: [] }
        },
        /AccA\.Contacts: only lookups by one field/
    ],
    [
        'a record file that is not JSON',
        { 'Account.json': '{ "records": [', 'Contact.json': { records: [] } },
        /Account\.json is not valid JSON/
    ],
    ['a missing record file', { 'Contact.json': { records: [] } }, /Cannot read .*Account\.json/],
    [
        'a record type named by its label',
        {
            'Account.json': { records: [account('AccA', 'K-A', { RecordType: { Name: 'Partner' } })] },
            'Contact.json': { records: [] }
        },
        /AccA\.RecordType: name the record type by its DeveloperName, \{ "DeveloperName": "Web_Form" \}/
    ]
];

for (const [name, files, expected] of invalidCases) {
    test(`a plan with ${name} is refused before anything is sent`, async () => {
        const file = await planDir({ 'test-plan.json': plan, ...files });
        await assert.rejects(readPlan(file), expected);
    });
}

test('a plan that is not the sf data import tree format is refused', async () => {
    const file = await planDir({ 'test-plan.json': { sobject: 'Account' } });
    await assert.rejects(readPlan(file), /must be an array of \{ "sobject": string, "files": string\[\] \}/);
});
