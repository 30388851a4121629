import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordTypeIdField, standardObjects } from '../src/catalogue.ts';
import type { StoredRecord } from '../src/derive.ts';
import {
    compileFormula,
    evaluateFormula,
    FormulaError,
    FormulaEvaluationError,
    type FormulaRuntime,
    type FormulaScope
} from '../src/formula/index.ts';
import { Schema, type FieldDef, type FieldType } from '../src/schema.ts';

function custom(name: string, type: FieldType, options: Partial<FieldDef> = {}): FieldDef {
    return { name, label: name, type, nillable: true, createable: true, updateable: true, custom: true, ...options };
}

function buildSchema(): Schema {
    const objects = standardObjects();
    const caseObject = objects.find((o) => o.name === 'Case')!;
    caseObject.fields.push(
        recordTypeIdField(),
        custom('Converted_From__c', 'reference', { referenceTo: ['Case'], relationshipName: 'Converted_From__r' }),
        custom('Last_Review_Comments__c', 'textarea', { length: 32768 }),
        custom('Last_Reviewed_On__c', 'date'),
        custom('Last_Reviewed_By__c', 'reference', { referenceTo: ['User'], relationshipName: 'Last_Reviewed_By__r' }),
        custom('Score__c', 'double', { precision: 18, scale: 2 }),
        custom('Discount__c', 'percent', { precision: 3, scale: 0 }),
        custom('Tags__c', 'multipicklist', { picklistValues: [] }),
        custom('Follow_Up__c', 'boolean', { nillable: false, defaultValue: false })
    );
    return new Schema(objects);
}

const schema = buildSchema();
const NOW = new Date('2024-05-15T12:00:00.000Z');

/** The org's other records, as `load` finds them. */
const related: Record<string, StoredRecord> = {
    'User:005ADMIN': {
        Id: '005ADMIN',
        Username: 'admin@caseline.localorg',
        Email: 'admin@example.com',
        ProfileId: '00eADMIN'
    },
    'Profile:00eADMIN': { Id: '00eADMIN', Name: 'System Administrator' },
    'RecordType:012WEB': { Id: '012WEB', DeveloperName: 'Web_Form', Name: 'Web Form', SobjectType: 'Case' },
    'RecordType:012PHONE': { Id: '012PHONE', DeveloperName: 'Phone', Name: 'Phone Case', SobjectType: 'Case' },
    'Case:500WEB': { Id: '500WEB', RecordTypeId: '012WEB', Subject: 'From the web' },
    'Case:500PHONE': { Id: '500PHONE', RecordTypeId: '012PHONE' },
    'Case:500NOTYPE': { Id: '500NOTYPE', RecordTypeId: null },
    'Account:001ACME': { Id: '001ACME', Name: 'Acme' },
    'Contact:003ANN': { Id: '003ANN', LastName: 'Ann', AccountId: '001ACME' }
};

const baseCase: StoredRecord = {
    Id: '500NEW',
    Subject: 'Broken pump',
    Status: 'New',
    Priority: 'High',
    Origin: 'Web',
    Description: null,
    IsEscalated: 0,
    Follow_Up__c: 1,
    Score__c: null,
    Discount__c: 10,
    Tags__c: 'alpha;beta',
    AccountId: '001ACME',
    ContactId: '003ANN',
    RecordTypeId: '012WEB',
    Converted_From__c: null,
    Last_Review_Comments__c: '',
    Last_Reviewed_On__c: '2024-05-01',
    Last_Reviewed_By__c: null,
    CreatedDate: '2024-05-14T18:00:00.000Z'
};

interface Run {
    record?: StoredRecord;
    prior?: StoredRecord | null;
    variables?: Record<string, unknown>;
    scope?: Partial<FormulaScope>;
    loads?: string[];
}

