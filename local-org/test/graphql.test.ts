/**
 * The UI API GraphQL endpoint over HTTP: query shapes, filters, ordering and paging; validation and field errors;
 * field-level security; mutations with allOrNone, @{alias} chaining, flows in the same transaction, permission
 * refusals that write nothing; concurrent mutations; introspection; objectInfos.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getIntrospectionQuery } from 'graphql';
import { deployPackage } from '../src/metadata/deploy.ts';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { assignPermissionSet, graphql, graphqlData, V } from './support/graphql.ts';
import { call, rows, type TestOrg } from './support/testOrg.ts';

/** GraphQL JSON walked by the assertions, which state the shape they expect (a missing step fails the test). */
type Tree = { [key: string]: Tree } & Tree[];

let t: TestOrg;
let acmeId: string;

async function create(object: string, values: Record<string, unknown>): Promise<string> {
    const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/${object}`, values);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return (response.body as { id: string }).id;
}

function count(table: string, where = '1 = 1', ...params: unknown[]): number {
    return Number(rows(t.org, `SELECT COUNT(*) n FROM "${table}" WHERE IsDeleted = 0 AND ${where}`, ...params)[0].n);
}

before(async () => {
    t = await startDeployedTestOrg();
    await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
    await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
    acmeId = await create('Account', { Name: 'Acme', Industry: 'Banking', AnnualRevenue: 5000000 });
    await create('Account', { Name: 'beta corp' });
    await create('Account', { Name: 'Gamma', Industry: 'Energy', AnnualRevenue: 10 });
    for (const lastName of ['Smith', 'Jones', 'Brown']) {
        await create('Contact', { LastName: lastName, AccountId: acmeId });
    }
    for (const name of ['Deal A', 'Deal B', 'Deal C']) {
        await create('Opportunity', {
            Name: name,
            StageName: 'Prospecting',
            CloseDate: '1990-05-01',
            AccountId: acmeId
        });
    }
});
after(() => t.close());

function names(connection: Tree): unknown[] {
    return connection.edges.map((e) => e.node.Name.value);
}

describe('queries', () => {
    test('a record query answers the documented shape, with errors: [] on success', async () => {
        const result = await graphql(
            t,
            t.agent.accessToken,
            `
                query accounts($pageSize: Int!) {
                    uiapi {
                        query {
                            Account(first: $pageSize, where: { Name: { eq: "ACME" } }) {
                                edges {
                                    node {
                                        Id
                                        ApiName
                                        Name {
                                            value
                                            displayValue
                                        }
                                        Industry {
                                            value
                                            displayValue
                                        }
                                        AnnualRevenue {
                                            value
                                            displayValue
                                        }
                                        CreatedDate {
                                            value
                                            displayValue
                                        }
                                    }
                                    cursor
                                }
                                pageInfo {
                                    hasNextPage
                                    hasPreviousPage
                                    startCursor
                                    endCursor
                                }
                                totalCount
                            }
                        }
                    }
                }
            `,
            { pageSize: 5 }
        );
        assert.deepEqual(result.errors, []);
        const account = (result.data as Tree).uiapi.query.Account;
        assert.equal(account.totalCount, 1);
        assert.deepEqual(account.pageInfo, {
            hasNextPage: false,
            hasPreviousPage: false,
            startCursor: 'djE6MA==',
            endCursor: 'djE6MA=='
        });
        const node = account.edges[0].node;
        assert.equal(node.Id, acmeId);
        assert.equal(node.ApiName, 'Account');
        assert.deepEqual(node.Name, { value: 'Acme', displayValue: null });
        assert.deepEqual(node.Industry, { value: 'Banking', displayValue: 'Banking' });
        assert.deepEqual(node.AnnualRevenue, { value: 5000000, displayValue: '$5,000,000' });
        assert.match(String(node.CreatedDate.value), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        assert.match(String(node.CreatedDate.displayValue), /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2} (AM|PM)$/);
    });

    test('pages forward with opaque cursors: first defaults to 10, after continues where the page ended', async () => {
        const query = `query page($after: String) { uiapi { query { Account(first: 2, after: $after, orderBy: { Name: { order: ASC } }) {
            edges { node { Name { value } } cursor } pageInfo { hasNextPage hasPreviousPage endCursor } totalCount } } } }`;
        const first = (await graphqlData(t, t.agent.accessToken, query)) as Tree;
        const page1 = first.uiapi.query.Account;
        assert.deepEqual(names(page1), ['Acme', 'beta corp']);
        assert.deepEqual(page1.pageInfo, { hasNextPage: true, hasPreviousPage: false, endCursor: 'djE6MQ==' });
        assert.equal(page1.totalCount, 3);
        const second = (await graphqlData(t, t.agent.accessToken, query, { after: page1.pageInfo.endCursor })) as Tree;
        assert.deepEqual(names(second.uiapi.query.Account), ['Gamma']);
        assert.equal(second.uiapi.query.Account.pageInfo.hasNextPage, false);
        assert.equal(second.uiapi.query.Account.pageInfo.hasPreviousPage, true);
        const all = (await graphqlData(
            t,
            t.agent.accessToken,
            '{ uiapi { query { Contact { edges { cursor } } } } }'
        )) as Tree;
        assert.equal(all.uiapi.query.Contact.edges.length, 3);
    });

    test('filters: case-insensitive eq, like, in/nin, ne null, numbers, and/or/not, through a relationship', async () => {
        const accounts = async (where: string) =>
            names(
                (
                    (await graphqlData(
                        t,
                        t.agent.accessToken,
                        `{ uiapi { query { Account(where: ${where}, orderBy: { Name: { order: ASC } }) { edges { node { Name { value } } } } } } }`
                    )) as Tree
                ).uiapi.query.Account
            );
        assert.deepEqual(await accounts('{ Name: { eq: "BETA CORP" } }'), ['beta corp']);
        assert.deepEqual(await accounts('{ Name: { like: "%a" } }'), ['Gamma']);
        assert.deepEqual(await accounts('{ Name: { in: ["acme", "Gamma"] } }'), ['Acme', 'Gamma']);
        assert.deepEqual(await accounts('{ Name: { nin: ["acme", "Gamma"] } }'), ['beta corp']);
        assert.deepEqual(await accounts('{ Industry: { ne: null } }'), ['Acme', 'Gamma']);
        assert.deepEqual(await accounts('{ Industry: { eq: null } }'), ['beta corp']);
        assert.deepEqual(await accounts('{ AnnualRevenue: { gte: 10, lt: 5000000 } }'), ['Gamma']);
        assert.deepEqual(await accounts('{ or: [{ Name: { eq: "Acme" } }, { Industry: { eq: "Energy" } }] }'), [
            'Acme',
            'Gamma'
        ]);
        assert.deepEqual(await accounts('{ not: { Industry: { eq: null } }, and: [{ Name: { like: "G%" } }] }'), [
            'Gamma'
        ]);
        const contacts = await graphqlData(
            t,
            t.agent.accessToken,
            `{ uiapi { query { Contact(where: { Account: { Name: { eq: "acme" } }, LastName: { ne: "Jones" } }, orderBy: { LastName: { order: DESC } }) {
                edges { node { Name { value } Account { Name { value } Industry { displayValue } } } } } } } }`
        );
        const edges = (contacts as Tree).uiapi.query.Contact.edges;
        assert.deepEqual(
            edges.map((e) => e.node.Name.value),
            ['Smith', 'Brown']
        );
        assert.deepEqual(edges[0].node.Account, { Name: { value: 'Acme' }, Industry: { displayValue: 'Banking' } });
    });

    test('date filters take a value, a literal or a range; dates show as en_US', async () => {
        const deals = async (where: string) =>
            (
                (await graphqlData(
                    t,
                    t.agent.accessToken,
                    `{ uiapi { query { Opportunity(where: ${where}) { edges { node { CloseDate { value displayValue } } } totalCount } } } }`
                )) as Tree
            ).uiapi.query.Opportunity;
        const byValue = await deals('{ CloseDate: { eq: { value: "1990-05-01" } } }');
        assert.equal(byValue.totalCount, 3);
        assert.deepEqual(byValue.edges[0].node.CloseDate, { value: '1990-05-01', displayValue: '5/1/1990' });
        assert.equal((await deals('{ CloseDate: { gt: { literal: TODAY } } }')).totalCount, 0);
        assert.equal((await deals('{ CreatedDate: { eq: { literal: TODAY } } }')).totalCount, 3);
        assert.equal((await deals('{ CreatedDate: { gte: { range: { last_n_days: 1 } } } }')).totalCount, 3);
        assert.equal((await deals('{ CreatedDate: { lt: { value: "2999-01-01T00:00:00Z" } } }')).totalCount, 3);
        assert.equal(
            (await deals('{ CreatedDate: { lt: { value: "2000-01-01T00:00:00.000+01:00" } } }')).totalCount,
            0
        );
        // The SOQL engine refuses date functions in filters; GraphQL passes the refusal on rather than guessing.
        const dateFunction = await graphql(
            t,
            t.agent.accessToken,
            '{ uiapi { query { Opportunity(where: { CloseDate: { CALENDAR_YEAR: { value: { eq: 1990 } } } }) { totalCount } } } }'
        );
        assert.equal(dateFunction.errors[0].extensions.errorCode, 'NOT_SUPPORTED_BY_LOCAL_ORG');
    });

    test('orderBy: descending, nulls first or last, through a parent, several keys in written order', async () => {
        const industries = async (orderBy: string) =>
            (
                (await graphqlData(
                    t,
                    t.agent.accessToken,
                    `{ uiapi { query { Account(orderBy: ${orderBy}) { edges { node { Name { value } } } } } } }`
                )) as Tree
            ).uiapi.query.Account.edges.map((e) => e.node.Name.value);
        assert.deepEqual(await industries('{ Industry: { order: ASC, nulls: LAST } }'), ['Acme', 'Gamma', 'beta corp']);
        assert.deepEqual(await industries('{ Industry: { order: ASC, nulls: FIRST } }'), [
            'beta corp',
            'Acme',
            'Gamma'
        ]);
        assert.deepEqual(await industries('{ Industry: { order: DESC } }'), ['Gamma', 'Acme', 'beta corp']);
        assert.deepEqual(await industries('{ AnnualRevenue: { order: DESC, nulls: LAST }, Name: { order: ASC } }'), [
            'Acme',
            'Gamma',
            'beta corp'
        ]);
        const contacts = await graphqlData(
            t,
            t.agent.accessToken,
            '{ uiapi { query { Contact(orderBy: { Account: { Name: { order: DESC } }, LastName: { order: ASC } }) { edges { node { LastName { value } } } } } } }'
        );
        assert.deepEqual(
            (contacts as Tree).uiapi.query.Contact.edges.map((e) => e.node.LastName.value),
            ['Brown', 'Jones', 'Smith']
        );
    });

    test('child relationships are connections with their own first, where, orderBy and totalCount', async () => {
        const data = await graphqlData(
            t,
            t.agent.accessToken,
            `{ uiapi { query { Account(where: { Id: { eq: "${acmeId}" } }) { edges { node {
                Contacts(first: 2, orderBy: { LastName: { order: ASC } }) { edges { node { LastName { value } } } pageInfo { hasNextPage } totalCount }
                smiths: Contacts(where: { LastName: { eq: "smith" } }) { edges { node { LastName { value } } } }
            } } } } } }`
        );
        const node = (data as Tree).uiapi.query.Account.edges[0].node;
        assert.deepEqual(
            node.Contacts.edges.map((e) => e.node.LastName.value),
            ['Brown', 'Jones']
        );
        assert.deepEqual(node.Contacts.pageInfo, { hasNextPage: true });
        assert.equal(node.Contacts.totalCount, 3);
        assert.equal(node.smiths.edges.length, 1);
    });

    test('inq and ninq: semi-joins and anti-joins on ids', async () => {
        const accounts = async (where: string) =>
            names(
                (
                    (await graphqlData(
                        t,
                        t.agent.accessToken,
                        `{ uiapi { query { Account(where: ${where}, orderBy: { Name: { order: ASC } }) { edges { node { Name { value } } } } } } }`
                    )) as Tree
                ).uiapi.query.Account
            );
        assert.deepEqual(
            await accounts('{ Id: { inq: { Contact: { LastName: { like: "Sm%" } }, ApiName: "AccountId" } } }'),
            ['Acme']
        );
        assert.deepEqual(await accounts('{ Id: { ninq: { Opportunity: {}, ApiName: "AccountId" } } }'), [
            'beta corp',
            'Gamma'
        ]);
        const wrong = await graphql(
            t,
            t.agent.accessToken,
            '{ uiapi { query { Account(where: { Id: { inq: { Contact: {}, ApiName: "LastName" } } }) { totalCount } } } }'
        );
        assert.match(wrong.errors[0].message, /ApiName must be an Id or reference field of Contact/);
    });

    test('scope: MINE returns the records the caller owns', async () => {
        await graphqlData(
            t,
            t.agent.accessToken,
            'mutation { uiapi { AccountCreate(input: { Account: { Name: "Agent owned" } }) { Record { Id } } } }'
        );
        const mine = await graphqlData(
            t,
            t.agent.accessToken,
            '{ uiapi { query { Account(scope: MINE) { edges { node { Name { value } Owner { Name { value } } } } } } } }'
        );
        assert.deepEqual((mine as Tree).uiapi.query.Account.edges, [
            { node: { Name: { value: 'Agent owned' }, Owner: { Name: { value: t.agent.name } } } }
        ]);
    });

    test('multi-select picklists filter with includes and excludes (a field deployed now joins the schema)', async () => {
        const xml = (body: string) =>
            Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${body.replace(/>\s+</g, '><')}`);
        const values = ['North', 'South', 'East']
            .map((v) => `<value><fullName>${v}</fullName><default>false</default><label>${v} region</label></value>`)
            .join('');
        const files = new Map([
            [
                'package.xml',
                xml(`<Package xmlns="http://soap.sforce.com/2006/04/metadata">
                    <types><members>Account.Regions__c</members><name>CustomField</name></types>
                    <types><members>Regions</members><name>PermissionSet</name></types>
                    <version>66.0</version></Package>`)
            ],
            [
                'objects/Account.object',
                xml(`<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><fields>
                    <fullName>Regions__c</fullName><label>Regions</label><type>MultiselectPicklist</type>
                    <visibleLines>3</visibleLines><valueSet><valueSetDefinition>${values}</valueSetDefinition></valueSet>
                    </fields></CustomObject>`)
            ],
            [
                'permissionsets/Regions.permissionset',
                xml(`<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata"><label>Regions</label>
                    <fieldPermissions><editable>true</editable><field>Account.Regions__c</field><readable>true</readable></fieldPermissions>
                    </PermissionSet>`)
            ]
        ]);
        const outcome = await deployPackage(t.org, t.admin.id, files, { checkOnly: false, rollbackOnError: true });
        assert.ok(outcome.success, JSON.stringify(outcome.failures));
        await assignPermissionSet(t, t.agent.id, 'Regions');
        await graphqlData(
            t,
            t.agent.accessToken,
            `mutation { uiapi {
                AccountUpdate(input: { Id: "${acmeId}", Account: { Regions__c: "North;South" } }) { Record { Id } }
            } }`
        );
        const regions = async (where: string) =>
            names(
                (
                    (await graphqlData(
                        t,
                        t.agent.accessToken,
                        `{ uiapi { query { Account(where: ${where}, orderBy: { Name: { order: ASC } }) { edges { node { Name { value } } } } } } }`
                    )) as Tree
                ).uiapi.query.Account
            );
        assert.deepEqual(await regions('{ Regions__c: { includes: ["South"] } }'), ['Acme']);
        assert.deepEqual(await regions('{ Regions__c: { includes: ["East", "North;South"] } }'), ['Acme']);
        assert.deepEqual(await regions('{ Regions__c: { includes: ["North;East"] } }'), []);
        assert.deepEqual(await regions('{ Regions__c: { excludes: ["North"] } }'), [
            'Agent owned',
            'beta corp',
            'Gamma'
        ]);
        const shown = await graphqlData(
            t,
            t.agent.accessToken,
            `{ uiapi { query { Account(where: { Id: { eq: "${acmeId}" } }) { edges { node { Regions__c { value displayValue } } } } } } }`
        );
        assert.deepEqual((shown as Tree).uiapi.query.Account.edges[0].node.Regions__c, {
            value: 'North;South',
            displayValue: 'North region;South region'
        });
    });

    test('fragments, aliases and several objects in one query', async () => {
        const data = await graphqlData(
            t,
            t.agent.accessToken,
            `fragment names on Account { Name { value } }
             query { uiapi { query {
               a: Account(where: { Name: { eq: "Acme" } }) { edges { node { ...names ... on Account { Phone { value } } } } }
               Contact(first: 1) { edges { node { Id } } }
             } } }`
        );
        const query = (data as Tree).uiapi.query;
        assert.deepEqual(query.a.edges[0].node, { Name: { value: 'Acme' }, Phone: { value: null } });
        assert.equal(query.Contact.edges.length, 1);
    });
});

