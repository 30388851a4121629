/**
 * The Conversion Process action's GraphQL, run over HTTP exactly as the component sends it (the documents are read
 * from its source): the web form and what the user may create, then the one all-or-none mutation that creates the
 * follow-up with its lineage and closes the web form, for each target; again on the same web form; refused for the
 * viewer; and undone whole when a validation rule rejects the follow-up.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { componentDocument } from '../../scripts/lib/componentDocuments.ts';
import { projectRoot } from '../../scripts/lib/project.ts';
import { deployPackage } from '../src/metadata/deploy.ts';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { assignPermissionSet, graphql, graphqlData, V } from './support/graphql.ts';
import { call, rows, type TestOrg } from './support/testOrg.ts';

/** GraphQL JSON walked by the assertions, which state the shape they expect (a missing step fails the test). */
type Tree = { [key: string]: Tree } & Tree[];

const COMPONENT = join(projectRoot, 'force-app', 'main', 'default', 'lwc', 'conversionProcess', 'conversionProcess.js');

const WEB_FORM_QUERY = componentDocument('conversionProcess', 'WEB_FORM_QUERY');
/** The objectInfoInputs the component sends with it (its jest test asserts them): all record types' picklists. */
const OBJECT_INFO_INPUTS = [
    { apiName: 'Case', recordTypeIDs: [] },
    { apiName: 'Opportunity', recordTypeIDs: [] }
];
const TO_CASE = componentDocument('conversionProcess', 'CONVERT_TO_CASE_MUTATION');
const TO_OPPORTUNITY = componentDocument('conversionProcess', 'CONVERT_TO_OPPORTUNITY_MUTATION');

/** The component's jest fixtures: the web form it is tested with, and the variables it sends for it. */
function fixture(name: string): Tree {
    return JSON.parse(readFileSync(join(COMPONENT, '..', '__tests__', 'data', name), 'utf8')) as Tree;
}
const WEB_FORM = fixture('webFormLinked.json').uiapi.query.Case.edges[0].node;
const EXPECTED_VARIABLES = fixture('expectedVariables.json');
const WEB_FORM_FIELDS = ['Type', 'Subject', 'Description', 'Priority', 'SuppliedName', 'SuppliedEmail'].concat([
    'SuppliedPhone',
    'SuppliedCompany',
    'Web_Street__c',
    'Web_City__c',
    'Web_Postal_Code__c',
    'Web_Country__c'
]);
type TargetKey = 'Customer_Request' | 'Sample_Request' | 'Opportunity';
/** What each other operation of a failed allOrNone request reports. */
const ROLLED_BACK = 'The transaction was rolled back since another operation in the same transaction failed.';

let t: TestOrg;
let accountId: string;
let contactId: string;
let webFormRecordTypeId: string;
/** Case record type label → id, as the agent's action reads them. */
let recordTypes: Map<string, string>;