function runtime(options: Run): FormulaRuntime {
    return {
        record: { ...baseCase, ...options.record },
        prior: options.prior ?? null,
        load: (objectName, id) => {
            options.loads?.push(`${objectName}:${id}`);
            return related[`${objectName}:${id}`];
        },
        userId: '005ADMIN',
        now: NOW,
        variables: options.variables
    };
}

function run(source: string, options: Run = {}): unknown {
    const compiled = compileFormula(source, { schema, objectName: 'Case', ...options.scope });
    return evaluateFormula(compiled, runtime(options));
}

function compileError(source: string, scope: Partial<FormulaScope> = {}): string {
    try {
        compileFormula(source, { schema, objectName: 'Case', ...scope });
    } catch (error) {
        assert.ok(error instanceof FormulaError, `${source}: ${String(error)}`);
        return error.message;
    }
    assert.fail(`${source} compiled`);
}

test('arithmetic and operator precedence', () => {
    assert.equal(run('1 + 2 * 3'), 7);
    assert.equal(run('(1 + 2) * 3'), 9);
    assert.equal(run('2 ^ 3 ^ 2'), 512);
    assert.equal(run('-2 + 5'), 3);
    assert.equal(run('10 / 4'), 2.5);
    assert.equal(run('0.1 + 0.2 = 0.3'), true, 'decimal arithmetic, not binary floating point');
    assert.equal(run('1 + 1 = 2 && 2 > 1 || FALSE'), true);
    assert.equal(run('!(1 == 2) && 1 != 2'), true);
    assert.equal(run('/* a comment */ 1 + /* another */ 1'), 2);
    assert.equal(run('Score__c + 1'), null, 'a blank number stays blank');
    assert.throws(() => run('1 / 0'), FormulaEvaluationError);
});

test('text concatenation and comparison', () => {
    assert.equal(run("'a' & 'b' = 'ab'"), true);
    assert.equal(run("Subject & '!'"), 'Broken pump!');
    assert.equal(run("Description & ''"), null, 'blank & blank is blank');
    assert.equal(run("'Abc' = 'abc'"), false);
    assert.equal(run("'Abc' <> 'abc'"), true);
    assert.equal(run("Description = ''"), true);
    assert.equal(run("Description <> 'x'"), true, 'blank text compares as empty text');
    assert.equal(run("'b' > 'a'"), true);
    assert.equal(run("Subject + ' now'"), 'Broken pump now');
});

test('blank numbers and dates make comparisons blank (treat blanks as blanks), and only TRUE fires', () => {
    assert.equal(run('Score__c > 1'), null);
    assert.equal(run('Score__c = NULL'), null);
    assert.equal(run('NOT(Score__c > 1)'), null);
    assert.equal(run('AND(Score__c > 1, FALSE)'), false);
    assert.equal(run('OR(Score__c > 1, TRUE)'), true);
    assert.equal(run('AND(Score__c > 1, TRUE)'), null);
    assert.equal(run("IF(Score__c > 1, 'yes', 'no')"), 'no');
    assert.equal(run('Last_Reviewed_On__c < TODAY()', { record: { Last_Reviewed_On__c: null } }), null);
    assert.equal(run('Score__c > 1', { record: { Score__c: 2 } }), true);
});

test('stored checkboxes (0/1) are booleans; numbers are refused where a boolean is expected', () => {
    assert.equal(run('IsEscalated'), false);
    assert.equal(run('Follow_Up__c'), true);
    assert.equal(run('IsEscalated = FALSE'), true);
    assert.equal(run("IF(Follow_Up__c, 'follow', 'done')"), 'follow');
    assert.equal(run('IsEscalated', { record: { IsEscalated: null } }), false, 'a checkbox is never blank');
    assert.match(
        compileError('AND(1, TRUE)'),
        /Incorrect parameter type for function 'AND\(\)'. Expected Boolean, received Number/
    );
    assert.match(compileError("IF(Score__c, 'a', 'b')"), /Expected Boolean, received Number/);
    assert.match(compileError('NOT(Subject)'), /Expected Boolean, received Text/);
    assert.match(compileError('1 && TRUE'), /Expected Boolean, received Number/);
});