describe('errors', () => {
    test('an unknown field is a validation error in Salesforce’s shape', async () => {
        const result = await graphql(
            t,
            t.agent.accessToken,
            '{ uiapi { query { Account { edges { node { Nmae { value } } } } } } }'
        );
        assert.equal(result.data, undefined);
        assert.deepEqual(result.errors, [
            {
                message:
                    "Validation error (FieldUndefined@[uiapi/query/Account/edges/node/Nmae]) : Field 'Nmae' in type 'Account' is undefined",
                locations: [{ line: 1, column: 44 }],
                paths: ['uiapi', 'query', 'Account', 'edges', 'node', 'Nmae'],
                extensions: { ErrorType: 'ValidationError' }
            }
        ]);
    });

    test('a query may contain at most 10 subqueries, as Salesforce documents', async () => {
        const subqueries = (n: number) =>
            Array.from({ length: n }, (_, i) => `q${i}: Account(first: 1) { edges { node { Id } } }`).join(' ');
        const ten = await graphql(t, t.agent.accessToken, `{ uiapi { query { ${subqueries(10)} } } }`);
        assert.deepEqual(ten.errors, []);
        const eleven = await graphql(t, t.agent.accessToken, `{ uiapi { query { ${subqueries(11)} } } }`);
        assert.equal(eleven.data, undefined);
        assert.deepEqual(eleven.errors, [
            {
                message: 'The query has 11 subqueries; a GraphQL query can contain up to 10 subqueries.',
                locations: [],
                paths: [],
                extensions: { ErrorType: 'ValidationError' }
            }
        ]);
    });

    test('objects UI API does not support (Task) are not in the schema', async () => {
        const result = await graphql(t, t.admin.accessToken, '{ uiapi { query { Task { edges { node { Id } } } } } }');
        assert.equal(result.errors[0].extensions.ErrorType, 'ValidationError');
        assert.match(result.errors[0].message, /Field 'Task' in type 'RecordQuery' is undefined/);
    });

    test('syntax errors, a missing query, bad variables, bad cursors and page sizes', async () => {
        const syntax = await graphql(t, t.agent.accessToken, '{ uiapi { query { Account { edges ');
        assert.equal(syntax.errors[0].extensions.ErrorType, 'InvalidSyntax');
        assert.match(syntax.errors[0].message, /^Invalid Syntax : /);
        const missing = await call(t.origin, t.agent.accessToken, 'POST', `${V}/graphql`, { variables: {} });
        assert.equal(missing.status, 200);
        assert.equal((missing.body as Tree).errors[0].extensions.ErrorType, 'ValidationError');
        const variables = await graphql(
            t,
            t.agent.accessToken,
            'query q($n: Int!) { uiapi { query { Account(first: $n) { totalCount } } } }',
            { n: 'ten' }
        );
        assert.match(variables.errors[0].message, /\$n/);
        assert.equal(variables.errors[0].extensions.ErrorType, 'ValidationError');
        const mismatch = await graphql(
            t,
            t.agent.accessToken,
            'query q($n: String) { uiapi { query { Account(first: $n) { totalCount } } } }'
        );
        assert.match(
            mismatch.errors[0].message,
            /^Validation error \(VariableTypeMismatch@\[uiapi\/query\/Account\/first\]\) : /
        );
        const cursor = await graphql(
            t,
            t.agent.accessToken,
            '{ uiapi { query { Account(after: "bm9wZQ==") { totalCount } } } }'
        );
        assert.deepEqual(cursor.data, { uiapi: { query: { Account: null } } });
        assert.equal(cursor.errors[0].message, 'Invalid cursor: bm9wZQ==');
        assert.deepEqual(cursor.errors[0].paths, ['uiapi', 'query', 'Account']);
        const tooMany = await graphql(
            t,
            t.agent.accessToken,
            '{ uiapi { query { Account(first: 2001) { totalCount } } } }'
        );
        assert.match(tooMany.errors[0].message, /first must be between 0 and 2000/);
        const wrongType = await graphql(
            t,
            t.agent.accessToken,
            '{ uiapi { query { Account(where: { AnnualRevenue: { eq: "lots" } }) { totalCount } } } }'
        );
        assert.match(wrongType.errors[0].message, /AnnualRevenue takes a number/);
    });

    test('a field the user cannot read does not exist for them; @optional leaves it out instead', async () => {
        const query = (directive: string) =>
            `{ uiapi { query { Case { edges { node { Subject { value } Last_Review_Comments__c${directive} { value } } } } } } }`;
        await create('Case', { Subject: 'Visible' });
        // The viewer has no field permission on the custom field; the agent's permission set grants it.
        const refused = await graphql(t, t.viewer.accessToken, query(''));
        assert.match(
            refused.errors[0].message,
            /FieldUndefined.*Field 'Last_Review_Comments__c' in type 'Case' is undefined/
        );
        const optional = await graphqlData(t, t.viewer.accessToken, query(' @optional'));
        assert.deepEqual((optional as Tree).uiapi.query.Case.edges[0].node, { Subject: { value: 'Visible' } });
        const agent = await graphqlData(t, t.agent.accessToken, query(' @optional'));
        assert.deepEqual((agent as Tree).uiapi.query.Case.edges[0].node, {
            Subject: { value: 'Visible' },
            Last_Review_Comments__c: { value: null }
        });
        const filter = await graphql(
            t,
            t.viewer.accessToken,
            '{ uiapi { query { Case(where: { Last_Review_Comments__c: { eq: "x" } }) { totalCount } } } }'
        );
        assert.equal(filter.errors[0].extensions.ErrorType, 'ValidationError');
    });
});

