/**
 * `npm run org -- [--port N] [--db FILE] [--production] [--country-picklists] [--dev-hub] [--json]`: starts
 * local-org. --production makes a new database a production org (flows deploy inactive), --country-picklists one
 * with State and Country/Territory Picklists (src/countries.ts); both are kept with the database. --dev-hub makes it
 * a Dev Hub (src/devHub/). When it is ready, stdout gets one JSON line
 * `{instanceUrl, orgId, kind, devHub?, users: [{username, accessToken, permissionSets}]}`; without --json, how to
 * use it goes to
 * stderr. SIGINT and SIGTERM close the server and the database.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path, { join } from 'node:path';
import { defineCommand, integerFlag, parseFlags, ScriptError, wantsJson } from '../../scripts/lib/cli.ts';
import { projectRoot } from '../../scripts/lib/project.ts';
import { DevHub, isDevHub } from './devHub/devHub.ts';
import { LocalOrg } from './org.ts';
import { startServer } from './server.ts';

export const DEFAULT_PORT = 6101;

const command = defineCommand({
    run: 'npm run org',
    summary: 'Start local-org, the embedded Salesforce-compatible org, and print its instanceUrl and users.',
    description:
        'When it is ready, stdout gets one JSON line: {instanceUrl, orgId, kind, devHub?, users: [{username,\n' +
        'accessToken, permissionSets}]}. --production and --country-picklists apply to a new database and are kept\n' +
        'with it. Ctrl+C (SIGINT) or SIGTERM closes the server and the database. See local-org/README.md.',
    flags: {
        port: {
            type: 'string',
            default: String(DEFAULT_PORT),
            value: 'port',
            summary: 'The port to listen on (127.0.0.1), 0 for any free one.'
        },
        db: {
            type: 'string',
            value: 'file',
            summary: "The org's database file, or :memory: for one that lives as long as the process.",
            defaultText: '.localorg/org.db'
        },
        production: { type: 'boolean', summary: 'Make a new database a production org (flows deploy inactive).' },
        'country-picklists': {
            type: 'boolean',
            summary: 'Make a new database an org with State and Country/Territory Picklists.'
        },
        'dev-hub': { type: 'boolean', summary: 'Make the org a Dev Hub (scratch orgs for npm run scratch).' },
        json: { type: 'boolean', summary: 'Print only the JSON line: no instructions on stderr.' }
    },
    examples: [
        { summary: 'An org that forgets everything when it stops, on any free port:', args: '--db :memory: --port 0' },
        { summary: 'A Dev Hub beside the org of npm start:', args: '--dev-hub --port 6102 --db .localorg/hub.db' }
    ]
});

function databasePath(flag: string | undefined): string {
    if (flag === ':memory:') return flag;
    const file = path.resolve(flag ?? path.join(projectRoot, '.localorg', 'org.db'));
    mkdirSync(path.dirname(file), { recursive: true });
    return file;
}

async function main(argv: string[]): Promise<void> {
    const json = wantsJson(argv);
    const flags = parseFlags(command, argv);
    const port = integerFlag('port', flags.port, 0, 65535)!;
    const file = databasePath(flags.db);
    let org: LocalOrg;
    try {
        org = LocalOrg.open(file, {
            production: flags.production === true,
            ...(flags['country-picklists'] ? { countryPicklists: true } : {})
        });
    } catch (error) {
        throw new ScriptError('OrgNotOpened', (error as Error).message);
    }
    // Once the preview is built (npm run preview:build), the org serves its /lightning pages too.
    const preview = join(projectRoot, 'preview', 'dist', 'main.js');
    const pagesFor = existsSync(preview) ? (await import('../../preview/server/pages.ts')).previewPages : undefined;
    const pages = pagesFor?.(org);
    let running;
    try {
        running = await startServer(org, port, '127.0.0.1', pages);
    } catch (error) {
        org.close();
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
            throw new ScriptError(
                'PortInUse',
                `Port ${port} is already in use. Stop what uses it or pass --port <other>.`
            );
        }
        throw error;
    }
    const devHub = flags['dev-hub'] || isDevHub(org) ? await DevHub.start(org, file, pagesFor) : undefined;
    const users = org
        .users()
        .map(({ username, accessToken, permissionSets }) => ({ username, accessToken, permissionSets }));
    const ready = {
        instanceUrl: running.origin,
        orgId: org.orgId,
        kind: org.kind,
        ...(devHub ? { devHub: true } : {}),
        users
    };
    process.stdout.write(`${JSON.stringify(ready)}\n`);
    if (!json) {
        process.stderr.write(
            `local-org (${org.kind} org) is listening on ${running.origin} (database ${file}).\n` +
                `Log the sf CLI in as the admin:\n` +
                `  SF_ACCESS_TOKEN='${users[0].accessToken}' npm run sf -- org login access-token --instance-url ${running.origin} --no-prompt --alias local\n` +
                `Stop with Ctrl+C.\n`
        );
    }
    const stop = async () => {
        await devHub?.stop();
        await running.close();
        org.close();
        process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
}

main(process.argv.slice(2)).catch((error: unknown) => {
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    if (wantsJson(process.argv)) process.stdout.write(`${JSON.stringify({ status: 1, name, message })}\n`);
    else process.stderr.write(`Error (${name}): ${message}\n`);
    process.exit(1);
});
