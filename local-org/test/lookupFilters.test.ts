/**
 * Lookup filters on custom lookups (`<lookupFilter>`): applied on every save as Salesforce does (REST, GraphQL
 * mutations), with the filter logic, literal values and the default message; the parts local-org does not
 * implement refused at deploy by name instead of being stored and ignored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Connection } from 'jsforce';
import { deployPackage, type DeployOutcome } from '../src/metadata/deploy.ts';
import { assignPermissionSet, graphql, V } from './support/graphql.ts';
import { call, startTestOrg, type TestOrg } from './support/testOrg.ts';

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const PACKAGE = `<?xml version="1.0" encoding="UTF-8"?><Package ${NS}><version>66.0</version></Package>`;

let t: TestOrg;

/** A lookup from Account to Account (its reseller) with the given `<lookupFilter>` body, as a field deploy. */
function deployReseller(filter: string): Promise<DeployOutcome> {
    const field = `<?xml version="1.0" encoding="UTF-8"?><CustomObject ${NS}><fields><fullName>Reseller__c</fullName><label>Reseller</label><type>Lookup</type><referenceTo>Account</referenceTo><relationshipName>Resold_Accounts</relationshipName><deleteConstraint>SetNull</deleteConstraint>${filter}</fields></CustomObject>`;
    const access = `<?xml version="1.0" encoding="UTF-8"?><PermissionSet ${NS}><label>Resellers</label><fieldPermissions><editable>true</editable><field>Account.Reseller__c</field><readable>true</readable></fieldPermissions></PermissionSet>`;
    const files = new Map([
        ['package.xml', Buffer.from(PACKAGE)],
        ['objects/Account.object', Buffer.from(field)],
        ['permissionsets/Resellers.permissionset', Buffer.from(access)]
    ]);
    return deployPackage(t.org, t.admin.id, files, { checkOnly: false, rollbackOnError: true });
}

const ITEM = (field: string, operation: string, value: string) =>
    `<filterItems><field>${field}</field><operation>${operation}</operation>${value}</filterItems>`;

async function createAccount(values: Record<string, unknown>) {
    return call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, values);
}

async function accountId(values: Record<string, unknown>): Promise<string> {
    const response = await createAccount(values);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return (response.body as { id: string }).id;
}

before(async () => {
    t = await startTestOrg();
});
after(() => t.close());

