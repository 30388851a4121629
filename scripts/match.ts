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
import { integerFlag, parseFlags, ScriptError } from './lib/cli.ts';
import { loadFiles, loadIncoming, matchAll, matchAllInOrg, type MatchLine } from './lib/matching.ts';
import { connectToOrg } from './lib/org.ts';

const USAGE =
    'Usage: npm run -s match -- (--accounts accounts.csv [--contacts contacts.csv] | --target-org <alias>) ' +
    '--input incoming.csv [--top 5] [--learn]';

async function run(argv: string[]): Promise<void> {
    const flags = parseFlags(argv, {
        accounts: { type: 'string' },
        contacts: { type: 'string' },
        input: { type: 'string' },
        top: { type: 'string' },
        learn: { type: 'boolean', default: false },
        'target-org': { type: 'string', short: 'o' }
    });
    const targetOrg = flags['target-org'];
    if (targetOrg !== undefined && (flags.accounts || flags.contacts)) {
        throw new ScriptError('InvalidFlags', `Give either --target-org or --accounts/--contacts, not both. ${USAGE}`);
    }
    if (targetOrg !== undefined && flags.learn) {
        throw new ScriptError(
            'InvalidFlags',
            `--learn learns from --accounts/--contacts files, not from an org. ${USAGE}`
        );
    }
    if (!flags.input || (targetOrg === undefined && !flags.accounts)) {
        throw new ScriptError('InvalidFlags', USAGE);
    }
    const top = integerFlag('top', flags.top, 1, 100) ?? 5;
    let lines: MatchLine[];
    if (targetOrg !== undefined) {
        const incoming = loadIncoming(flags.input);
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
        const org = loadFiles({ accounts: flags.accounts!, contacts: flags.contacts, input: flags.input });
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
