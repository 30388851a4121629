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
import { parseFlags } from './lib/cli.ts';
import { projectRoot } from './lib/project.ts';
import { sfEnv } from './lib/sfEnv.ts';

let targetOrg: string | undefined;
try {
    targetOrg = parseFlags(process.argv.slice(2), { 'target-org': { type: 'string', short: 'o' } })['target-org'];
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