describe('an active required filter', () => {
    let partner: string;
    let hotProspect: string;
    let coldProspect: string;

    before(async () => {
        const outcome = await deployReseller(
            `<lookupFilter><active>true</active><booleanFilter>1 OR (2 AND NOT 3)</booleanFilter>${ITEM('Account.Type', 'equals', '<value>Partner</value>')}${ITEM('Account.Rating', 'equals', '<value>Hot</value>')}${ITEM('Account.Industry', 'equals', '<valueField>$Source.Industry</valueField>')}<isOptional>false</isOptional></lookupFilter>`
        );
        assert.equal(outcome.success, true, JSON.stringify(outcome.failures));
        await assignPermissionSet(t, t.admin.id, 'Resellers');
        partner = await accountId({ Name: 'Partner Co', Type: 'Partner' });
        hotProspect = await accountId({ Name: 'Hot Co', Rating: 'Hot', Industry: 'Energy' });
        coldProspect = await accountId({ Name: 'Cold Co', Rating: 'Cold' });
    });

    test('the filter logic admits some records; the others fail with FIELD_FILTER_VALIDATION_EXCEPTION and the default message', async () => {
        assert.equal((await createAccount({ Name: 'A', Reseller__c: partner })).status, 201);
        assert.equal((await createAccount({ Name: 'B', Reseller__c: hotProspect, Industry: 'Retail' })).status, 201);
        for (const values of [
            { Name: 'C', Reseller__c: coldProspect },
            { Name: 'D', Reseller__c: hotProspect, Industry: 'Energy' }
        ]) {
            const response = await createAccount(values);
            assert.equal(response.status, 400);
            assert.deepEqual(response.body, [
                {
                    errorCode: 'FIELD_FILTER_VALIDATION_EXCEPTION',
                    message: 'Value does not exist or does not match filter criteria.',
                    fields: ['Reseller__c']
                }
            ]);
        }
    });

    test('a GraphQL mutation is refused the same way, and nothing is written', async () => {
        const result = await graphql(
            t,
            t.admin.accessToken,
            `
                mutation Create($input: AccountCreateInput!) {
                    uiapi {
                        AccountCreate(input: $input) {
                            Record {
                                Id
                            }
                        }
                    }
                }
            `,
            { input: { Account: { Name: 'GraphQL Co', Reseller__c: coldProspect } } }
        );
        assert.equal(result.errors.length, 1, JSON.stringify(result));
        assert.match(result.errors[0].message, /Value does not exist or does not match filter criteria\./);
        const names = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            `${V}/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'GraphQL Co'")}`
        );
        assert.equal((names.body as { totalSize: number }).totalSize, 0);
    });

    test('composite and Bulk API 1.0 refuse it the same way, row by row', async () => {
        const composite = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite`, {
            allOrNone: false,
            compositeRequest: [
                {
                    method: 'POST',
                    url: `${V}/sobjects/Account`,
                    referenceId: 'refused',
                    body: { Name: 'Composite Co', Reseller__c: coldProspect }
                }
            ]
        });
        const [sub] = (composite.body as { compositeResponse: { httpStatusCode: number; body: unknown }[] })
            .compositeResponse;
        assert.equal(sub.httpStatusCode, 400);
        assert.deepEqual(
            (sub.body as { errorCode: string }[]).map((e) => e.errorCode),
            ['FIELD_FILTER_VALIDATION_EXCEPTION']
        );

        const connection = new Connection({ instanceUrl: t.origin, accessToken: t.admin.accessToken, version: '60.0' });
        connection.bulk.pollInterval = 50;
        const results = await connection.bulk.load('Account', 'insert', [
            { Name: 'Bulk1 Partner Reseller', Reseller__c: partner },
            { Name: 'Bulk1 Cold Reseller', Reseller__c: coldProspect }
        ]);
        assert.deepEqual(
            results.map((r) => [r.success, r.errors]),
            [
                [true, []],
                [
                    false,
                    [
                        'FIELD_FILTER_VALIDATION_EXCEPTION:Value does not exist or does not match filter criteria.:Reseller__c --'
                    ]
                ]
            ]
        );
    });

    test("describe and GraphQL objectInfo give the filter's filteredLookupInfo: the source fields it reads", async () => {
        const expected = { controllingFields: ['Industry'], dependent: true, optionalFilter: false };
        const described = await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Account/describe`);
        const fields = (described.body as { fields: { name: string; filteredLookupInfo: unknown }[] }).fields;
        assert.deepEqual(fields.find((f) => f.name === 'Reseller__c')?.filteredLookupInfo, expected);
        assert.equal(fields.find((f) => f.name === 'ParentId')?.filteredLookupInfo, null);
        const info = await graphql(
            t,
            t.admin.accessToken,
            '{ uiapi { objectInfos(apiNames: ["Account"]) { fields { ApiName filteredLookupInfo { controllingFields dependent optionalFilter } } } } }'
        );
        const infoFields = (
            info.data as { uiapi: { objectInfos: { fields: { ApiName: string; filteredLookupInfo: unknown }[] }[] } }
        ).uiapi.objectInfos[0].fields;
        assert.deepEqual(infoFields.find((f) => f.ApiName === 'Reseller__c')?.filteredLookupInfo, expected);
        assert.equal(infoFields.find((f) => f.ApiName === 'ParentId')?.filteredLookupInfo, null);
    });

    test("UI API lookup suggestions offer only what the filter admits for the source record's values", async () => {
        await accountId({ Name: 'Lookup Partner', Type: 'Partner' });
        await accountId({ Name: 'Lookup Hot', Rating: 'Hot', Industry: 'Energy' });
        await accountId({ Name: 'Lookup Cold', Rating: 'Cold' });
        const suggest = async (
            field: string,
            fields: Record<string, unknown>,
            query = 'searchType=TypeAhead&q=Lookup'
        ) => {
            const response = await call(
                t.origin,
                t.admin.accessToken,
                'POST',
                `${V}/ui-api/lookups/Account/${field}?${query}`,
                { sourceRecord: { fields: { Id: null, ...fields } } }
            );
            return response;
        };
        const names = async (field: string, fields: Record<string, unknown>) => {
            const response = await suggest(field, fields);
            assert.equal(response.status, 200, JSON.stringify(response.body));
            const results = (
                response.body as {
                    lookupResults: Record<string, { records: { fields: { Name: { value: string } } }[] }>;
                }
            ).lookupResults.Account.records;
            return results.map((r) => r.fields.Name.value);
        };
        assert.deepEqual(await names('Reseller__c', { Industry: 'Energy' }), ['Lookup Partner']);
        assert.deepEqual(await names('Reseller__c', { Industry: 'Retail' }), ['Lookup Hot', 'Lookup Partner']);
        assert.deepEqual(await names('ParentId', {}), ['Lookup Cold', 'Lookup Hot', 'Lookup Partner']);
        const search = await suggest('Reseller__c', {}, 'searchType=Search&q=Lookup');
        assert.equal(search.status, 400);
        assert.equal((search.body as { errorCode: string }[])[0].errorCode, 'NOT_SUPPORTED_BY_LOCAL_ORG');
    });

    test('an inactive filter is not applied; activated again by a deploy, it is', async () => {
        const filter = (active: boolean) =>
            `<lookupFilter><active>${active}</active>${ITEM('Account.Type', 'equals', '<value>Partner</value>')}<isOptional>false</isOptional></lookupFilter>`;
        const inactive = await deployReseller(filter(false));
        assert.equal(inactive.success, true, JSON.stringify(inactive.failures));
        assert.equal((await createAccount({ Name: 'E', Reseller__c: coldProspect })).status, 201);
        const active = await deployReseller(filter(true));
        assert.equal(active.success, true, JSON.stringify(active.failures));
        assert.equal((await createAccount({ Name: 'F', Reseller__c: coldProspect })).status, 400);
    });
});

