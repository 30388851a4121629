/**
 * The components' own GraphQL documents and request builders, for tests that send them to an org exactly as the
 * components do (local-org's tests, and the org smoke tests of `npm run test:org`).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prospectModule from '../../force-app/main/default/lwc/prospectInput/prospectInput.js';
import { projectRoot } from './project.ts';

/** A gql document of a component, by the constant that holds it in any module of its bundle: the text it sends. */
export function componentDocument(component: string, constant: string): string {
    const bundle = join(projectRoot, 'force-app', 'main', 'default', 'lwc', component);
    const pattern = new RegExp(`const ${constant} = gql\`([^\`]*)\``);
    const files = readdirSync(bundle).filter((name) => name.endsWith('.js'));
    const match = files.map((name) => pattern.exec(readFileSync(join(bundle, name), 'utf8'))).find(Boolean);
    assert.ok(match, `${constant} is a gql document in the ${component} bundle`);
    return match[1];
}

// The LWC module sits in the CommonJS root package, so Node (through tsx) may hand its exports over as `default`.
const prospect = (
    'default' in prospectModule
        ? (prospectModule as unknown as { default: typeof prospectModule }).default
        : prospectModule
) as typeof prospectModule;

/** c/prospectInput: the prospect mutation's variables and the org's countries, as webFormIntake builds them. */
export const { COUNTRY_OBJECT_INFO_INPUTS, countriesOf, prospectVariables } = prospect;
