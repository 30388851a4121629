/**
 * `npm start [-- --port N] [--db FILE]`: the local org with a persistent database (.localorg/org.db), force-app
 * deployed to it through the deploy script, demo data seeded through the seed script when the org has no cases,
 * the preview built and served on the org's origin; prints the URL. Re-running keeps the data.
 * `npm run dev` is the same with the preview rebuilt on every change (`--watch`).
 *
 * The scripts reach the org the way they reach any org: `sf org login access-token` under the alias
 * `caseline-local`, in the developer's own sf CLI logins (aliases and logins are per user, not per project: "Aliases
 * are global", sf alias set), so `npm run deploy -- --target-org caseline-local` and `npm run sf --` work with no
 * HOME of their own. The admin's username is fixed, so each start replaces the one login rather than adding one.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LocalOrg } from '../local-org/src/org.ts';
import { startServer } from '../local-org/src/server.ts';
import { isBuildCurrent } from '../preview/build.ts';
import { previewPages } from '../preview/server/pages.ts';
import { defineCommand, integerFlag, parseFlags, ScriptError } from './lib/cli.ts';
import {
    assignPermissionSets,
    deployProject,
    hasCases,
    joinQueues,
    loginLocal,
    runChild,
    seedDemoData,
    TSX
} from './lib/localOrgSetup.ts';
import { projectRoot } from './lib/project.ts';
import { sfEnv } from './lib/sfEnv.ts';

/** The alias `npm start` logs the sf CLI in under. */
const LOCAL_ALIAS = 'caseline-local';

const command = defineCommand({
    run: 'npm start',
    summary:
        'Run Caseline locally: the local org, force-app deployed, demo data and the preview; prints the URL to open.',
    description:
        'The database persists (.localorg/org.db): re-running keeps the data; delete .localorg/ for a fresh org.\n' +
        `The sf CLI is logged in to the org as "${LOCAL_ALIAS}" (in your own sf CLI logins), so the scripts and\n` +
        `\`npm run sf --\` reach it with --target-org ${LOCAL_ALIAS}. \`npm run dev\` is the same with --watch.`,
    flags: {
        port: {
            type: 'string',
            default: '6101',
            value: 'port',
            summary: 'The port to listen on (127.0.0.1), 0 for any free one.'
        },
        db: { type: 'string', value: 'file', summary: "The org's database file.", defaultText: '.localorg/org.db' },
        watch: {
            type: 'boolean',
            default: false,
            summary: 'Rebuild the preview whenever force-app or preview changes.'
        }
    },
    examples: [
        { summary: 'Start it:', args: '' },
        { summary: 'On another port, with a second database:', args: '--port 6111 --db .localorg/other.db' }
    ]
});

const started = performance.now();

function elapsed(): string {
    return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

function log(line: string): void {
    process.stderr.write(`[${elapsed()}] ${line}\n`);
}

async function main(argv: string[]): Promise<void> {
    const flags = parseFlags(command, argv);
    const port = integerFlag('port', flags.port, 0, 65535)!;
    const stateDir = join(projectRoot, '.localorg');
    mkdirSync(stateDir, { recursive: true });
    const env = sfEnv();

    // The build runs beside the org's setup: it is the slowest step and needs nothing from the org.
    let build: Promise<unknown>;
    if (flags.watch) {
        log('preview: building and watching force-app and preview for changes');
        const watcher = spawn(process.execPath, [TSX, join('preview', 'build.ts'), '--watch'], {
            cwd: projectRoot,
            env,
            stdio: ['ignore', 'inherit', 'pipe']
        });
        build = new Promise<void>((resolve) => {
            watcher.stderr.on('data', (chunk: Buffer) => {
                process.stderr.write(chunk);
                if (/built in|build failed/.test(String(chunk))) resolve();
            });
        });
        process.once('exit', () => watcher.kill());
    } else if (isBuildCurrent()) {
        log('preview: the build is current');
        build = Promise.resolve();
    } else {
        log('preview: building');
        build = runChild([TSX, join('preview', 'build.ts')], env).then(() => log('preview: built'));
    }
    build.catch(() => undefined);

    const dbFile = flags.db ?? join(stateDir, 'org.db');
    const org = LocalOrg.open(dbFile);
    const running = await startServer(org, port, '127.0.0.1', previewPages(org)).catch(
        (error: NodeJS.ErrnoException) => {
            org.close();
            if (error.code === 'EADDRINUSE') {
                throw new ScriptError(
                    'PortInUse',
                    `Port ${port} is already in use. Stop what uses it or pass --port <other>.`
                );
            }
            throw error;
        }
    );
    const stop = async () => {
        await running.close();
        org.close();
        process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    const origin = running.origin;
    const admin = org.users()[0];
    log(`local-org: listening on ${origin} (database ${dbFile})`);

    await loginLocal(origin, admin.accessToken, LOCAL_ALIAS);
    log(`sf: logged in to the local org as "${LOCAL_ALIAS}"`);
    await deployProject(LOCAL_ALIAS);
    log('deploy: force-app deployed');
    const [, agent, viewer] = org.users();
    await assignPermissionSets(origin, admin, agent, viewer);
    await joinQueues(origin, admin, [admin, agent]);
    if (await hasCases(origin, admin.accessToken)) {
        log('seed: the org has data; kept as it is');
    } else {
        await seedDemoData(LOCAL_ALIAS);
        log('seed: demo data loaded');
    }
    await build;
    const url = `${origin}/preview/switch?user=agent&retURL=${encodeURIComponent('/lightning/o/Case/list')}`;
    log('ready');
    process.stdout.write(
        `\nCaseline preview: ${url}\n` +
            `  (signs you in as the agent; switch users in the page header)\n` +
            `  Public web form: ${origin}/preview/web-form\n` +
            `  The sf CLI and the scripts reach it as ${LOCAL_ALIAS}, e.g.\n` +
            `    npm run seed -- --target-org ${LOCAL_ALIAS}\n` +
            `    npm run sf -- data query --query "SELECT CaseNumber, Subject FROM Case" --target-org ${LOCAL_ALIAS}\n` +
            `Stop with Ctrl+C.\n`
    );
}

main(process.argv.slice(2)).catch((error: unknown) => {
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Error (${name}): ${message}\n`);
    process.exit(1);
});
