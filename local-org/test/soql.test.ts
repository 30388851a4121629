import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { standardObjects } from '../src/catalogue.ts';
import type { ApiError } from '../src/errors.ts';
import { makeId } from '../src/ids.ts';
import { Schema, type FieldDef, type ObjectDef } from '../src/schema.ts';
import { columnMetadata, runQuery, type ApiRecord, type QueryAccess, type QueryContext } from '../src/soql/index.ts';
import { createObjectTable, openDatabase, quoteName, type Db } from '../src/store.ts';

// Wednesday 15 May 2024, noon UTC: the week started on Sunday the 12th.
const NOW = new Date('2024-05-15T12:00:00.000Z');

const id = {
    ada: makeId('005', 1),
    grace: makeId('005', 2),
    queue: makeId('00G', 1),
    acme: makeId('001', 1),
    globex: makeId('001', 2),
    ecole: makeId('001', 3),
    umbrella: makeId('001', 4),
    fifty: makeId('001', 5),
    smith: makeId('003', 1),
    jones: makeId('003', 2),
    brown: makeId('003', 3),
    orphan: makeId('003', 4),
    gone: makeId('003', 5),
    renewal: makeId('006', 1),
    expansion: makeId('006', 2),
    pilot: makeId('006', 3),
    printer: makeId('500', 1),
    login: makeId('500', 2),
    call: makeId('00T', 1),
    followUp: makeId('00T', 2),
    loose: makeId('00T', 3)
};

function customField(name: string, type: FieldDef['type']): FieldDef {
    return { name, label: name, type, nillable: true, createable: true, updateable: true, custom: true };
}

/** The catalogue, plus two custom Account fields: a multi-select picklist and one the caller may not read. */
function testObjects(): ObjectDef[] {
    return standardObjects().map((object) =>
        object.name === 'Account'
            ? {
                  ...object,
                  fields: [
                      ...object.fields,
                      customField('Regions__c', 'multipicklist'),
                      customField('Secret__c', 'string')
                  ]
              }
            : object
    );
}

/** Everything is readable except the Lead object and Account.Secret__c. */
const access: QueryAccess = {
    canReadObject: (objectName) => objectName.toLowerCase() !== 'lead',
    canReadField: (objectName, fieldName) =>
        objectName.toLowerCase() !== 'lead' && !(objectName === 'Account' && fieldName.toLowerCase() === 'secret__c')
};

function insert(db: Db, objectName: string, values: Record<string, string | number | null>): void {
    const row = { IsDeleted: 0, ...values };
    const columns = Object.keys(row).map(quoteName).join(', ');
    const placeholders = Object.keys(row)
        .map(() => '?')
        .join(', ');
    db.prepare(`INSERT INTO ${quoteName(objectName)} (${columns}) VALUES (${placeholders})`).run(...Object.values(row));
}

function createDatabase(schema: Schema): Db {
    const db = openDatabase(':memory:');
    for (const object of schema.allObjects()) createObjectTable(db, object);
    return db;
}

function seed(db: Db): void {
    insert(db, 'User', {
        Id: id.ada,
        FirstName: 'Ada',
        LastName: 'Lovelace',
        Name: 'Ada Lovelace',
        Username: 'ada@x.test'
    });
    insert(db, 'User', {
        Id: id.grace,
        FirstName: 'Grace',
        LastName: 'Hopper',
        Name: 'Grace Hopper',
        Username: 'grace@x.test'
    });
    insert(db, 'Group', { Id: id.queue, Name: 'Support Queue', DeveloperName: 'Support', Type: 'Queue' });
    insert(db, 'Account', {
        Id: id.acme,
        Name: 'Acme',
        Industry: 'Technology',
        AnnualRevenue: 1000,
        NumberOfEmployees: 10,
        OwnerId: id.ada,
        CreatedDate: '2024-05-15T08:00:00.000Z',
        Regions__c: 'EMEA;APAC',
        Secret__c: 'hidden'
    });
    insert(db, 'Account', {
        Id: id.globex,
        Name: 'Globex',
        Industry: 'Energy',
        AnnualRevenue: 500,
        OwnerId: id.grace,
        ParentId: id.acme,
        CreatedDate: '2024-05-14T23:59:59.999Z',
        Regions__c: 'AMER'
    });
    insert(db, 'Account', {
        Id: id.ecole,
        Name: 'ÉCOLE du Nord',
        NumberOfEmployees: 3,
        OwnerId: id.ada,
        CreatedDate: '2024-04-01T10:00:00.000Z',
        Regions__c: 'EMEA'
    });
    insert(db, 'Account', {
        Id: id.umbrella,
        Name: 'Umbrella',
        Industry: 'Technology',
        AnnualRevenue: 9999,
        OwnerId: id.grace,
        CreatedDate: '2024-05-15T09:00:00.000Z',
        IsDeleted: 1
    });
    insert(db, 'Account', {
        Id: id.fifty,
        Name: '50% Off',
        AnnualRevenue: 250,
        OwnerId: id.grace,
        CreatedDate: '2023-12-31T23:00:00.000Z'
    });
    insert(db, 'Contact', {
        Id: id.smith,
        FirstName: 'Ann',
        LastName: 'Smith',
        AccountId: id.acme,
        Email: 'ann@acme.test'
    });
    insert(db, 'Contact', { Id: id.jones, LastName: 'Jones', AccountId: id.acme });
    insert(db, 'Contact', { Id: id.brown, LastName: 'Brown', AccountId: id.globex });
    insert(db, 'Contact', { Id: id.orphan, LastName: 'Orphan' });
    insert(db, 'Contact', { Id: id.gone, LastName: 'Gone', AccountId: id.acme, IsDeleted: 1 });
    const opportunity = { StageName: 'Prospecting' };
    insert(db, 'Opportunity', {
        ...opportunity,
        Id: id.renewal,
        Name: 'Acme renewal',
        AccountId: id.acme,
        CloseDate: '2024-05-15',
        Amount: 100
    });
    insert(db, 'Opportunity', {
        ...opportunity,
        Id: id.expansion,
        Name: 'Acme expansion',
        AccountId: id.acme,
        CloseDate: '2024-06-01',
        Amount: 300
    });
    insert(db, 'Opportunity', {
        ...opportunity,
        Id: id.pilot,
        Name: 'Globex pilot',
        AccountId: id.globex,
        CloseDate: '2024-05-14'
    });
    insert(db, 'Case', {
        Id: id.printer,
        CaseNumber: '00001001',
        Subject: 'Printer jam',
        OwnerId: id.queue,
        AccountId: id.acme,
        IsEscalated: 1
    });
    insert(db, 'Case', {
        Id: id.login,
        CaseNumber: '00001002',
        Subject: 'Login issue',
        OwnerId: id.ada,
        AccountId: id.globex,
        IsEscalated: 0
    });
    insert(db, 'Task', { Id: id.call, Subject: 'Call Acme', WhatId: id.acme, WhoId: id.smith, Status: 'Not Started' });
    insert(db, 'Task', { Id: id.followUp, Subject: 'Follow up case', WhatId: id.printer, Status: 'Not Started' });
    insert(db, 'Task', { Id: id.loose, Subject: 'No relation', Status: 'Not Started' });
}

