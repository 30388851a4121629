/**
 * npm run backfill-match-keys -- --target-org <alias|username> [--json]
 *
 * Fills the stored match keys (Match_Name_Key__c, Match_Phone_Key__c, Match_Domain_Key__c) of every Account and
 * Contact whose keys are missing or stale, e.g. in an org that had records before the match-key fields and flows were
 * deployed. Idempotent: a second run updates nothing. Per-record failures are listed and make the exit status 1.
 */
import type { Connection } from '@salesforce/core';
import { backfillMatchKeys, type BackfillReport, type RecordReader } from './lib/backfill.ts';
import { createOutput, defineCommand, formatTable, parseFlags, runScript, wantsJson } from './lib/cli.ts';
import { connectToOrg } from './lib/org.ts';
import { orgWriter } from './lib/orgWriter.ts';

const command = defineCommand({
    run: 'npm run backfill-match-keys',
    summary: 'Fill the stored match keys of every Account and Contact whose keys are missing or stale.',
    description:
        'For an org that had records before the match-key fields and flows were deployed. Idempotent: a second run\n' +
        'updates nothing. Per-record failures are listed and make the exit status 1.',
    flags: {
        'target-org': {
            type: 'string',
            short: 'o',
            required: true,
            value: 'alias|username',
            summary: 'The org, as an alias or username the sf CLI is logged in to (`npm run sf -- org list`).'
        },
        json: { type: 'boolean', default: false, summary: "Print the result as the sf CLI's JSON envelope." }
    },
    examples: [{ summary: 'Backfill the keys of an org:', args: '--target-org my-org' }]
});

const json = wantsJson(process.argv);
const output = createOutput(json);

/** Every record through the REST query resource, following nextRecordsUrl. */
function restReader(connection: Connection): RecordReader {
    return async (sobject, fields) => {
        const result = await connection.query<Record<string, unknown>>(
            `SELECT ${fields.join(', ')} FROM ${sobject} ORDER BY Id`,
            { autoFetch: true, maxFetch: 100_000_000 }
        );
        return result.records.map(({ attributes: _attributes, ...record }) => record);
    };
}

async function run(): Promise<BackfillReport> {
    const flags = parseFlags(command, process.argv.slice(2));
    const connection = await connectToOrg(flags['target-org']);
    output.info(`Backfilling match keys in ${connection.getUsername()} (${connection.instanceUrl})`);
    return backfillMatchKeys(restReader(connection), orgWriter(connection), (sobject, stale) =>
        output.info(`${sobject}: ${stale} record(s) with missing or stale keys`)
    );
}

function describe(report: BackfillReport): string {
    const summary = formatTable(
        ['Object', 'Scanned', 'Stale', 'Updated', 'Failed'],
        report.steps.map((step) => [
            step.sobject,
            String(step.scanned),
            String(step.stale),
            String(step.updated),
            String(step.failed)
        ])
    );
    if (report.success) {
        return `${summary}\nMatch keys are current.`;
    }
    const failures = formatTable(
        ['Object', 'Id', 'Error', 'Message'],
        report.failures.map((failure) => [
            failure.sobject,
            failure.id,
            failure.errors.map((error) => error.statusCode).join(', '),
            failure.errors.map((error) => error.message).join(' / ')
        ])
    );
    return `${summary}\n\n${report.failures.length} record(s) failed:\n${failures}`;
}

await runScript(json, run, describe);
