import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { backfillMatchKeys, keyUpdate } from '../lib/backfill.ts';
import {
    FLOW_FORMULA_LIMIT,
    flowPath,
    keyFormulas,
    matchKeyFlowXml,
    MATCH_KEY_OBJECTS,
    stepsFormula
} from '../lib/matchKeyFlows.ts';
import {
    applyKeySteps,
    MATCH_KEY_DEFINITIONS,
    matchCandidateVariables,
    matchSearchRequests,
    storedMatchKeys,
    withMatchKeys
} from '../lib/recordMatcher.ts';
import type { RecordWriter, UpsertRecord } from '../lib/seeding.ts';

test('the committed match-key flows are generated from the current key definitions', async () => {
    for (const object of MATCH_KEY_OBJECTS) {
        assert.equal(
            readFileSync(flowPath(object), 'utf8'),
            await matchKeyFlowXml(object),
            `${flowPath(object)} is stale: run npm run generate-match-key-flows`
        );
    }
});

test('every key formula fits in a flow formula', () => {
    for (const object of MATCH_KEY_OBJECTS) {
        for (const definition of MATCH_KEY_DEFINITIONS[object]) {
            for (const formula of keyFormulas(definition)) {
                assert.ok(formula.expression.length <= FLOW_FORMULA_LIMIT, `${object}.${formula.name}`);
            }
        }
    }
});

test('formulas read like what they do', () => {
    assert.equal(
        stepsFormula('{!$Record.Phone}', [['lower'], ['before', 'x'], ['sub', '"', '\\'], ['min', 7], ['right', 7]]),
        'RIGHT(IF(LEN(SUBSTITUTE(IF(FIND("x", LOWER({!$Record.Phone})) > 0, LEFT(LOWER({!$Record.Phone}), FIND("x", LOWER({!$Record.Phone})) - 1), LOWER({!$Record.Phone})), "\\"", "\\\\")) < 7, "", SUBSTITUTE(IF(FIND("x", LOWER({!$Record.Phone})) > 0, LEFT(LOWER({!$Record.Phone}), FIND("x", LOWER({!$Record.Phone})) - 1), LOWER({!$Record.Phone})), "\\"", "\\\\")), 7)'
    );
    assert.equal(applyKeySteps('ab@cd@ef', [['after', '@']]), 'cd@ef');
    assert.equal(applyKeySteps('abc', [['after', '@']]), 'abc');
});

test('stored keys of real-world values', () => {
    assert.deepEqual(
        storedMatchKeys('Account', {
            Name: 'The ACME Corp.',
            Phone: '+1 (415) 555-1234 x12',
            Website: 'HTTPS://www.Acme.com/about',
            BillingStreet: '100 N. Main Street'
        }),
        {
            Match_Name_Key__c: 'acmecorp',
            Match_Phone_Key__c: '5551234',
            Match_Domain_Key__c: 'acme.com',
            Match_Street_Key__c: '100main'
        }
    );
    // Direction words and ordinal endings are left out: one street written three ways has one key.
    for (const street of ['112 E. 51st St', '112 East 51 Street', '112 e 51ST STREET, Floor 2']) {
        assert.equal(storedMatchKeys('Account', { BillingStreet: street }).Match_Street_Key__c, '11251', street);
    }
    assert.equal(storedMatchKeys('Account', { BillingStreet: '3003 W  Touhy Ave' }).Match_Street_Key__c, '3003touh');
    assert.deepEqual(storedMatchKeys('Account', { Name: 'Müller & Söhne GmbH', Phone: '12 34', Website: 'No' }), {
        Match_Name_Key__c: 'mullersohnegmbh',
        Match_Phone_Key__c: null,
        Match_Domain_Key__c: 'no',
        Match_Street_Key__c: null
    });
    assert.deepEqual(
        storedMatchKeys('Contact', {
            FirstName: 'Jean-Luc',
            LastName: "D'Éon",
            Email: 'JL@Eu.Acme.com',
            MailingStreet: '47 Edkins Street, Unit 4'
        }),
        {
            Match_Name_Key__c: 'deonj',
            Match_Phone_Key__c: null,
            Match_Domain_Key__c: 'eu.acme.com',
            Match_Street_Key__c: '47edki',
            Match_Postal_Key__c: null,
            // Without a city the given name alone: never searched, since a search sends a city with the name.
            Match_Locality_Key__c: 'jeanluc'
        }
    );
    assert.equal(
        storedMatchKeys('Contact', { FirstName: 'Zoë', LastName: 'Byers', MailingCity: 'Coffs Harbour' })
            .Match_Locality_Key__c,
        'coffsharbourzoe'
    );
});

test('withMatchKeys adds only the keys whose source fields the input gives', () => {
    assert.deepEqual(withMatchKeys('Contact', { Phone: '555-123-4567' }), {
        Phone: '555-123-4567',
        Match_Phone_Key__c: '1234567'
    });
    assert.deepEqual(withMatchKeys('Account', { Name: 'Acme', Phone: null, Website: null }), {
        Name: 'Acme',
        Phone: null,
        Website: null,
        Match_Name_Key__c: 'acme',
        Match_Phone_Key__c: null,
        Match_Domain_Key__c: null
    });
    assert.deepEqual(withMatchKeys('Account', { Name: 'Acme', BillingStreet: '1 Main St' }), {
        Name: 'Acme',
        BillingStreet: '1 Main St',
        Match_Name_Key__c: 'acme',
        Match_Street_Key__c: '1main'
    });
});

