/**
 * npm run -s match -- --accounts accounts.csv [--contacts contacts.csv] --input incoming.csv [--top 5] > out.jsonl
 *
 * The offline matcher (ARCHITECTURE.md, "Matching contract"): one JSON line per input row, in input order, with the
 * decision (link / suggest / new) and at most --top candidates, best first. It runs the LWC module recordMatcher,
 * the same code as the intake component. Errors go to stderr with a non-zero exit status; stdout stays JSON lines.
 */
import { integerFlag, parseFlags, ScriptError } from './lib/cli.ts';
import { loadFiles, matchAll } from './lib/matching.ts';

function run(argv: string[]): void {
    const flags = parseFlags(argv, {
        accounts: { type: 'string' },
        contacts: { type: 'string' },
        input: { type: 'string' },
        top: { type: 'string' },
        'target-org': { type: 'string' }
    });
    if (flags['target-org'] !== undefined) {
        throw new ScriptError(
            'NotSupported',
            "--target-org is not supported yet: export the org's Accounts and Contacts to CSV and use --accounts/--contacts."
        );
    }
    if (!flags.accounts || !flags.input) {
        throw new ScriptError(
            'InvalidFlags',
            'Usage: npm run -s match -- --accounts accounts.csv [--contacts contacts.csv] --input incoming.csv [--top 5]'
        );
    }
    const top = integerFlag('top', flags.top, 1, 100) ?? 5;
    const org = loadFiles({ accounts: flags.accounts, contacts: flags.contacts, input: flags.input });
    const lines = matchAll(org, top);
    process.stdout.write(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
}

try {
    run(process.argv.slice(2));
} catch (error) {
    const name = error instanceof ScriptError ? error.name : 'Error';
    process.stderr.write(`Error (${name}): ${(error as Error).message}\n`);
    process.exitCode = 1;
}
