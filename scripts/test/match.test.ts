import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../lib/project.ts';

/** Runs `npm run -s match` as a user would (the script directly, without npm), returning its output. */
function match(...args: string[]) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts', 'match.ts'), ...args], {
        cwd: projectRoot,
        encoding: 'utf8',
        timeout: 60_000
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ACCOUNTS = `Id,Name,Phone,Website,BillingStreet,BillingCity,BillingPostalCode,BillingCountry
001A,Acme Corporation,(312) 534-4290,https://www.acme.com,100 N. Main Street,Chicago,60601,US
001B,Globex Inc,(212) 555-0100,globex.com,1 Park Ave,New York,10016,US
`;
const CONTACTS = `Id,AccountId,FirstName,LastName,Email,Phone,MailingStreet,MailingCity,MailingPostalCode
003A,001A,Jane,Doe,jane.doe@acme.com,,100 N Main St,Chicago,60601
`;
const INCOMING = `Key,FirstName,LastName,Email,Phone,Company,Street,City,PostalCode,Country
w1,J.,Doe,JANE.DOE@acme.com,,,,,,
w2,Bob,Smith,,312-534-4290,ACME Corp.,,,,US
w3,,,,,Acme Corporation,,,,
w4,Ann,Lee,ann@initech.example,,Initech,4120 Freidrich Ln,Austin,78744,US
`;

async function fixture(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'caseline-match-'));
    for (const [name, text] of Object.entries(files)) {
        await writeFile(join(dir, name), text);
    }
    return dir;
}

test('writes one JSON line per input row, in input order, exactly as the Matching contract says', async () => {
    const dir = await fixture({ 'accounts.csv': ACCOUNTS, 'contacts.csv': CONTACTS, 'incoming.csv': INCOMING });
    const result = match(
        '--accounts',
        join(dir, 'accounts.csv'),
        '--contacts',
        join(dir, 'contacts.csv'),
        '--input',
        join(dir, 'incoming.csv'),
        '--top',
        '2'
    );
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
    assert.deepEqual(result.stdout.split('\n'), [
        '{"key":"w1","decision":"link","reasonCode":"certain","reason":"email matches, same last name, first initial matches","candidates":[{"id":"003A","type":"Contact","score":0.999,"reasons":["email matches","same last name","first initial matches"],"accountId":"001A"},{"id":"001A","type":"Account","score":0.119,"reasons":["same email domain"],"accountId":"001A"}]}',
        '{"key":"w2","decision":"link","reasonCode":"certain","reason":"same company name, phone matches","candidates":[{"id":"001A","type":"Account","score":0.989,"reasons":["same company name","phone matches"],"accountId":"001A"},{"id":"003A","type":"Contact","score":0.047,"reasons":["same company name","phone matches"],"accountId":"001A"}]}',
        '{"key":"w3","decision":"suggest","reasonCode":"too-little","reason":"only the name agrees: nothing else identifies the record","candidates":[{"id":"001A","type":"Account","score":0.953,"reasons":["same company name"],"accountId":"001A"},{"id":"003A","type":"Contact","score":0.622,"reasons":["same company name"],"accountId":"001A"}]}',
        '{"key":"w4","decision":"new","reasonCode":"nothing-plausible","reason":"no existing record is plausible","candidates":[]}',
        ''
    ]);
});

test('--contacts is optional and --top defaults to 5', async () => {
    const dir = await fixture({ 'accounts.csv': ACCOUNTS, 'incoming.csv': INCOMING });
    const result = match('--accounts', join(dir, 'accounts.csv'), '--input', join(dir, 'incoming.csv'));
    assert.equal(result.status, 0);
    const lines = result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
    assert.deepEqual(
        lines.map((line) => line.key),
        ['w1', 'w2', 'w3', 'w4']
    );
    assert.deepEqual(
        lines[1].candidates.map((candidate: { id: string }) => candidate.id),
        ['001A']
    );
});

test('a missing column is named, with the columns expected, and exits 1 with nothing on stdout', async () => {
    const dir = await fixture({
        'accounts.csv': ACCOUNTS.replace('BillingPostalCode,', '').replace(',60601,', ',').replace(',10016,', ','),
        'incoming.csv': INCOMING
    });
    const result = match('--accounts', join(dir, 'accounts.csv'), '--input', join(dir, 'incoming.csv'));
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.match(
        result.stderr,
        /^Error \(MissingColumns\): accounts file .*accounts\.csv lacks the column BillingPostalCode\. Expected: Id,Name,Phone,Website,BillingStreet,BillingCity,BillingPostalCode,BillingCountry\n$/
    );
});

test('an unreadable file is named and exits 1 without a stack trace', async () => {
    const dir = await fixture({ 'accounts.csv': ACCOUNTS });
    const result = match('--accounts', join(dir, 'accounts.csv'), '--input', join(dir, 'nope.csv'));
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^Error \(UnreadableFile\): Cannot read input file .*nope\.csv: ENOENT/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
});

test('malformed CSV and an empty file are refused', async () => {
    const dir = await fixture({
        'accounts.csv': ACCOUNTS,
        'bad.csv': 'Key,FirstName\n"w1,unterminated\n',
        'empty.csv': ''
    });
    const bad = match('--accounts', join(dir, 'accounts.csv'), '--input', join(dir, 'bad.csv'));
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /^Error \(InvalidCsv\): input file .*bad\.csv is not valid CSV/);
    const empty = match('--accounts', join(dir, 'accounts.csv'), '--input', join(dir, 'empty.csv'));
    assert.equal(empty.status, 1);
    assert.match(empty.stderr, /^Error \(InvalidCsv\): input file .*empty\.csv is empty/);
});

test('bad flags are refused: missing --input, unknown flag, --top out of range, --target-org with CSV files', () => {
    const missing = match('--accounts', 'a.csv');
    assert.equal(missing.status, 1);
    assert.match(
        missing.stderr,
        /^Error \(InvalidFlags\): Missing required flag --input\. See `npm run -s match -- --help`\./
    );
    const noRecords = match('--input', 'i.csv');
    assert.equal(noRecords.status, 1);
    assert.match(
        noRecords.stderr,
        /^Error \(InvalidFlags\): Give the records to match against: --accounts or --target-org/
    );
    const unknown = match('--acounts', 'a.csv');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /^Error \(InvalidFlags\): Unknown option '--acounts'/);
    const top = match('--accounts', 'a.csv', '--input', 'i.csv', '--top', '0');
    assert.equal(top.status, 1);
    assert.match(top.stderr, /--top must be a whole number from 1 to 100, not "0"\./);
    const both = match('--target-org', 'local', '--accounts', 'a.csv', '--input', 'i.csv');
    assert.equal(both.status, 1);
    assert.match(both.stderr, /^Error \(InvalidFlags\): Give either --target-org or --accounts\/--contacts/);
    const unreadable = match('--target-org', 'local', '--input', 'no-such-file.csv');
    assert.equal(unreadable.status, 1);
    assert.match(unreadable.stderr, /^Error \(UnreadableFile\): Cannot read input file no-such-file\.csv/);
});
