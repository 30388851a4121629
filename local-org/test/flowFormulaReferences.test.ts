/**
 * A flow formula may use another formula resource of the same flow, as Flow Builder allows: the used formula is
 * computed through the flow (its faults fail the save as any flow formula's do), and a cycle is refused at deploy.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { deployPackage } from '../src/metadata/deploy.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v66.0';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
let t: TestOrg;

before(async () => {
    t = await startTestOrg();
});

after(async () => {
    await t.close();
});

/** A before-save Account flow that sets Description to its formula `Result`; `&` in formulas written as `&amp;`. */
function flowXml(label: string, formulas: Record<string, string>, status = 'Active'): Buffer {
    const resources = Object.entries(formulas)
        .map(
            ([name, expression]) =>
                `<formulas><name>${name}</name><dataType>String</dataType><expression>${expression}</expression></formulas>`
        )
        .join('');
    return Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Flow ${NS}><apiVersion>66.0</apiVersion>${resources}` +
            `<label>${label}</label><processType>AutoLaunchedFlow</processType>` +
            `<recordUpdates><name>Set_Description</name><label>Set Description</label>` +
            `<inputAssignments><field>Description</field><value><elementReference>Result</elementReference></value></inputAssignments>` +
            `<inputReference>$Record</inputReference></recordUpdates>` +
            `<start><connector><targetReference>Set_Description</targetReference></connector><object>Account</object>` +
            `<recordTriggerType>CreateAndUpdate</recordTriggerType><triggerType>RecordBeforeSave</triggerType></start>` +
            `<status>${status}</status></Flow>`
    );
}

async function deployFlow(name: string, xml: Buffer) {
    const packageXml = `<?xml version="1.0" encoding="UTF-8"?><Package ${NS}><types><members>${name}</members><name>Flow</name></types><version>66.0</version></Package>`;
    return deployPackage(
        t.org,
        t.admin.id,
        new Map([
            ['package.xml', Buffer.from(packageXml)],
            [`flows/${name}.flow`, xml]
        ]),
        { checkOnly: false, rollbackOnError: true }
    );
}

async function description(id: string): Promise<unknown> {
    const response = await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Account/${id}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return (response.body as { Description: unknown }).Description;
}

test('a flow formula uses a formula that uses another, named in any case, on create and update', async () => {
    const formulas = {
        StreetWords: 'TRIM(LOWER({!$Record.BillingStreet}))',
        MatchStreetKey: 'LEFT({!streetwords}, 4)',
        Result: '"key:" &amp; {!MATCHSTREETKEY}'
    };
    const deployed = await deployFlow('Street_Key', flowXml('Street Key', formulas));
    assert.equal(deployed.success, true, JSON.stringify(deployed.failures));
    try {
        const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
            Name: 'Müller & Söhne GmbH',
            BillingStreet: '  Hauptstraße 5 '
        });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const id = (created.body as { id: string }).id;
        assert.equal(await description(id), 'key:haup');
        const updated = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/sobjects/Account/${id}`, {
            BillingStreet: 'BROADWAY'
        });
        assert.equal(updated.status, 204, JSON.stringify(updated.body));
        assert.equal(await description(id), 'key:broa');
    } finally {
        await deployFlow('Street_Key', flowXml('Street Key', formulas, 'Draft'));
    }
});

test('formulas that use each other are refused at deploy, naming the cycle', async () => {
    const pair = await deployFlow(
        'Street_Cycle',
        flowXml('Street Cycle', { Result: '{!A}', A: 'LEFT({!b}, 2)', B: '{!a} &amp; "x"' })
    );
    assert.equal(pair.success, false);
    assert.match(pair.failures.map((f) => f.problem).join('\n'), /Formula A refers to itself through B\b/);
    const self = await deployFlow('Street_Cycle', flowXml('Street Cycle', { Result: 'TRIM({!Result})' }));
    assert.equal(self.success, false);
    assert.match(self.failures.map((f) => f.problem).join('\n'), /Formula Result refers to itself$/m);
});

test('a division by zero in a formula another formula uses fails the save with the flow’s error', async () => {
    const formulas = {
        PerEmployee: 'TEXT({!$Record.AnnualRevenue} / ({!$Record.NumberOfEmployees} - 7))',
        Result: '"per employee: " &amp; {!PerEmployee}'
    };
    const deployed = await deployFlow('Revenue_Label', flowXml('Revenue Label', formulas));
    assert.equal(deployed.success, true, JSON.stringify(deployed.failures));
    try {
        const refused = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
            Name: 'Seven Employees',
            NumberOfEmployees: 7,
            AnnualRevenue: 700
        });
        assert.equal(refused.status, 400);
        const [error] = refused.body as { errorCode: string; message: string }[];
        assert.equal(error.errorCode, 'CANNOT_EXECUTE_FLOW_TRIGGER');
        assert.match(error.message, /“Revenue Label” process failed/);
        assert.match(error.message, /The formula PerEmployee could not be evaluated/);
        assert.equal(rows(t.org, "SELECT COUNT(*) n FROM Account WHERE Name = 'Seven Employees'")[0].n, 0);
        const saved = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
            Name: 'Eight Employees',
            NumberOfEmployees: 8,
            AnnualRevenue: 800
        });
        assert.equal(saved.status, 201, JSON.stringify(saved.body));
        assert.equal(await description((saved.body as { id: string }).id), 'per employee: 800');
    } finally {
        await deployFlow('Revenue_Label', flowXml('Revenue Label', formulas, 'Draft'));
    }
});