const schema = new Schema(testObjects());
const db = createDatabase(schema);
seed(db);
const ctx: QueryContext = { db, schema, access, now: NOW, apiVersion: '60.0' };

function query(soql: string, queryAll = false) {
    return runQuery(ctx, soql, { queryAll });
}

function records(soql: string, queryAll = false): ApiRecord[] {
    return query(soql, queryAll).records;
}

/** One field of every record, for compact expectations. */
function column(soql: string, field = 'Name', queryAll = false): unknown[] {
    return records(soql, queryAll).map((r) => r[field]);
}

function withoutAttributes(record: ApiRecord | null): Record<string, unknown> | null {
    if (record === null) return null;
    const { attributes: _attributes, ...fields } = record;
    return fields;
}

function apiError(soql: string): ApiError {
    try {
        query(soql);
    } catch (error) {
        return error as ApiError;
    }
    assert.fail(`expected ${soql} to fail`);
}

function assertError(soql: string, errorCode: string, message: string | RegExp): void {
    const error = apiError(soql);
    assert.equal(error.errorCode, errorCode, error.message);
    assert.equal(error.status, 400);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
}

const url = (type: string, recordId: string) => `/services/data/v60.0/sobjects/${type}/${recordId}`;

describe('records', () => {
    test('fields come in SELECT order under their schema names, with attributes, deleted rows left out', () => {
        const result = query("select name, ID from account where name = 'acme'");
        assert.equal(result.totalSize, 1);
        assert.equal(result.entityName, 'Account');
        assert.deepEqual(result.records, [
            { attributes: { type: 'Account', url: url('Account', id.acme) }, Name: 'Acme', Id: id.acme }
        ]);
        assert.deepEqual(column('SELECT Name FROM Account'), ['Acme', 'Globex', 'ÉCOLE du Nord', '50% Off']);
    });

    test('values are shown as the REST API shows them', () => {
        const [acme] = records(
            `SELECT IsDeleted, AnnualRevenue, NumberOfEmployees, CreatedDate, Industry, Website FROM Account WHERE Id = '${id.acme}'`
        );
        assert.deepEqual(withoutAttributes(acme), {
            IsDeleted: false,
            AnnualRevenue: 1000,
            NumberOfEmployees: 10,
            CreatedDate: '2024-05-15T08:00:00.000+0000',
            Industry: 'Technology',
            Website: null
        });
    });

    test('queryAll includes deleted rows, which IsDeleted = true then selects', () => {
        assert.deepEqual(column('SELECT Name FROM Account WHERE IsDeleted = true', 'Name', true), ['Umbrella']);
        assert.equal(query('SELECT Id FROM Account', true).totalSize, 5);
        assert.deepEqual(column('SELECT Name FROM Account WHERE IsDeleted = true'), []);
    });

    test('totalSize counts every row, whatever the REST page size', () => {
        const big = createDatabase(schema);
        const insertMany = big.transaction(() => {
            for (let i = 1; i <= 2100; i++) insert(big, 'Account', { Id: makeId('001', i), Name: `Account ${i}` });
        });
        insertMany();
        const result = runQuery({ ...ctx, db: big }, 'SELECT Id FROM Account', { queryAll: false });
        assert.equal(result.totalSize, 2100);
        assert.equal(result.records.length, 2100);
        assert.equal(
            runQuery({ ...ctx, db: big }, 'SELECT Id FROM Account LIMIT 2050 OFFSET 100', { queryAll: false })
                .totalSize,
            2000
        );
    });

    test('LIMIT and OFFSET', () => {
        assert.deepEqual(column('SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1'), ['Acme', 'Globex']);
        assert.deepEqual(column('SELECT Name FROM Account ORDER BY Name OFFSET 3'), ['ÉCOLE du Nord']);
    });

    test('the object alias may prefix fields', () => {
        assert.deepEqual(column("SELECT a.Name FROM Account a WHERE a.Name = 'Acme' ORDER BY a.Name"), ['Acme']);
    });

    test('FOR UPDATE, WITH SECURITY_ENFORCED, WITH USER_MODE and USING SCOPE Everything change nothing', () => {
        const expected = column("SELECT Name FROM Account WHERE Industry = 'Energy'");
        assert.deepEqual(column("SELECT Name FROM Account WHERE Industry = 'Energy' FOR UPDATE"), expected);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Industry = 'Energy' WITH SECURITY_ENFORCED"), expected);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Industry = 'Energy' WITH USER_MODE"), expected);
        assert.deepEqual(column("SELECT Name FROM Account USING SCOPE Everything WHERE Industry = 'Energy'"), expected);
    });
});

