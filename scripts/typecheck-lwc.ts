/**
 * Type-checks the components' JavaScript (checkJs) with @salesforce/lightning-types and our platform module types.
 *
 * LWC resolves `c/<name>` to `lwc/<name>/<name>.js`, which tsconfig `paths` cannot express with one wildcard, so this
 * writes force-app/jsconfig.json with one path per bundle (as the Salesforce VS Code extension does) and runs tsc.
 * The file is generated, git-ignored and never deployed.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from './lib/project.ts';

const forceApp = join(projectRoot, 'force-app');
const lwcDir = join(forceApp, 'main', 'default', 'lwc');

export function componentPaths(): Record<string, string[]> {
    const bundles = readdirSync(lwcDir, { withFileTypes: true }).filter(
        (entry) => entry.isDirectory() && existsSync(join(lwcDir, entry.name, `${entry.name}.js`))
    );
    return Object.fromEntries(
        bundles.map((bundle) => [`c/${bundle.name}`, [`./main/default/lwc/${bundle.name}/${bundle.name}.js`]])
    );
}

function writeConfig(): string {
    const file = join(forceApp, 'jsconfig.json');
    const config = {
        compilerOptions: {
            target: 'ES2022',
            module: 'ESNext',
            moduleResolution: 'bundler',
            lib: ['ES2022', 'DOM', 'DOM.Iterable'],
            allowJs: true,
            checkJs: true,
            noEmit: true,
            strict: true,
            skipLibCheck: true,
            types: [],
            paths: componentPaths()
        },
        include: [
            'main/default/lwc/**/*.js',
            relative(forceApp, join(projectRoot, 'types', 'lwc', 'platform-modules.d.ts')),
            relative(
                forceApp,
                join(projectRoot, 'node_modules', '@salesforce', 'lightning-types', 'dist', 'index.d.ts')
            )
        ],
        exclude: ['**/__tests__/**']
    };
    writeFileSync(file, `${JSON.stringify(config, null, 4)}\n`);
    return file;
}

const config = writeConfig();
const tsc = join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', config], { stdio: 'inherit' });
process.exit(result.status ?? 1);
