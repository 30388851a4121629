/**
 * npm run import-leads against a started local-org logged in with the sf CLI, as an admin runs it: the sample file
 * creates exactly its good rows, the errors file lists each bad row with a message, importing the fixed errors file
 * creates only those rows, and importing a file again creates nothing. Row checks alone are tested without an org.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readSheet } from 'read-excel-file/node';
import writeExcelFile, { type SheetData } from 'write-excel-file/node';
import { projectRoot } from '../lib/project.ts';
import { parseRow, parseTemplateDate, RowError, TEMPLATE_COLUMNS, type TemplateRow } from '../lib/leadTemplate.ts';
import { startDeployedTestOrg } from '../../local-org/test/support/deployedOrg.ts';
import { assignPermissionSet, V } from '../../local-org/test/support/graphql.ts';
import { login, sfHome, type SfHome } from '../../local-org/test/support/sfCli.ts';
import { call, rows, type TestOrg } from '../../local-org/test/support/testOrg.ts';

const SAMPLE = join(projectRoot, 'data', 'leads-sample.csv');

function templateRow(values: Partial<TemplateRow>): TemplateRow {
    return { ...(Object.fromEntries(TEMPLATE_COLUMNS.map((c) => [c, ''])) as TemplateRow), ...values };
}

describe('one row on its own', () => {
    test('dates are dd/mm/yyyy hh:mm and must exist', () => {
        assert.equal(parseTemplateDate('05/03/2026 14:30', 'UDF Date 1'), '2026-03-05T14:30:00Z');
        assert.throws(() => parseTemplateDate('31/02/2026 10:00', 'UDF Date 1'), RowError);
        assert.throws(() => parseTemplateDate('2026-03-05 14:30', 'UDF Date 1'), /dd\/mm\/yyyy hh:mm/);
        // As Excel re-saves them: no leading zeros, seconds.
        assert.equal(parseTemplateDate('5/3/2026 9:05', 'UDF Date 1'), '2026-03-05T09:05:00Z');
        assert.equal(parseTemplateDate('05/03/2026 09:05:00', 'UDF Date 1'), '2026-03-05T09:05:00Z');
    });

    test('the import key is what the row means: a row Excel re-saved has the same key', () => {
        const typed = templateRow({
            'New Contact': 'T',
            'Contact Type': 'PERSON',
            'Last Name': 'Duarte',
            'Target Amount': '12500.00',
            'Probability to Win': '40',
            'UDF Date 1': '05/03/2026 09:05',
            'Assigned to User': 'u'
        });
        const resaved = templateRow({
            'New Contact': 'TRUE',
            'Contact Type': 'PERSON',
            'Last Name': 'Duarte ',
            'Target Amount': '12500',
            'Probability to Win': '40%',
            'UDF Date 1': '5/3/2026 9:05',
            'Assigned to User': ' u'
        });
        assert.equal(parseRow(resaved, 3).importKey, parseRow(typed, 2).importKey);
        const corrected = { ...typed, 'Target Amount': '12600' };
        assert.notEqual(parseRow(corrected, 2).importKey, parseRow(typed, 2).importKey);
    });

    test('a person needs a last name and gets a household company; a company needs its name', () => {
        const person = parseRow(
            templateRow({
                'New Contact': 'T',
                'Contact Type': 'PERSON',
                'Last Name': 'Duarte',
                'Assigned to User': 'u'
            }),
            2
        );
        assert.equal(person.fields.Company, 'Duarte Household');
        assert.throws(
            () => parseRow(templateRow({ 'New Contact': 'T', 'Contact Type': 'COMPANY', 'Assigned to User': 'u' }), 2),
            /COMPANY contact needs a Company Name/
        );
    });

    test('identifiers are typed pairs; an existing contact needs one', () => {
        const row = parseRow(
            templateRow({
                'New Contact': 'F',
                'Contact Type': 'PERSON',
                Identifiers: 'id_number|123456, passport_number|X1',
                'Assigned to User': 'u'
            }),
            2
        );
        assert.deepEqual(
            row.identifiers.map((i) => [i.field, i.value]),
            [
                ['ID_Number__c', '123456'],
                ['Passport_Number__c', 'X1']
            ]
        );
        assert.throws(
            () =>
                parseRow(
                    templateRow({
                        'New Contact': 'F',
                        'Contact Type': 'PERSON',
                        Identifiers: 'tax|1',
                        'Assigned to User': 'u'
                    }),
                    2
                ),
            /Identifiers must look like/
        );
    });
});

let t: TestOrg;
let cli: SfHome;
let work: string;

async function importLeads(...args: string[]) {
    const run = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(projectRoot, 'scripts', 'import-leads.ts'), ...args],
        { cwd: projectRoot, env: cli.env, encoding: 'utf8', timeout: 180_000, maxBuffer: 32 * 1024 * 1024 }
    ).catch((error: { code?: number; stdout?: string; stderr?: string }) => error);
    const status = 'code' in run && typeof run.code === 'number' ? run.code : 0;
    const stdout = run.stdout ?? '';
    return { status, stdout, stderr: run.stderr ?? '', json: stdout.startsWith('{') ? JSON.parse(stdout) : undefined };
}

function leadCount(): number {
    return Number(rows(t.org, 'SELECT COUNT(*) AS n FROM Lead')[0].n);
}

async function readCsv(file: string): Promise<Record<string, string>[]> {
    return parse(await readFile(file, 'utf8'), { columns: true }) as Record<string, string>[];
}

/** The sample as someone typing it in Excel gets it: numbers as number cells, valid dates as date cells. */
async function sampleAsWorkbookCells(): Promise<SheetData> {
    const numberColumns = new Set([
        'Priority Level',
        'Probability to Win',
        'Target Amount',
        'UDF Float 1',
        'UDF Float 2'
    ]);
    const records = parse(await readFile(SAMPLE, 'utf8')) as string[][];
    const cell = (text: string, column: string): SheetData[number][number] => {
        if (text === '') return null;
        // A number cell: Excel keeps 12500.00 as the number 12500, which the import reads as the CSV's 12500.00.
        if (numberColumns.has(column) && text !== '' && !Number.isNaN(Number(text))) return Number(text);
        if (column.startsWith('UDF Date') && parseTemplateDateOrNull(text))
            return { value: new Date(parseTemplateDate(text, column)), format: 'dd/mm/yyyy hh:mm' };
        return text;
    };
    return records.map((row, index) =>
        index === 0 ? row : row.map((text, column) => cell(text, TEMPLATE_COLUMNS[column]))
    );
}

