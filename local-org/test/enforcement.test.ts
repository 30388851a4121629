/**
 * The same bad record fails with the same error on every write path, and leaves no row behind.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v60.0';
let t: TestOrg;
let accountId: string;
let contactId: string;

before(async () => {
    t = await startTestOrg();
    accountId = (
        (await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, { Name: 'Existing' })).body as {
            id: string;
        }
    ).id;
    contactId = (
        (await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Contact`, { LastName: 'Existing' })).body as {
            id: string;
        }
    ).id;
});
after(() => t.close());

type User = 'admin' | 'viewer';
interface BadRecord {
    problem: string;
    user: User;
    object: string;
    values: () => Record<string, unknown>;
    errorCode: string;
    fields: string[];
}

const badRecords: BadRecord[] = [
    {
        problem: 'missing required field',
        user: 'admin',
        object: 'Account',
        values: () => ({ Phone: '1' }),
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['Name']
    },
    {
        problem: 'value too long',
        user: 'admin',
        object: 'Account',
        values: () => ({ Name: 'n'.repeat(256) }),
        errorCode: 'STRING_TOO_LONG',
        fields: ['Name']
    },
    {
        problem: 'bad restricted picklist value',
        user: 'admin',
        object: 'Contract',
        values: () => ({ AccountId: accountId, Status: 'Signed' }),
        errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        fields: ['Status']
    },
    {
        problem: 'field the caller may not write',
        user: 'admin',
        object: 'Case',
        values: () => ({ Subject: 's', CaseNumber: '42' }),
        errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        fields: ['CaseNumber']
    },
    {
        problem: 'object the caller may not create',
        user: 'viewer',
        object: 'Account',
        values: () => ({ Name: 'Nope' }),
        errorCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
        fields: []
    },
    {
        problem: 'lookup to a record of the wrong type',
        user: 'admin',
        object: 'Contact',
        values: () => ({ LastName: 'L', AccountId: contactId }),
        errorCode: 'FIELD_INTEGRITY_EXCEPTION',
        fields: ['AccountId']
    }
];

type PathResult = { errorCode: string; fields: string[] };
const writePaths: Record<
    string,
    (token: string, object: string, values: Record<string, unknown>) => Promise<PathResult>
> = {
    async 'single REST'(token, object, values) {
        const response = await call(t.origin, token, 'POST', `${V}/sobjects/${object}`, values);
        assert.equal(response.status, 400);
        const [error] = response.body as { errorCode: string; fields?: string[] }[];
        return { errorCode: error.errorCode, fields: error.fields ?? [] };
    },
    async Collections(token, object, values) {
        const response = await call(t.origin, token, 'POST', `${V}/composite/sobjects`, {
            allOrNone: false,
            records: [{ attributes: { type: object }, ...values }]
        });
        assert.equal(response.status, 200);
        const [result] = response.body as { success: boolean; errors: { statusCode: string; fields: string[] }[] }[];
        assert.equal(result.success, false);
        return { errorCode: result.errors[0].statusCode, fields: result.errors[0].fields };
    },
    async 'composite tree'(token, object, values) {
        const response = await call(t.origin, token, 'POST', `${V}/composite/tree/${object}`, {
            records: [{ attributes: { type: object, referenceId: 'bad1' }, ...values }]
        });
        assert.equal(response.status, 400);
        const body = response.body as {
            hasErrors: boolean;
            results: { referenceId: string; errors: { statusCode: string; fields: string[] }[] }[];
        };
        assert.equal(body.hasErrors, true);
        assert.equal(body.results[0].referenceId, 'bad1');
        return { errorCode: body.results[0].errors[0].statusCode, fields: body.results[0].errors[0].fields };
    },
    async composite(token, object, values) {
        const response = await call(t.origin, token, 'POST', `${V}/composite`, {
            allOrNone: true,
            compositeRequest: [{ method: 'POST', url: `${V}/sobjects/${object}`, referenceId: 'bad1', body: values }]
        });
        assert.equal(response.status, 200);
        const [sub] = (
            response.body as {
                compositeResponse: { httpStatusCode: number; body: { errorCode: string; fields?: string[] }[] }[];
            }
        ).compositeResponse;
        assert.equal(sub.httpStatusCode, 400);
        return { errorCode: sub.body[0].errorCode, fields: sub.body[0].fields ?? [] };
    }
};

function counts(): Record<string, unknown> {
    return Object.fromEntries(
        ['Account', 'Contact', 'Case', 'Contract'].map((table) => [
            table,
            rows(t.org, `SELECT COUNT(*) n FROM "${table}"`)[0].n
        ])
    );
}

for (const bad of badRecords) {
    for (const [pathName, send] of Object.entries(writePaths)) {
        test(`${bad.problem} → ${bad.errorCode} through ${pathName}, nothing written`, async () => {
            const before = counts();
            const result = await send(t[bad.user].accessToken, bad.object, bad.values());
            assert.deepEqual(result, { errorCode: bad.errorCode, fields: bad.fields });
            assert.deepEqual(counts(), before);
        });
    }
}

test('allOrNone Collections: the good record is rolled back with the bad one', async () => {
    const before = counts();
    const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite/sobjects`, {
        allOrNone: true,
        records: [
            { attributes: { type: 'Account' }, Name: 'Good' },
            { attributes: { type: 'Account' }, Phone: 'no name' }
        ]
    });
    assert.deepEqual(response.body, [
        {
            success: false,
            errors: [
                {
                    statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                    message:
                        'Record rolled back because not all records were valid and the request was using AllOrNone header',
                    fields: []
                }
            ]
        },
        {
            success: false,
            errors: [
                {
                    statusCode: 'REQUIRED_FIELD_MISSING',
                    message: 'Required fields are missing: [Name]',
                    fields: ['Name']
                }
            ]
        }
    ]);
    assert.deepEqual(counts(), before);
});

test('Collections without allOrNone keep the good record and report the bad one', async () => {
    const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite/sobjects`, {
        records: [
            { attributes: { type: 'Account' }, Name: 'Kept' },
            { attributes: { type: 'Account' }, Name: 'n'.repeat(300) }
        ]
    });
    const [kept, failed] = response.body as { id?: string; success: boolean }[];
    assert.equal(kept.success, true);
    assert.equal(failed.success, false);
    assert.deepEqual(rows(t.org, 'SELECT Name FROM Account WHERE Id = ?', kept.id), [{ Name: 'Kept' }]);
});

test('composite: references chain records; a failure with allOrNone rolls back the earlier sub-requests', async () => {
    const ok = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite`, {
        allOrNone: true,
        compositeRequest: [
            { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'acc', body: { Name: 'Chained' } },
            {
                method: 'POST',
                url: `${V}/sobjects/Contact`,
                referenceId: 'con',
                body: { LastName: 'Link', AccountId: '@{acc.id}' }
            },
            { method: 'GET', url: `${V}/sobjects/Contact/@{con.id}?fields=AccountId`, referenceId: 'read' }
        ]
    });
    const responses = (
        ok.body as {
            compositeResponse: { httpStatusCode: number; body: Record<string, unknown>; referenceId: string }[];
        }
    ).compositeResponse;
    assert.deepEqual(
        responses.map((r) => r.httpStatusCode),
        [201, 201, 200]
    );
    assert.equal(responses[2].body.AccountId, responses[0].body.id);

    const before = counts();
    const failed = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite`, {
        allOrNone: true,
        compositeRequest: [
            { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'acc', body: { Name: 'Rolled back' } },
            { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'con', body: { AccountId: '@{acc.id}' } }
        ]
    });
    const halted = (failed.body as { compositeResponse: { httpStatusCode: number; body: { errorCode: string }[] }[] })
        .compositeResponse;
    assert.deepEqual(
        halted.map((r) => r.body[0].errorCode),
        ['PROCESSING_HALTED', 'REQUIRED_FIELD_MISSING']
    );
    assert.deepEqual(counts(), before);
});

test('composite tree: a bad child rolls back its parent', async () => {
    const before = counts();
    const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite/tree/Account`, {
        records: [
            {
                attributes: { type: 'Account', referenceId: 'p1' },
                Name: 'Parent',
                Contacts: {
                    records: [{ attributes: { type: 'Contact', referenceId: 'c1' }, FirstName: 'No last name' }]
                }
            }
        ]
    });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body, {
        hasErrors: true,
        results: [
            {
                referenceId: 'c1',
                errors: [
                    {
                        statusCode: 'REQUIRED_FIELD_MISSING',
                        message: 'Required fields are missing: [LastName]',
                        fields: ['LastName']
                    }
                ]
            }
        ]
    });
    assert.deepEqual(counts(), before);
});
