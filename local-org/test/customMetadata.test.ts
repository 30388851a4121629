/**
 * Custom metadata types and records, custom permissions and $Permission, and the flow elements the service request
 * life cycle needs (Get Records, Loop, Custom Error): what local-org does with them, and what it refuses by name.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { deployPackage, type DeployOutcome } from '../src/metadata/deploy.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v66.0';
const MD = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
let t: TestOrg;

function deploy(files: Record<string, string>): Promise<DeployOutcome> {
    const manifest = `<Package ${MD}><version>66.0</version></Package>`;
    const map = new Map(
        Object.entries({ 'package.xml': manifest, ...files }).map(([name, body]) => [name, Buffer.from(body)])
    );
    return deployPackage(t.org, t.admin.id, map, { checkOnly: false, rollbackOnError: true });
}

const problems = (outcome: DeployOutcome) => outcome.failures.map((f) => `${f.fullName}: ${f.problem}`);

const TYPE = `<CustomObject ${MD}><label>Level</label><pluralLabel>Levels</pluralLabel><visibility>Public</visibility>
    <fields><fullName>Rank__c</fullName><label>Rank</label><type>Number</type><precision>3</precision><scale>0</scale></fields>
</CustomObject>`;

const record = (field: string, value: string) =>
    `<CustomMetadata ${MD} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><label>Gold</label><protected>false</protected>
    <values><field>${field}</field><value xsi:type="xsd:double">${value}</value></values></CustomMetadata>`;

const flow = (elements: string) => `<Flow ${MD}><apiVersion>66.0</apiVersion><label>Gate</label>
    <processType>AutoLaunchedFlow</processType><status>Active</status>${elements}
    <start><connector><targetReference>Find</targetReference></connector><object>Account</object>
    <recordTriggerType>CreateAndUpdate</recordTriggerType><triggerType>RecordBeforeSave</triggerType></start></Flow>`;

before(async () => {
    t = await startTestOrg();
});
after(() => t.close());

test('a custom metadata type and its records deploy; SOQL reads them; no data API writes them', async () => {
    const outcome = await deploy({
        'objects/Level__mdt.object': TYPE,
        'customMetadata/Level.Gold.md': record('Rank__c', '3')
    });
    assert.deepEqual(problems(outcome), []);
    const read = await call(
        t.origin,
        t.agent.accessToken,
        'GET',
        `${V}/query?q=SELECT+DeveloperName,MasterLabel,Rank__c+FROM+Level__mdt`
    );
    assert.equal(read.status, 200, JSON.stringify(read.body));
    assert.deepEqual(
        (read.body as { records: Record<string, unknown>[] }).records.map(({ attributes: _a, ...r }) => r),
        [{ DeveloperName: 'Gold', MasterLabel: 'Gold', Rank__c: 3 }]
    );
    const [{ Id }] = rows(t.org, 'SELECT Id FROM Level__mdt');
    const edited = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/sobjects/Level__mdt/${String(Id)}`, {
        Rank__c: 4
    });
    assert.equal(edited.status, 400);
    assert.equal(rows(t.org, 'SELECT Rank__c FROM Level__mdt')[0].Rank__c, 3);
});

test('a record of an unknown type or with an unknown field is refused, naming it', async () => {
    assert.deepEqual(problems(await deploy({ 'customMetadata/Missing.Gold.md': record('Rank__c', '1') })), [
        'Missing.Gold: Custom metadata type Missing__mdt does not exist (record Missing.Gold)'
    ]);
    assert.deepEqual(
        problems(
            await deploy({ 'objects/Level__mdt.object': TYPE, 'customMetadata/Level.Gold.md': record('Size__c', '1') })
        ),
        ['Level.Gold: Field Size__c does not exist on Level__mdt']
    );
});

test('$Permission is the running user’s custom permission; an unknown permission in a permission set is refused', async () => {
    const outcome = await deploy({
        'customPermissions/Approve_Things.customPermission': `<CustomPermission ${MD}><isLicensed>false</isLicensed><label>Approve Things</label></CustomPermission>`,
        'permissionsets/Approvers.permissionset': `<PermissionSet ${MD}><customPermissions><enabled>true</enabled><name>Approve_Things</name></customPermissions><label>Approvers</label>
            <objectPermissions><allowCreate>true</allowCreate><allowDelete>false</allowDelete><allowEdit>true</allowEdit><allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords><object>Account</object><viewAllRecords>false</viewAllRecords></objectPermissions></PermissionSet>`,
        'objects/Account.object': `<CustomObject ${MD}><validationRules><fullName>Only_Approvers_Rate</fullName><active>true</active>
            <errorConditionFormula>AND(ISPICKVAL(Rating, 'Hot'), NOT($Permission.Approve_Things))</errorConditionFormula>
            <errorMessage>Only approvers rate an account Hot.</errorMessage></validationRules></CustomObject>`
    });
    assert.deepEqual(problems(outcome), []);
    const hot = { Name: 'Acme', Rating: 'Hot' };
    const refused = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, hot);
    assert.equal(refused.status, 400);
    assert.equal((refused.body as { message: string }[])[0].message, 'Only approvers rate an account Hot.');
    const [{ Id: permissionSetId }] = rows(t.org, "SELECT Id FROM PermissionSet WHERE Name = 'Approvers'");
    await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/PermissionSetAssignment`, {
        AssigneeId: t.admin.id,
        PermissionSetId: permissionSetId
    });
    assert.equal((await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, hot)).status, 201);

    const unknown = await deploy({
        'permissionsets/Others.permissionset': `<PermissionSet ${MD}><customPermissions><enabled>true</enabled><name>Nope</name></customPermissions><label>Others</label></PermissionSet>`
    });
    assert.deepEqual(problems(unknown), ['Others: In field: name - no CustomPermission named Nope found']);
});

test('a flow looks records up, loops over them and fails the save with its Custom Error', async () => {
    const elements = `
        <assignments><name>Count</name><label>Count</label><locationX>0</locationX><locationY>0</locationY>
            <assignmentItems><assignToReference>Names</assignToReference><operator>Add</operator><value><elementReference>Each.DeveloperName</elementReference></value></assignmentItems>
            <connector><targetReference>Each</targetReference></connector></assignments>
        <customErrors><name>Refuse</name><label>Refuse</label><locationX>0</locationX><locationY>0</locationY>
            <customErrorMessages><errorMessage>{!$Record.Name} needs a level; levels: {!Names}</errorMessage><fieldSelection>Name</fieldSelection><isFieldError>true</isFieldError></customErrorMessages></customErrors>
        <decisions><name>Has_Level</name><label>Has Level</label><locationX>0</locationX><locationY>0</locationY>
            <defaultConnector><targetReference>Refuse</targetReference></defaultConnector>
            <rules><name>Yes</name><conditionLogic>and</conditionLogic><conditions><leftValueReference>Find_Level</leftValueReference><operator>IsNull</operator><rightValue><booleanValue>false</booleanValue></rightValue></conditions>
            <connector><targetReference>Set_Rank</targetReference></connector><label>Yes</label></rules></decisions>
        <loops><name>Each</name><label>Each</label><locationX>0</locationX><locationY>0</locationY><collectionReference>Find</collectionReference><iterationOrder>Asc</iterationOrder>
            <nextValueConnector><targetReference>Count</targetReference></nextValueConnector><noMoreValuesConnector><targetReference>Find_Level</targetReference></noMoreValuesConnector></loops>
        <recordLookups><name>Find</name><label>Find</label><locationX>0</locationX><locationY>0</locationY><connector><targetReference>Each</targetReference></connector>
            <getFirstRecordOnly>false</getFirstRecordOnly><object>Level__mdt</object><storeOutputAutomatically>true</storeOutputAutomatically></recordLookups>
        <recordLookups><name>Find_Level</name><label>Find Level</label><locationX>0</locationX><locationY>0</locationY><connector><targetReference>Has_Level</targetReference></connector>
            <filterLogic>and</filterLogic><filters><field>DeveloperName</field><operator>EqualTo</operator><value><elementReference>$Record.Site</elementReference></value></filters>
            <getFirstRecordOnly>true</getFirstRecordOnly><object>Level__mdt</object><storeOutputAutomatically>true</storeOutputAutomatically></recordLookups>
        <assignments><name>Set_Rank</name><label>Set Rank</label><locationX>0</locationX><locationY>0</locationY>
            <assignmentItems><assignToReference>$Record.NumberOfEmployees</assignToReference><operator>Assign</operator><value><elementReference>Find_Level.Rank__c</elementReference></value></assignmentItems></assignments>
        <variables><name>Names</name><dataType>String</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput></variables>`;
    assert.deepEqual(problems(await deploy({ 'flows/Gate.flow': flow(elements) })), []);
    const refused = await call(t.origin, t.agent.accessToken, 'POST', `${V}/sobjects/Account`, {
        Name: 'Initech',
        Site: 'Silver'
    });
    assert.deepEqual(refused.body, [
        {
            errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: 'Initech needs a level; levels: Gold',
            fields: ['Name']
        }
    ]);
    const saved = await call(t.origin, t.agent.accessToken, 'POST', `${V}/sobjects/Account`, {
        Name: 'Globex',
        Site: 'gold'
    });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    const id = (saved.body as { id: string }).id;
    assert.equal(rows(t.org, 'SELECT NumberOfEmployees n FROM Account WHERE Id = ?', id)[0].n, 3);
});

test('Get Records options and loop variables local-org does not run are refused at deploy, by name', async () => {
    const sorted = `<recordLookups><name>Find</name><label>Find</label><locationX>0</locationX><locationY>0</locationY>
        <getFirstRecordOnly>true</getFirstRecordOnly><object>Level__mdt</object><sortField>Rank__c</sortField><sortOrder>Asc</sortOrder><storeOutputAutomatically>true</storeOutputAutomatically></recordLookups>`;
    assert.deepEqual(problems(await deploy({ 'flows/Sorted.flow': flow(sorted) })), [
        'Sorted: Get Records Find: sorting is not supported by local-org'
    ]);
    const looped = `<loops><name>Find</name><label>Find</label><locationX>0</locationX><locationY>0</locationY><assignNextValueToReference>Item</assignNextValueToReference><collectionReference>X</collectionReference></loops>`;
    assert.deepEqual(problems(await deploy({ 'flows/Looped.flow': flow(looped) })), [
        'Looped: Loop Find: a loop variable of your own is not supported by local-org'
    ]);
});
