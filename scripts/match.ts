/**
 * npm run -s match -- --accounts accounts.csv [--contacts contacts.csv] --input incoming.csv [--top 5] > out.jsonl
 * npm run -s match -- --target-org <alias|username> --input incoming.csv [--top 5] > out.jsonl
 *
 * The matcher (docs/ARCHITECTURE.md, "Matching contract"): one JSON line per input row, in input order, with the
 * decision (link / suggest / new) and at most --top candidates, best first. It runs the LWC module recordMatcher,
 * the same code as the intake component: offline against CSV files, or against an org, reading each row's
 * candidates with the component's GraphQL retrieval (selective filters on the stored match keys). With --learn
 * (offline only), the weights are first learned from the files themselves, without labels (recordMatcher's
 * learnWeights: u from random pairs, m and u by expectation maximisation on the candidate pairs). Errors go to
 * stderr with a non-zero exit status; stdout stays JSON lines.
 */
import { defineCommand, integerFlag, parseFlags, ScriptError } from './lib/cli.ts';
import { loadFiles, loadIncoming, matchAll, matchAllInOrg, type MatchLine } from './lib/matching.ts';
import { connectToOrg } from './lib/org.ts';

const command = defineCommand({
    run: 'npm run -s match',
    summary: 'Match web-form submissions to existing accounts and contacts: one JSON line per input row on stdout.',
    description:
        'Give the records to match against either as CSV files (--accounts, --contacts) or as an org (--target-org),\n' +
        'not both. Each line: the decision (link / suggest / new) and at most --top candidates, best first.\n' +
        'The CSV columns and the output fields: docs/matching-csv.md.',
    flags: {
        input: {
            type: 'string',
            required: true,
            value: 'file',
            summary: 'The submissions to match (CSV, columns in docs/matching-csv.md).'
        },
        accounts: { type: 'string', value: 'file', summary: 'The accounts to match against (CSV).' },
        contacts: { type: 'string', value: 'file', summary: 'The contacts to match against (CSV), with --accounts.' },
        'target-org': {
            type: 'string',
            short: 'o',
            value: 'alias|username',
            summary: 'Match against this org instead of CSV files (an alias or username the sf CLI is logged in to).'
        },
        top: { type: 'string', default: '5', value: 'count', summary: 'Candidates per line, 1 to 100.' },
        learn: {
            type: 'boolean',
            default: false,
            summary:
                "Weigh the evidence with weights learned from the files' own records (unsupervised) instead of the hand-set ones."
        }
    },
    examples: [
        {
            summary: 'Match offline against CSV files:',
            args: '--accounts accounts.csv --contacts contacts.csv --input incoming.csv > out.jsonl'
        },
        {
            summary: 'Match against the local org that `npm start` runs:',
            args: '--target-org caseline-local --input incoming.csv'
        }
    ]
});

async function run(argv: string[]): Promise<void> {
    const flags = parseFlags(command, argv);
    const input = flags.input!;
    const targetOrg = flags['target-org'];
    const help = `See \`${command.run} -- --help\`.`;
    if (targetOrg !== undefined && (flags.accounts || flags.contacts)) {
        throw new ScriptError('InvalidFlags', `Give either --target-org or --accounts/--contacts, not both. ${help}`);
    }
    if (targetOrg !== undefined && flags.learn) {
        throw new ScriptError(
            'InvalidFlags',
            `--learn learns from --accounts/--contacts files, not from an org. ${help}`
        );
    }
    if (targetOrg === undefined && !flags.accounts) {
        throw new ScriptError('InvalidFlags', `Give the records to match against: --accounts or --target-org. ${help}`);
    }
    const top = integerFlag('top', flags.top, 1, 100)!;
    let lines: MatchLine[];
    if (targetOrg !== undefined) {
        const incoming = loadIncoming(input);
        const connection = await connectToOrg(targetOrg);
        const path = `/services/data/v${connection.getApiVersion()}/graphql`;
        lines = await matchAllInOrg(
            (query, variables) =>
                connection.request({
                    method: 'POST',
                    url: path,
                    body: JSON.stringify({ query, variables }),
                    headers: { 'Content-Type': 'application/json' }
                }),
            incoming,
            top
        );
    } else {
        const org = loadFiles({ accounts: flags.accounts!, contacts: flags.contacts, input });
        lines = matchAll(org, top, { learn: Boolean(flags.learn) });
    }
    process.stdout.write(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
}

try {
    await run(process.argv.slice(2));
} catch (error) {
    const name = error instanceof ScriptError ? error.name : 'Error';
    process.stderr.write(`Error (${name}): ${(error as Error).message}\n`);
    process.exitCode = 1;
}
