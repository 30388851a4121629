/**
 * An org with State and Country/Territory Picklists (`npm run org -- --country-picklists`): addresses have a
 * CountryCode picklist, a country must be one of the org's, and an unknown country fails the whole save as on
 * Salesforce, through REST and through the intake's own prospect mutation; the intake's request, built as the
 * component builds it, saves the prospect without an unknown country. An org without the option keeps free text.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
    COUNTRY_OBJECT_INFO_INPUTS,
    componentDocument,
    countriesOf,
    prospectVariables
} from '../../scripts/lib/componentDocuments.ts';
import { LocalOrg } from '../src/org.ts';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { assignPermissionSet, graphql, graphqlData, V } from './support/graphql.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

type Tree = { [key: string]: Tree } & Tree[];

const CREATE_PROSPECT = componentDocument('webFormIntake', 'CREATE_PROSPECT_MUTATION');
const COUNTRY_QUERY = componentDocument('webFormIntake', 'COUNTRY_QUERY');
const NO_SUCH_COUNTRY =
    "There's a problem with this country, even though it may appear correct. Please select a country from the list of valid countries.";

/** The prospect form as the intake fills it from a web form from Acme in the given country. */
function form(country: string) {
    return {
        Name: `Acme ${country}`,
        AccountPhone: '+49 30 1234567',
        BillingStreet: '1 Hauptstrasse',
        BillingCity: 'Berlin',
        BillingPostalCode: '10115',
        BillingCountry: country,
        FirstName: 'Jana',
        LastName: `Schmidt ${country}`,
        Email: 'jana@acme.example'
    };
}

function count(t: TestOrg, table: string): number {
    return Number(rows(t.org, `SELECT COUNT(*) n FROM "${table}" WHERE IsDeleted = 0`)[0].n);
}

