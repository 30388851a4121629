/**
 * GraphQL documents a careless or hostile client may send, refused before anything runs, with graphql-java's and
 * Salesforce's limits (src/graphql/limits.ts): nested fragments that double at each level, thousands of aliased
 * child connections, selections and filters nested thousands deep, object metadata nested in itself. None may
 * stall the server for other callers or crash it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { graphql, V } from './support/graphql.ts';
import { call, startTestOrg, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;

before(async () => {
    t = await startTestOrg();
    const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, { Name: 'Acme' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
});
after(() => t.close());

const CANCELLED = 'To prevent Denial Of Service attacks, parsing has been cancelled.';

/** `levels` fragments, each spreading the one before it twice: written out, 2^levels copies of `Name`. */
function fragmentBomb(levels: number): string {
    const fragments = ['fragment F0 on Account { Name { value } }'];
    for (let i = 1; i <= levels; i++) fragments.push(`fragment F${i} on Account { ...F${i - 1} ...F${i - 1} }`);
    return `query { uiapi { query { Account { edges { node { ...F${levels} } } } } } } ${fragments.join(' ')}`;
}

function syntaxRefusal(message: string) {
    return [{ message: `Invalid Syntax : ${message}`, locations: [], extensions: { ErrorType: 'InvalidSyntax' } }];
}

describe('hostile documents are refused before they run', () => {
    test(
        '28 nested doubling fragments: refused at once, while other callers are answered',
        { timeout: 30_000 },
        async (context) => {
            const started = Date.now();
            const bomb = graphql(t, t.viewer.accessToken, fragmentBomb(28)).then((result) => ({
                result,
                ms: Date.now() - started
            }));
            const limitsStarted = Date.now();
            const limits = await call(t.origin, t.agent.accessToken, 'GET', `${V}/limits`);
            const limitsMs = Date.now() - limitsStarted;
            const { result, ms } = await bomb;
            assert.equal(limits.status, 200);
            // 5 fields above the fragments, and 2^29 written through them (F0 has two).
            assert.deepEqual(result, {
                errors: [
                    {
                        message:
                            'Validation error (MaxQueryFieldsExceeded) : The query has 536870917 fields; the limit is 100000',
                        locations: [],
                        paths: [],
                        extensions: { ErrorType: 'ValidationError' }
                    }
                ]
            });
            context.diagnostic(`fragment bomb refused in ${ms} ms; a concurrent GET /limits took ${limitsMs} ms`);
        }
    );

    test('child relationships count as subqueries: at most 10 connections, however written', async () => {
        const contacts = (n: number) =>
            Array.from({ length: n }, (_, i) => `c${i}: Contacts(first: 1) { edges { node { Id } } }`).join(' ');
        const query = (children: number) =>
            `fragment children on Account { ${contacts(children)} }
             query { uiapi { query { Account(first: 1) { edges { node { Id ...children } } } } } }`;
        const ten = await graphql(t, t.viewer.accessToken, query(9));
        assert.deepEqual(ten.errors, []);
        const eleven = await graphql(t, t.viewer.accessToken, query(10));
        assert.deepEqual(eleven, {
            errors: [
                {
                    message: 'The query has 11 subqueries; a GraphQL query can contain up to 10 subqueries.',
                    locations: [],
                    paths: [],
                    extensions: { ErrorType: 'ValidationError' }
                }
            ]
        });
    });

    test('objectInfo inside objectInfo: two levels answered, deeper ones refused by name', async () => {
        const nested = (levels: number) => {
            let selection = 'ApiName';
            for (let level = 1; level < levels; level++) {
                selection = `ApiName referenceToInfos { objectInfo { fields { ${selection} } } }`;
            }
            return `{ uiapi { objectInfos(apiNames: ["Account"]) { fields { ${selection} } } } }`;
        };
        const two = await graphql(t, t.viewer.accessToken, nested(2));
        assert.deepEqual(two.errors, []);
        const three = await graphql(t, t.viewer.accessToken, nested(3));
        assert.deepEqual(three, {
            errors: [
                {
                    message: 'objectInfo nested more than 2 levels deep is not supported by local-org.',
                    locations: [],
                    paths: [],
                    extensions: { ErrorType: 'ValidationError', errorCode: 'NOT_SUPPORTED_BY_LOCAL_ORG' }
                }
            ]
        });
    });

    test('5,000 aliased child connections: refused before parsing ends', async () => {
        const children = Array.from({ length: 5000 }, (_, i) => `c${i}: Contacts { edges { node { Id } } }`).join(' ');
        const result = await graphql(
            t,
            t.viewer.accessToken,
            `{ uiapi { query { Account { edges { node { ${children} } } } } } }`
        );
        assert.deepEqual(
            result,
            { errors: syntaxRefusal(`More than 15000 'grammar' tokens have been presented. ${CANCELLED}`) },
            JSON.stringify(result).slice(0, 500)
        );
    });

    test('fields nested more than 100 deep are refused, through fragments too', async () => {
        // uiapi, query, Account, edges, node: 5 fields; the fragment adds 94 parents and Id: 100.
        const deep = `fragment deep on Account { ${'Parent { '.repeat(94)} Id ${'} '.repeat(94)} }`;
        const hundred = await graphql(
            t,
            t.viewer.accessToken,
            `
                ${deep}
                {
                    uiapi {
                        query {
                            Account {
                                edges {
                                    node {
                                        ...deep
                                    }
                                }
                            }
                        }
                    }
                }
            `
        );
        assert.ok(
            !hundred.errors.some((e) => e.message.includes('MaxQueryDepthExceeded')),
            JSON.stringify(hundred.errors).slice(0, 300)
        );
        const tooDeep = await graphql(
            t,
            t.viewer.accessToken,
            `
                ${deep}
                {
                    uiapi {
                        query {
                            Account {
                                edges {
                                    node {
                                        Parent {
                                            ...deep
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            `
        );
        assert.deepEqual(tooDeep, {
            errors: [
                {
                    message: 'Validation error (MaxQueryDepthExceeded) : The query nests 101 fields; the limit is 100',
                    locations: [],
                    paths: [],
                    extensions: { ErrorType: 'ValidationError' }
                }
            ]
        });
    });

    test('a selection 10,000 levels deep is refused, not a crash', async () => {
        const depth = 10_000;
        const result = await graphql(
            t,
            t.viewer.accessToken,
            `{ uiapi { query { Account { edges { node { ${'Parent { '.repeat(depth)} Id ${'} '.repeat(depth)} } } } } } }`
        );
        assert.deepEqual(result, {
            errors: syntaxRefusal(`More than 500 deep 'grammar' rules have been entered. ${CANCELLED}`)
        });
    });

    test('an `and` filter nested 1,000 levels deep is refused, as a list or as an object', async () => {
        const nested = (open: string, close: string) =>
            `{ uiapi { query { Account(where: ${open.repeat(1000)}{ Name: { eq: "x" } }${close.repeat(1000)}) {
                edges { node { Id } } } } } }`;
        for (const query of [nested('{ and: [ ', ' ] }'), nested('{ and: ', ' }')]) {
            const result = await graphql(t, t.viewer.accessToken, query);
            assert.deepEqual(
                result,
                { errors: syntaxRefusal(`More than 500 deep 'grammar' rules have been entered. ${CANCELLED}`) },
                JSON.stringify(result).slice(0, 500)
            );
        }
    });
});
