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
import { projectRoot } from '../../scripts/lib/project.ts';
import { deployPackage } from '../src/metadata/deploy.ts';
import { assignPermissionSet, deployForceApp, graphql, graphqlData, V } from './support/graphql.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

/** GraphQL JSON walked by the assertions, which state the shape they expect (a missing step fails the test). */
type Tree = { [key: string]: Tree } & Tree[];

const COMPONENT = join(projectRoot, 'force-app', 'main', 'default', 'lwc', 'conversionProcess', 'conversionProcess.js');

/** A gql document of the component, by the constant that holds it: the text the component sends. */
function componentDocument(constant: string): string {
    const source = readFileSync(COMPONENT, 'utf8');
    const match = new RegExp(`const ${constant} = gql\`([^\`]*)\``).exec(source);
    assert.ok(match, `${constant} is a gql document in conversionProcess.js`);
    return match[1];
}

const WEB_FORM_QUERY = componentDocument('WEB_FORM_QUERY');
const TO_CASE = componentDocument('CONVERT_TO_CASE_MUTATION');
const TO_OPPORTUNITY = componentDocument('CONVERT_TO_OPPORTUNITY_MUTATION');

let t: TestOrg;
let accountId: string;
let contactId: string;
let webFormRecordTypeId: string;

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

const SUBMITTER = {
    SuppliedName: 'Nora Wind',
    SuppliedEmail: 'nora@northwind.example',
    SuppliedPhone: '+44 20 7946 0000',
    SuppliedCompany: 'Northwind Roofing Ltd',
    Web_Street__c: '1 Harbour Road',
    Web_City__c: 'Bristol',
    Web_Postal_Code__c: 'BS1 5TT',
    Web_Country__c: 'United Kingdom'
};

/** A web form as Web-to-Case leaves it, linked to the account and contact. */
async function webForm(type: string, subject: string): Promise<string> {
    return create('Case', {
        RecordTypeId: webFormRecordTypeId,
        Type: type,
        Origin: 'Web',
        Subject: subject,
        Description: 'Submitted through the web form.',
        Priority: 'High',
        AccountId: accountId,
        ContactId: contactId,
        ...SUBMITTER
    });
}

/** What the agent's action reads when it opens: the web form, its follow-ups, and the objects' create access. */
async function openAction(token: string, caseId: string): Promise<Tree> {
    return (await graphqlData(t, token, WEB_FORM_QUERY, { caseId })) as Tree;
}

function recordTypeId(data: Tree, label: string): string {
    const info = data.uiapi.objectInfos.find((i) => String(i.ApiName) === 'Case')!;
    const type = info.recordTypeInfos.find((rt) => String(rt.name) === label);
    assert.ok(type, `record type ${label} in ${JSON.stringify(info.recordTypeInfos)}`);
    return String(type.recordTypeId);
}

/** The variables the component sends for a case follow-up with the pre-filled values unchanged. */
function caseVariables(caseId: string, subject: string, followUpRecordTypeId: string) {
    return {
        followUp: {
            Case: {
                RecordTypeId: followUpRecordTypeId,
                Subject: subject,
                Description: 'Submitted through the web form.',
                Origin: 'Web',
                Priority: 'High',
                AccountId: accountId,
                ContactId: contactId,
                ...SUBMITTER,
                Converted_From__c: caseId
            }
        },
        webForm: { Id: caseId, Case: { Status: 'Closed - Accepted' } }
    };
}

function opportunityVariables(caseId: string, name: string) {
    return {
        followUp: {
            Opportunity: {
                Name: name,
                AccountId: accountId,
                CloseDate: '2026-12-30',
                StageName: 'Prospecting',
                Description: 'Submitted through the web form.',
                LeadSource: 'Web',
                Source_Case__c: caseId
            }
        },
        webForm: { Id: caseId, Case: { Status: 'Closed - Accepted' } }
    };
}