test('AND, OR, NOT, IF, CASE', () => {
    assert.equal(run('AND(TRUE, TRUE, FALSE)'), false);
    assert.equal(run('OR(FALSE, FALSE, TRUE)'), true);
    assert.equal(run('NOT(FALSE)'), true);
    assert.equal(run("IF(1 < 2, 'yes', 'no')"), 'yes');
    assert.equal(run('IF(FALSE, 1, NULL)'), null);
    assert.equal(run("CASE(Priority, 'High', 1, 'Low', 3, 2)"), 1);
    assert.equal(run("CASE(Priority, 'High', 1, 'Low', 3, 2)", { record: { Priority: 'Medium' } }), 2);
    assert.equal(run("CASE(MONTH(Last_Reviewed_On__c), 4, 'April', 5, 'May', 'other')"), 'May');
    assert.equal(run('IF(FALSE, 1 / 0, 1)'), 1, 'only the branch taken is evaluated');
    assert.match(compileError("IF(TRUE, 1, 'a')"), /Expected Number, received Text/);
    assert.match(compileError("CASE(Priority, 'High', 1, 'Low', 3)"), /Expected an even number/);
    assert.match(compileError("CASE(Priority, 'High', 1, 'Low')"), /Expected Number, received Text/);
    assert.match(compileError("CASE(Priority, 1, 'a', 'b')"), /Expected Text, received Number/);
});

test('ISBLANK, ISNULL, BLANKVALUE, NULLVALUE', () => {
    assert.equal(run("ISBLANK('')"), true);
    assert.equal(run('ISBLANK(Last_Review_Comments__c)'), true, "'' in storage is blank");
    assert.equal(run('ISBLANK(Subject)'), false);
    assert.equal(run('ISBLANK(Score__c)'), true);
    assert.equal(run('ISBLANK(Score__c)', { record: { Score__c: 0 } }), false, 'zero is not blank');
    assert.equal(run('ISBLANK(IsEscalated)'), false);
    assert.equal(run('ISBLANK(Tags__c)'), false);
    assert.equal(run('ISNULL(Score__c)'), true);
    assert.equal(run('ISNULL(Converted_From__c)'), true, 'lookups can be null');
    assert.equal(run('ISNULL(Description)'), false, 'Salesforce: text fields are never null');
    assert.equal(run("BLANKVALUE(Description, 'none')"), 'none');
    assert.equal(run("BLANKVALUE(Subject, 'none')"), 'Broken pump');
    assert.equal(run('BLANKVALUE(Score__c, 5)'), 5);
    assert.equal(run('NULLVALUE(Score__c, 7)'), 7);
    assert.equal(run("NULLVALUE(Description, 'x')"), null, 'a blank text field is not null');
    assert.match(compileError("BLANKVALUE(Score__c, 'x')"), /Expected Number, received Text/);
});

test('picklists: TEXT, ISPICKVAL, CASE, INCLUDES, and nothing else', () => {
    assert.equal(run('TEXT(Status)'), 'New');
    assert.equal(run("TEXT(Status) & '/' & TEXT(Priority)"), 'New/High');
    assert.equal(run("ISPICKVAL(Status, 'New')"), true);
    assert.equal(run("ISPICKVAL(Status, 'new')"), false);
    assert.equal(run("ISPICKVAL(Type, '')"), true);
    assert.equal(run("INCLUDES(Tags__c, 'beta')"), true);
    assert.equal(run("INCLUDES(Tags__c, 'gamma')"), false);
    assert.equal(run("INCLUDES(Tags__c, 'alpha')", { record: { Tags__c: null } }), false);
    const picklist = 'Field Status is a picklist field. Picklist fields are only supported in certain functions.';
    assert.equal(compileError("Status = 'New'"), picklist);
    assert.equal(compileError('ISBLANK(Status)'), picklist);
    assert.equal(compileError('LEN(Status)'), picklist);
    assert.equal(compileError('Status'), picklist);
    assert.equal(compileError("PRIORVALUE(Status) = 'New'"), picklist);
    assert.match(compileError("Tags__c = 'alpha'"), /Field Tags__c is a multi-select picklist field/);
    assert.match(compileError("ISPICKVAL(Subject, 'x')"), /Expected Picklist, received Text/);
    assert.match(compileError('ISPICKVAL(Status, Subject)'), /Expected a text literal/);
    assert.match(compileError("INCLUDES(Status, 'x')"), /picklist field/);
});