describe('parent relationships', () => {
    test('paths of any depth become nested records, merged per relationship, null when the lookup is empty', () => {
        const result = records(
            'SELECT LastName, Account.Name, Account.Owner.Name, Account.Industry FROM Contact ORDER BY LastName'
        );
        assert.deepEqual(
            result.map((r) => r.LastName),
            ['Brown', 'Jones', 'Orphan', 'Smith']
        );
        assert.deepEqual(result[0].Account, {
            attributes: { type: 'Account', url: url('Account', id.globex) },
            Name: 'Globex',
            Owner: { attributes: { type: 'User', url: url('User', id.grace) }, Name: 'Grace Hopper' },
            Industry: 'Energy'
        });
        assert.equal(result[2].Account, null);
    });

    test('a polymorphic lookup reads each object it can point to, typed Name as on Salesforce', () => {
        const result = records('SELECT Subject, What.Name, What.Type, Who.Name FROM Task ORDER BY Subject');
        assert.deepEqual(result[0].What, {
            attributes: { type: 'Name', url: url('Account', id.acme) },
            Name: 'Acme',
            Type: 'Account'
        });
        assert.deepEqual(withoutAttributes(result[0].Who as ApiRecord), { Name: null });
        // A case's name is its CaseNumber.
        assert.deepEqual(withoutAttributes(result[1].What as ApiRecord), { Name: '00001001', Type: 'Case' });
        assert.equal(result[2].What, null);
        assert.deepEqual(column("SELECT Subject FROM Task WHERE What.Type = 'case'", 'Subject'), ['Follow up case']);
    });

    test('a Case owner is a user or a queue', () => {
        const result = records('SELECT Subject, Owner.Name FROM Case ORDER BY Owner.Name');
        assert.deepEqual(
            result.map((r) => [r.Subject, (r.Owner as ApiRecord).Name]),
            [
                ['Login issue', 'Ada Lovelace'],
                ['Printer jam', 'Support Queue']
            ]
        );
        assert.equal((result[1].Owner as ApiRecord).attributes.url, url('Group', id.queue));
    });

    test('a deleted parent reads as no parent, except with queryAll', () => {
        const local = createDatabase(schema);
        insert(local, 'Account', { Id: id.umbrella, Name: 'Umbrella', IsDeleted: 1 });
        insert(local, 'Contact', { Id: id.smith, LastName: 'Smith', AccountId: id.umbrella });
        const soql = 'SELECT LastName, Account.Name FROM Contact';
        assert.equal(runQuery({ ...ctx, db: local }, soql, { queryAll: false }).records[0].Account, null);
        const withDeleted = runQuery({ ...ctx, db: local }, soql, { queryAll: true }).records[0];
        assert.equal((withDeleted.Account as ApiRecord).Name, 'Umbrella');
    });

    test('parent fields filter and sort', () => {
        assert.deepEqual(
            column("SELECT LastName FROM Contact WHERE Account.Owner.Name LIKE 'ada%' ORDER BY LastName", 'LastName'),
            ['Jones', 'Smith']
        );
        assert.deepEqual(
            column('SELECT LastName FROM Contact ORDER BY Account.Name DESC NULLS FIRST, LastName', 'LastName'),
            ['Orphan', 'Brown', 'Jones', 'Smith']
        );
    });
});

describe('child relationships', () => {
    test('a subquery gives each parent its children, or null when it has none', () => {
        const result = records(
            "SELECT Name, (SELECT LastName, Account.Name FROM Contacts WHERE LastName != 'Nobody' ORDER BY LastName) FROM Account ORDER BY Name"
        );
        assert.deepEqual(
            result.map((r) => r.Name),
            ['50% Off', 'Acme', 'Globex', 'ÉCOLE du Nord']
        );
        assert.equal(result[0].Contacts, null);
        const acmeContacts = result[1].Contacts as { totalSize: number; done: boolean; records: ApiRecord[] };
        assert.equal(acmeContacts.totalSize, 2);
        assert.equal(acmeContacts.done, true);
        assert.deepEqual(acmeContacts.records[0], {
            attributes: { type: 'Contact', url: url('Contact', id.jones) },
            LastName: 'Jones',
            Account: { attributes: { type: 'Account', url: url('Account', id.acme) }, Name: 'Acme' }
        });
        assert.deepEqual(
            (result[2].Contacts as { records: ApiRecord[] }).records.map((r) => r.LastName),
            ['Brown']
        );
    });

    test('a polymorphic lookup has child relationships on each object it points to', () => {
        const result = records("SELECT Name, (SELECT Subject FROM Tasks) FROM Account WHERE Name = 'Acme'");
        assert.deepEqual(
            (result[0].Tasks as { records: ApiRecord[] }).records.map((t) => t.Subject),
            ['Call Acme']
        );
        const cases = records('SELECT Subject, (SELECT Subject FROM Tasks) FROM Case ORDER BY Subject');
        assert.deepEqual(
            cases.map((c) => (c.Tasks as { records: ApiRecord[] } | null)?.records.map((t) => t.Subject) ?? null),
            [null, ['Follow up case']]
        );
    });

    test('LIMIT and OFFSET of a subquery apply per parent', () => {
        const result = records(
            "SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName DESC LIMIT 1) FROM Account WHERE Name IN ('Acme', 'Globex')"
        );
        assert.deepEqual(
            result.map((r) => (r.Contacts as { records: ApiRecord[] }).records.map((c) => c.LastName)),
            [['Smith'], ['Brown']]
        );
        const offset = records(
            "SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName OFFSET 1) FROM Account WHERE Name = 'Acme'"
        );
        assert.deepEqual(
            (offset[0].Contacts as { records: ApiRecord[] }).records.map((c) => c.LastName),
            ['Smith']
        );
    });

    test('children of all parents are read in one statement per subquery', () => {
        let statements = 0;
        const countingDb = new Proxy(db, {
            get(target, property) {
                if (property === 'prepare') {
                    return (text: string) => {
                        statements++;
                        return target.prepare(text);
                    };
                }
                const value: unknown = Reflect.get(target, property);
                return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
            }
        });
        const soql = 'SELECT Name, (SELECT LastName FROM Contacts), (SELECT Name FROM Opportunities) FROM Account';
        const result = runQuery({ ...ctx, db: countingDb }, soql, { queryAll: false });
        assert.equal(result.totalSize, 4);
        assert.equal(statements, 3);
    });
});

