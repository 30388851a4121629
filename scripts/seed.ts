/**
 * npm run seed -- --target-org <alias|username> [--plan data/x-plan.json ...] [--accounts N] [--json]
 *
 * Loads the demo data plans (the `sf data import tree` format) and optional generated volume data, upserting by
 * Caseline_Key__c so a second run creates nothing. Per-record failures are listed and make the exit status 1.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import {
    createOutput,
    defineCommand,
    formatTable,
    integerFlag,
    parseFlags,
    runScript,
    wantsJson,
    type Output
} from './lib/cli.ts';
import { connectToOrg } from './lib/org.ts';
import { orgWriter } from './lib/orgWriter.ts';
import { readPlan, type PlanStep } from './lib/plan.ts';
import { projectRoot } from './lib/project.ts';
import { seed, type SeedProgress, type SeedReport } from './lib/seeding.ts';
import { volumeSteps } from './lib/volumeData.ts';

const command = defineCommand({
    run: 'npm run seed',
    summary: 'Load the demo data plans into an org, upserting by Caseline_Key__c so a second run creates nothing.',
    description:
        'Plans are in the `sf data import tree` format (data/*-plan.json). Per-record failures are listed and make the\n' +
        'exit status 1. Activating the demo contracts needs the Activate Contracts permission.',
    flags: {
        'target-org': {
            type: 'string',
            short: 'o',
            required: true,
            value: 'alias|username',
            summary: 'The org, as an alias or username the sf CLI is logged in to (`npm run sf -- org list`).'
        },
        plan: {
            type: 'string',
            multiple: true,
            value: 'file',
            summary: 'A plan file to load instead of the default ones.',
            defaultText: 'every data/*-plan.json'
        },
        accounts: {
            type: 'string',
            value: 'count',
            summary: 'Also load this many generated accounts with contacts and cases (Bulk API 2.0), 1 to 1000000.'
        },
        json: { type: 'boolean', default: false, summary: "Print the result as the sf CLI's JSON envelope." }
    },
    examples: [
        { summary: 'Seed the demo data:', args: '--target-org my-org' },
        { summary: 'Seed the demo data and 5000 generated accounts:', args: '--target-org my-org --accounts 5000' }
    ]
});

const json = wantsJson(process.argv);
const output = createOutput(json);

async function defaultPlans(): Promise<string[]> {
    const dataDir = join(projectRoot, 'data');
    const files = await readdir(dataDir);
    return files
        .filter((file) => file.endsWith('-plan.json'))
        .sort()
        .map((file) => join(dataDir, file));
}

function progressDisplay(out: Output): SeedProgress {
    if (out.json || !process.stderr.isTTY) {
        let current = '';
        return {
            startStep(sobject, total) {
                current = sobject;
                out.info(`${sobject}: upserting ${total} record(s)…`);
            },
            advance() {},
            endStep() {
                out.info(`${current}: done`);
            }
        };
    }
    const bar = new cliProgress.SingleBar(
        { format: '{sobject} [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic
    );
    return {
        startStep: (sobject, total) => bar.start(total, 0, { sobject: sobject.padEnd(12) }),
        advance: (done) => bar.update(done),
        endStep: () => bar.stop()
    };
}

async function run(): Promise<SeedReport> {
    const flags = parseFlags(command, process.argv.slice(2));
    const accounts = integerFlag('accounts', flags.accounts, 1, 1_000_000);
    const plans = flags.plan?.length ? flags.plan : await defaultPlans();
    const steps: PlanStep[] = [];
    for (const plan of plans) {
        steps.push(...(await readPlan(plan)));
    }
    if (accounts) {
        steps.push(...volumeSteps(accounts));
    }
    const connection = await connectToOrg(flags['target-org']);
    output.info(`Seeding ${connection.getUsername()} (${connection.instanceUrl})`);
    return seed(steps, orgWriter(connection), progressDisplay(output));
}

function describe(report: SeedReport): string {
    const summary = formatTable(
        ['Object', 'Created', 'Updated', 'Failed'],
        report.steps.map((step) => [step.sobject, String(step.created), String(step.updated), String(step.failed)])
    );
    const contracts = report.leftAlone.filter((entry) => entry.sobject === 'Contract');
    const leads = report.leftAlone.filter((entry) => entry.sobject === 'Lead');
    const kept =
        (contracts.length
            ? `\n${contracts.length} activated contract(s) keep the org's ${[...new Set(contracts.flatMap((entry) => entry.fields))].join(', ')}: Salesforce locks these fields once a contract is activated.`
            : '') +
        (leads.length
            ? `\n${leads.length} demo lead(s) the org already has were left as they are: the seed never rewrites a lead.`
            : '') +
        (report.convertedLeads.length
            ? `\n${report.convertedLeads.length} demo lead(s) converted to Won (convertLead: account, contact and opportunity created).`
            : '');
    if (report.success) {
        return `${summary}${kept}\nSeeded with no failures.`;
    }
    const failures = formatTable(
        ['Object', 'Reference', 'Caseline Key', 'Error', 'Message'],
        report.failures.map((failure) => [
            failure.sobject,
            failure.referenceId,
            failure.key,
            failure.errors.map((error) => error.statusCode).join(', '),
            failure.errors.map((error) => error.message).join(' / ')
        ])
    );
    return `${summary}${kept}\n\n${report.failures.length} record(s) failed:\n${failures}`;
}

await runScript(json, run, describe);