async function create(object: string, values: Record<string, unknown>): Promise<string> {
    const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/${object}`, values);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return (response.body as { id: string }).id;
}

function count(table: string): number {
    return Number(rows(t.org, `SELECT COUNT(*) n FROM "${table}" WHERE IsDeleted = 0`)[0].n);
}

function caseRow(id: string): Record<string, unknown> {
    return rows(t.org, 'SELECT * FROM "Case" WHERE Id = ?', id)[0];
}

/** The jest fixture's web form, as Web-to-Case leaves it, linked to the account and contact. */
async function webForm(overrides: Record<string, unknown> = {}): Promise<string> {
    const values: Record<string, unknown> = {
        RecordTypeId: webFormRecordTypeId,
        Origin: 'Web',
        AccountId: accountId,
        ContactId: contactId
    };
    for (const field of WEB_FORM_FIELDS) values[field] = WEB_FORM[field].value;
    return create('Case', { ...values, ...overrides });
}

/** What the action reads when it opens: the web form, its follow-ups, and the objects' create access. */
async function openAction(token: string, caseId: string): Promise<Tree> {
    return (await graphqlData(t, token, WEB_FORM_QUERY, { caseId, objectInfoInputs: OBJECT_INFO_INPUTS })) as Tree;
}

/** The variables the component sends for the fixture's web form, with this org's ids. */
function variablesFor(key: TargetKey, caseId: string): Record<string, Tree> {
    return JSON.parse(JSON.stringify(EXPECTED_VARIABLES[key]), (_, value: unknown) => {
        if (typeof value !== 'string' || !value.startsWith('$')) return value;
        if (value.startsWith('$recordType:')) return recordTypes.get(value.slice('$recordType:'.length));
        return { $webForm: caseId, $account: accountId, $contact: contactId }[value];
    }) as Record<string, Tree>;
}

before(async () => {
    t = await startDeployedTestOrg();
    await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
    await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
    accountId = await create('Account', { Name: String(WEB_FORM.Account.Name.value) });
    contactId = await create('Contact', { LastName: 'Wind', FirstName: 'Nora', AccountId: accountId });
    webFormRecordTypeId = String(
        rows(t.org, "SELECT Id FROM RecordType WHERE SobjectType = 'Case' AND DeveloperName = 'Web_Form'")[0].Id
    );
    const opened = await openAction(t.agent.accessToken, await webForm());
    const caseInfo = opened.uiapi.objectInfos.find((info) => String(info.ApiName) === 'Case')!;
    recordTypes = new Map(caseInfo.recordTypeInfos.map((rt) => [String(rt.name), String(rt.recordTypeId)]));
});
after(() => t.close());

describe('as the agent', () => {
    test('the action’s query reads the web form as the component’s fixture has it, and both objects createable', async () => {
        const caseId = await webForm();
        const data = await openAction(t.agent.accessToken, caseId);
        const node = data.uiapi.query.Case.edges[0].node;
        assert.deepEqual(Object.keys(node), Object.keys(WEB_FORM), 'the fixture has the shape the query answers');
        for (const field of WEB_FORM_FIELDS) assert.deepEqual(node[field], WEB_FORM[field], field);
        assert.deepEqual(node.Account, WEB_FORM.Account);
        assert.deepEqual(node.AccountId, { value: accountId });
        assert.deepEqual(node.RecordTypeId, { value: webFormRecordTypeId });
        assert.deepEqual(node.Converted_Follow_Ups__r, { edges: [] });
        assert.deepEqual(node.Converted_Opportunities__r, { edges: [] });
        assert.deepEqual(
            data.uiapi.objectInfos.map((info) => [info.ApiName, info.createable]),
            [
                ['Case', true],
                ['Opportunity', true]
            ]
        );
        assert.ok(recordTypes.has('Customer Request') && recordTypes.has('Sample Request'));
    });

    test('the action’s query returns the picklist values the form offers, per record type', async () => {
        const data = await openAction(t.agent.accessToken, await webForm());
        /** The values of a picklist field for a record type, as the form reads them. */
        const values = (objectApiName: string, field: string, recordTypeId: string): string[] => {
            const info = data.uiapi.objectInfos.find((i) => String(i.ApiName) === objectApiName)!;
            const byType = info.fields.find((f) => String(f.ApiName) === field)!.picklistValuesByRecordTypeIDs;
            const entry = byType.find((p) => String(p.recordTypeID) === recordTypeId)!;
            return entry.picklistValues.map((v) => String(v.value));
        };
        for (const label of ['Customer Request', 'Sample Request']) {
            for (const field of ['Origin', 'Priority']) {
                assert.ok(values('Case', field, recordTypes.get(label)!).length > 0, `${label} ${field}`);
            }
        }
        for (const field of ['StageName', 'LeadSource']) {
            assert.ok(values('Opportunity', field, '012000000000000AAA').length > 0, field);
        }
    });

    for (const key of ['Customer_Request', 'Sample_Request'] as const) {
        test(`converts a web form into a ${key}: the case has the pre-filled values and lineage, the web form is Closed - Accepted`, async () => {
            const caseId = await webForm();
            const variables = variablesFor(key, caseId);
            const data = await graphqlData(t, t.agent.accessToken, TO_CASE, variables);

            const uiapi = (data as Tree).uiapi;
            assert.equal(uiapi.webForm.Record.Id, caseId);
            assert.equal(uiapi.webForm.Record.Status.value, 'Closed - Accepted');
            const followUp = caseRow(String(uiapi.followUp.Record.Id));
            assert.equal(uiapi.followUp.Record.CaseNumber.value, followUp.CaseNumber);
            const sent = Object.entries(variables.followUp.Case);
            assert.equal(sent.length, 16, 'record type, 6 pre-filled fields, 8 submitter fields, lineage');
            for (const [field, value] of sent) assert.equal(followUp[field], value, field);
            assert.equal(followUp.Converted_From__c, caseId);
            assert.equal(
                followUp.RecordTypeId,
                recordTypes.get(key === 'Sample_Request' ? 'Sample Request' : 'Customer Request')
            );
            assert.equal(followUp.Status, 'New', 'the follow-up starts its own process');
            assert.equal(followUp.ParentId, null, 'a follow-up is not a child case');
            assert.equal(caseRow(caseId).Status, 'Closed - Accepted');
        });
    }

    test('converts a web form into an Opportunity with its lineage, and the web form is Closed - Accepted', async () => {
        const caseId = await webForm();
        const variables = variablesFor('Opportunity', caseId);
        const data = await graphqlData(t, t.agent.accessToken, TO_OPPORTUNITY, variables);

        const uiapi = (data as Tree).uiapi;
        assert.equal(uiapi.followUp.Record.Name.value, 'Northwind Roofing – Samples of the slate roof tiles');
        const [opportunity] = rows(t.org, 'SELECT * FROM Opportunity WHERE Id = ?', uiapi.followUp.Record.Id);
        for (const [field, value] of Object.entries(variables.followUp.Opportunity)) {
            assert.equal(opportunity[field], value, field);
        }
        assert.equal(opportunity.Source_Case__c, caseId);
        assert.equal(uiapi.webForm.Record.Status.value, 'Closed - Accepted');
        assert.equal(caseRow(caseId).Status, 'Closed - Accepted');
    });

    test('a converted web form converts again; the action lists every follow-up', async () => {
        const caseId = await webForm();
        const converted = [];
        for (const [document, key] of [
            [TO_CASE, 'Customer_Request'],
            [TO_CASE, 'Sample_Request'],
            [TO_OPPORTUNITY, 'Opportunity']
        ] as const) {
            const data = await graphqlData(t, t.agent.accessToken, document, variablesFor(key, caseId));
            converted.push(String((data as Tree).uiapi.followUp.Record.Id));
            assert.equal(caseRow(caseId).Status, 'Closed - Accepted');
        }

        const node = (await openAction(t.agent.accessToken, caseId)).uiapi.query.Case.edges[0].node;
        assert.deepEqual(
            node.Converted_Follow_Ups__r.edges.map((e) => String(e.node.Id)).sort(),
            converted.slice(0, 2).sort()
        );
        assert.deepEqual(
            node.Converted_Opportunities__r.edges.map((e) => String(e.node.Id)),
            converted.slice(2)
        );
    });
});

describe('as the viewer', () => {
    test('the action shows both targets unavailable, and the org refuses the mutation, writing nothing', async () => {
        const caseId = await webForm();
        const data = await openAction(t.viewer.accessToken, caseId);
        assert.deepEqual(
            data.uiapi.objectInfos.map((info) => [info.ApiName, info.createable]),
            [
                ['Case', false],
                ['Opportunity', false]
            ]
        );
        const cases = count('Case');
        const opportunities = count('Opportunity');
        // The component's variables name custom fields the viewer may not set: refused before anything runs.
        for (const [document, variables] of [
            [TO_CASE, variablesFor('Sample_Request', caseId)],
            [TO_OPPORTUNITY, variablesFor('Opportunity', caseId)]
        ] as const) {
            const result = await graphql(t, t.viewer.accessToken, document, variables);
            assert.equal(result.data, null);
            assert.ok(result.errors.length > 0);
            assert.ok(result.errors.every((e) => e.extensions.ErrorType === 'ValidationError'));
        }
        // Standard fields only: the documents run, and the write itself is refused for lack of create access.
        const standardOnly = {
            followUp: { Case: { Subject: 'Viewer tries', Origin: 'Web' } },
            webForm: { Id: caseId, Case: { Status: 'Closed - Accepted' } }
        };
        const refused = await graphql(t, t.viewer.accessToken, TO_CASE, standardOnly);
        assert.deepEqual(refused.data, { uiapi: { followUp: null, webForm: null } });
        assert.deepEqual(
            refused.errors.map((e) => [e.paths, e.extensions.errorCode, e.message]),
            [
                [
                    ['uiapi', 'CaseCreate'],
                    'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
                    'entity type cannot be inserted: Case'
                ],
                [['uiapi', 'CaseUpdate'], 'PROCESSING_HALTED', ROLLED_BACK]
            ]
        );
        assert.equal(count('Case'), cases);
        assert.equal(count('Opportunity'), opportunities);
        assert.equal(caseRow(caseId).Status, 'New');
    });
});

describe('with validation rules that reject the follow-up, or closing the web form', () => {
    before(async () => {
        const xml = (body: string) =>
            Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${body.replace(/>\s+</g, '><')}`);
        const rule = (
            name: string,
            formula: string,
            message = 'Follow-ups about roof samples need a reviewed web form.'
        ) => `<validationRules><fullName>${name}</fullName>
            <active>true</active><errorConditionFormula>${formula}</errorConditionFormula>
            <errorMessage>${message}</errorMessage></validationRules>`;
        const files = new Map([
            [
                'package.xml',
                xml(`<Package xmlns="http://soap.sforce.com/2006/04/metadata">
                    <types><members>Case.Reject_Roof_Samples</members><members>Case.Keep_Web_Form_Open</members>
                    <members>Opportunity.Reject_Roof_Samples</members>
                    <name>ValidationRule</name></types><version>66.0</version></Package>`)
            ],
            [
                'objects/Case.object',
                xml(
                    `<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">${rule(
                        'Reject_Roof_Samples',
                        'AND(NOT(ISBLANK(Converted_From__c)), CONTAINS(Subject, &apos;roof samples&apos;))'
                    )}${rule(
                        'Keep_Web_Form_Open',
                        'AND(TEXT(Status) = &apos;Closed - Accepted&apos;, CONTAINS(Subject, &apos;keep open&apos;))',
                        'This web form must stay open.'
                    )}</CustomObject>`
                )
            ],
            [
                'objects/Opportunity.object',
                xml(
                    `<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">${rule(
                        'Reject_Roof_Samples',
                        'CONTAINS(Name, &apos;roof samples&apos;)'
                    )}</CustomObject>`
                )
            ]
        ]);
        const outcome = await deployPackage(t.org, t.admin.id, files, { checkOnly: false, rollbackOnError: true });
        assert.ok(outcome.success, JSON.stringify(outcome.failures));
    });

    test('nothing at all is written and the web form stays open, for a case and for an opportunity', async () => {
        const subject = 'Some roof samples please';
        const caseId = await webForm({ Subject: subject });
        const toCase = variablesFor('Sample_Request', caseId);
        toCase.followUp.Case.Subject = subject as unknown as Tree;
        const toOpportunity = variablesFor('Opportunity', caseId);
        toOpportunity.followUp.Opportunity.Name = `Northwind Roofing – ${subject}` as unknown as Tree;
        const cases = count('Case');
        const opportunities = count('Opportunity');
        for (const [document, variables] of [
            [TO_CASE, toCase],
            [TO_OPPORTUNITY, toOpportunity]
        ] as const) {
            const result = await graphql(t, t.agent.accessToken, document, variables);
            assert.deepEqual(result.data, { uiapi: { followUp: null, webForm: null } });
            // The failed operation first, by field name; then the web form's update, rolled back with it.
            assert.deepEqual(
                result.errors.map((e) => [e.paths, e.extensions.errorCode, e.message]),
                [
                    [
                        ['uiapi', document === TO_CASE ? 'CaseCreate' : 'OpportunityCreate'],
                        'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                        'Follow-ups about roof samples need a reviewed web form.'
                    ],
                    [['uiapi', 'CaseUpdate'], 'PROCESSING_HALTED', ROLLED_BACK]
                ]
            );
        }
        assert.equal(count('Case'), cases);
        assert.equal(count('Opportunity'), opportunities);
        assert.equal(caseRow(caseId).Status, 'New');
    });

    test('a web form the org keeps open: its update is the failed operation, the follow-up is rolled back', async () => {
        const caseId = await webForm({ Subject: 'Please keep open' });
        const cases = count('Case');
        const result = await graphql(t, t.agent.accessToken, TO_CASE, variablesFor('Customer_Request', caseId));
        assert.deepEqual(result.data, { uiapi: { followUp: null, webForm: null } });
        assert.deepEqual(
            result.errors.map((e) => [e.paths, e.extensions.errorCode, e.message]),
            [
                [['uiapi', 'CaseUpdate'], 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'This web form must stay open.'],
                [['uiapi', 'CaseCreate'], 'PROCESSING_HALTED', ROLLED_BACK]
            ]
        );
        assert.equal(count('Case'), cases);
        assert.equal(caseRow(caseId).Status, 'New');
    });
});