describe('filters', () => {
    test('AND, OR, NOT and parentheses', () => {
        assert.deepEqual(
            column(
                "SELECT Name FROM Account WHERE (Industry = 'Technology' OR Industry = 'Energy') AND NOT Name = 'Globex'"
            ),
            ['Acme']
        );
        assert.deepEqual(
            column("SELECT Name FROM Account WHERE NOT (Industry = 'Technology' OR Industry = 'Energy')"),
            ['ÉCOLE du Nord', '50% Off']
        );
        assert.deepEqual(column("SELECT Name FROM Account WHERE (NOT Name = 'Acme') AND ((AnnualRevenue > 300))"), [
            'Globex'
        ]);
    });

    test('!= and NOT IN include nulls, as null is a value in SOQL', () => {
        assert.deepEqual(column("SELECT Name FROM Account WHERE Industry != 'Energy'"), [
            'Acme',
            'ÉCOLE du Nord',
            '50% Off'
        ]);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Industry <> 'Energy' AND Industry != null"), ['Acme']);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Industry NOT IN ('Energy')"), [
            'Acme',
            'ÉCOLE du Nord',
            '50% Off'
        ]);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Industry NOT IN ('Energy', null)"), ['Acme']);
        assert.deepEqual(column('SELECT Name FROM Account WHERE Industry = null'), ['ÉCOLE du Nord', '50% Off']);
    });

    test('comparisons on numbers leave nulls out', () => {
        assert.deepEqual(column('SELECT Name FROM Account WHERE AnnualRevenue > 500'), ['Acme']);
        assert.deepEqual(column('SELECT Name FROM Account WHERE AnnualRevenue >= 500'), ['Acme', 'Globex']);
        assert.deepEqual(column('SELECT Name FROM Account WHERE AnnualRevenue < 1000.5 AND AnnualRevenue <= 500'), [
            'Globex',
            '50% Off'
        ]);
        assert.deepEqual(column('SELECT Name FROM Account WHERE NumberOfEmployees IN (3, 10)'), [
            'Acme',
            'ÉCOLE du Nord'
        ]);
    });

    test('text compares case-insensitively, beyond ASCII too', () => {
        assert.deepEqual(column("SELECT Name FROM Account WHERE Name = 'ACME'"), ['Acme']);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Name = 'école du nord'"), ['ÉCOLE du Nord']);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Name IN ('globex', 'École Du Nord')"), [
            'Globex',
            'ÉCOLE du Nord'
        ]);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Industry IN ('technology', 'ENERGY')"), [
            'Acme',
            'Globex'
        ]);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Name > 'b' ORDER BY Name"), [
            'Globex',
            'ÉCOLE du Nord'
        ]);
    });

    test('LIKE: % and _ wildcards, backslash escapes, any case', () => {
        assert.deepEqual(column("SELECT Name FROM Account WHERE Name LIKE 'a%'"), ['Acme']);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Name LIKE '_LOBEX'"), ['Globex']);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Name LIKE '%\\%%'"), ['50% Off']);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Name LIKE '50\\% off'"), ['50% Off']);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Name LIKE 'éCOLE%'"), ['ÉCOLE du Nord']);
        assert.deepEqual(column("SELECT Name FROM Account WHERE NOT Name LIKE '%e%'"), ['50% Off']);
    });

    test('quotes and backslashes escape inside string literals', () => {
        const local = createDatabase(schema);
        insert(local, 'Account', { Id: makeId('001', 1), Name: "O'Brien \\ Sons" });
        const soql = "SELECT Name FROM Account WHERE Name = 'O\\'Brien \\\\ Sons'";
        const result = runQuery({ ...ctx, db: local }, soql, { queryAll: false });
        assert.deepEqual(
            result.records.map((r) => r.Name),
            ["O'Brien \\ Sons"]
        );
    });

    test('SQL in a literal is only text', () => {
        assert.deepEqual(column("SELECT Name FROM Account WHERE Name = 'x\\' OR 1=1 --'"), []);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Name = '\\'; DROP TABLE \"Account\"; --'"), []);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Name LIKE '%\\'; DELETE FROM \"Account\"; --'"), []);
        assert.equal(query('SELECT Id FROM Account').totalSize, 4);
        // The doubled quote of SQL is not SOQL: the literal ends early and the query is malformed, never widened.
        assert.equal(apiError("SELECT Name FROM Account WHERE Name = 'x'' OR 1=1 --'").errorCode, 'MALFORMED_QUERY');
    });

    test('15-character ids match the stored 18-character ids', () => {
        assert.deepEqual(column(`SELECT Name FROM Account WHERE Id = '${id.acme.slice(0, 15)}'`), ['Acme']);
        assert.deepEqual(
            column(
                `SELECT LastName FROM Contact WHERE AccountId IN ('${id.acme.slice(0, 15)}', '${id.globex}') ORDER BY LastName`,
                'LastName'
            ),
            ['Brown', 'Jones', 'Smith']
        );
        assert.deepEqual(column(`SELECT Name FROM Account WHERE Id = '${id.acme.slice(0, 15).toLowerCase()}'`), []);
    });

    test('booleans', () => {
        assert.deepEqual(column('SELECT Subject FROM Case WHERE IsEscalated = TRUE', 'Subject'), ['Printer jam']);
        assert.deepEqual(column('SELECT Subject FROM Case WHERE IsEscalated = false', 'Subject'), ['Login issue']);
        assert.deepEqual(column('SELECT Subject FROM Case WHERE IsEscalated != true', 'Subject'), ['Login issue']);
    });

    test('semi-joins and anti-joins', () => {
        assert.deepEqual(
            column("SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE LastName != 'Brown')"),
            ['Acme']
        );
        // The contact without an account must not empty the anti-join.
        assert.deepEqual(column('SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact)'), [
            'ÉCOLE du Nord',
            '50% Off'
        ]);
        assert.deepEqual(
            column(
                "SELECT LastName FROM Contact WHERE AccountId IN (SELECT Id FROM Account WHERE Owner.Name = 'Grace Hopper')",
                'LastName'
            ),
            ['Brown']
        );
    });

    test('INCLUDES and EXCLUDES on a multi-select picklist', () => {
        assert.deepEqual(column("SELECT Name FROM Account WHERE Regions__c INCLUDES ('emea;apac', 'AMER')"), [
            'Acme',
            'Globex'
        ]);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Regions__c INCLUDES ('EMEA')"), [
            'Acme',
            'ÉCOLE du Nord'
        ]);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Regions__c EXCLUDES ('EMEA')"), ['Globex', '50% Off']);
        assert.deepEqual(column("SELECT Name FROM Account WHERE Regions__c = 'APAC;EMEA'"), ['Acme']);
    });
});

