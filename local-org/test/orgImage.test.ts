/**
 * The test support that readies an org once and copies it per test file (support/orgImage.ts): a copy shares
 * nothing with another copy, and an image is rebuilt when a source it names changes, never reused stale.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { IMAGE_DIR, imageKey, openOrgCopy, orgImage, type OrgImageRecipe } from './support/orgImage.ts';
import { rows } from './support/testOrg.ts';

describe('org images', () => {
    let sources: string;
    let builds = 0;
    let recipe: OrgImageRecipe;
    before(async () => {
        sources = await mkdtemp(join(tmpdir(), 'caseline-org-image-'));
        await writeFile(join(sources, 'a.txt'), 'first');
        recipe = {
            // Unique per run, so an image from an earlier run is not found and the build is counted.
            name: `test-${process.pid}-${Date.now()}`,
            sources: [sources],
            async build(org) {
                builds++;
                org.db.prepare("UPDATE Organization SET Name = 'Imaged Org'").run();
            }
        };
    });
    after(async () => {
        await rm(sources, { recursive: true, force: true });
        for (const name of await readdir(IMAGE_DIR))
            if (name.startsWith(`${recipe.name}-`)) await rm(join(IMAGE_DIR, name), { force: true });
    });

    test('each copy holds what the build did, and what one copy writes the other does not see', async () => {
        const first = await openOrgCopy(recipe);
        const second = await openOrgCopy(recipe);
        try {
            assert.equal(builds, 1, 'built once for both copies');
            assert.deepEqual(rows(first, 'SELECT Name FROM Organization'), [{ Name: 'Imaged Org' }]);
            first.db.prepare("UPDATE Organization SET Name = 'Changed'").run();
            assert.deepEqual(rows(second, 'SELECT Name FROM Organization'), [{ Name: 'Imaged Org' }]);
            assert.deepEqual(
                first.users().map((user) => user.accessToken),
                second.users().map((user) => user.accessToken),
                'a copy keeps the users and their sessions'
            );
        } finally {
            first.close();
            second.close();
        }
    });

    test('a changed or added source changes the key (the image file name), so a stale image is never read', async () => {
        const first = imageKey(recipe);
        await writeFile(join(sources, 'a.txt'), 'second');
        const changed = imageKey(recipe);
        await writeFile(join(sources, 'b.txt'), 'new file');
        const added = imageKey(recipe);
        assert.equal(new Set([first, changed, added]).size, 3);
    });

    test('a file git ignores (force-app/jsconfig.json, written by typecheck) does not change the key', async () => {
        await mkdir(IMAGE_DIR, { recursive: true });
        const ignored = await mkdtemp(join(IMAGE_DIR, 'ignored-source-'));
        try {
            const inCheckout = { ...recipe, sources: [ignored] };
            const first = imageKey(inCheckout);
            await writeFile(join(ignored, 'generated.json'), '{}');
            assert.equal(imageKey(inCheckout), first);
        } finally {
            await rm(ignored, { recursive: true, force: true });
        }
    });

    test('other options (a production org) are another image', async () => {
        await orgImage({ ...recipe, options: { production: true } });
        assert.equal(builds, 2);
    });
});
