/**
 * `npm run preview:build` (`-- --watch` for `npm run dev`; also run by `npm ci` as `prepare`): bundles the preview shell and every force-app
 * component into preview/dist with rollup and @lwc/rollup-plugin (the lwc version sfdx-lwc-jest uses), resolving
 * `lightning/*` to lightning-base-components except the platform modules re-implemented in preview/modules.
 */
import lwcModule from '@lwc/rollup-plugin';
import replaceModule from '@rollup/plugin-replace';
import { existsSync, readdirSync, readFileSync, statSync, watch as watchFs } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup, type Plugin, type RollupCache, type RollupOptions } from 'rollup';
import { projectRoot } from '../scripts/lib/project.ts';
import { defineCommand, parseFlags } from '../scripts/lib/cli.ts';

/** Both plugins are CommonJS with a `default` export; Node's ESM loader may hand over either layer. */
function interop<T>(module: { default: T }): T {
    return ((module as unknown as { default?: T }).default ?? module) as T;
}
const lwc = interop(lwcModule as unknown as { default: typeof lwcModule.default });
const replace = interop(replaceModule as unknown as { default: typeof replaceModule.default });

export const previewRoot = join(projectRoot, 'preview');
export const distDir = join(previewRoot, 'dist');

/** force-app's bundles as `c/<name>`: the SFDX layout has no namespace folder for the LWC resolver to infer. */
export function componentBundles(root = projectRoot): { name: string; path: string }[] {
    const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as {
        packageDirectories: { path: string }[];
    };
    const bundles: { name: string; path: string }[] = [];
    const walk = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            if (!entry.isDirectory() || entry.name === '__tests__' || entry.name === 'node_modules') continue;
            const full = join(dir, entry.name);
            if (basename(dir) === 'lwc') {
                const main = join(full, `${entry.name}.js`);
                if (existsSync(main)) bundles.push({ name: `c/${entry.name}`, path: main });
                continue;
            }
            walk(full);
        }
    };
    for (const { path } of project.packageDirectories) walk(join(root, path));
    return bundles.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The `@salesforce/*` scoped modules, as the platform compiles them: schema imports become `{objectApiName,
 * fieldApiName}`, labels and the user id are read from what the page loaded from the org before the bundle ran.
 */
function salesforceScopedModules(bundles: { name: string }[]): Plugin {
    const prefix = '\0sf:';
    return {
        name: 'salesforce-scoped-modules',
        resolveId(source) {
            if (/^@salesforce\/(schema\/|label\/c\.|user\/)/.test(source) || source === 'preview:components')
                return prefix + source;
            return null;
        },
        load(id) {
            if (!id.startsWith(prefix)) return null;
            const source = id.slice(prefix.length);
            if (source === 'preview:components') {
                const entries = bundles.map(
                    (b) => `    ${JSON.stringify(b.name.slice(2))}: () => import(${JSON.stringify(b.name)})`
                );
                return `export default {\n${entries.join(',\n')}\n};\n`;
            }
            const [, scope, ...rest] = source.split('/');
            const name = rest.join('/');
            if (scope === 'schema') {
                const [objectApiName, ...path] = name.split('.');
                const value = path.length ? { objectApiName, fieldApiName: path.join('.') } : { objectApiName };
                return `export default ${JSON.stringify(value)};\n`;
            }
            if (scope === 'label') {
                return `import { label } from 'preview/session';\nexport default label(${JSON.stringify(name)});\n`;
            }
            if (scope === 'user' && name === 'Id') {
                return `import { session } from 'preview/session';\nexport default session().userId;\n`;
            }
            if (scope === 'user' && name === 'isGuest') return 'export default false;\n';
            this.error(`${source} is not supported by the preview (no local implementation of this module)`);
        }
    };
}

/**
 * Last in the plugin chain: a platform module (`lightning/*`, `@salesforce/*`) or a component (`c/*`) that neither
 * preview/modules, force-app nor lightning-base-components provides fails the build, naming the module and its
 * importer. Rollup would otherwise only warn and leave a bare import that breaks the component at runtime.
 */
export function platformModulesOnly(): Plugin {
    return {
        name: 'platform-modules-only',
        resolveId(source, importer) {
            if (!/^(lightning|c)\/|^@salesforce\//.test(source)) return null;
            const from = importer ? ` (imported by ${relative(projectRoot, importer)})` : '';
            this.error(
                `${source} is not available in the preview${from}: lightning-base-components does not ship it and ` +
                    'preview/modules/ has no local implementation of it'
            );
        }
    };
}

/** Where a build goes and which component folders it adds to force-app's (the e2e tests add a probe). */
export interface BuildTarget {
    outDir: string;
    componentDirs: string[];
}

export const defaultTarget: BuildTarget = { outDir: distDir, componentDirs: [] };

/** `<dir>/<name>/<name>.js` bundles as `c/<name>`. */
function bundlesIn(dir: string): { name: string; path: string }[] {
    return readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, `${entry.name}.js`)))
        .map((entry) => ({ name: `c/${entry.name}`, path: join(dir, entry.name, `${entry.name}.js`) }));
}

