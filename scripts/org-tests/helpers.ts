import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../lib/project.ts';
import { sfEnv } from '../lib/sfEnv.ts';

export const targetOrg = process.env.CASELINE_TARGET_ORG ?? '';

export type ScriptRun = { status: number | null; json: { status: number; result?: unknown; message?: string } };

/** Runs one of our npm scripts with --json against the target org and parses its output. */
export function runScriptJson(script: 'deploy' | 'seed', ...args: string[]): ScriptRun {
    const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(projectRoot, 'scripts', `${script}.ts`), '--target-org', targetOrg, '--json', ...args],
        { cwd: projectRoot, env: sfEnv(), encoding: 'utf8', timeout: 15 * 60 * 1000 }
    );
    return { status: run.status, json: JSON.parse(run.stdout) };
}
