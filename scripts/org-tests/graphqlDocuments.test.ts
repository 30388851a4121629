/**
 * The components' own GraphQL requests against the target org, read from their source and built as they build
 * them (issue 15, findings 3 and 8): the Conversion Process's object metadata brings the picklist values its form
 * offers, and the intake's prospect mutation saves a prospect whose web form names a country the org lacks.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Org, type Connection } from '@salesforce/core';
import {
    COUNTRY_OBJECT_INFO_INPUTS,
    componentDocument,
    countriesOf,
    prospectVariables
} from '../lib/componentDocuments.ts';
import { targetOrg } from './helpers.ts';

type Tree = { [key: string]: Tree } & Tree[];

const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

async function graphql(
    connection: Connection,
    query: string,
    variables: Record<string, unknown>
): Promise<{ data: Tree; errors?: unknown[] }> {
    return connection.request({
        method: 'POST',
        url: `/services/data/v${connection.getApiVersion()}/graphql`,
        body: JSON.stringify({ query, variables }),
        headers: { 'Content-Type': 'application/json' }
    });
}

/** The values a picklist field offers for a record type in an objectInfos answer. */
function picklistValues(info: Tree, field: string, recordTypeId: string): string[] {
    const byType = info.fields.find((f) => String(f.ApiName) === field)?.picklistValuesByRecordTypeIDs ?? [];
    const entry = byType.find((p) => String(p.recordTypeID) === recordTypeId);
    return (entry?.picklistValues ?? []).map((v) => String(v.value));
}

test(
    'the Conversion Process’s query returns the picklist values of Origin, Priority, Stage and Lead Source',
    { skip: !targetOrg && 'no target org' },
    async () => {
        const connection = (await Org.create({ aliasOrUsername: targetOrg })).getConnection();
        const recordTypes = await connection.query<{ Id: string; DeveloperName: string }>(
            "SELECT Id, DeveloperName FROM RecordType WHERE SobjectType = 'Case' AND DeveloperName IN ('Customer_Request', 'Sample_Request')"
        );
        assert.equal(recordTypes.totalSize, 2);
        // The same variables the component sends (its jest test asserts them): every record type's picklists.
        const body = await graphql(connection, componentDocument('conversionProcess', 'WEB_FORM_QUERY'), {
            caseId: null,
            objectInfoInputs: [
                { apiName: 'Case', recordTypeIDs: [] },
                { apiName: 'Opportunity', recordTypeIDs: [] }
            ]
        });
        assert.deepEqual(body.errors ?? [], []);
        const infos = body.data.uiapi.objectInfos;
        const caseInfo = infos.find((info) => String(info.ApiName) === 'Case')!;
        for (const recordType of recordTypes.records) {
            for (const field of ['Origin', 'Priority']) {
                const values = picklistValues(caseInfo, field, recordType.Id);
                assert.ok(values.length > 0, `Case ${field} for ${recordType.DeveloperName}`);
            }
        }
        const opportunity = infos.find((info) => String(info.ApiName) === 'Opportunity')!;
        const isTrue = (value: Tree) => (value as unknown) === true;
        const defaultType =
            opportunity.recordTypeInfos.find((rt) => isTrue(rt.available) && isTrue(rt.defaultRecordTypeMapping))
                ?.recordTypeId ?? MASTER_RECORD_TYPE_ID;
        for (const field of ['StageName', 'LeadSource']) {
            const values = picklistValues(opportunity, field, String(defaultType));
            assert.ok(values.length > 0, `Opportunity ${field}`);
        }
    }
);

test(
    'the intake’s prospect mutation, built as the component builds it, saves a prospect from an unknown country',
    { skip: !targetOrg && 'no target org' },
    async () => {
        const connection = (await Org.create({ aliasOrUsername: targetOrg })).getConnection();
        const countryAnswer = await graphql(connection, componentDocument('webFormIntake', 'COUNTRY_QUERY'), {
            objectInfoInputs: COUNTRY_OBJECT_INFO_INPUTS
        });
        assert.deepEqual(countryAnswer.errors ?? [], []);
        const countries = countriesOf(countryAnswer.data.uiapi.objectInfos as never);
        const webForm = await connection.sobject('Case').create({ Subject: 'test:org prospect from Atlantis' });
        assert.ok(webForm.success, JSON.stringify(webForm));
        // Deleted in this order: the case points at the contact, and a contact with cases cannot be deleted.
        const created = new Map<'Case' | 'Contact' | 'Account', string>([['Case', String(webForm.id)]]);
        try {
            const values = {
                Name: 'test:org Atlantis Trading',
                BillingCity: 'Poseidonis',
                BillingCountry: 'Atlantis',
                FirstName: 'Ada',
                LastName: 'test:org Atlantis'
            };
            const body = await graphql(
                connection,
                componentDocument('webFormIntake', 'CREATE_PROSPECT_MUTATION'),
                prospectVariables(values, String(webForm.id), countries)
            );
            const uiapi = body.data?.uiapi;
            if (uiapi?.contact?.Record) created.set('Contact', String(uiapi.contact.Record.Id));
            if (uiapi?.account?.Record) created.set('Account', String(uiapi.account.Record.Id));
            assert.deepEqual(body.errors ?? [], [], JSON.stringify(body.errors));
            const account = await connection.sobject('Account').retrieve(String(uiapi.account.Record.Id));
            // With country picklists the unknown country is left out; with free-text countries it is kept.
            assert.equal(account.BillingCountry ?? null, countries === null ? 'Atlantis' : null);
        } finally {
            for (const [object, id] of created) await connection.sobject(object).destroy(id);
        }
    }
);
