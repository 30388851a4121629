/** makeOnce (test support): parallel test processes make a shared thing once, and a dead process's lock is taken over. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { makeOnce } from './support/makeOnce.ts';

let dir: string;
before(async () => (dir = await mkdtemp(join(tmpdir(), 'caseline-make-once-'))));
after(() => rm(dir, { recursive: true, force: true }));

test('callers at the same time make it once; the others find it made only once it is complete', async () => {
    const lock = join(dir, 'a.lock');
    let made = false;
    let makes = 0;
    const seen: boolean[] = [];
    const make = async () => {
        makes++;
        await sleep(300);
        made = true;
    };
    await Promise.all(
        [1, 2, 3].map(async () => {
            await makeOnce(lock, () => made, make);
            seen.push(made);
        })
    );
    assert.equal(makes, 1);
    assert.deepEqual(seen, [true, true, true]);
    assert.equal(existsSync(lock), false, 'the lock is released');
});

test('a lock left by a process that is gone is removed, and the thing made', async () => {
    const lock = join(dir, 'b.lock');
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    await writeFile(lock, gone.stdout.trim());
    let made = false;
    await makeOnce(
        lock,
        () => made,
        async () => (made = true)
    );
    assert.equal(made, true);
});
