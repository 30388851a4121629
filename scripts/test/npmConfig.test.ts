import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../lib/project.ts';

type PackageJson = { allowScripts?: Record<string, boolean> };
type LockFile = { packages: Record<string, { version?: string; hasInstallScript?: boolean }> };

/** npm's environment without what an enclosing `npm run` exported, so only the project's own config counts. */
function cleanEnv(home: string): NodeJS.ProcessEnv {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
    return { ...env, HOME: home, USERPROFILE: home };
}

test("npm reads the project's config without an unknown-config warning", async () => {
    const home = await mkdtemp(join(tmpdir(), 'caseline-npm-home-'));
    const run = spawnSync('npm', ['pkg', 'get', 'name'], { cwd: projectRoot, env: cleanEnv(home), encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /Unknown (project|user|builtin|global) config/);
});

test('every dependency with an install script is approved or denied in allowScripts (npm 11 warns, npm 12 blocks)', async () => {
    const pkg = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8')) as PackageJson;
    const lock = JSON.parse(await readFile(join(projectRoot, 'package-lock.json'), 'utf8')) as LockFile;
    const reviewed = Object.keys(pkg.allowScripts ?? {});
    const unreviewed = Object.entries(lock.packages)
        .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
        .map(([path, entry]) => ({
            name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
            entry
        }))
        // The lockfile records no `resolved` URLs, so npm cannot match a pinned `name@version` entry: name-only keys.
        .filter(({ name }) => !reviewed.includes(name))
        .map(({ name, entry }) => `${name}@${entry.version}`);
    assert.deepEqual(unreviewed, []);
    assert.equal(pkg.allowScripts?.['better-sqlite3'], true, 'better-sqlite3 must build its native binary');
});

test("better-sqlite3's prebuild-install is told to build from source by the project's .prebuild-installrc", async () => {
    const home = await mkdtemp(join(tmpdir(), 'caseline-npm-home-'));
    const rc = join(projectRoot, 'node_modules', 'prebuild-install', 'rc.js');
    // prebuild-install runs in the package's own folder; rc finds .prebuild-installrc by walking up from there.
    const run = spawnSync(
        process.execPath,
        ['-e', `console.log(require(${JSON.stringify(rc)})({ name: 'better-sqlite3' }).buildFromSource)`],
        { cwd: join(projectRoot, 'scripts'), env: cleanEnv(home), encoding: 'utf8' }
    );
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), 'true');
});
