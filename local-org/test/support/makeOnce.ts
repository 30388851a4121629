/**
 * Makes something (an org image, the e2e preview bundle) once when several test processes need it at the same time:
 * node:test runs test files in parallel processes, and two of them writing the same files would leave a mix. A lock
 * file created exclusively (`wx`) names the process making it; the others wait for it. A lock left by a process that
 * died is removed.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** How long a waiting process gives another one to make the thing before it gives up. */
const WAIT_MS = 10 * 60_000;

function isRunning(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
}

/** Takes the lock file, or answers false when a live process holds it (a dead holder's lock is removed). */
async function tryLock(lock: string): Promise<boolean> {
    try {
        const handle = await open(lock, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.close();
        return true;
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number(await readFile(lock, 'utf8').catch(() => ''));
        if (holder && !isRunning(holder)) await rm(lock, { force: true });
        return false;
    }
}

/**
 * Runs `make` unless `isMade()` holds, in one process at a time: `isMade` is asked only under the lock, so a waiting
 * process never takes a half-written result (a bundle whose first file is written) for a made one.
 */
export async function makeOnce(lock: string, isMade: () => boolean, make: () => Promise<unknown>): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (!(await tryLock(lock))) {
        if (Date.now() > deadline) throw new Error(`${lock} was held for more than ${WAIT_MS / 1000} s`);
        await sleep(200);
    }
    try {
        if (!isMade()) await make();
    } finally {
        await rm(lock, { force: true });
    }
}
