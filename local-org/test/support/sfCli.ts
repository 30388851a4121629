/** The project's pinned sf CLI, run with a throw-away HOME so logins and config never leak between tests. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../../scripts/lib/project.ts';
import { sfEnv } from '../../../scripts/lib/sfEnv.ts';
import { SF } from '../../../scripts/lib/localOrgSetup.ts';

const run = promisify(execFile);

export interface SfHome {
    home: string;
    env: NodeJS.ProcessEnv;
    /** Runs `sf <args> --json`; resolves with the parsed output whatever the exit status. */
    sf(
        args: string[],
        env?: Record<string, string>
    ): Promise<{ status: number; result?: unknown; message?: string; name?: string }>;
    dispose(): Promise<void>;
}

export async function sfHome(): Promise<SfHome> {
    const home = await mkdtemp(join(tmpdir(), 'localorg-sf-'));
    const env = sfEnv(home);
    return {
        home,
        env,
        async sf(args, extra = {}) {
            try {
                const { stdout } = await run(process.execPath, [SF, ...args, '--json'], {
                    env: { ...env, ...extra },
                    cwd: projectRoot,
                    timeout: 120_000,
                    maxBuffer: 32 * 1024 * 1024
                });
                return JSON.parse(stdout);
            } catch (error) {
                const stdout = (error as { stdout?: string }).stdout;
                if (stdout) return JSON.parse(stdout);
                throw error;
            }
        },
        dispose: () => rm(home, { recursive: true, force: true })
    };
}

/** Logs the CLI in to a local org under an alias. */
export async function login(sf: SfHome, origin: string, token: string, alias: string): Promise<void> {
    const result = await sf.sf(
        ['org', 'login', 'access-token', '--instance-url', origin, '--no-prompt', '--alias', alias],
        { SF_ACCESS_TOKEN: token }
    );
    if (result.status !== 0) throw new Error(`sf org login failed: ${JSON.stringify(result)}`);
}
