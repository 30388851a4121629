/**
 * npm run test:org -- --target-org <alias|username>
 *
 * The optional smoke suite against a real org (scratch, sandbox or the local org): deploys, seeds twice and reads
 * back what landed, so what local-org proves can be confirmed on Salesforce itself. Without --target-org it says
 * so and skips. It writes demo data: never point it at production.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand, parseFlags } from './lib/cli.ts';
import { projectRoot } from './lib/project.ts';
import { sfEnv } from './lib/sfEnv.ts';

const command = defineCommand({
    run: 'npm run test:org',
    summary: 'The smoke suite against a real org: deploys, seeds twice and reads back what landed.',
    description:
        'It writes demo data: never point it at production. Without --target-org it says so and skips (exit 0).',
    flags: {
        'target-org': {
            type: 'string',
            short: 'o',
            value: 'alias|username',
            summary: 'The org, as an alias or username the sf CLI is logged in to (`npm run sf -- org list`).'
        }
    },
    examples: [
        { summary: 'Smoke-test a scratch org:', args: '--target-org caseline' },
        { summary: 'Smoke-test the local org that `npm start` runs:', args: '--target-org caseline-local' }
    ]
});

let targetOrg: string | undefined;
try {
    targetOrg = parseFlags(command, process.argv.slice(2))['target-org'];
} catch (error) {
    console.error(`Error: ${(error as Error).message}`);
    process.exit(1);
}

if (!targetOrg) {
    console.log('test:org skipped: no org given. Run `npm run test:org -- --target-org <alias>` to smoke-test an org.');
    process.exit(0);
}

const dir = join(projectRoot, 'scripts', 'org-tests');
const files = readdirSync(dir)
    .filter((file) => file.endsWith('.test.ts'))
    .sort()
    .map((file) => join(dir, file));
// Run from inside another node:test run (local-org's own tests do), the inherited NODE_TEST_CONTEXT would make this
// runner report to a parent that is not listening and run nothing.
const { NODE_TEST_CONTEXT: _parentRunner, ...env } = sfEnv();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
    stdio: 'inherit',
    cwd: projectRoot,
    env: { ...env, CASELINE_TARGET_ORG: targetOrg }
});
process.exit(result.status ?? 1);