describe('mutations', () => {
    test('create, update and delete, chained with @{alias}, return the Record asked for', async () => {
        const data = await graphqlData(
            t,
            t.agent.accessToken,
            `mutation { uiapi {
                acc: AccountCreate(input: { Account: { Name: "Chained", Industry: "Energy" } }) { Record { Id Name { value } Industry { displayValue } } }
                con: ContactCreate(input: { Contact: { LastName: "Linked", AccountId: "@{acc}" } }) { Record { Id AccountId { value } } }
                upd: AccountUpdate(input: { Id: "@{acc}", Account: { Phone: "555" } }) { Record { Phone { value } Name { value } } }
            } }`
        );
        const uiapi = (data as Tree).uiapi;
        assert.deepEqual(uiapi.acc.Record.Name, { value: 'Chained' });
        assert.deepEqual(uiapi.con.Record.AccountId, { value: uiapi.acc.Record.Id });
        assert.deepEqual(uiapi.upd.Record, { Phone: { value: '555' }, Name: { value: 'Chained' } });
        const contactId = uiapi.con.Record.Id;
        assert.equal(
            rows(t.org, 'SELECT AccountId FROM Contact WHERE Id = ?', contactId)[0].AccountId,
            uiapi.acc.Record.Id
        );
        const deleted = await graphqlData(
            t,
            t.agent.accessToken,
            `mutation { uiapi { ContactDelete(input: { Id: "${contactId}" }) { Id } } }`
        );
        assert.deepEqual(deleted, { uiapi: { ContactDelete: { Id: contactId } } });
        assert.equal(count('Contact', 'Id = ?', contactId), 0);
    });

    test('mutation results do not navigate to related records; the operation still stands', async () => {
        const result = await graphql(
            t,
            t.agent.accessToken,
            `mutation { uiapi { ContactCreate(input: { Contact: { LastName: "Navigator", AccountId: "${acmeId}" } }) {
                Record { Id Account { Name { value } } Cases { totalCount } } } } }`
        );
        assert.deepEqual(
            result.errors.map((e) => [e.message, e.paths]),
            [
                [
                    'Account is not currently available in mutation results',
                    ['uiapi', 'ContactCreate', 'Record', 'Account']
                ],
                ['Cases is not currently available in mutation results', ['uiapi', 'ContactCreate', 'Record', 'Cases']]
            ]
        );
        const record = (result.data as Tree).uiapi.ContactCreate.Record;
        assert.equal(record.Account, null);
        assert.equal(count('Contact', 'Id = ?', record.Id), 1);
    });

    test('allOrNone (the default) rolls every operation back when one fails', async () => {
        const before = count('Account');
        const result = await graphql(
            t,
            t.agent.accessToken,
            `mutation { uiapi {
                first: AccountCreate(input: { Account: { Name: "Kept?" } }) { Record { Id } }
                second: AccountCreate(input: { Account: { Name: "${'n'.repeat(256)}" } }) { Record { Id } }
                third: AccountCreate(input: { Account: { Name: "Never run" } }) { Record { Id } }
            } }`
        );
        assert.deepEqual(result.data, { uiapi: { first: null, second: null, third: null } });
        // Salesforce's paths name the schema field, not the alias; the other operations share that name, so no
        // rollback notice can be told apart from the failure (each other operation reports one when names differ).
        assert.equal(result.errors.length, 1);
        assert.deepEqual(result.errors[0].paths, ['uiapi', 'AccountCreate']);
        assert.equal(result.errors[0].extensions.errorCode, 'STRING_TOO_LONG');
        assert.match(result.errors[0].message, /data value too large/);
        assert.equal(count('Account'), before);
    });

    test('allOrNone false keeps what succeeded and rolls back failed operations and their dependants', async () => {
        const result = await graphql(
            t,
            t.agent.accessToken,
            `mutation { uiapi(input: { allOrNone: false }) {
                bad: AccountCreate(input: { Account: { Name: "Partial", Website: "${'w'.repeat(300)}" } }) { Record { Id } }
                dependant: ContactCreate(input: { Contact: { LastName: "Orphan", AccountId: "@{bad}" } }) { Record { Id } }
                good: ContactCreate(input: { Contact: { LastName: "Survivor" } }) { Record { Id LastName { value } } }
            } }`
        );
        const uiapi = (result.data as Tree).uiapi;
        assert.equal(uiapi.bad, null);
        assert.equal(uiapi.dependant, null);
        assert.deepEqual(uiapi.good.Record.LastName, { value: 'Survivor' });
        assert.deepEqual(
            result.errors.map((e) => [e.paths, e.extensions.errorCode]),
            [
                [['uiapi', 'AccountCreate'], 'STRING_TOO_LONG'],
                [['uiapi', 'ContactCreate'], 'DEPENDENT_OPERATION_FAILED']
            ]
        );
        assert.equal(count('Account', "Name = 'Partial'"), 0);
        assert.equal(count('Contact', "LastName = 'Orphan'"), 0);
        assert.equal(count('Contact', "LastName = 'Survivor'"), 1);
    });

    test('two uiapi fields in one mutation: a failed allOrNone one undoes only its own operations', async () => {
        const result = await graphql(
            t,
            t.agent.accessToken,
            `mutation {
                kept: uiapi(input: { allOrNone: false }) { AccountCreate(input: { Account: { Name: "Kept run" } }) { Record { Id } } }
                undone: uiapi { a: AccountCreate(input: { Account: { Name: "Undone run" } }) { Record { Id } }
                                b: AccountCreate(input: { Account: { Name: "${'n'.repeat(256)}" } }) { Record { Id } } }
            }`
        );
        const data = result.data as Tree;
        assert.equal(typeof data.kept.AccountCreate.Record.Id, 'string');
        assert.deepEqual(data.undone, { a: null, b: null });
        assert.deepEqual(
            result.errors.map((e) => e.paths),
            [['uiapi', 'AccountCreate']]
        );
        assert.equal(count('Account', "Name = 'Kept run'"), 1);
        assert.equal(count('Account', "Name = 'Undone run'"), 0);
    });

    test('a reference to no earlier operation is an error', async () => {
        const result = await graphql(
            t,
            t.agent.accessToken,
            'mutation { uiapi { ContactCreate(input: { Contact: { LastName: "X", AccountId: "@{nowhere}" } }) { Record { Id } } } }'
        );
        assert.equal(result.errors[0].extensions.errorCode, 'INVALID_REFERENCE');
        assert.equal(count('Contact', "LastName = 'X'"), 0);
    });

    test('a record-triggered flow’s writes roll back with the allOrNone mutation', async () => {
        const caseId = await create('Case', { Subject: 'Under review' });
        const review = `Last_Review_Comments__c: "Looked at it", Last_Reviewed_By__c: "${t.agent.id}", Last_Reviewed_On__c: "2026-11-22T10:00:00Z"`;
        const failed = await graphql(
            t,
            t.agent.accessToken,
            `mutation { uiapi {
                review: CaseUpdate(input: { Id: "${caseId}", Case: { ${review} } }) { Record { Id } }
                broken: AccountCreate(input: { Account: { Name: "${'n'.repeat(256)}" } }) { Record { Id } }
            } }`
        );
        assert.deepEqual(
            failed.errors.map((e) => [e.paths, e.extensions.errorCode]),
            [
                [['uiapi', 'AccountCreate'], 'STRING_TOO_LONG'],
                [['uiapi', 'CaseUpdate'], 'PROCESSING_HALTED']
            ]
        );
        assert.equal(count('Task', 'WhatId = ?', caseId), 0, 'the flow ran but its task was rolled back');
        assert.equal(rows(t.org, 'SELECT Last_Review_Comments__c c FROM "Case" WHERE Id = ?', caseId)[0].c, null);
        await graphqlData(
            t,
            t.agent.accessToken,
            `mutation { uiapi { CaseUpdate(input: { Id: "${caseId}", Case: { ${review} } }) { Record { Id } } } }`
        );
        assert.equal(count('Task', 'WhatId = ?', caseId), 1, 'the same update alone commits the flow’s task');
    });

    test('without create permission the operation fails and nothing is written', async () => {
        const before = count('Account');
        const result = await graphql(
            t,
            t.viewer.accessToken,
            'mutation { uiapi { AccountCreate(input: { Account: { Name: "Viewer" } }) { Record { Id } } } }'
        );
        assert.deepEqual(result.data, { uiapi: { AccountCreate: null } });
        assert.equal(result.errors[0].extensions.errorCode, 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY');
        assert.equal(count('Account'), before);
        const deleted = await graphql(
            t,
            t.viewer.accessToken,
            `mutation { uiapi { AccountDelete(input: { Id: "${acmeId}" }) { Id } } }`
        );
        assert.equal(deleted.errors[0].extensions.errorCode, 'INSUFFICIENT_ACCESS_OR_READONLY');
        assert.equal(count('Account', 'Id = ?', acmeId), 1);
    });

    test('a field the user may not edit is not in the mutation input: a validation error, nothing written', async () => {
        const before = count('Case');
        const result = await graphql(
            t,
            t.viewer.accessToken,
            'mutation { uiapi { CaseCreate(input: { Case: { Subject: "s", Last_Review_Comments__c: "x" } }) { Record { Id } } } }'
        );
        assert.equal(result.errors[0].extensions.ErrorType, 'ValidationError');
        assert.equal(count('Case'), before);
        const readOnly = await graphql(
            t,
            t.agent.accessToken,
            'mutation { uiapi { CaseCreate(input: { Case: { Subject: "s", CaseNumber: "1" } }) { Record { Id } } } }'
        );
        assert.equal(readOnly.errors[0].extensions.ErrorType, 'ValidationError');
        assert.equal(count('Case'), before);
    });

    test('allOrNone mutations racing on the same record: each applies whole or not at all', async () => {
        const id = await create('Account', { Name: 'Raced', NumberOfEmployees: 0 });
        const bump = (n: number, fail: boolean) =>
            graphql(
                t,
                t.agent.accessToken,
                `mutation { uiapi {
                    u: AccountUpdate(input: { Id: "${id}", Account: { NumberOfEmployees: ${n}, Description: "run ${n}" } }) { Record { NumberOfEmployees { value } } }
                    c: ContactCreate(input: { Contact: { LastName: "${fail ? 'z'.repeat(81) : `Racer ${n}`}", AccountId: "${id}" } }) { Record { Id } }
                } }`
            );
        const results = await Promise.all(Array.from({ length: 10 }, (_, n) => bump(n + 1, n % 2 === 1)));
        const succeeded = results.flatMap((r, n) => (r.errors.length === 0 ? [n + 1] : []));
        assert.deepEqual(succeeded, [1, 3, 5, 7, 9]);
        const [account] = rows(t.org, 'SELECT NumberOfEmployees, Description FROM Account WHERE Id = ?', id);
        assert.ok(succeeded.includes(Number(account.NumberOfEmployees)), 'the last write is a successful one');
        assert.equal(account.Description, `run ${account.NumberOfEmployees}`);
        assert.equal(count('Contact', 'AccountId = ?', id), 5);
    });
});

describe('schema', () => {
    test('introspection works, as Altair and other tools use it', async () => {
        const data = await graphqlData(t, t.agent.accessToken, getIntrospectionQuery());
        const schema = (data as Tree).__schema;
        assert.equal(schema.queryType.name, 'Query');
        assert.equal(schema.mutationType.name, 'Mutation');
        const types = new Set(schema.types.map((type) => String(type.name)));
        for (const name of ['Account', 'Case', 'AccountConnection', 'Account_Filter', 'StringValue', 'PageInfo'])
            assert.ok(types.has(name), name);
        assert.ok(!types.has('Task'));
    });

    test('objectInfos: access, record types and picklist values per record type', async () => {
        const fields =
            'fields { ApiName dataType required ... on PicklistField { picklistValuesByRecordTypeIDs { recordTypeID picklistValues { value label } } } }';
        const data = await graphqlData(
            t,
            t.agent.accessToken,
            `query Infos($inputs: [ObjectInfoInput!]) { uiapi { objectInfos(objectInfoInputs: $inputs) {
                ApiName label createable updateable deletable keyPrefix nameFields
                recordTypeInfos { name master available recordTypeId }
                ${fields}
            } } }`,
            { inputs: [{ apiName: 'Case', recordTypeIDs: [] }, { apiName: 'Account' }] }
        );
        const [caseInfo, accountInfo] = (data as Tree).uiapi.objectInfos;
        assert.equal(caseInfo.ApiName, 'Case');
        assert.equal(caseInfo.keyPrefix, '500');
        assert.equal(accountInfo.nameFields[0], 'Name');
        const homeowner = caseInfo.recordTypeInfos.find((rt) => String(rt.name) === 'Homeowner')!;
        assert.ok(homeowner, JSON.stringify(caseInfo.recordTypeInfos));
        const type = caseInfo.fields.find((f) => String(f.ApiName) === 'Type')!;
        assert.equal(type.dataType, 'PICKLIST');
        const forHomeowner = type.picklistValuesByRecordTypeIDs.find((p) => p.recordTypeID === homeowner.recordTypeId)!;
        assert.deepEqual(forHomeowner.picklistValues.map((v) => String(v.value)).sort(), [
            'Complaint',
            'Other',
            'Product Information',
            'Technical Question'
        ]);
        // recordTypeIDs [] is every record type and Master.
        assert.equal(type.picklistValuesByRecordTypeIDs.length, caseInfo.recordTypeInfos.length);
        // An input with only apiName, like apiNames, returns the fields without picklist values ("Get Object Metadata").
        const industry = accountInfo.fields.find((f) => String(f.ApiName) === 'Industry')!;
        assert.equal(industry.dataType, 'PICKLIST');
        assert.equal(industry.picklistValuesByRecordTypeIDs, null);
    });

    test('objectInfos: apiNames returns no picklist values; recordTypeIDs and fieldNames narrow them', async () => {
        const byNames = await graphqlData(
            t,
            t.agent.accessToken,
            '{ uiapi { objectInfos(apiNames: ["Case"]) { fields { ApiName ... on PicklistField { picklistValuesByRecordTypeIDs { recordTypeID } } } } } }'
        );
        const picklists = (byNames as Tree).uiapi.objectInfos[0].fields.filter((f) =>
            ['Origin', 'Priority', 'Status', 'Type'].includes(String(f.ApiName))
        );
        assert.equal(picklists.length, 4);
        for (const field of picklists) assert.equal(field.picklistValuesByRecordTypeIDs, null, String(field.ApiName));

        const homeowner = String(
            rows(t.org, "SELECT Id FROM RecordType WHERE SobjectType = 'Case' AND DeveloperName = 'Homeowner'")[0].Id
        );
        const narrowed = await graphqlData(
            t,
            t.agent.accessToken,
            `query Narrow($inputs: [ObjectInfoInput!]) { uiapi { objectInfos(objectInfoInputs: $inputs) {
                fields { ApiName ... on PicklistField { picklistValuesByRecordTypeIDs { recordTypeID } } } } } }`,
            { inputs: [{ apiName: 'Case', recordTypeIDs: [homeowner], fieldNames: ['Origin'] }] }
        );
        const fieldsOf = (name: string) =>
            (narrowed as Tree).uiapi.objectInfos[0].fields.find((f) => String(f.ApiName) === name)!;
        assert.deepEqual(fieldsOf('Origin').picklistValuesByRecordTypeIDs, [{ recordTypeID: homeowner }]);
        assert.equal(fieldsOf('Priority').picklistValuesByRecordTypeIDs, null, 'fieldNames names only Origin');
        assert.ok(fieldsOf('Subject'), 'fieldNames narrows the picklist values, not the fields');

        const both = await graphql(
            t,
            t.agent.accessToken,
            '{ uiapi { objectInfos(apiNames: ["Case"], objectInfoInputs: [{ apiName: "Case" }]) { ApiName } } }'
        );
        assert.equal(both.errors[0].extensions.errorCode, 'NOT_SUPPORTED_BY_LOCAL_ORG');
    });

    test('objectInfos: access', async () => {
        const viewer = await graphqlData(
            t,
            t.viewer.accessToken,
            '{ uiapi { objectInfos(apiNames: ["Account"]) { createable updateable } } }'
        );
        assert.deepEqual((viewer as Tree).uiapi.objectInfos, [{ createable: false, updateable: false }]);
        const unsupported = await graphql(
            t,
            t.admin.accessToken,
            '{ uiapi { objectInfos(apiNames: ["Task"]) { ApiName } } }'
        );
        assert.equal(unsupported.errors[0].extensions.errorCode, 'INVALID_TYPE');
    });
});