test('TEXT of numbers, dates and date-times', () => {
    assert.equal(run('TEXT(1234.5)'), '1234.5');
    assert.equal(run('TEXT(Last_Reviewed_On__c)'), '2024-05-01');
    assert.equal(run('TEXT(CreatedDate)'), '2024-05-14 18:00:00Z');
    assert.equal(run('TEXT(Score__c)'), null);
    assert.match(
        compileError('TEXT(IsEscalated)'),
        /Expected Number, Date, DateTime, Picklist, Text, received Boolean/
    );
});

test('text functions', () => {
    assert.equal(run('LEN(Subject)'), 11);
    assert.equal(run('LEN(Description)'), 0);
    assert.equal(run("BEGINS(Subject, 'Broken')"), true);
    assert.equal(run("BEGINS(Subject, 'broken')"), false, 'case-sensitive');
    assert.equal(run("CONTAINS(Subject, 'pump')"), true);
    assert.equal(run("CONTAINS(Subject, 'PUMP')"), false, 'case-sensitive');
    assert.equal(run("CONTAINS(Description, 'x')"), false);
    assert.equal(run('UPPER(Subject)'), 'BROKEN PUMP');
    assert.equal(run('LOWER(Subject)'), 'broken pump');
    assert.equal(run("TRIM('  padded  ')"), 'padded');
    assert.equal(run("TRIM('   ')"), null, 'trimmed to nothing is blank');
    assert.equal(run('LEFT(Subject, 6)'), 'Broken');
    assert.equal(run('RIGHT(Subject, 4)'), 'pump');
    assert.equal(run('MID(Subject, 8, 2)'), 'pu');
    assert.equal(run('LEFT(Subject, 0)'), null);
    assert.equal(run("SUBSTITUTE(Subject, 'pump', 'valve')"), 'Broken valve');
    assert.equal(run("SUBSTITUTE('a-b-c', '-', '')"), 'abc');
    assert.equal(run("FIND('pump', Subject)"), 8);
    assert.equal(run("FIND('Pump', Subject)"), 0);
    assert.equal(run("REGEX('AB-123', '[A-Z]{2}-\\\\d{3}')"), true);
    assert.equal(run("REGEX('xAB-123', '[A-Z]{2}-\\\\d{3}')"), false, 'REGEX matches the whole text');
    assert.equal(run("VALUE('12.5') + 1"), 13.5);
    assert.equal(run('VALUE(Description)'), null);
    assert.throws(() => run("VALUE('twelve')"), FormulaEvaluationError);
    assert.equal(run("ISNUMBER('42')"), true);
    assert.equal(run("ISNUMBER('4x2')"), false);
    assert.match(compileError("REGEX(Subject, '[')"), /invalid regular expression/);
    assert.match(compileError("'a' & 1"), /Incorrect parameter type for operator '&'. Expected Text, received Number/);
});