export function rollupOptions(target: BuildTarget = defaultTarget): RollupOptions {
    const bundles = [...componentBundles(), ...target.componentDirs.flatMap(bundlesIn)];
    return {
        input: { main: join(previewRoot, 'app', 'main.js') },
        output: {
            dir: target.outDir,
            format: 'esm',
            sourcemap: true,
            entryFileNames: '[name].js',
            chunkFileNames: 'chunks/[name]-[hash].js'
        },
        plugins: [
            salesforceScopedModules(bundles),
            replace({
                preventAssignment: true,
                values: { 'process.env.NODE_ENV': '"development"', 'import.meta.env.SSR': 'false' }
            }),
            lwc({
                rootDir: previewRoot,
                apiVersion: 66,
                enableDynamicComponents: true,
                enableSyntheticElementInternals: true,
                modules: [...bundles, { dir: join(previewRoot, 'modules') }, { npm: 'lightning-base-components' }]
            }),
            platformModulesOnly()
        ],
        onwarn(warning, warn) {
            const where = String(warning.id ?? warning.loc?.file ?? '');
            if (warning.code === 'CIRCULAR_DEPENDENCY' || where.includes('node_modules')) return;
            warn(warning);
        }
    };
}

/** Newest modification time of the files under a folder (tests, node_modules and build output excluded). */
function newest(dir: string): number {
    let latest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === '__tests__') continue;
        const full = join(dir, entry.name);
        latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
    }
    return latest;
}

/** Whether preview/dist is newer than everything it is built from. */
export function isBuildCurrent(target: BuildTarget = defaultTarget): boolean {
    const bundle = join(target.outDir, 'main.js');
    if (!existsSync(bundle)) return false;
    const built = statSync(bundle).mtimeMs;
    // Only the components are bundled (labels and pages are read from the org); force-app/jsconfig.json, which
    // `npm run typecheck` writes, must not make a fresh bundle look stale.
    const sources = [
        join(projectRoot, 'force-app', 'main', 'default', 'lwc'),
        join(previewRoot, 'modules'),
        join(previewRoot, 'app'),
        ...target.componentDirs
    ];
    return sources.every((dir) => newest(dir) < built) && statSync(join(previewRoot, 'build.ts')).mtimeMs < built;
}

export async function build(target: BuildTarget = defaultTarget): Promise<number> {
    const started = performance.now();
    const options = rollupOptions(target);
    const bundle = await rollup(options);
    try {
        await bundle.write(options.output as never);
    } finally {
        await bundle.close();
    }
    return performance.now() - started;
}

/**
 * Builds, then rebuilds on every change under force-app, preview/modules and preview/app (recursive fs.watch and
 * rollup's module cache, so a rebuild recompiles only what changed); resolves once the first build is written.
 * New component folders are picked up on the next rebuild.
 */
export function watchBuild(log: (line: string) => void, target: BuildTarget = defaultTarget): Promise<void> {
    let cache: RollupCache | undefined;
    let building = false;
    let again = false;
    let timer: NodeJS.Timeout | undefined;
    const once = async (): Promise<void> => {
        building = true;
        const started = performance.now();
        try {
            const options = rollupOptions(target);
            const bundle = await rollup({ ...options, cache });
            cache = bundle.cache;
            await bundle.write(options.output as never);
            await bundle.close();
            log(`preview: built in ${Math.round(performance.now() - started)} ms`);
        } catch (error) {
            log(`preview: build failed: ${(error as Error).message}`);
        }
        building = false;
        if (again) {
            again = false;
            await once();
        }
    };
    const changed = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => {
            if (building) again = true;
            else void once();
        }, 100);
    };
    const sources = [join(projectRoot, 'force-app'), join(previewRoot, 'modules'), join(previewRoot, 'app')];
    for (const dir of [...sources, ...target.componentDirs]) watchFs(dir, { recursive: true }, changed);
    return once();
}

const command = defineCommand({
    run: 'npm run preview:build',
    summary: "Bundle the preview shell and force-app's components into preview/dist.",
    description:
        'npm start and npm run dev build it themselves; npm ci runs it as prepare. `npm run org` serves the pages\n' +
        'once preview/dist exists.',
    flags: {
        watch: {
            type: 'boolean',
            default: false,
            summary: 'Rebuild whenever force-app or preview changes (npm run dev).'
        },
        prepare: {
            type: 'boolean',
            default: false,
            summary: 'As npm ci runs it: a failed build is reported but exits 0 (npm start builds again).'
        }
    },
    examples: [
        { summary: 'Build once:', args: '' },
        { summary: 'Rebuild on every change:', args: '--watch' }
    ]
});

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    let flags: { watch?: boolean; prepare?: boolean };
    try {
        flags = parseFlags(command, process.argv.slice(2));
    } catch (error) {
        process.stderr.write(`preview: ${(error as Error).message}\n`);
        process.exit(1);
    }
    if (flags.watch) {
        void watchBuild((line) => process.stderr.write(`${line}\n`));
    } else {
        build().then(
            (ms) => process.stderr.write(`preview: built ${distDir} in ${(ms / 1000).toFixed(1)} s\n`),
            (error: unknown) => {
                process.stderr.write(`preview: build failed: ${(error as Error).message}\n`);
                // During npm ci (prepare) a failed build must not fail the install: npm start builds again and
                // reports the error there.
                process.exit(flags.prepare ? 0 : 1);
            }
        );
    }
}
