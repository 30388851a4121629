/**
 * lightning/graphql's request shaping: the documents `gql` builds, the HTTP request an operation becomes
 * (`POST /services/data/vNN.N/graphql`, research §7.2) and the `{data, errors}` components receive.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

interface Protocol {
    gql(strings: TemplateStringsArray, ...values: unknown[]): { kind: string; source: string };
    graphqlRequest(
        apiVersion: string,
        operation: { query: unknown; variables?: unknown; operationName?: string }
    ): { url: string; method: string; headers: Record<string, string>; body: string };
    isSendable(config: unknown): boolean;
    graphqlResult(status: number, body: unknown): { data?: unknown; errors?: { message: string }[] };
}

const modulePath = '../modules/preview/graphqlProtocol/graphqlProtocol.js';
const { gql, graphqlRequest, isSendable, graphqlResult } = (await import(modulePath)) as Protocol;

describe('gql', () => {
    test('keeps the document text and inlines interpolated fragments', () => {
        const fragment = gql`
            fragment CaseFields on Case {
                Subject {
                    value
                }
            }
        `;
        const query = gql`
            query c {
                uiapi {
                    query {
                        Case {
                            edges {
                                node {
                                    ...CaseFields
                                }
                            }
                        }
                    }
                }
            }
            ${fragment}
        `;
        assert.equal(query.kind, 'Document');
        assert.match(query.source, /^\s*query c \{\s+uiapi/);
        assert.match(query.source, /fragment CaseFields on Case/);
        assert.ok(Object.isFrozen(query));
    });
});

describe('graphqlRequest', () => {
    test('POSTs query, variables and operationName as JSON to the versioned endpoint', () => {
        const document = gql`
            query one($id: ID) {
                uiapi {
                    query {
                        Case(where: { Id: { eq: $id } }) {
                            edges {
                                node {
                                    Id
                                }
                            }
                        }
                    }
                }
            }
        `;
        const request = graphqlRequest('66.0', {
            query: document,
            variables: { id: '500000000000001AAA' },
            operationName: 'one'
        });
        assert.equal(request.url, '/services/data/v66.0/graphql');
        assert.equal(request.method, 'POST');
        assert.equal(request.headers['Content-Type'], 'application/json');
        assert.deepEqual(JSON.parse(request.body), {
            query: document.source,
            variables: { id: '500000000000001AAA' },
            operationName: 'one'
        });
        assert.match(document.source, /query one\(\$id: ID\)/);
    });

    test('leaves out absent variables and operation name', () => {
        const request = graphqlRequest('66.0', {
            query: gql`
                mutation {
                    uiapi {
                        CaseUpdate(input: {}) {
                            Record {
                                Id
                            }
                        }
                    }
                }
            `
        });
        assert.deepEqual(Object.keys(JSON.parse(request.body)), ['query']);
    });

    test('refuses a query that is not a document', () => {
        assert.throws(() => graphqlRequest('66.0', { query: 42 }), /document created with gql/);
    });
});

describe('isSendable', () => {
    test('sends nothing while the query is undefined (a reactive value not yet set)', () => {
        assert.equal(isSendable(undefined), false);
        assert.equal(isSendable({ query: undefined, variables: { a: 1 } }), false);
        assert.equal(
            isSendable({
                query: gql`
                    query {
                        uiapi {
                            query {
                                Case {
                                    edges {
                                        node {
                                            Id
                                        }
                                    }
                                }
                            }
                        }
                    }
                `
            }),
            true
        );
    });
});

describe('graphqlResult', () => {
    test('success: data, and errors undefined when the server sends errors: []', () => {
        const data = { uiapi: { query: { Case: { edges: [] } } } };
        assert.deepEqual(graphqlResult(200, { data, errors: [] }), { data, errors: undefined });
    });

    test('GraphQL errors arrive with HTTP 200 and are passed through with any partial data', () => {
        const errors = [
            { message: 'Validation error', locations: [], paths: [], extensions: { ErrorType: 'ValidationError' } }
        ];
        assert.deepEqual(graphqlResult(200, { data: null, errors }), { data: undefined, errors });
    });

    test('an HTTP failure becomes one error with the server message', () => {
        const result = graphqlResult(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
        assert.equal(result.data, undefined);
        assert.equal(result.errors?.length, 1);
        assert.equal(result.errors?.[0].message, 'Session expired or invalid');
    });
});