describe('dates', () => {
    test('a date field compares with dates and date literals', () => {
        const names = (where: string) => column(`SELECT Name FROM Opportunity WHERE ${where} ORDER BY CloseDate`);
        assert.deepEqual(names('CloseDate = 2024-05-15'), ['Acme renewal']);
        assert.deepEqual(names('CloseDate > 2024-05-14'), ['Acme renewal', 'Acme expansion']);
        assert.deepEqual(names('CloseDate = TODAY'), ['Acme renewal']);
        assert.deepEqual(names('CloseDate = YESTERDAY'), ['Globex pilot']);
        assert.deepEqual(names('CloseDate = NEXT_N_DAYS:30'), ['Acme expansion']);
        assert.deepEqual(names('CloseDate = THIS_MONTH'), ['Globex pilot', 'Acme renewal']);
        assert.deepEqual(names('CloseDate < THIS_WEEK'), []);
        assert.deepEqual(names('CloseDate > THIS_MONTH'), ['Acme expansion']);
        assert.deepEqual(names('CloseDate IN (YESTERDAY, NEXT_MONTH)'), ['Globex pilot', 'Acme expansion']);
        assert.deepEqual(names('CloseDate != TODAY'), ['Globex pilot', 'Acme expansion']);
    });

    test('a date literal with a date-time field is a range of whole UTC days', () => {
        assert.deepEqual(column('SELECT Name FROM Account WHERE CreatedDate = TODAY'), ['Acme']);
        assert.deepEqual(column('SELECT Name FROM Account WHERE CreatedDate = YESTERDAY'), ['Globex']);
        assert.deepEqual(column('SELECT Name FROM Account WHERE CreatedDate = LAST_N_DAYS:1'), ['Acme', 'Globex']);
        assert.deepEqual(column('SELECT Name FROM Account WHERE CreatedDate = LAST_90_DAYS'), [
            'Acme',
            'Globex',
            'ÉCOLE du Nord'
        ]);
        assert.deepEqual(column('SELECT Name FROM Account WHERE CreatedDate < THIS_YEAR'), ['50% Off']);
        assert.deepEqual(column('SELECT Name FROM Account WHERE CreatedDate >= LAST_MONTH'), [
            'Acme',
            'Globex',
            'ÉCOLE du Nord'
        ]);
    });

    test('date-time literals, with offsets, compare as instants', () => {
        assert.deepEqual(column('SELECT Name FROM Account WHERE CreatedDate = 2024-05-15T08:00:00Z'), ['Acme']);
        assert.deepEqual(column('SELECT Name FROM Account WHERE CreatedDate > 2024-05-15T01:00:00+02:00'), [
            'Acme',
            'Globex'
        ]);
        assert.deepEqual(column('SELECT Name FROM Account WHERE CreatedDate < 2024-04-01T12:00:00.000+0100'), [
            'ÉCOLE du Nord',
            '50% Off'
        ]);
    });
});

