/**
 * An org readied once per test run and copied for every test file that needs it: readying an org (deploying
 * force-app, seeding) takes seconds and is the same work in every file, while the copy takes milliseconds. The image
 * is the org's whole SQLite database (Database#serialize); each copy is opened in memory (LocalOrg.open with the
 * image), so no two copies share anything and no test sees another's writes.
 *
 * An image is cached in the checkout's .localorg/test-images (not node_modules/.cache: worktrees may share one
 * node_modules), named by a hash of everything that goes into it (the sources the caller names and the UTC day, as
 * readying stamps records with the date), so a changed source or a new day builds a new one and a stale image is never
 * used. Concurrent test processes build it once (makeOnce.ts); the others wait for it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { projectRoot } from '../../../scripts/lib/project.ts';
import { LocalOrg, type OpenOptions } from '../../src/org.ts';
import { makeOnce } from './makeOnce.ts';

export const IMAGE_DIR = join(projectRoot, '.localorg', 'test-images');

export interface OrgImageRecipe {
    /** A file-name-safe name: the image's file is `<name>-<hash>.sqlite`. */
    name: string;
    /** Files and folders (relative to the project root, or absolute) whose contents go into the image. */
    sources: string[];
    /** How the org is made (production, country picklists); part of the key. */
    options?: OpenOptions;
    /** Readies the new in-memory org (deploy, seed...); throws when it cannot. */
    build(org: LocalOrg): Promise<void>;
}

/** Every file under `path`, sorted, so the same tree always hashes the same way. */
function filesUnder(path: string): string[] {
    if (!existsSync(path)) return [];
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path, { withFileTypes: true })
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .flatMap((entry) => filesUnder(join(path, entry.name)));
}

/**
 * The files of a source that git does not ignore (tracked or new), sorted: generated files such as
 * force-app/jsconfig.json, which `npm run typecheck` writes, must not make an image stale. Every file when git cannot
 * tell (no git, or a folder outside the checkout).
 */
function sourceFiles(source: string): string[] {
    const path = resolve(projectRoot, source);
    const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', path], {
        cwd: projectRoot,
        encoding: 'utf8'
    });
    if (listed.status !== 0 || listed.error) return filesUnder(path);
    return listed.stdout
        .split('\0')
        .filter((file) => file && existsSync(join(projectRoot, file)))
        .sort()
        .map((file) => join(projectRoot, file));
}

/** The hash of the recipe's name, options, sources (paths and contents) and today's UTC date. */
export function imageKey(recipe: OrgImageRecipe): string {
    const hash = createHash('sha256');
    hash.update(`${recipe.name}\n${JSON.stringify(recipe.options ?? {})}\n${new Date().toISOString().slice(0, 10)}\n`);
    for (const source of [...recipe.sources].sort()) {
        for (const file of sourceFiles(source)) {
            hash.update(`${relative(projectRoot, file)}\n`);
            hash.update(readFileSync(file));
        }
    }
    return hash.digest('hex').slice(0, 16);
}

async function buildImage(recipe: OrgImageRecipe, file: string): Promise<void> {
    const org = LocalOrg.open(':memory:', recipe.options);
    try {
        await recipe.build(org);
        const temporary = `${file}.${process.pid}.tmp`;
        await mkdir(IMAGE_DIR, { recursive: true });
        await writeFile(temporary, org.db.serialize());
        await rename(temporary, file);
    } finally {
        org.close();
    }
    // Images of older sources or days are never read again.
    for (const name of await readdir(IMAGE_DIR)) {
        if (name.startsWith(`${recipe.name}-`) && name.endsWith('.sqlite') && join(IMAGE_DIR, name) !== file)
            await rm(join(IMAGE_DIR, name), { force: true });
    }
}

async function loadImage(recipe: OrgImageRecipe): Promise<Buffer> {
    await mkdir(IMAGE_DIR, { recursive: true });
    const file = join(IMAGE_DIR, `${recipe.name}-${imageKey(recipe)}.sqlite`);
    for (;;) {
        // Another run whose sources changed meanwhile may have removed it: then it is built again.
        const image = await readFile(file).catch((error: NodeJS.ErrnoException) => {
            if (error.code === 'ENOENT') return undefined;
            throw error;
        });
        if (image) return image;
        await makeOnce(
            `${file}.lock`,
            () => existsSync(file),
            () => buildImage(recipe, file)
        );
    }
}

const loaded = new Map<string, Promise<Buffer>>();

/** The recipe's image, built once per set of sources and day (and once per process read from disk). */
export function orgImage(recipe: OrgImageRecipe): Promise<Buffer> {
    const key = `${recipe.name}\n${JSON.stringify(recipe.options ?? {})}`;
    let image = loaded.get(key);
    if (!image) {
        image = loadImage(recipe);
        loaded.set(key, image);
        image.catch(() => loaded.delete(key));
    }
    return image;
}

/** A new in-memory org holding a copy of the recipe's image. */
export async function openOrgCopy(recipe: OrgImageRecipe): Promise<LocalOrg> {
    return LocalOrg.open(await orgImage(recipe));
}
