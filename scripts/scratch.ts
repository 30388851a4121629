/**
 * npm run scratch -- --dev-hub <alias|username> [--alias caseline] [--days 7] [--json] [--help]
 *
 * A scratch org ready to work in: created from config/project-scratch-def.json with the sf CLI (or the existing
 * one under the alias, when it still lives in that Dev Hub), force-app deployed with the deploy script, the
 * Caseline_Agent and Caseline_Admin permission sets assigned to its admin, the demo data seeded (upserts, so a
 * re-run duplicates nothing), and a single-use login URL printed (`sf org open --url-only`).
 */
import { AuthInfo, Org, StateAggregator, type Connection } from '@salesforce/core';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createOutput, defineCommand, integerFlag, parseFlags, runScript, ScriptError, wantsJson } from './lib/cli.ts';
import { runChild, SF, TSX } from './lib/localOrgSetup.ts';
import { connectToOrg } from './lib/org.ts';
import { projectRoot } from './lib/project.ts';
import { sfEnv } from './lib/sfEnv.ts';

const command = defineCommand({
    run: 'npm run scratch',
    summary: 'Create (or reuse) a scratch org ready to work in, and print a login URL.',
    description:
        'From config/project-scratch-def.json: deploys force-app, assigns Caseline_Agent and Caseline_Admin to its\n' +
        'admin, seeds the demo data and prints a single-use, short-lived login URL (sf org open --url-only). A live\n' +
        'scratch org of the same Dev Hub under the alias is reused; an alias naming any other org is refused.',
    flags: {
        'dev-hub': {
            type: 'string',
            short: 'v',
            required: true,
            value: 'alias|username',
            summary: 'The Dev Hub the sf CLI is logged in to (npm run sf -- org login web --set-default-dev-hub).'
        },
        alias: {
            type: 'string',
            short: 'a',
            default: 'caseline',
            value: 'alias',
            summary: "The scratch org's alias; a live scratch org under it is reused."
        },
        days: {
            type: 'string',
            short: 'y',
            default: '7',
            value: 'days',
            summary: 'How long a new scratch org lives, 1 to 30.'
        },
        json: { type: 'boolean', default: false, summary: "Print the result as the sf CLI's JSON envelope." }
    },
    examples: [
        { summary: 'A scratch org of the Dev Hub logged in as my-hub:', args: '--dev-hub my-hub' },
        { summary: 'A second one for 30 days:', args: '--dev-hub my-hub --alias caseline-2 --days 30' }
    ]
});

const PERMISSION_SETS = ['Caseline_Agent', 'Caseline_Admin'];
const DEFINITION_FILE = join('config', 'project-scratch-def.json');

type ScratchOutcome = {
    success: boolean;
    alias: string;
    username: string;
    orgId: string;
    instanceUrl: string;
    devHub: string;
    created: boolean;
    expirationDate: string;
    permissionSets: { name: string; assigned: boolean }[];
    loginUrl: string;
};

const json = wantsJson(process.argv);
const output = createOutput(json);

/** Runs the sf CLI with --json: its result, or a ScriptError with the CLI's own name and message. */
function sf<T>(args: string[]): Promise<T> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [SF, ...args, '--json'], {
            cwd: projectRoot,
            env: sfEnv(),
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', () => {
            const command = `sf ${args.slice(0, 3).join(' ')}`;
            let envelope: { status: number; result?: T; name?: string; message?: string };
            try {
                envelope = JSON.parse(stdout) as typeof envelope;
            } catch {
                return reject(new ScriptError('SfFailed', `${command} gave no JSON answer:\n${stdout}${stderr}`));
            }
            if (envelope.status === 0) return resolve(envelope.result as T);
            reject(new ScriptError(envelope.name ?? 'SfFailed', `${command} failed: ${envelope.message ?? stdout}`));
        });
    });
}

async function resolveHub(devHub: string): Promise<Org> {
    try {
        const hub = await Org.create({ aliasOrUsername: devHub });
        if (!(await hub.determineIfDevHubOrg())) {
            throw new ScriptError('NotADevHub', `"${devHub}" is not a Dev Hub: enable Dev Hub in its Setup first.`);
        }
        return hub;
    } catch (error) {
        if (error instanceof ScriptError) throw error;
        throw new ScriptError(
            'UnknownDevHub',
            `No Dev Hub is logged in as "${devHub}". Log in with \`npm run sf -- org login web --alias ${devHub} --set-default-dev-hub\`.`
        );
    }
}

/**
 * The scratch org already under the alias, if it belongs to this Dev Hub and the hub still has it Active and
 * unexpired. An alias naming any other org is refused rather than taken over.
 */
