/**
 * `npm run import-leads` at volume (issue 23): template rows, 10 % failing the row checks and 5 % likely duplicates
 * of contacts already in the org, imported into a file-backed local-org with force-app deployed, as an admin runs it
 * (the script, logged in through the sf CLI under a throw-away HOME). Its rows/s sits beside the Bulk API 2.0 ingest
 * figure of the same bench run: the import checks, resolves and matches every row before its own Bulk API 2.0 jobs.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { LocalOrg } from '../../local-org/src/org.ts';
import { startServer } from '../../local-org/src/server.ts';
import { TEMPLATE_COLUMNS, type TemplateRow } from '../lib/leadTemplate.ts';
import { SF } from '../lib/localOrgSetup.ts';
import { projectRoot } from '../lib/project.ts';
import { sfEnv } from '../lib/sfEnv.ts';
import { adminConnection } from './bulkIngest.ts';
import { deployForceApp } from './matchEndToEnd.ts';
import { elapsed } from './stats.ts';

const run = promisify(execFile);

export interface LeadImportFigures {
    rows: number;
    /** Rows failing the row checks (10 %) and likely duplicates of existing contacts (5 %). */
    badRows: number;
    duplicateRows: number;
    created: number;
    /** The script's run, start to exit: reading, checks, org look-ups, matcher, Bulk API 2.0 jobs, errors file. */
    importMs: number;
    rowsPerSecond: number;
}

/** A-Z letters for a number, so names differ by letters (matchers strip digits from names). */
function letters(n: number): string {
    let text = '';
    do {
        text = String.fromCharCode(97 + (n % 26)) + text;
        n = Math.floor(n / 26);
    } while (n > 0);
    return text;
}

function phone(prefix: string, n: number): string {
    return `+1 ${prefix} ${String(Math.floor(n / 10000) % 1000).padStart(3, '0')} ${String(n % 10000).padStart(4, '0')}`;
}

function existingContact(k: number) {
    return {
        FirstName: 'Marta',
        LastName: `Ex${letters(k)}sen`,
        Email: `marta.${letters(k)}@existing${k}.example.com`,
        Phone: phone('646', k)
    };
}

/** One of four mistakes an admin makes, each failing its row check. */
const MISTAKES: Partial<TemplateRow>[] = [
    { 'Priority Level': '12' },
    { 'New Contact': 'Y' },
    { 'UDF Date 1': '31/02/2026 10:00' },
    { 'Lead Type': 'Platinum' }
];

/** Row i: every 20th a duplicate (name variant, same e-mail and phone) of existing contact i/20; 10 % a mistake. */
export function benchTemplateRow(i: number, agent: string): TemplateRow {
    const row = Object.fromEntries(TEMPLATE_COLUMNS.map((column) => [column, ''])) as TemplateRow;
    Object.assign(row, { 'New Contact': 'T', 'Contact Type': 'PERSON', 'Assigned to User': agent });
    if (i % 20 === 0) {
        const contact = existingContact(i / 20);
        return Object.assign(row, {
            'First Name': 'M.',
            'Last Name': contact.LastName,
            Email: contact.Email,
            Phone: contact.Phone
        });
    }
    Object.assign(row, {
        'First Name': 'Lena',
        'Last Name': `Nu${letters(i)}berg`,
        Email: `lena.${letters(i)}@lead${i}.example.org`,
        Phone: phone('212', i),
        'Lead Type': 'Sales',
        'Priority Level': String(1 + (i % 10)),
        'Target Amount': String(1000 + i),
        'UDF Date 1': '05/03/2026 14:30'
    });
    if (i % 10 === 1) Object.assign(row, MISTAKES[Math.floor(i / 10) % MISTAKES.length]);
    return row;
}

export async function measureLeadImport(rows: number): Promise<LeadImportFigures> {
    const dir = await mkdtemp(join(tmpdir(), 'caseline-bench-leads-'));
    const org = LocalOrg.open(join(dir, 'org.db'));
    const server = await startServer(org, 0);
    try {
        const [admin, agent] = org.users();
        await deployForceApp(org, admin.id);
        const connection = adminConnection(org, server);
        const permissionSet = org.db.prepare("SELECT Id FROM PermissionSet WHERE Name = 'Caseline_Admin'").get() as {
            Id: string;
        };
        await connection.sobject('PermissionSetAssignment').create({
            AssigneeId: admin.id,
            PermissionSetId: permissionSet.Id
        });
        const duplicateRows = Math.ceil(rows / 20);
        const existing = Array.from({ length: duplicateRows }, (_, k) => existingContact(k));
        const loaded = await connection.bulk2.loadAndWaitForResults({
            object: 'Contact',
            operation: 'insert',
            input: stringify(existing, { header: true })
        });
        if (loaded.successfulResults.length !== duplicateRows)
            throw new Error(`loading contacts: ${JSON.stringify(loaded.failedResults[0])}`);

        const file = join(dir, 'leads.csv');
        const templateRows = Array.from({ length: rows }, (_, i) => benchTemplateRow(i, agent.username));
        await writeFile(file, stringify(templateRows, { header: true, columns: [...TEMPLATE_COLUMNS] }));
        const badRows = templateRows.filter((_, i) => i % 10 === 1 && i % 20 !== 0).length;

        const env = sfEnv(join(dir, 'home'));
        await run(
            process.execPath,
            [SF, 'org', 'login', 'access-token', '--instance-url', server.origin, '--no-prompt', '--alias', 'bench'],
            {
                env: { ...env, SF_ACCESS_TOKEN: admin.accessToken },
                cwd: projectRoot
            }
        );
        const start = performance.now();
        const imported = await run(
            process.execPath,
            [
                '--import',
                'tsx',
                join(projectRoot, 'scripts', 'import-leads.ts'),
                '--file',
                file,
                '--target-org',
                'bench',
                '--json'
            ],
            { env, cwd: projectRoot, maxBuffer: 1024 * 1024 * 1024, timeout: 3_600_000 }
        ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
        const importMs = Math.round(elapsed(start));
        const result = JSON.parse(imported.stdout).result as { created: number; failed: { error: string }[] };
        const expectedCreated = rows - badRows - duplicateRows;
        const duplicatesFound = result.failed.filter((failure) => failure.error.startsWith('Likely duplicate')).length;
        if (result.created !== expectedCreated || duplicatesFound !== duplicateRows)
            throw new Error(
                `lead import: created ${result.created} (expected ${expectedCreated}), ${duplicatesFound} duplicates found (expected ${duplicateRows})`
            );
        return {
            rows,
            badRows,
            duplicateRows,
            created: result.created,
            importMs,
            rowsPerSecond: Math.round((rows / importMs) * 1000)
        };
    } finally {
        await server.close();
        org.close();
        await rm(dir, { recursive: true, force: true });
    }
}
