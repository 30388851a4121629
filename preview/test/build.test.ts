/**
 * The preview build refuses what it cannot provide: a `lightning/*`, `@salesforce/*` or `c/*` import that neither
 * preview/modules, force-app nor lightning-base-components resolves fails the build with a message naming the module
 * and its importer (rollup alone would only warn and leave a bare import that breaks in the browser). Each case
 * bundles one small component with the preview's own plugin chain.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { rollup } from 'rollup';
import { projectRoot } from '../../scripts/lib/project.ts';
import { rollupOptions } from '../build.ts';

// Inside the project: the LWC resolver looks upward from a component for the project's configuration.
mkdirSync(join(projectRoot, 'node_modules', '.cache'), { recursive: true });
const root = mkdtempSync(join(projectRoot, 'node_modules', '.cache', 'caseline-preview-build-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Bundles a component `c/<name>` whose template and script are given; resolves, or rejects with rollup's error. */
async function bundle(name: string, js: string, html = '<template></template>'): Promise<void> {
    const dir = join(root, name, 'components');
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, `${name}.js`), js);
    writeFileSync(join(dir, name, `${name}.html`), html);
    const options = rollupOptions({ outDir: join(root, name, 'dist'), componentDirs: [dir] });
    const build = await rollup({ ...options, input: { [name]: join(dir, name, `${name}.js`) } });
    await build.close();
}

const component = (imports: string) =>
    `import { LightningElement } from 'lwc';\n${imports}\nexport default class X extends LightningElement {}\n`;

describe('preview build', () => {
    test('fails naming a lightning/* module that nothing provides, used from a template', async () => {
        await assert.rejects(
            bundle(
                'usesMissingTag',
                component(''),
                '<template><lightning-flux-capacitor></lightning-flux-capacitor></template>'
            ),
            (error: Error) => {
                assert.match(error.message, /lightning\/fluxCapacitor is not available in the preview/);
                assert.match(error.message, /imported by .*usesMissingTag\.html/);
                return true;
            }
        );
    });

    test('fails naming an @salesforce/* module the preview does not implement', async () => {
        await assert.rejects(
            bundle('usesApex', component("import go from '@salesforce/apex/Controller.go';\nvoid go;")),
            /@salesforce\/apex\/Controller\.go is not available in the preview \(imported by .*usesApex\.js\)/
        );
    });

    test('fails naming a c/* component that is not in the project', async () => {
        await assert.rejects(
            bundle('usesMissingComponent', component(''), '<template><c-nowhere></c-nowhere></template>'),
            /c\/nowhere is not available in the preview/
        );
    });

    test('builds platform modules from preview/modules (record picker) and LBC alike', async () => {
        await bundle(
            'usesPicker',
            component("import { gql } from 'lightning/graphql';\nvoid gql;"),
            '<template><lightning-record-picker label="Account" object-api-name="Account"></lightning-record-picker><lightning-button label="Go"></lightning-button></template>'
        );
    });
});
