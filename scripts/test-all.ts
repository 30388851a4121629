/**
 * npm test: runs every test stage (jest for components, node:test for scripts/local-org/preview, the browser tests)
 * even when an earlier one fails, then prints one summary line per stage and exits 1 if any failed. Chaining the
 * stages with `&&` let one failing stage silently skip the others (issue 17).
 */
import { spawnSync } from 'node:child_process';
import { defineCommand, parseFlags, ScriptError } from './lib/cli.ts';

const command = defineCommand({
    run: 'npm test',
    summary: 'Run every test stage (components, TypeScript, browser), even after one fails, then a summary.',
    description:
        'Stages: test:lwc (sfdx-lwc-jest), test:ts (node:test over scripts, local-org and preview), test:e2e (the\n' +
        'browser tests; skipped without /usr/bin/chromium). Exit 1 when any stage failed. Run a stage alone with\n' +
        '`npm run test:ts`; arguments after -- go to that tool.',
    flags: {},
    examples: [{ summary: 'Every stage:', args: '' }]
});

try {
    parseFlags(command, process.argv.slice(2));
} catch (error) {
    console.error(`Error (${(error as ScriptError).name}): ${(error as Error).message}`);
    process.exit(1);
}

const STAGES = ['test:lwc', 'test:ts', 'test:e2e'] as const;

type StageResult = { stage: string; status: number | null; seconds: number };

function runStage(stage: string): StageResult {
    const started = performance.now();
    const run = spawnSync('npm', ['run', '--silent', stage], { stdio: 'inherit' });
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    return { stage, status: run.error ? null : run.status, seconds };
}

const results = STAGES.map(runStage);
const failed = results.filter((result) => result.status !== 0);
console.log('\n== npm test summary');
for (const { stage, status, seconds } of results) {
    const outcome = status === 0 ? 'passed' : `FAILED (exit ${status ?? 'none: could not start'})`;
    console.log(`  ${stage.padEnd(9)} ${outcome} in ${seconds} s`);
}
console.log(failed.length ? `${failed.length} of ${results.length} stages failed.` : 'All stages passed.');
process.exitCode = failed.length ? 1 : 0;