test('dates and date-times', () => {
    assert.equal(run('TODAY()'), '2024-05-15');
    assert.equal(run('NOW()'), '2024-05-15T12:00:00.000Z');
    assert.equal(run('DATE(2024, 2, 29)'), '2024-02-29');
    assert.throws(() => run('DATE(2023, 2, 29)'), FormulaEvaluationError);
    assert.equal(run("DATEVALUE('2024-05-01')"), '2024-05-01');
    assert.equal(run('DATEVALUE(CreatedDate)'), '2024-05-14', 'the GMT date');
    assert.equal(run("DATETIMEVALUE('2024-05-01 09:30:00')"), '2024-05-01T09:30:00.000Z');
    assert.equal(run('YEAR(Last_Reviewed_On__c)'), 2024);
    assert.equal(run('MONTH(Last_Reviewed_On__c)'), 5);
    assert.equal(run('DAY(Last_Reviewed_On__c)'), 1);
    assert.equal(run('Last_Reviewed_On__c + 30'), '2024-05-31');
    assert.equal(run('Last_Reviewed_On__c - 1'), '2024-04-30');
    assert.equal(run('TODAY() - Last_Reviewed_On__c'), 14);
    assert.equal(run('NOW() - CreatedDate'), 0.75);
    assert.equal(run('CreatedDate + 0.25'), '2024-05-15T00:00:00.000Z');
    assert.equal(run('Last_Reviewed_On__c < TODAY()'), true);
    assert.equal(run('DATE(2024, 5, 1) = Last_Reviewed_On__c'), true);
    assert.match(compileError('YEAR(CreatedDate)'), /Expected Date, received DateTime/);
    assert.match(compileError('CreatedDate - Last_Reviewed_On__c'), /Expected Number, DateTime, received Date/);
    assert.match(compileError('Last_Reviewed_On__c = CreatedDate'), /Expected Date, received DateTime/);
});

test('number functions, percent fields', () => {
    assert.equal(run('ROUND(2.345, 2)'), 2.35);
    assert.equal(run('ROUND(-2.5, 0)'), -3, 'half away from zero');
    assert.equal(run('CEILING(2.1)'), 3);
    assert.equal(run('CEILING(-2.5)'), -3);
    assert.equal(run('FLOOR(-2.5)'), -2);
    assert.equal(run('MOD(7, 3)'), 1);
    assert.equal(run('ABS(-4)'), 4);
    assert.equal(run('MAX(1, 5, 3)'), 5);
    assert.equal(run('MIN(1, 5, 3)'), 1);
    assert.equal(run('MAX(1, Score__c)'), null);
    assert.equal(run('Discount__c'), 0.1, 'a 10% field is 0.1 in formulas');
});

test('ISNEW, ISCHANGED and PRIORVALUE on insert and on update', () => {
    assert.equal(run('ISNEW()'), true);
    assert.equal(run('ISCHANGED(Subject)'), false, 'nothing changes on insert');
    assert.equal(run('PRIORVALUE(Subject)'), 'Broken pump', 'the current value on insert');
    const prior: StoredRecord = { ...baseCase, Subject: 'Old subject', Status: 'Working', Score__c: 1 };
    assert.equal(run('ISNEW()', { prior }), false);
    assert.equal(run('ISCHANGED(Subject)', { prior }), true);
    assert.equal(run('ISCHANGED(Priority)', { prior }), false);
    assert.equal(run('ISCHANGED(Status)', { prior }), true);
    assert.equal(run('ISCHANGED(Score__c)', { prior }), true, 'a number becoming blank is a change');
    assert.equal(
        run('ISCHANGED(Last_Review_Comments__c)', { prior: { ...baseCase, Last_Review_Comments__c: null } }),
        false,
        "'' and null are both blank"
    );
    assert.equal(run('PRIORVALUE(Subject)', { prior }), 'Old subject');
    assert.equal(run("ISPICKVAL(PRIORVALUE(Status), 'Working')", { prior }), true);
    assert.equal(run("AND(ISCHANGED(Status), ISPICKVAL(PRIORVALUE(Status), 'Working'))", { prior }), true);
    assert.match(compileError('ISCHANGED(Account.Name)'), /takes a field of this record/);
    assert.match(compileError("ISCHANGED(Subject & 'x')"), /takes a field of this record/);
});