async function existingScratchOrg(alias: string, hub: Org): Promise<string | undefined> {
    const state = await StateAggregator.getInstance();
    const username = state.aliases.getUsername(alias);
    if (!username) return undefined;
    let fields;
    try {
        fields = (await AuthInfo.create({ username })).getFields();
    } catch (error) {
        // An alias left behind by a deleted login: nothing to reuse.
        if ((error as Error).name === 'NamedOrgNotFoundError') return undefined;
        throw error;
    }
    if (!fields.devHubUsername) {
        throw new ScriptError(
            'AliasTaken',
            `The alias "${alias}" names ${username}, which is not a scratch org. Choose another --alias.`
        );
    }
    if (fields.devHubUsername !== hub.getUsername()) {
        throw new ScriptError(
            'AliasTaken',
            `The alias "${alias}" names a scratch org of another Dev Hub (${fields.devHubUsername}). Choose another --alias.`
        );
    }
    const orgId15 = String(fields.orgId).slice(0, 15);
    const infos = await hub
        .getConnection()
        .query<{ Status: string; ExpirationDate: string }>(
            `SELECT Status, ExpirationDate FROM ScratchOrgInfo WHERE ScratchOrg = '${orgId15}'`
        );
    const today = new Date().toISOString().slice(0, 10);
    const live = infos.records.some((info) => info.Status === 'Active' && info.ExpirationDate >= today);
    return live ? username : undefined;
}

async function createScratchOrg(hub: Org, alias: string, days: number): Promise<void> {
    output.info(`Creating a scratch org in ${hub.getUsername()} from ${DEFINITION_FILE} (${days} days)…`);
    await sf([
        'org',
        'create',
        'scratch',
        '--target-dev-hub',
        hub.getUsername()!,
        '--alias',
        alias,
        '--definition-file',
        DEFINITION_FILE,
        '--duration-days',
        String(days),
        '--wait',
        '10'
    ]);
    // The CLI wrote the new org's auth file and alias; forget what this process had read before.
    await StateAggregator.clearInstanceAsync();
}

async function runProjectScript(script: string, alias: string): Promise<void> {
    output.info(`Running ${script} against ${alias}…`);
    await runChild([TSX, join('scripts', script), '--target-org', alias], sfEnv());
}

/** Assigns each permission set to the admin unless it already is, so a re-run changes nothing. */
async function assignPermissionSets(
    connection: Connection,
    username: string
): Promise<ScratchOutcome['permissionSets']> {
    const user = await connection.singleRecordQuery<{ Id: string }>(
        `SELECT Id FROM User WHERE Username = '${username.replace(/'/g, "\\'")}'`
    );
    const results: ScratchOutcome['permissionSets'] = [];
    for (const name of PERMISSION_SETS) {
        const sets = await connection.query<{ Id: string }>(`SELECT Id FROM PermissionSet WHERE Name = '${name}'`);
        if (sets.records.length === 0) {
            throw new ScriptError('MissingPermissionSet', `The org has no permission set ${name} after the deploy.`);
        }
        const existing = await connection.query(
            `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${user.Id}' AND PermissionSetId = '${sets.records[0].Id}'`
        );
        if (existing.records.length === 0) {
            await connection.sobject('PermissionSetAssignment').create({
                AssigneeId: user.Id,
                PermissionSetId: sets.records[0].Id
            });
        }
        results.push({ name, assigned: existing.records.length === 0 });
    }
    return results;
}

async function scratch(): Promise<ScratchOutcome> {
    const flags = parseFlags(command, process.argv.slice(2));
    const alias = flags.alias!;
    const days = integerFlag('days', flags.days, 1, 30)!;
    const hub = await resolveHub(flags['dev-hub']!);
    const reused = await existingScratchOrg(alias, hub);
    if (reused) output.info(`Reusing the scratch org ${reused} (${alias}).`);
    else await createScratchOrg(hub, alias, days);

    await runProjectScript('deploy.ts', alias);
    const connection = await connectToOrg(alias);
    const username = connection.getUsername()!;
    output.info('Assigning permission sets…');
    const permissionSets = await assignPermissionSets(connection, username);
    await runProjectScript('seed.ts', alias);

    const fields = (await AuthInfo.create({ username })).getFields();
    // A single-use frontdoor URL from the UI Bridge API, as `sf org open` makes it.
    const opened = await sf<{ url: string }>(['org', 'open', '--url-only', '--target-org', alias]);
    return {
        success: true,
        alias,
        username,
        orgId: String(fields.orgId),
        instanceUrl: connection.instanceUrl,
        devHub: hub.getUsername()!,
        created: !reused,
        expirationDate: String(fields.expirationDate ?? ''),
        permissionSets,
        loginUrl: opened.url
    };
}

function describe(outcome: ScratchOutcome): string {
    const assigned = outcome.permissionSets.map((p) => `${p.name} (${p.assigned ? 'assigned' : 'already assigned'})`);
    return [
        `${outcome.created ? 'Created' : 'Reused'} scratch org ${outcome.alias}: ${outcome.username} (${outcome.orgId}), expires ${outcome.expirationDate}.`,
        `Deployed force-app, seeded the demo data; permission sets: ${assigned.join(', ')}.`,
        `Log in: ${outcome.loginUrl}`
    ].join('\n');
}

await runScript(json, scratch, describe);
