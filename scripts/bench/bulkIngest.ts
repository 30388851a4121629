/**
 * Bulk API 2.0 ingest through jsforce against local-org, compared with inserting the same rows straight into the
 * same table with one prepared better-sqlite3 statement in one transaction: the floor local-org's own work sits on.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@jsforce/jsforce-node';
import { LocalOrg } from '../../local-org/src/org.ts';
import { startServer, type OrgServer } from '../../local-org/src/server.ts';
import { elapsed } from './stats.ts';

export interface BulkIngestFigures {
    rows: number;
    /** Job opened to JobComplete. */
    bulkMs: number;
    /** Reading the results back, not counted in the throughput. */
    resultsMs: number;
    bulkRecordsPerSecond: number;
    rawMs: number;
    rawRecordsPerSecond: number;
    /** Bulk throughput as a share of the raw insert's. */
    ratio: number;
}

const INDUSTRIES = ['Manufacturing', 'Construction', 'Retail', 'Energy', 'Technology'];

/** A realistic Account row: name, phone, website, billing city, industry. */
export function accountRow(i: number): string[] {
    return [
        `Bench Account ${i}`,
        `+1 415 555 ${String(i % 10000).padStart(4, '0')}`,
        `https://bench${i}.example.com`,
        ['Austin', 'Boston', 'Chicago', 'Denver'][i % 4],
        INDUSTRIES[i % INDUSTRIES.length]
    ];
}

const COLUMNS = ['Name', 'Phone', 'Website', 'BillingCity', 'Industry'];

export function accountsCsv(rows: number): string {
    const lines = [COLUMNS.join(',')];
    for (let i = 0; i < rows; i++) lines.push(accountRow(i).join(','));
    return lines.join('\n') + '\n';
}

/** A fresh file-backed org (WAL, as `npm run org` runs) in a temporary folder, served on an ephemeral port. */
export async function withOrgFile<T>(work: (org: LocalOrg, server: OrgServer) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(join(tmpdir(), 'caseline-bench-'));
    const org = LocalOrg.open(join(dir, 'org.db'));
    const server = await startServer(org, 0);
    try {
        return await work(org, server);
    } finally {
        await server.close();
        org.close();
        await rm(dir, { recursive: true, force: true });
    }
}

/** jsforce signed in as the org's admin. */
export function adminConnection(org: LocalOrg, server: OrgServer): Connection {
    const [admin] = org.users();
    return new Connection({ instanceUrl: server.origin, accessToken: admin.accessToken, version: '66.0' });
}

export interface BulkTimings {
    /** From opening the job to JobComplete: upload, close, processing, polling. */
    ingestMs: number;
    /** Downloading and parsing the successful and failed results afterwards. */
    resultsMs: number;
}

/** Loads the rows through a Bulk API 2.0 job as a script would, then reads its results back to check them. */
export async function bulkInsertAccounts(connection: Connection, rows: number): Promise<BulkTimings> {
    const csv = accountsCsv(rows);
    const start = performance.now();
    const job = connection.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    await job.uploadData(csv);
    await job.close();
    await job.poll(100, 600_000);
    const ingestMs = elapsed(start);
    const resultsStart = performance.now();
    const results = await job.getAllResults();
    const resultsMs = elapsed(resultsStart);
    if (results.successfulResults.length !== rows) {
        throw new Error(`bulk insert: ${results.successfulResults.length} of ${rows} rows succeeded`);
    }
    return { ingestMs, resultsMs };
}

/** The same rows as local-org stores them (every column of the table, unset ones null), with no checks at all. */
export function rawInsertAccounts(org: LocalOrg, rows: number): number {
    const tableColumns = (
        org.db.prepare('SELECT name FROM pragma_table_info(?)').all('Account') as { name: string }[]
    ).map((c) => c.name);
    const insert = org.db.prepare(
        `INSERT INTO Account (${tableColumns.map((c) => `"${c}"`).join(', ')}) VALUES (${tableColumns.map(() => '?').join(', ')})`
    );
    const [admin] = org.users();
    const start = performance.now();
    org.db.transaction(() => {
        const now = new Date().toISOString();
        const audit: Record<string, string | number> = {
            IsDeleted: 0,
            CreatedDate: now,
            CreatedById: admin.id,
            LastModifiedDate: now,
            LastModifiedById: admin.id,
            SystemModstamp: now,
            OwnerId: admin.id
        };
        const template = tableColumns.map((column) => audit[column] ?? null);
        const idPosition = tableColumns.indexOf('Id');
        const positions = COLUMNS.map((column) => tableColumns.indexOf(column));
        for (let i = 0; i < rows; i++) {
            const values = template.slice();
            values[idPosition] = `001RAW${String(i).padStart(9, '0')}AAA`;
            const row = accountRow(i);
            for (let c = 0; c < row.length; c++) values[positions[c]] = row[c];
            insert.run(values);
        }
    })();
    return elapsed(start);
}

export function ingestFigures(rows: number, bulk: BulkTimings, rawMs: number): BulkIngestFigures {
    const bulkMs = bulk.ingestMs;
    const bulkRecordsPerSecond = Math.round((rows / bulkMs) * 1000);
    const rawRecordsPerSecond = Math.round((rows / rawMs) * 1000);
    return {
        rows,
        bulkMs,
        resultsMs: bulk.resultsMs,
        bulkRecordsPerSecond,
        rawMs,
        rawRecordsPerSecond,
        ratio: Math.round((bulkRecordsPerSecond / rawRecordsPerSecond) * 1000) / 1000
    };
}
