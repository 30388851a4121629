import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../lib/project.ts';
import { sfEnv } from '../lib/sfEnv.ts';

/** Runs a script as a user would, with a HOME of its own so no real org login is visible. */
async function run(script: string, ...args: string[]) {
    const home = await mkdtemp(join(tmpdir(), 'caseline-home-'));
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts', script), ...args], {
        cwd: projectRoot,
        env: sfEnv(home),
        encoding: 'utf8',
        timeout: 60_000
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('deploy without --target-org says the flag is required, points at --help and exits 1', async () => {
    const result = await run('deploy.ts', '--json');
    assert.equal(result.status, 1);
    const output = JSON.parse(result.stdout);
    assert.equal(output.status, 1);
    assert.equal(output.name, 'InvalidFlags');
    assert.equal(output.message, 'Missing required flag --target-org. See `npm run deploy -- --help`.');
});

test('an unknown alias is named in a clear error, without a stack trace', async () => {
    const result = await run('deploy.ts', '--target-org', 'no-such-org');
    assert.equal(result.status, 1);
    assert.match(
        result.stderr,
        /Error \(UnknownTargetOrg\): No org is logged in as "no-such-org"\. Check `npm run sf -- org list`/
    );
    assert.doesNotMatch(result.stderr, /\n\s+at /);
});

test('bad flags are refused before anything runs', async () => {
    const unknown = await run('seed.ts', '--target-org', 'x', '--acounts', '5', '--json');
    assert.equal(unknown.status, 1);
    assert.equal(JSON.parse(unknown.stdout).name, 'InvalidFlags');
    const notANumber = await run('seed.ts', '--target-org', 'x', '--accounts', 'many', '--json');
    assert.equal(notANumber.status, 1);
    assert.equal(
        JSON.parse(notANumber.stdout).message,
        '--accounts must be a whole number from 1 to 1000000, not "many".'
    );
});

test('an invalid plan is reported before the org is contacted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caseline-badplan-'));
    await writeFile(join(dir, 'bad-plan.json'), JSON.stringify([{ sobject: 'Account', files: ['Account.json'] }]));
    await writeFile(
        join(dir, 'Account.json'),
        JSON.stringify({ records: [{ attributes: { type: 'Account', referenceId: 'A1' }, Name: 'No key' }] })
    );
    const result = await run('seed.ts', '--target-org', 'no-such-org', '--plan', join(dir, 'bad-plan.json'), '--json');
    assert.equal(result.status, 1);
    const output = JSON.parse(result.stdout);
    assert.equal(output.name, 'InvalidPlan');
    assert.equal(output.message, 'Account.json A1: needs Caseline_Key__c so seeding can upsert it.');
});

test('test:org without an org skips and says so', async () => {
    const result = await run('test-org.ts');
    assert.equal(result.status, 0);
    assert.match(result.stdout, /test:org skipped: no org given/);
});