describe('an org with State and Country/Territory Picklists', () => {
    let t: TestOrg;
    let caseId: string;

    before(async () => {
        t = await startDeployedTestOrg({ countryPicklists: true });
        await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
        const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Case`, {
            Subject: 'Web form'
        });
        caseId = (created.body as { id: string }).id;
    });
    after(() => t.close());

    test('addresses have a CountryCode picklist of the org’s countries, and a country name fills it', async () => {
        const describe = await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Account/describe`);
        const fields = (describe.body as { fields: { name: string; type: string; picklistValues: unknown[] }[] })
            .fields;
        const code = fields.find((field) => field.name === 'BillingCountryCode')!;
        assert.equal(code.type, 'picklist');
        assert.deepEqual(
            code.picklistValues.find((v) => (v as { value: string }).value === 'DE'),
            {
                active: true,
                defaultValue: false,
                label: 'Germany',
                validFor: null,
                value: 'DE'
            }
        );

        const byName = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
            Name: 'By name',
            BillingCountry: 'Germany'
        });
        assert.equal(byName.status, 201, JSON.stringify(byName.body));
        const byCode = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Contact`, {
            LastName: 'By code',
            MailingCountryCode: 'FR'
        });
        assert.equal(byCode.status, 201, JSON.stringify(byCode.body));
        const id = (response: { body: unknown }) => (response.body as { id: string }).id;
        assert.deepEqual(
            rows(t.org, 'SELECT BillingCountry, BillingCountryCode FROM Account WHERE Id = ?', id(byName))[0],
            { BillingCountry: 'Germany', BillingCountryCode: 'DE' }
        );
        assert.deepEqual(
            rows(t.org, 'SELECT MailingCountry, MailingCountryCode FROM Contact WHERE Id = ?', id(byCode))[0],
            { MailingCountry: 'France', MailingCountryCode: 'FR' }
        );
    });

    test('an unknown country, by name or by code, fails the save with FIELD_INTEGRITY_EXCEPTION', async () => {
        const accounts = count(t, 'Account');
        const byName = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
            Name: 'Unknown',
            BillingCountry: 'Atlantis'
        });
        assert.equal(byName.status, 400);
        assert.deepEqual(byName.body, [
            { message: NO_SUCH_COUNTRY, errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['BillingCountry'] }
        ]);
        const byCode = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
            Name: 'Unknown',
            BillingCountryCode: 'XX'
        });
        assert.equal(byCode.status, 400);
        assert.deepEqual(byCode.body, [
            {
                message:
                    "The BillingCountryCode field contains XX, which isn't an available country/territory. Your administrator can add it for you.",
                errorCode: 'FIELD_INTEGRITY_EXCEPTION',
                fields: ['BillingCountryCode']
            }
        ]);
        assert.equal(count(t, 'Account'), accounts);
    });

    test('what local-org does not model is refused by name: state picklists', async () => {
        const refused = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
            Name: 'With a state',
            BillingState: 'Bavaria',
            BillingCountry: 'Germany'
        });
        assert.equal(refused.status, 400);
        assert.equal((refused.body as { errorCode: string }[])[0].errorCode, 'NOT_SUPPORTED_BY_LOCAL_ORG');
        assert.match((refused.body as { message: string }[])[0].message, /BillingState/);
    });

    test('the prospect mutation with a free-text country the org lacks is refused whole', async () => {
        const accounts = count(t, 'Account');
        const contacts = count(t, 'Contact');
        // Built as for an org with free-text countries: the text goes to BillingCountry and MailingCountry.
        const result = await graphql(
            t,
            t.agent.accessToken,
            CREATE_PROSPECT,
            prospectVariables(form('Atlantis'), caseId, null)
        );
        assert.deepEqual(result.data, { uiapi: { account: null, contact: null, webForm: null } });
        assert.deepEqual(
            result.errors.map((e) => [e.paths, e.extensions.errorCode, e.message]),
            [
                [['uiapi', 'AccountCreate'], 'FIELD_INTEGRITY_EXCEPTION', NO_SUCH_COUNTRY],
                [
                    ['uiapi', 'ContactCreate'],
                    'PROCESSING_HALTED',
                    'The transaction was rolled back since another operation in the same transaction failed.'
                ],
                [
                    ['uiapi', 'CaseUpdate'],
                    'PROCESSING_HALTED',
                    'The transaction was rolled back since another operation in the same transaction failed.'
                ]
            ]
        );
        assert.equal(count(t, 'Account'), accounts);
        assert.equal(count(t, 'Contact'), contacts);
    });

    test('the intake reads the org’s countries and sends a country as its code, or none when the org lacks it', async () => {
        const answer = (await graphqlData(t, t.agent.accessToken, COUNTRY_QUERY, {
            objectInfoInputs: COUNTRY_OBJECT_INFO_INPUTS
        })) as Tree;
        const countries = countriesOf(answer.uiapi.objectInfos as never)!;
        assert.ok(countries.some((country) => country.code === 'DE' && country.name === 'Germany'));

        const known = (await graphqlData(
            t,
            t.agent.accessToken,
            CREATE_PROSPECT,
            prospectVariables(form('germany'), caseId, countries)
        )) as Tree;
        const accountId = String(known.uiapi.account.Record.Id);
        assert.deepEqual(
            rows(t.org, 'SELECT BillingCountry, BillingCountryCode FROM Account WHERE Id = ?', accountId)[0],
            { BillingCountry: 'Germany', BillingCountryCode: 'DE' }
        );

        const unknown = (await graphqlData(
            t,
            t.agent.accessToken,
            CREATE_PROSPECT,
            prospectVariables(form('Atlantis'), caseId, countries)
        )) as Tree;
        const contactId = String(unknown.uiapi.contact.Record.Id);
        assert.deepEqual(
            rows(t.org, 'SELECT MailingCountry, MailingCountryCode FROM Contact WHERE Id = ?', contactId)[0],
            { MailingCountry: null, MailingCountryCode: null }
        );
    });
});

describe('an org with free-text countries (the default)', () => {
    let t: TestOrg;
    before(async () => {
        t = await startTestOrg();
    });
    after(() => t.close());

    test('has no CountryCode fields, and any country text is saved', async () => {
        const describe = await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Account/describe`);
        const names = (describe.body as { fields: { name: string }[] }).fields.map((field) => field.name);
        assert.ok(names.includes('BillingCountry') && !names.includes('BillingCountryCode'));
        const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
            Name: 'Anywhere',
            BillingCountry: 'Atlantis'
        });
        assert.equal(created.status, 201, JSON.stringify(created.body));
    });
});

test('an org keeps the country setting it was made with', () => {
    const dir = mkdtempSync(join(tmpdir(), 'localorg-countries-'));
    try {
        const file = join(dir, 'org.db');
        LocalOrg.open(file).close();
        assert.throws(() => LocalOrg.open(file, { countryPicklists: true }), /made without --country-picklists/);
        LocalOrg.open(file).close();
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});