test('$User, $Profile and $RecordType through load', () => {
    assert.equal(run('$User.Id'), '005ADMIN');
    assert.equal(run('$User.Username'), 'admin@caseline.localorg');
    assert.equal(run("$Profile.Name = 'System Administrator'"), true);
    assert.equal(run('$RecordType.DeveloperName'), 'Web_Form');
    assert.equal(run('$RecordType.Name'), 'Web Form');
    assert.equal(run('ISBLANK($RecordType.DeveloperName)', { record: { RecordTypeId: null } }), true);
    assert.equal(run('$User.Id', { scope: {} }), '005ADMIN');
    assert.match(compileError('$User.Bogus__c'), /Field Bogus__c does not exist/);
    assert.match(compileError('$RecordType.Name', { objectName: 'Account' }), /Account has no record types/);
    assert.match(compileError('$Organization.Name'), /Global variable \$Organization is not supported by local-org/);
    assert.match(compileError('$Nope.Name'), /Field \$Nope does not exist/);
});

test('cross-object paths through lookups, blank when a lookup is blank', () => {
    assert.equal(run('Account.Name'), 'Acme');
    assert.equal(run('Contact.Account.Name'), 'Acme');
    assert.equal(run('account.name'), 'Acme', 'names are case-insensitive');
    assert.equal(
        run('Converted_From__r.RecordType.DeveloperName', { record: { Converted_From__c: '500PHONE' } }),
        'Phone'
    );
    assert.equal(run('Converted_From__r.Subject', { record: { Converted_From__c: '500WEB' } }), 'From the web');
    assert.equal(run('Converted_From__r.RecordType.DeveloperName'), null, 'a blank lookup gives a blank value');
    assert.equal(run('Account.Name', { record: { AccountId: '001GONE' } }), null, 'a lookup to a missing record too');
    assert.equal(run('$User.Profile.Name'), 'System Administrator');
    assert.deepEqual(
        compileFormula('Account.Name & Converted_From__r.Subject & $RecordType.Name & Subject', {
            schema,
            objectName: 'Case'
        }).references,
        ['AccountId', 'Converted_From__c', 'RecordTypeId', 'Subject']
    );
    assert.match(compileError('Converted_From__r.Bogus__c'), /Field Bogus__c does not exist. Check spelling./);
    assert.match(compileError('Bogus__r.Name'), /Field Bogus__r does not exist/);
    assert.match(compileError('What.Name', { objectName: 'Task' }), /polymorphic relationship What is not supported/);
});

test('each related record is loaded once per evaluation', () => {
    const loads: string[] = [];
    run('Account.Name & Contact.Account.Name & $User.Email & $Profile.Name', { loads });
    assert.deepEqual(loads.sort(), ['Account:001ACME', 'Contact:003ANN', 'Profile:00eADMIN', 'User:005ADMIN']);
});

test('flow merge fields: $Record, $Record__Prior, variables', () => {
    const flow = { scope: { variables: ['reviewCount', 'ownerName'] } };
    assert.equal(run('TEXT({!$Record.Status})', flow), 'New');
    assert.equal(run('{!$Record.Subject}', flow), 'Broken pump');
    assert.equal(run('{!$Record__Prior.Subject}', flow), null, 'no prior record on insert');
    assert.equal(run('{!$Record__Prior.Subject}', { ...flow, prior: { ...baseCase, Subject: 'Before' } }), 'Before');
    assert.equal(run('{!reviewCount} + 1', { ...flow, variables: { reviewCount: 2 } }), 3);
    assert.equal(run("{!ownerName} & '!'", { ...flow, variables: { ownerName: 'Ann' } }), 'Ann!');
    assert.equal(run('ISBLANK({!ownerName})', { ...flow, variables: {} }), true);
    assert.equal(run('BLANKVALUE({!$Record.Last_Reviewed_By__c}, {!$User.Id})', flow), '005ADMIN');
    assert.equal(
        run('BLANKVALUE({!$Record.Last_Reviewed_By__c}, {!$User.Id})', {
            ...flow,
            record: { Last_Reviewed_By__c: '005OTHER' }
        }),
        '005OTHER'
    );
    assert.equal(run('{!$Flow.CurrentDate}', flow), '2024-05-15');
    assert.match(compileError('{!missing}', flow.scope), /Variable missing does not exist/);
    assert.match(
        compileError('ISBLANK({!$Record.Status})', flow.scope),
        /Field \{!\$Record.Status\} is a picklist field/
    );
    assert.throws(
        () => run('AND({!ownerName}, TRUE)', { ...flow, variables: { ownerName: 'Ann' } }),
        FormulaEvaluationError
    );
});

