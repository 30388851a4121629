/**
 * npm run import-leads -- --file leads.csv|leads.xlsx --target-org <alias|username> [--dry-run] [--allow-duplicates] [--json]
 * npm run import-leads -- --template [--file template.xlsx]
 *
 * Imports leads from the lead import template (scripts/lib/leadTemplate.ts): every row is checked and resolved
 * before anything is written; good rows are upserted by import key through Bulk API 2.0, so importing the same
 * file again creates nothing; failed rows go to `<file>.errors.csv` with an Error Message column, ready to fix and
 * import again. Exits 1 when any row failed.
 */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import cliProgress from 'cli-progress';
import { createOutput, defineCommand, formatTable, parseFlags, runScript, ScriptError, wantsJson } from './lib/cli.ts';
import { importLeads, templateCsv, type ImportSummary } from './lib/leadImport.ts';
import { connectToOrg } from './lib/org.ts';
import { TEMPLATE_COLUMNS } from './lib/leadTemplate.ts';
import { writeSheetText } from './lib/xlsxSheet.ts';

const command = defineCommand({
    run: 'npm run import-leads',
    summary: 'Import leads from the lead import template (CSV or XLSX), checking every row before writing any.',
    description:
        'Rows are checked (required columns per Contact Type, T/F, identifiers, dd/mm/yyyy hh:mm dates in UTC,\n' +
        'numbers, picklist values, assignment) and resolved in the org (existing contacts by identifier, Account\n' +
        'Number, unit → queue, user → username). A new contact the matcher finds in the org fails as a likely\n' +
        'duplicate, naming it. Good rows are upserted through Bulk API 2.0 by an import key per row, so a second import\n' +
        'of the same file creates nothing. Failed rows are written to <file>.errors.csv with an Error Message column:\n' +
        'fix them there and import that file. An .xlsx is read from its first sheet (Excel date cells as\n' +
        'dd/mm/yyyy hh:mm in UTC); .xls is not read (save it as .xlsx or CSV UTF-8).',
    flags: {
        file: {
            type: 'string',
            short: 'f',
            value: 'file.csv|file.xlsx',
            summary: 'The filled-in template to import (.csv or .xlsx).'
        },
        'target-org': {
            type: 'string',
            short: 'o',
            value: 'alias|username',
            summary: 'The org, as an alias or username the sf CLI is logged in to (`npm run sf -- org list`).'
        },
        'dry-run': {
            type: 'boolean',
            default: false,
            summary: 'Check and resolve every row and write the errors file, but write nothing to the org.'
        },
        template: {
            type: 'boolean',
            default: false,
            summary: "Print the template's header (its columns, in order), or write it to --file x.xlsx, and exit."
        },
        'allow-duplicates': {
            type: 'boolean',
            default: false,
            summary: 'Import new contacts even when the matcher finds them in the org already.'
        },
        json: { type: 'boolean', default: false, summary: "Print the result as the sf CLI's JSON envelope." }
    },
    examples: [
        { summary: 'Write an empty template to fill in:', args: '--template > leads.csv' },
        { summary: 'Write it as an Excel workbook:', args: '--template --file leads.xlsx' },
        { summary: 'Check a file without writing anything:', args: '--file leads.csv --target-org my-org --dry-run' },
        { summary: 'Import it:', args: '--file leads.csv --target-org my-org' },
        { summary: 'Import the fixed failed rows:', args: '--file leads.errors.csv --target-org my-org' }
    ]
});

const json = wantsJson(process.argv);
const output = createOutput(json);

type Result = ImportSummary | { success: true; template: string; file?: string };

function progressBar(): (done: number, total: number) => void {
    if (json || !process.stderr.isTTY) return (done, total) => output.info(`Leads written: ${done}/${total}`);
    const bar = new cliProgress.SingleBar(
        { format: 'Leads [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic
    );
    let started = false;
    return (done, total) => {
        if (!started) {
            bar.start(total, 0);
            started = true;
        }
        bar.update(done);
        if (done >= total) bar.stop();
    };
}

/** --template: the header on stdout, or as a new workbook when --file names an .xlsx (never over an existing file). */
async function writeTemplate(file: string | undefined): Promise<Result> {
    if (!file) return { success: true, template: templateCsv() };
    if (extname(file).toLowerCase() !== '.xlsx')
        throw new ScriptError(
            'InvalidFlags',
            'With --template, --file names the .xlsx to write; for CSV, redirect stdout.'
        );
    if (existsSync(file)) throw new ScriptError('FileExists', `${file} exists already; give a new file name.`);
    await writeSheetText(file, [[...TEMPLATE_COLUMNS]]);
    return { success: true, template: templateCsv(), file };
}

async function run(): Promise<Result> {
    const flags = parseFlags(command, process.argv.slice(2));
    if (flags.template) return writeTemplate(flags.file);
    if (!flags.file) throw new ScriptError('InvalidFlags', 'Give the file to import with --file (or --template).');
    const connection = await connectToOrg(flags['target-org']);
    output.info(`Importing ${flags.file} into ${connection.getUsername()} (${connection.instanceUrl})`);
    return importLeads(connection, {
        file: flags.file,
        dryRun: flags['dry-run'],
        allowDuplicates: flags['allow-duplicates'],
        onProgress: progressBar()
    });
}

function describe(result: Result): string {
    if ('template' in result) return result.file ? `Wrote the template to ${result.file}.` : result.template.trimEnd();
    const summary = formatTable(
        ['Rows', result.dryRun ? 'Would write' : 'Created', 'Updated', 'Unchanged', 'Failed'],
        [
            [
                String(result.rows),
                String(result.dryRun ? result.toWrite : result.created),
                String(result.updated),
                String(result.unchanged),
                String(result.failed.length)
            ]
        ]
    );
    if (result.failed.length === 0)
        return `${summary}\n${result.dryRun ? 'Dry run: nothing written. ' : ''}No row failed.`;
    const failures = formatTable(
        ['Line', 'Error Message'],
        result.failed.map((failure) => [String(failure.line), failure.error])
    );
    return `${summary}\n\n${result.failed.length} row(s) failed:\n${failures}\n\nFix them in ${result.errorsFile} and import that file.`;
}

await runScript(json, run, describe);