before(async () => {
    t = await startTestOrg();
    await deployForceApp(t);
    await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
    await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
    accountId = await create('Account', { Name: 'Northwind Roofing' });
    contactId = await create('Contact', { LastName: 'Wind', FirstName: 'Nora', AccountId: accountId });
    webFormRecordTypeId = String(
        rows(t.org, "SELECT Id FROM RecordType WHERE SobjectType = 'Case' AND DeveloperName = 'Web_Form'")[0].Id
    );
});
after(() => t.close());

describe('as the agent', () => {
    test('the action’s query reads the web form, no follow-ups yet, and both objects createable', async () => {
        const caseId = await webForm('Sample Request', 'Samples of the slate tiles');
        const data = await openAction(t.agent.accessToken, caseId);
        const node = data.uiapi.query.Case.edges[0].node;
        assert.equal(node.Type.value, 'Sample Request');
        assert.equal(node.Account.Name.value, 'Northwind Roofing');
        assert.deepEqual(node.Converted_Follow_Ups__r.edges, []);
        assert.deepEqual(node.Converted_Opportunities__r.edges, []);
        const infos = data.uiapi.objectInfos;
        assert.deepEqual(
            infos.map((info) => [info.ApiName, info.createable]),
            [
                ['Case', true],
                ['Opportunity', true]
            ]
        );
        recordTypeId(data, 'Customer Request');
        recordTypeId(data, 'Sample Request');
    });

    for (const [label, type] of [
        ['Customer Request', 'Technical Question'],
        ['Sample Request', 'Sample Request']
    ] as const) {
        test(`converts a web form into a ${label}: the case has the pre-filled values and lineage, the web form is Closed - Accepted`, async () => {
            const caseId = await webForm(type, `Web form for a ${label}`);
            const followUpType = recordTypeId(await openAction(t.agent.accessToken, caseId), label);
            const variables = caseVariables(caseId, `Web form for a ${label}`, followUpType);
            const data = await graphqlData(t, t.agent.accessToken, TO_CASE, variables);

            const uiapi = (data as Tree).uiapi;
            assert.equal(uiapi.webForm.Record.Id, caseId);
            assert.equal(uiapi.webForm.Record.Status.value, 'Closed - Accepted');
            const followUp = caseRow(String(uiapi.followUp.Record.Id));
            assert.equal(uiapi.followUp.Record.CaseNumber.value, followUp.CaseNumber);
            for (const [field, value] of Object.entries(variables.followUp.Case)) {
                assert.equal(followUp[field], value, field);
            }
            assert.equal(followUp.Status, 'New', 'the follow-up starts its own process');
            assert.equal(followUp.ParentId, null, 'a follow-up is not a child case');
            assert.equal(caseRow(caseId).Status, 'Closed - Accepted');
        });
    }

    test('converts a web form into an Opportunity with its lineage, and the web form is Closed - Accepted', async () => {
        const caseId = await webForm('Quote Request', 'Quote for 40 roof panels');
        const variables = opportunityVariables(caseId, 'Northwind Roofing – Quote for 40 roof panels');
        const data = await graphqlData(t, t.agent.accessToken, TO_OPPORTUNITY, variables);

        const uiapi = (data as Tree).uiapi;
        assert.equal(uiapi.followUp.Record.Name.value, 'Northwind Roofing – Quote for 40 roof panels');
        const [opportunity] = rows(t.org, 'SELECT * FROM Opportunity WHERE Id = ?', uiapi.followUp.Record.Id);
        for (const [field, value] of Object.entries(variables.followUp.Opportunity)) {
            assert.equal(opportunity[field], value, field);
        }
        assert.equal(uiapi.webForm.Record.Status.value, 'Closed - Accepted');
        assert.equal(caseRow(caseId).Status, 'Closed - Accepted');
    });

    test('a converted web form converts again; the action lists every follow-up', async () => {
        const caseId = await webForm('Product Information', 'Several questions');
        const customerRequest = recordTypeId(await openAction(t.agent.accessToken, caseId), 'Customer Request');
        const first = await graphqlData(
            t,
            t.agent.accessToken,
            TO_CASE,
            caseVariables(caseId, 'Several questions', customerRequest)
        );
        const second = await graphqlData(
            t,
            t.agent.accessToken,
            TO_CASE,
            caseVariables(caseId, 'Several questions: the second one', customerRequest)
        );
        const opportunity = await graphqlData(
            t,
            t.agent.accessToken,
            TO_OPPORTUNITY,
            opportunityVariables(caseId, 'Northwind Roofing – Several questions')
        );
        assert.equal(caseRow(caseId).Status, 'Closed - Accepted');

        const node = (await openAction(t.agent.accessToken, caseId)).uiapi.query.Case.edges[0].node;
        assert.deepEqual(
            node.Converted_Follow_Ups__r.edges.map((e) => e.node.Id).sort(),
            [(first as Tree).uiapi.followUp.Record.Id, (second as Tree).uiapi.followUp.Record.Id].sort()
        );
        assert.deepEqual(
            node.Converted_Opportunities__r.edges.map((e) => e.node.Id),
            [(opportunity as Tree).uiapi.followUp.Record.Id]
        );
    });
});

