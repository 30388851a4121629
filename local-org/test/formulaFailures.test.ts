/**
 * A formula that compiles but cannot be computed for a record (Salesforce shows #Error!) refuses the save with a
 * record error naming the rule or flow, and writes nothing; a non-boolean validation rule never deploys.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { deployPackage } from '../src/metadata/deploy.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v66.0';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
let t: TestOrg;

function packageXml(types: Record<string, string[]>): Buffer {
    const body = Object.entries(types)
        .map(
            ([name, members]) =>
                `<types>${members.map((m) => `<members>${m}</members>`).join('')}<name>${name}</name></types>`
        )
        .join('');
    return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Package ${NS}>${body}<version>66.0</version></Package>`);
}

function accountWithRule(formula: string): Buffer {
    return Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><CustomObject ${NS}><validationRules><fullName>Employees_Ratio</fullName>` +
            `<active>true</active><errorConditionFormula>${formula}</errorConditionFormula>` +
            `<errorMessage>Ratio too high</errorMessage></validationRules></CustomObject>`
    );
}

const divisionFlow = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><Flow ${NS}><apiVersion>66.0</apiVersion>` +
        `<formulas><name>PerEmployee</name><dataType>Number</dataType><scale>2</scale>` +
        `<expression>{!$Record.AnnualRevenue} / ({!$Record.NumberOfEmployees} - 7)</expression></formulas>` +
        `<label>Revenue Per Employee</label><processType>AutoLaunchedFlow</processType>` +
        `<recordUpdates><name>Set_Description</name><label>Set Description</label>` +
        `<inputAssignments><field>Description</field><value><elementReference>PerEmployee</elementReference></value></inputAssignments>` +
        `<inputReference>$Record</inputReference></recordUpdates>` +
        `<start><connector><targetReference>Set_Description</targetReference></connector><object>Account</object>` +
        `<recordTriggerType>CreateAndUpdate</recordTriggerType><triggerType>RecordBeforeSave</triggerType></start>` +
        `<status>Active</status></Flow>`
);

before(async () => {
    t = await startTestOrg();
});

after(async () => {
    await t.close();
});

async function deploy(files: Record<string, Buffer>) {
    return deployPackage(t.org, t.admin.id, new Map(Object.entries(files)), {
        checkOnly: false,
        rollbackOnError: true
    });
}

test('a validation rule that is not true or false is refused at deploy', async () => {
    const outcome = await deploy({
        'package.xml': packageXml({ CustomObject: ['Account'] }),
        'objects/Account.object': accountWithRule('NumberOfEmployees + 1')
    });
    assert.equal(outcome.success, false);
    assert.match(
        outcome.failures.map((f) => f.problem).join('\n'),
        /Formula result is data type \(Number\), incompatible with expected data type \(true or false\)/
    );
});

test('a validation rule that divides by zero refuses the save, naming the rule', async () => {
    const deployed = await deploy({
        'package.xml': packageXml({ CustomObject: ['Account'] }),
        'objects/Account.object': accountWithRule('1000 / (NumberOfEmployees - 5) &gt; 10')
    });
    assert.equal(deployed.success, true, JSON.stringify(deployed.failures));
    const refused = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
        Name: 'Five Employees',
        NumberOfEmployees: 5
    });
    assert.equal(refused.status, 400);
    const [error] = refused.body as { errorCode: string; message: string }[];
    assert.equal(error.errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
    assert.match(error.message, /^Validation rule Employees_Ratio could not be evaluated on this record: /);
    const accepted = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
        Name: 'Two Hundred Employees',
        NumberOfEmployees: 200
    });
    assert.equal(accepted.status, 201);
    assert.equal(rows(t.org, "SELECT COUNT(*) n FROM Account WHERE Name = 'Five Employees'")[0].n, 0);
    await deploy({
        'package.xml': packageXml({ CustomObject: ['Account'] }),
        'objects/Account.object': accountWithRule('false')
    });
});

test('a flow formula that divides by zero fails the save with the flow’s error, and writes nothing', async () => {
    const deployed = await deploy({
        'package.xml': packageXml({ Flow: ['Revenue_Per_Employee'] }),
        'flows/Revenue_Per_Employee.flow': divisionFlow
    });
    assert.equal(deployed.success, true, JSON.stringify(deployed.failures));
    const refused = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
        Name: 'Seven Employees',
        NumberOfEmployees: 7,
        AnnualRevenue: 700
    });
    assert.equal(refused.status, 400);
    const [error] = refused.body as { errorCode: string; message: string }[];
    assert.equal(error.errorCode, 'CANNOT_EXECUTE_FLOW_TRIGGER');
    assert.match(error.message, /PerEmployee could not be evaluated/);
    assert.equal(rows(t.org, "SELECT COUNT(*) n FROM Account WHERE Name = 'Seven Employees'")[0].n, 0);
    const saved = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
        Name: 'Eight Employees',
        NumberOfEmployees: 8,
        AnnualRevenue: 800
    });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    assert.equal(rows(t.org, "SELECT Description FROM Account WHERE Name = 'Eight Employees'")[0].Description, '800');
});