describe('ordering', () => {
    test('nulls first ascending, last descending, unless NULLS says otherwise', () => {
        assert.deepEqual(column('SELECT Name FROM Account ORDER BY Industry, Name'), [
            '50% Off',
            'ÉCOLE du Nord',
            'Globex',
            'Acme'
        ]);
        assert.deepEqual(column('SELECT Name FROM Account ORDER BY Industry DESC, Name'), [
            'Acme',
            'Globex',
            '50% Off',
            'ÉCOLE du Nord'
        ]);
        assert.deepEqual(column('SELECT Name FROM Account ORDER BY Industry ASC NULLS LAST, Name DESC'), [
            'Globex',
            'Acme',
            'ÉCOLE du Nord',
            '50% Off'
        ]);
        assert.deepEqual(column('SELECT Name FROM Account ORDER BY AnnualRevenue DESC NULLS FIRST'), [
            'ÉCOLE du Nord',
            'Acme',
            'Globex',
            '50% Off'
        ]);
    });

    test('text sorts case-insensitively', () => {
        const local = createDatabase(schema);
        for (const [i, name] of ['beta', 'Alpha', 'alpha2', 'Beta1'].entries())
            insert(local, 'Account', { Id: makeId('001', i + 1), Name: name });
        const result = runQuery({ ...ctx, db: local }, 'SELECT Name FROM Account ORDER BY Name', { queryAll: false });
        assert.deepEqual(
            result.records.map((r) => r.Name),
            ['Alpha', 'alpha2', 'beta', 'Beta1']
        );
    });
});

describe('aggregates', () => {
    test('COUNT() gives a total and no records, within LIMIT', () => {
        assert.deepEqual(query('SELECT COUNT() FROM Account'), { totalSize: 4, records: [], entityName: 'Account' });
        assert.equal(query('SELECT count() FROM Account', true).totalSize, 5);
        assert.equal(query('SELECT COUNT() FROM Account WHERE Industry = null').totalSize, 2);
        assert.equal(query('SELECT COUNT() FROM Account LIMIT 3').totalSize, 3);
        assert.equal(query('SELECT COUNT() FROM Contact GROUP BY AccountId').totalSize, 3);
    });

    test('aggregate functions without GROUP BY give one AggregateResult row, unaliased ones named expr0...', () => {
        const soql =
            'SELECT COUNT(Id), COUNT(Industry) withIndustry, COUNT_DISTINCT(OwnerId), SUM(AnnualRevenue), AVG(AnnualRevenue), MIN(Name), MAX(CreatedDate) FROM Account';
        assert.deepEqual(records(soql), [
            {
                attributes: { type: 'AggregateResult' },
                expr0: 4,
                withIndustry: 2,
                expr1: 2,
                expr2: 1750,
                expr3: 1750 / 3,
                expr4: '50% Off',
                expr5: '2024-05-15T08:00:00.000+0000'
            }
        ]);
    });

    test('GROUP BY fields and parent paths, keyed by the field name', () => {
        assert.deepEqual(
            records('SELECT Industry, COUNT(Id) total FROM Account GROUP BY Industry ORDER BY Industry').map(
                withoutAttributes
            ),
            [
                { Industry: null, total: 2 },
                { Industry: 'Energy', total: 1 },
                { Industry: 'Technology', total: 1 }
            ]
        );
        assert.deepEqual(
            records('SELECT Account.Name, COUNT(Id) FROM Contact GROUP BY Account.Name ORDER BY Account.Name').map(
                withoutAttributes
            ),
            [
                { Name: null, expr0: 1 },
                { Name: 'Acme', expr0: 2 },
                { Name: 'Globex', expr0: 1 }
            ]
        );
    });

    test('HAVING and ORDER BY an aggregate', () => {
        assert.deepEqual(
            records('SELECT AccountId, COUNT(Id) c FROM Contact GROUP BY AccountId HAVING COUNT(Id) > 1').map(
                withoutAttributes
            ),
            [{ AccountId: id.acme, c: 2 }]
        );
        assert.deepEqual(
            records(
                'SELECT OwnerId, SUM(AnnualRevenue) revenue FROM Account GROUP BY OwnerId ORDER BY SUM(AnnualRevenue) DESC'
            ).map(withoutAttributes),
            [
                { OwnerId: id.ada, revenue: 1000 },
                { OwnerId: id.grace, revenue: 750 }
            ]
        );
        assert.deepEqual(
            records(
                'SELECT Industry FROM Account GROUP BY Industry HAVING Industry != null ORDER BY Industry DESC'
            ).map(withoutAttributes),
            [{ Industry: 'Technology' }, { Industry: 'Energy' }]
        );
    });
});

describe('FIELDS()', () => {
    test('FIELDS(STANDARD) selects the readable standard fields, in describe order', () => {
        const [acme] = records("SELECT FIELDS(STANDARD) FROM Account WHERE Name = 'Acme'");
        const standard = schema
            .object('Account')!
            .fields.filter((f) => !f.custom)
            .map((f) => f.name);
        assert.deepEqual(Object.keys(withoutAttributes(acme)!), standard);
    });

    test('FIELDS(CUSTOM) and FIELDS(ALL) need a LIMIT of at most 200 and leave unreadable fields out', () => {
        const [acme] = records("SELECT FIELDS(CUSTOM) FROM Account WHERE Name = 'Acme' LIMIT 10");
        assert.deepEqual(withoutAttributes(acme), { Regions__c: 'EMEA;APAC' });
        const [all] = records("SELECT Id, FIELDS(ALL) FROM Account WHERE Name = 'Acme' LIMIT 200");
        assert.equal(all.Regions__c, 'EMEA;APAC');
        assert.equal('Secret__c' in all, false);
        const message = /\nThe SOQL FIELDS function must have a LIMIT of at most 200$/;
        assertError('SELECT FIELDS(ALL) FROM Account', 'MALFORMED_QUERY', message);
        assertError('SELECT FIELDS(CUSTOM) FROM Account LIMIT 201', 'MALFORMED_QUERY', message);
    });
});