describe('as the viewer', () => {
    test('the action shows both targets unavailable, and the org refuses the mutation, writing nothing', async () => {
        const caseId = await webForm('Sample Request', 'Viewer tries');
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
        const sampleRequest = String(
            rows(t.org, "SELECT Id FROM RecordType WHERE SobjectType = 'Case' AND DeveloperName = 'Sample_Request'")[0]
                .Id
        );
        // The component's variables name custom fields the viewer may not set: refused before anything runs.
        for (const [document, variables] of [
            [TO_CASE, caseVariables(caseId, 'Viewer tries', sampleRequest)],
            [TO_OPPORTUNITY, opportunityVariables(caseId, 'Viewer tries')]
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
            refused.errors.map((e) => [e.path, e.extensions.errorCode, e.message]),
            [[['uiapi', 'followUp'], 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', 'entity type cannot be inserted: Case']]
        );
        assert.equal(count('Case'), cases);
        assert.equal(count('Opportunity'), opportunities);
        assert.equal(caseRow(caseId).Status, 'New');
    });
});

describe('with a validation rule that rejects the follow-up', () => {
    before(async () => {
        const xml = (body: string) =>
            Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${body.replace(/>\s+</g, '><')}`);
        const rule = (name: string, formula: string) => `<validationRules><fullName>${name}</fullName>
            <active>true</active><errorConditionFormula>${formula}</errorConditionFormula>
            <errorMessage>Follow-ups about roof samples need a reviewed web form.</errorMessage></validationRules>`;
        const files = new Map([
            [
                'package.xml',
                xml(`<Package xmlns="http://soap.sforce.com/2006/04/metadata">
                    <types><members>Case.Reject_Roof_Samples</members><members>Opportunity.Reject_Roof_Samples</members>
                    <name>ValidationRule</name></types><version>66.0</version></Package>`)
            ],
            [
                'objects/Case.object',
                xml(
                    `<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">${rule(
                        'Reject_Roof_Samples',
                        'AND(NOT(ISBLANK(Converted_From__c)), CONTAINS(Subject, &apos;roof samples&apos;))'
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
        const caseId = await webForm('Sample Request', 'Some roof samples please');
        const sampleRequest = recordTypeId(await openAction(t.agent.accessToken, caseId), 'Sample Request');
        const cases = count('Case');
        const opportunities = count('Opportunity');
        for (const [document, variables] of [
            [TO_CASE, caseVariables(caseId, 'Some roof samples please', sampleRequest)],
            [TO_OPPORTUNITY, opportunityVariables(caseId, 'Northwind Roofing – Some roof samples please')]
        ] as const) {
            const result = await graphql(t, t.agent.accessToken, document, variables);
            assert.deepEqual(result.data, { uiapi: { followUp: null, webForm: null } });
            assert.equal(result.errors.length, 1, JSON.stringify(result.errors));
            assert.deepEqual(result.errors[0].path, ['uiapi', 'followUp']);
            assert.equal(result.errors[0].extensions.errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
            assert.equal(result.errors[0].message, 'Follow-ups about roof samples need a reviewed web form.');
        }
        assert.equal(count('Case'), cases);
        assert.equal(count('Opportunity'), opportunities);
        assert.equal(caseRow(caseId).Status, 'New');
    });
});