function parseTemplateDateOrNull(text: string): string | null {
    try {
        return parseTemplateDate(text, 'date');
    } catch {
        return null;
    }
}

async function create(object: string, values: Record<string, unknown>): Promise<string> {
    const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/${object}`, values);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return (response.body as { id: string }).id;
}

before(async () => {
    t = await startDeployedTestOrg();
    await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
    cli = await sfHome();
    await login(cli, t.origin, t.admin.accessToken, 'local');
    work = await mkdtemp(join(tmpdir(), 'lead-import-'));
    // What the sample file refers to, as the demo data (data/Account.json, data/Contact.json) has it.
    const northwind = await create('Account', { Name: 'Northwind Roofing Ltd', AccountNumber: 'NW-1001' });
    await create('Contact', {
        AccountId: northwind,
        FirstName: 'Anna',
        LastName: 'Okafor',
        Email: 'anna.okafor@northwind-roofing.example.com',
        ID_Number__c: 'ID-4410-2201'
    });
    const solarwerk = await create('Account', { Name: 'Solarwerk Berlin GmbH', Phone: '+49 30 901820' });
    await create('Contact', {
        AccountId: solarwerk,
        FirstName: 'Jonas',
        LastName: 'Schmidt',
        Email: 'j.schmidt@solarwerk.example.de',
        Phone: '+49 30 901821'
    });
});
after(async () => {
    await cli?.dispose();
    await t?.close();
});

describe('npm run import-leads', () => {
    test('--template prints the header; .xls is refused with a clear message', async () => {
        const template = await importLeads('--template');
        assert.equal(template.status, 0, template.stderr);
        assert.equal(template.stdout.trim(), TEMPLATE_COLUMNS.join(','));
        const xls = await importLeads('--file', join(work, 'leads.xls'), '--target-org', 'local');
        assert.equal(xls.status, 1);
        assert.match(xls.stderr, /Excel 97-2003 workbook \(\.xls\).*Save it as \.xlsx \(Excel Workbook\) or \.csv/);
    });

    test('--template --file x.xlsx writes the header as a workbook, never over a file', async () => {
        const file = join(work, 'template.xlsx');
        const written = await importLeads('--template', '--file', file);
        assert.equal(written.status, 0, written.stderr);
        assert.deepEqual(await readSheet(file), [[...TEMPLATE_COLUMNS]]);
        const again = await importLeads('--template', '--file', file);
        assert.equal(again.status, 1);
        assert.match(again.stderr, /exists already/);
    });

    test('a dry run checks every row and writes nothing', async () => {
        const file = join(work, 'dry.csv');
        await copyFile(SAMPLE, file);
        const run = await importLeads('--file', file, '--target-org', 'local', '--dry-run', '--json');
        assert.equal(run.status, 1, run.stderr);
        assert.equal(run.json.result.toWrite, 5);
        assert.equal(run.json.result.failed.length, 10);
        assert.equal(leadCount(), 0);
    });

    test('the sample creates exactly its good rows; the errors file lists each bad row; re-runs create nothing', async () => {
        const file = join(work, 'leads.csv');
        await copyFile(SAMPLE, file);
        const first = await importLeads('--file', file, '--target-org', 'local', '--json');
        assert.equal(first.status, 1, first.stderr);
        assert.equal(first.json.result.created, 5);
        assert.equal(leadCount(), 5);
        const names = rows(
            t.org,
            'SELECT LastName, Company, OwnerId, Existing_Contact__c, Existing_Account__c FROM Lead'
        );
        assert.deepEqual(names.map((lead) => lead.LastName).sort(), [
            'Castellanos',
            'Duarte',
            'Harbourview Dental Group',
            'Okafor',
            'Wielgosz'
        ]);
        const anna = names.find((lead) => lead.LastName === 'Okafor')!;
        assert.ok(anna.Existing_Contact__c, 'the existing contact is found by its identifier');
        assert.equal(anna.Company, 'Northwind Roofing Ltd');
        assert.ok(names.find((lead) => lead.LastName === 'Wielgosz')!.Existing_Account__c, 'Account Number resolved');
        // Lead Type is the lead's record type; the type's Lead Type settings fill what the row leaves blank.
        const typed = rows(
            t.org,
            `SELECT l.LastName, r.DeveloperName, l.Priority_Level__c, l.Importance__c FROM Lead l
             LEFT JOIN RecordType r ON r.Id = l.RecordTypeId ORDER BY l.LastName`
        );
        assert.deepEqual(
            typed.filter((lead) => lead.LastName !== 'Duarte'),
            [
                { LastName: 'Castellanos', DeveloperName: 'Sales', Priority_Level__c: 3, Importance__c: 'High' },
                {
                    LastName: 'Harbourview Dental Group',
                    DeveloperName: 'Service',
                    Priority_Level__c: 5,
                    Importance__c: 'Medium'
                },
                { LastName: 'Okafor', DeveloperName: 'Sales', Priority_Level__c: 2, Importance__c: 'Critical' },
                { LastName: 'Wielgosz', DeveloperName: 'Partner', Priority_Level__c: 6, Importance__c: 'Medium' }
            ]
        );

        const errorsFile = join(work, 'leads.errors.csv');
        const errors = await readCsv(errorsFile);
        assert.deepEqual(Object.keys(errors[0]), [...TEMPLATE_COLUMNS, 'Error Message']);
        const messageOf = (lastName: string) => errors.find((row) => row['Last Name'] === lastName)?.['Error Message'];
        assert.match(messageOf('Becker')!, /New Contact must be T or F, not "Y"/);
        assert.match(messageOf('Fontaine')!, /UDF Date 1 must be a date and time as dd\/mm\/yyyy hh:mm/);
        assert.match(messageOf('Moreau')!, /Priority Level must be a whole number from 1 to 10/);
        assert.match(messageOf('Lindqvist')!, /Lead Type "Platinum" is not one of: Partner, Sales, Service\./);
        assert.match(messageOf('Adeyemi')!, /Give Assigned to Unit .* or Assigned to User/);
        assert.match(messageOf('Kowalski')!, /"nobody@nowhere.example" is not a username in this org/);
        assert.match(messageOf('Schmidt')!, /Likely duplicate of existing contact Jonas Schmidt/);
        assert.match(
            messageOf('Ngata')!,
            /Assigned to Unit "Nowhere Unit" is not a queue of this org \(queues: Back Office/
        );
        assert.equal(errors.length, 10);

        // The admin fixes seven rows in the errors file and leaves three as they were.
        const fixes: Record<string, Partial<TemplateRow>> = {
            Becker: { 'New Contact': 'T' },
            '': { 'Last Name': 'Nakamura' },
            Fontaine: { 'UDF Date 1': '28/02/2026 10:00' },
            Moreau: { 'Priority Level': '9' },
            Lindqvist: { 'Lead Type': 'Sales' },
            Adeyemi: { 'Assigned to User': 'agent@caseline.localorg' },
            Kowalski: { 'Assigned to User': 'agent@caseline.localorg' }
        };
        const fixed = errors.map((row) => ({ ...row, ...(fixes[row['Last Name']] ?? {}) }));
        await writeFile(errorsFile, stringify(fixed, { header: true }));
        const second = await importLeads('--file', errorsFile, '--target-org', 'local', '--json');
        assert.equal(second.status, 1, 'three rows still fail');
        assert.equal(second.json.result.created, 7);
        assert.equal(second.json.result.failed.length, 3);
        assert.equal(leadCount(), 12);

        const again = await importLeads('--file', file, '--target-org', 'local', '--json');
        assert.equal(again.json.result.created, 0);
        assert.equal(again.json.result.unchanged, 5);
        assert.equal(leadCount(), 12);
    });

    test('the sample re-saved by Excel (numbers, dates, T/F and spaces written differently) imports nothing new', async () => {
        const file = join(work, 'resaved.csv');
        const resaved = (await readCsv(SAMPLE)).map((row) => ({
            ...row,
            'New Contact': row['New Contact'] === 'T' ? 'TRUE' : row['New Contact'],
            'Last Name': row['Last Name'] ? `${row['Last Name']} ` : '',
            'Target Amount': row['Target Amount'].replace(/\.00$/, ''),
            'UDF Date 1': row['UDF Date 1'].replace(/^0(\d)\/0(\d)\//, '$1/$2/').replace(/ 0(\d):/, ' $1:'),
            'UDF Date 2': row['UDF Date 2'] ? `${row['UDF Date 2']}:00` : ''
        }));
        assert.notEqual(stringify(resaved), await readFile(SAMPLE, 'utf8'), 'the file really differs');
        await writeFile(file, stringify(resaved, { header: true }));
        const leadsBefore = leadCount();
        const run = await importLeads('--file', file, '--target-org', 'local', '--json');
        assert.equal(run.json.result.created, 0, JSON.stringify(run.json.result));
        assert.equal(run.json.result.unchanged, 5);
        assert.equal(leadCount(), leadsBefore);
    });

    test('the sample saved as .xlsx (numbers and dates as Excel cells) gives exactly what the CSV gives', async () => {
        const csvFile = join(work, 'same.csv');
        const xlsxFile = join(work, 'same.xlsx');
        await copyFile(SAMPLE, csvFile);
        await writeExcelFile(await sampleAsWorkbookCells()).toFile(xlsxFile);
        const udfDates = (await readSheet(xlsxFile)).map((row) => row[TEMPLATE_COLUMNS.indexOf('UDF Date 1')]);
        assert.ok(udfDates[1] instanceof Date, 'a date is an Excel date cell in the workbook');

        const leadsBefore = leadCount();
        const fromCsv = await importLeads('--file', csvFile, '--target-org', 'local', '--json');
        const fromXlsx = await importLeads('--file', xlsxFile, '--target-org', 'local', '--json');
        assert.equal(fromXlsx.status, 1, fromXlsx.stderr);
        // The good rows were imported from leads.csv above: the same import keys mean the same cell text.
        assert.equal(fromXlsx.json.result.created, 0);
        assert.equal(fromXlsx.json.result.unchanged, 5);
        assert.equal(fromCsv.json.result.unchanged, 5);
        assert.deepEqual(fromXlsx.json.result.failed, fromCsv.json.result.failed);
        assert.equal(fromXlsx.json.result.errorsFile, join(work, 'same.errors.csv'));
        assert.equal(leadCount(), leadsBefore);
    });

    test('a duplicate imports with --allow-duplicates; a unit names a queue by its name', async () => {
        const queue = await create('Group', { Name: 'Lead Intake', DeveloperName: 'Lead_Intake', Type: 'Queue' });
        await create('QueueSobject', { QueueId: queue, SobjectType: 'Lead' });
        const file = join(work, 'more.csv');
        const sample = await readCsv(SAMPLE);
        const dup = sample.find((row) => row['Last Name'] === 'Schmidt')!;
        const unit = sample.find((row) => row['Last Name'] === 'Ngata')!;
        await writeFile(file, stringify([dup, { ...unit, 'Assigned to Unit': 'Lead Intake' }], { header: true }));
        const run = await importLeads('--file', file, '--target-org', 'local', '--allow-duplicates', '--json');
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.equal(run.json.result.created, 2);
        assert.equal(rows(t.org, "SELECT OwnerId FROM Lead WHERE LastName = 'Ngata'")[0].OwnerId, queue);
    });
});