test('search variables: exact and normalised email, company domains only, phone keys, name prefixes, swapped names', () => {
    const variables = matchCandidateVariables({
        FirstName: 'Jane',
        LastName: 'Roe',
        Email: ' Jane.Roe+web@Mail.Globex.co.uk ',
        Phone: '+44 20 7946 0958',
        Company: 'SARL Dupont & Fils',
        Street: '47 Edkins Street',
        City: 'London',
        PostalCode: 'SW1A 1AA'
    });
    assert.deepEqual(variables, {
        emails: ['jane.roe+web@mail.globex.co.uk', 'jane.roe@mail.globex.co.uk'],
        phones: ['9460958'],
        domains: ['mail.globex.co.uk', 'globex.co.uk'],
        streets: ['47edki'],
        personNames: ['roej', 'janer'],
        postals: ['sw1a1aar', 'sw1a1aaj'],
        localities: ['londonjane'],
        companyName: 'sarldupont%',
        companyNameAlt: 'dupontfils%',
        companyWord: 'sarl%',
        surname: `${'~'.repeat(81)}%`,
        givenName: `${'~'.repeat(81)}%`
    });
    const acme = matchCandidateVariables({ Company: 'ACME Corp.' });
    assert.deepEqual(
        [acme.companyName, acme.companyNameAlt, acme.companyWord],
        ['acmecorp%', 'acme%', '~'.repeat(81) + '%']
    );
    const empty = matchCandidateVariables({ Email: 'someone@gmail.com' });
    assert.deepEqual(empty.domains, ['~'.repeat(81)]);
    assert.equal(empty.companyName, `${'~'.repeat(81)}%`);
    assert.deepEqual(empty.personNames, ['~'.repeat(81)]);
    assert.deepEqual(empty.postals, ['~'.repeat(81)]);
    assert.deepEqual(empty.localities, ['~'.repeat(81)]);
    assert.deepEqual(matchCandidateVariables({ City: 'London', LastName: 'Roe' }).localities, ['~'.repeat(81)]);
});

test('the backfill updates only missing or stale keys, and reports failures', async () => {
    const current = {
        Id: '001A',
        Name: 'Acme',
        Phone: null,
        Website: null,
        ...storedMatchKeys('Account', { Name: 'Acme' })
    };
    assert.equal(keyUpdate('Account', current), null);
    assert.deepEqual(keyUpdate('Account', { ...current, Match_Name_Key__c: null }), {
        Id: '001A',
        Match_Name_Key__c: 'acme',
        Match_Phone_Key__c: null,
        Match_Domain_Key__c: null,
        Match_Street_Key__c: null
    });
    const sent: [string, UpsertRecord[]][] = [];
    const writer: RecordWriter = {
        upsert: () => Promise.reject(new Error('not used')),
        update: (sobject, records) => {
            sent.push([sobject, records]);
            return Promise.resolve(
                records.map((record) =>
                    record.Id === '003B'
                        ? { success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'locked' }] }
                        : { id: String(record.Id), success: true, errors: [] }
                )
            );
        }
    };
    const report = await backfillMatchKeys(
        (sobject) =>
            Promise.resolve(
                sobject === 'Account'
                    ? [current]
                    : [
                          { Id: '003A', LastName: 'Roe', Match_Name_Key__c: 'roe' },
                          { Id: '003B', LastName: 'Lee', Match_Name_Key__c: null }
                      ]
            ),
        writer
    );
    assert.deepEqual(
        sent.map(([sobject, records]) => [sobject, records.map((r) => r.Id)]),
        [['Contact', ['003B']]]
    );
    assert.equal(report.success, false);
    assert.deepEqual(report.steps, [
        { sobject: 'Account', scanned: 1, stale: 0, updated: 0, failed: 0 },
        { sobject: 'Contact', scanned: 2, stale: 1, updated: 0, failed: 1 }
    ]);
    assert.deepEqual(report.failures, [
        { sobject: 'Contact', id: '003B', errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'locked' }] }
    ]);
});

test('a search is at most two requests of at most ten subqueries each; the name request only with a name', () => {
    const subqueries = (query: string) => (query.match(/^ {12}\w+: (Account|Contact)\($/gm) ?? []).length;
    const withCompany = matchSearchRequests({ LastName: 'Roe', Company: 'ACME Corp.', Phone: '555 123 4567' });
    assert.deepEqual(
        withCompany.map((request) => subqueries(request.query)),
        [10, 5]
    );
    const none = `${'~'.repeat(81)}%`;
    assert.deepEqual(withCompany[1].variables, {
        companyName: 'acmecorp%',
        companyNameAlt: 'acme%',
        companyWord: none,
        surname: none,
        givenName: none
    });
    assert.ok(!('companyName' in withCompany[0].variables));
    assert.equal(matchSearchRequests({ Email: 'jane@example.com' }).length, 1);
    // A name typed alone also searches Contacts by surname key and by Contact.Name, both prefixes.
    const typedName = matchSearchRequests({ LastName: 'Schmidt', Company: 'Schmidt' });
    assert.equal(typedName[1].variables.surname, 'schmidt%');
    assert.equal(typedName[1].variables.givenName, 'Schmidt%');
    // A phone fragment: every seven-digit key ending with it, exact; a typed domain: its host.
    const fragment = matchSearchRequests({ LastName: '901821', Company: '901821' });
    assert.equal(fragment.length, 1);
    assert.deepEqual(
        (fragment[0].variables.phones as string[]).filter((key) => key.length === 7),
        '0123456789'.split('').map((digit) => `${digit}901821`)
    );
    const domain = matchSearchRequests({ LastName: 'brightgate.example.com', Company: 'brightgate.example.com' });
    assert.ok((domain[0].variables.domains as string[]).includes('brightgate.example.com'));
    // No leading wildcard anywhere: every like value is a prefix.
    for (const request of withCompany) {
        for (const value of Object.values(request.variables)) {
            for (const text of [value].flat()) assert.ok(!String(text).startsWith('%'));
        }
    }
});