describe('errors', () => {
    const fieldHint =
        "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
    const relationshipHint =
        "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.";

    test('an unknown field is INVALID_FIELD, positioned like Salesforce', () => {
        assertError(
            'SELECT Foo FROM Account',
            'INVALID_FIELD',
            `\nSELECT Foo FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column 'Foo' on entity 'Account'. ${fieldHint}`
        );
        assertError(
            'SELECT Id,\n  Foo\nFROM Account',
            'INVALID_FIELD',
            `\n  Foo\n  ^\nERROR at Row:2:Column:3\nNo such column 'Foo' on entity 'Account'. ${fieldHint}`
        );
        assertError('SELECT Account.Foo FROM Contact', 'INVALID_FIELD', /No such column 'Foo' on entity 'Account'\./);
        assertError(
            "SELECT Id FROM Account WHERE Bar = 'x'",
            'INVALID_FIELD',
            /Column:30\nNo such column 'Bar' on entity 'Account'\./
        );
    });

    test('a field the caller cannot read is as unknown as a missing one', () => {
        assertError('SELECT Secret__c FROM Account', 'INVALID_FIELD', /No such column 'Secret__c' on entity 'Account'/);
        assertError("SELECT Id FROM Account WHERE Secret__c = 'hidden'", 'INVALID_FIELD', /No such column 'Secret__c'/);
        assertError('SELECT Id FROM Account ORDER BY Secret__c', 'INVALID_FIELD', /No such column 'Secret__c'/);
    });

    test('an unknown or unreadable object is INVALID_TYPE', () => {
        const typeHint =
            "If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.";
        assertError(
            'SELECT Id FROM Foo',
            'INVALID_TYPE',
            `\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\nsObject type 'Foo' is not supported. ${typeHint}`
        );
        assertError('SELECT Id FROM Lead', 'INVALID_TYPE', /sObject type 'Lead' is not supported\./);
        assertError(
            'SELECT Id FROM Account WHERE Id IN (SELECT Id FROM Lead)',
            'INVALID_TYPE',
            /sObject type 'Lead' is not supported\./
        );
    });

    test('unknown relationships', () => {
        assertError(
            'SELECT Name, (SELECT Id FROM Foos) FROM Account',
            'INVALID_TYPE',
            `\nSELECT Name, (SELECT Id FROM Foos) FROM Account\n                             ^\nERROR at Row:1:Column:30\nDidn't understand relationship 'Foos' in FROM part of query call. ${relationshipHint}`
        );
        assertError(
            'SELECT Name.First FROM Account',
            'INVALID_FIELD',
            /\nDidn't understand relationship 'Name' in field path\. If you are attempting to use a custom relationship/
        );
        assertError(
            'SELECT Foo.Name FROM Contact',
            'INVALID_FIELD',
            /Didn't understand relationship 'Foo' in field path\./
        );
        // A polymorphic path reads a field any of the objects has; one none has is unknown.
        assertError('SELECT What.Foo FROM Task', 'INVALID_FIELD', /No such column 'Foo' on entity 'Name'\./);
    });

    test('syntax errors are MALFORMED_QUERY', () => {
        assertError(
            'SELECT Id FROMM Account',
            'MALFORMED_QUERY',
            /\nERROR at Row:1:Column:17\nunexpected token: 'Account'$/
        );
        assertError('SELECT Id FROM Account WHERE', 'MALFORMED_QUERY', /unexpected token: '<EOF>'$/);
        assertError("SELECT Id FROM Account WHERE Name = 'open", 'MALFORMED_QUERY', /Column:37\n/);
        assertError(
            "SELECT Id FROM Account WHERE Name = 'a' AND Industry = 'b' OR Site = 'c'",
            'MALFORMED_QUERY',
            /unexpected token: 'OR'$/
        );
        assertError('SELECT Name n FROM Account', 'MALFORMED_QUERY', /Only aggregate expressions use field aliasing$/);
        assertError('SELECT Name, name FROM Account', 'MALFORMED_QUERY', /duplicate field selected: Name$/);
        assertError('SELECT COUNT(), Name FROM Account', 'MALFORMED_QUERY', /COUNT\(\)/);
    });

    test('a literal must suit its field', () => {
        const mustBe = (field: string, type: string, quotes: string) =>
            new RegExp(
                `\\nvalue of filter criterion for field '${field}' must be of type ${type} and ${quotes} enclosed in quotes$`
            );
        assertError(
            'SELECT Id FROM Opportunity WHERE CloseDate = 2024-05-15T00:00:00Z',
            'INVALID_FIELD',
            mustBe('CloseDate', 'date', 'should not be')
        );
        assertError(
            "SELECT Id FROM Opportunity WHERE CloseDate = '2024-05-15'",
            'INVALID_FIELD',
            mustBe('CloseDate', 'date', 'should not be')
        );
        assertError(
            'SELECT Id FROM Account WHERE CreatedDate > 2024-05-15',
            'INVALID_FIELD',
            mustBe('CreatedDate', 'dateTime', 'should not be')
        );
        assertError(
            "SELECT Id FROM Account WHERE AnnualRevenue = '5'",
            'INVALID_FIELD',
            mustBe('AnnualRevenue', 'double', 'should not be')
        );
        assertError(
            "SELECT Id FROM Account WHERE IsDeleted = 'true'",
            'INVALID_FIELD',
            mustBe('IsDeleted', 'boolean', 'should not be')
        );
        assertError('SELECT Id FROM Account WHERE Name = 5', 'INVALID_FIELD', mustBe('Name', 'string', 'should be'));
        assertError(
            "SELECT Id FROM Account WHERE Id = 'abc'",
            'INVALID_QUERY_FILTER_OPERATOR',
            /\ninvalid ID field: abc$/
        );
        assertError(
            "SELECT Id FROM Account WHERE Name = 'a\\qb'",
            'MALFORMED_QUERY',
            /Illegal character sequence '\\q'/
        );
    });

    test('subqueries keep to what Salesforce allows in them', () => {
        assertError(
            'SELECT Name, (SELECT COUNT(Id) FROM Contacts) FROM Account',
            'MALFORMED_QUERY',
            /relationship subquery/
        );
        assertError(
            'SELECT Id FROM Account WHERE Id IN (SELECT Name FROM Contact)',
            'INVALID_FIELD',
            /Id or a reference field/
        );
        assertError('SELECT FIELDS(STANDARD), COUNT(Id) FROM Account', 'MALFORMED_QUERY', /FIELDS\(\) is not allowed/);
    });

    test('OFFSET above 2000', () => {
        assertError(
            'SELECT Id FROM Account OFFSET 2001',
            'NUMBER_OUTSIDE_VALID_RANGE',
            /\nMaximum SOQL offset allowed is 2000$/
        );
        assert.equal(query('SELECT Id FROM Account OFFSET 2000').totalSize, 0);
    });

    test('aggregate queries select grouped fields and aggregates only', () => {
        assertError(
            'SELECT Name, COUNT(Id) FROM Account',
            'MALFORMED_QUERY',
            /\nField must be grouped or aggregated: Name$/
        );
        assertError(
            'SELECT Industry, Name FROM Account GROUP BY Industry',
            'MALFORMED_QUERY',
            /grouped or aggregated: Name$/
        );
        assertError(
            'SELECT SUM(Name) FROM Account',
            'MALFORMED_QUERY',
            /field Name does not support aggregate operator SUM$/
        );
    });

    test('what local-org does not implement is refused, never approximated', () => {
        const refused = [
            'SELECT TYPEOF What WHEN Account THEN Name END FROM Task',
            'SELECT toLabel(Industry) FROM Account',
            'SELECT convertCurrency(AnnualRevenue) FROM Account',
            'SELECT FORMAT(AnnualRevenue) FROM Account',
            'SELECT Industry, COUNT(Id) FROM Account GROUP BY ROLLUP(Industry)',
            'SELECT CALENDAR_YEAR(CreatedDate), COUNT(Id) FROM Account GROUP BY CALENDAR_YEAR(CreatedDate)',
            'SELECT Id FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2024',
            'SELECT Id FROM Account USING SCOPE Mine',
            'SELECT COUNT() FROM Account FOR VIEW',
            'SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry FOR REFERENCE',
            'SELECT Id FROM Account WHERE AnnualRevenue > USD100',
            'SELECT What.Owner.Name FROM Task'
        ];
        for (const soql of refused) {
            const error = apiError(soql);
            assert.equal(error.errorCode, 'NOT_SUPPORTED_BY_LOCAL_ORG', `${soql}: ${error.message}`);
            assert.match(error.message, / SOQL.* is not supported by local-org\.$/);
        }
    });
});

