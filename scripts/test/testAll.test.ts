import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../lib/project.ts';

test('npm test runs every stage when the first fails, names the failing stage and exits 1', async () => {
    // A project whose stages are stand-ins: the runner reads them from the package.json of its working folder.
    const dir = await mkdtemp(join(tmpdir(), 'caseline-test-all-'));
    await writeFile(
        join(dir, 'package.json'),
        JSON.stringify({
            name: 'stages',
            private: true,
            scripts: { 'test:lwc': 'exit 3', 'test:ts': 'echo ts-stage-ran', 'test:e2e': 'echo e2e-stage-ran' }
        })
    );
    const tsx = join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const run = spawnSync(process.execPath, [tsx, join(projectRoot, 'scripts', 'test-all.ts')], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /ts-stage-ran/);
    assert.match(run.stdout, /e2e-stage-ran/);
    assert.match(run.stdout, /test:lwc +FAILED \(exit 3\)/);
    assert.match(run.stdout, /test:ts +passed/);
    assert.match(run.stdout, /test:e2e +passed/);
    assert.match(run.stdout, /1 of 3 stages failed\./);
});