describe('filter parts local-org does not implement are refused at deploy by name', () => {
    const refusals: [string, string, RegExp][] = [
        [
            'an optional filter',
            `<lookupFilter><active>true</active>${ITEM('Account.Type', 'equals', '<value>Partner</value>')}<isOptional>true</isOptional></lookupFilter>`,
            /isOptional true \(an optional filter\) in a lookup filter is not supported by local-org/
        ],
        [
            'an operation other than equals / notEqual',
            `<lookupFilter><active>true</active>${ITEM('Account.Name', 'startsWith', '<value>A</value>')}<isOptional>false</isOptional></lookupFilter>`,
            /The operation startsWith in a lookup filter is not supported by local-org/
        ],
        [
            'a $User reference',
            `<lookupFilter><active>true</active>${ITEM('Account.OwnerId', 'equals', '<valueField>$User.Id</valueField>')}<isOptional>false</isOptional></lookupFilter>`,
            /The reference \$User\.Id .* is not supported by local-org/
        ],
        [
            'a spanning reference',
            `<lookupFilter><active>true</active>${ITEM('Account.Owner.IsActive', 'equals', '<value>true</value>')}<isOptional>false</isOptional></lookupFilter>`,
            /The reference Account\.Owner\.IsActive .* is not supported by local-org/
        ],
        [
            'an info message',
            `<lookupFilter><active>true</active>${ITEM('Account.Type', 'equals', '<value>Partner</value>')}<infoMessage>Partners only</infoMessage><isOptional>false</isOptional></lookupFilter>`,
            /infoMessage in a lookup filter is not supported by local-org/
        ],
        [
            'filter logic naming an item the filter lacks',
            `<lookupFilter><active>true</active><booleanFilter>1 OR 2</booleanFilter>${ITEM('Account.Type', 'equals', '<value>Partner</value>')}<isOptional>false</isOptional></lookupFilter>`,
            /The lookup filter logic "1 OR 2" is not valid/
        ]
    ];
    for (const [name, filter, problem] of refusals) {
        test(name, async () => {
            const outcome = await deployReseller(filter);
            assert.equal(outcome.success, false);
            assert.match(outcome.failures.map((f) => f.problem).join('\n'), problem);
        });
    }
});