describe('columnMetadata', () => {
    const base = {
        aggregate: false,
        booleanType: false,
        custom: false,
        foreignKeyName: null,
        joinColumns: [],
        numberType: false,
        textType: false
    };

    test('fields, parent relationships and child subqueries', () => {
        const soql = 'SELECT Id, Name, Owner.Name, (SELECT LastName FROM Contacts) FROM Account';
        assert.deepEqual(columnMetadata(ctx, soql), {
            columnMetadata: [
                { ...base, apexType: 'Id', columnName: 'Id', displayName: 'Id', insertable: false, updatable: false },
                {
                    ...base,
                    apexType: 'String',
                    columnName: 'Name',
                    displayName: 'Name',
                    insertable: true,
                    textType: true,
                    updatable: true
                },
                {
                    ...base,
                    apexType: null,
                    columnName: 'Owner',
                    displayName: 'Owner',
                    foreignKeyName: 'OwnerId',
                    insertable: false,
                    updatable: false,
                    joinColumns: [
                        {
                            ...base,
                            apexType: 'String',
                            columnName: 'Name',
                            displayName: 'Name',
                            insertable: false,
                            textType: true,
                            updatable: false
                        }
                    ]
                },
                {
                    ...base,
                    aggregate: true,
                    apexType: null,
                    columnName: 'Contacts',
                    displayName: 'Contacts',
                    insertable: false,
                    updatable: false,
                    joinColumns: [
                        {
                            ...base,
                            apexType: 'String',
                            columnName: 'LastName',
                            displayName: 'LastName',
                            insertable: true,
                            textType: true,
                            updatable: true
                        }
                    ]
                }
            ],
            entityName: 'Account',
            groupBy: false,
            idSelected: true,
            keyPrefix: '001'
        });
    });

    test('aggregates are expr<n> or alias columns marked aggregate', () => {
        const metadata = columnMetadata(
            ctx,
            'SELECT Industry, COUNT(Id), AVG(AnnualRevenue) average FROM Account GROUP BY Industry'
        ) as {
            columnMetadata: { columnName: string; displayName: string; aggregate: boolean; numberType: boolean }[];
            groupBy: boolean;
        };
        assert.equal(metadata.groupBy, true);
        assert.deepEqual(
            metadata.columnMetadata.map((c) => [c.columnName, c.displayName, c.aggregate, c.numberType]),
            [
                ['Industry', 'Industry', false, false],
                ['expr0', 'COUNT(Id)', true, true],
                ['average', 'average', true, true]
            ]
        );
    });

    test('errors are those of the query', () => {
        assert.throws(() => columnMetadata(ctx, 'SELECT Foo FROM Account'), { errorCode: 'INVALID_FIELD' });
    });
});
