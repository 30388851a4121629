/**
 * Selective SOQL through jsforce's REST query against an org holding the bulk benchmark's Accounts: the lookups an
 * agent's search or a script's upsert makes, on indexed fields, with values spread across the table.
 */
import type { Connection } from '@jsforce/jsforce-node';
import { accountRow } from './bulkIngest.ts';
import { elapsed, percentile } from './stats.ts';

export interface QueryFigures {
    name: string;
    soql: string;
    runs: number;
    p50Ms: number;
    p95Ms: number;
}

interface QueryShape {
    name: string;
    /** The query for the i-th loaded Account; `ids` are existing Account ids. */
    soql(i: number, ids: string[]): string;
    /** How many records the query must return: a benchmark that measures a broken query measures nothing. */
    expected: number;
}

const SHAPES: QueryShape[] = [
    {
        name: 'Name equals',
        soql: (i) => `SELECT Id, Name, Phone, BillingCity FROM Account WHERE Name = '${accountRow(i)[0]}'`,
        expected: 1
    },
    {
        name: 'Name starts with, ordered, LIMIT 5',
        soql: (i) => `SELECT Id, Name FROM Account WHERE Name LIKE '${accountRow(i)[0]}%' ORDER BY Name LIMIT 5`,
        expected: 0
    },
    {
        name: 'Id IN (10 ids)',
        soql: (i, ids) => {
            const list = Array.from({ length: 10 }, (_, k) => `'${ids[(i * 10 + k) % ids.length]}'`);
            return `SELECT Id, Name FROM Account WHERE Id IN (${list.join(', ')})`;
        },
        expected: 10
    }
];

export async function measureSelectiveSoql(connection: Connection, rows: number, runs = 300): Promise<QueryFigures[]> {
    const ids = (await connection.query<{ Id: string }>('SELECT Id FROM Account LIMIT 2000')).records.map((r) => r.Id);
    const figures: QueryFigures[] = [];
    for (const shape of SHAPES) {
        const samples: number[] = [];
        for (let run = 0; run < runs; run++) {
            const i = (run * 7919 + 12345) % rows;
            const soql = shape.soql(i, ids);
            const start = performance.now();
            const result = await connection.query(soql);
            samples.push(elapsed(start));
            const count = result.records.length;
            if (shape.expected ? count !== shape.expected : count === 0) {
                throw new Error(`${shape.name}: ${count} records for ${soql}`);
            }
        }
        figures.push({
            name: shape.name,
            soql: shape.soql(0, ids),
            runs,
            p50Ms: percentile(samples, 50),
            p95Ms: percentile(samples, 95)
        });
    }
    return figures;
}