test('the Case Review flow entry condition', () => {
    const entry =
        'AND(NOT(ISBLANK({!$Record.Last_Reviewed_On__c})), OR(ISNEW(), ISCHANGED({!$Record.Last_Reviewed_On__c})))';
    const prior = { ...baseCase };
    assert.equal(run(entry), true, 'a review on a new case');
    assert.equal(run(entry, { prior }), false, 'unchanged review date');
    assert.equal(run(entry, { prior, record: { Last_Reviewed_On__c: '2024-05-15' } }), true);
    assert.equal(run(entry, { prior, record: { Last_Reviewed_On__c: null } }), false);
});

test('validation rule: a follow-up can only be converted from a Web Form case', () => {
    const rule = `AND(
    NOT(ISBLANK(Converted_From__c)),
    Converted_From__r.RecordType.DeveloperName <> 'Web_Form'
)`;
    const compiled = compileFormula(rule, { schema, objectName: 'Case', returnType: 'boolean' });
    assert.deepEqual(compiled.references, ['Converted_From__c']);
    assert.equal(compiled.type, 'boolean');
    const fires = (convertedFrom: string | null) =>
        evaluateFormula(compiled, runtime({ record: { Converted_From__c: convertedFrom } }));
    assert.equal(fires(null), false);
    assert.equal(fires('500WEB'), false);
    assert.equal(fires('500PHONE'), true);
    assert.equal(fires('500NOTYPE'), true, 'a case without a record type is not a Web Form case');
});

test('compile errors read like Salesforce deploy failures', () => {
    assert.equal(compileError('Bogus__c'), 'Field Bogus__c does not exist. Check spelling.');
    assert.equal(compileError('FOO(1)'), 'Unknown function FOO. Check spelling.');
    assert.equal(compileError('GETSESSIONID()'), 'Function GETSESSIONID is not supported by local-org');
    assert.equal(compileError('(1 + 2'), "Syntax error. Missing ')'");
    assert.equal(compileError('1 +'), 'Syntax error. Unexpected end of formula');
    assert.equal(compileError('1 2'), "Syntax error. Found '2'");
    assert.equal(compileError("'open"), "Syntax error. Missing '");
    assert.equal(compileError(''), 'Syntax error. The formula is empty');
    assert.equal(
        compileError("LEFT('a')"),
        "Incorrect number of parameters for function 'LEFT()'. Expected 2, received 1"
    );
    assert.equal(
        compileError('AND()'),
        "Incorrect number of parameters for function 'AND()'. Expected at least 1, received 0"
    );
    assert.equal(
        compileError("1 + 'a'"),
        "Incorrect parameter type for operator '+'. Expected Number, Date, DateTime, received Text"
    );
    assert.equal(
        compileError('Score__c + 1', { returnType: 'boolean' }),
        'Formula result is data type (Number), incompatible with expected data type (true or false).'
    );
    assert.match(compileError('1', { objectName: 'Nope__c' }), /Object Nope__c does not exist/);
});
