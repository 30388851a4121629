/**
 * Settings components (`settings/Case.settings`, `settings/LightningExperience.settings`): what `sf org create
 * scratch` deploys from a definition file's `settings`. local-org accepts a setting only where it already behaves
 * as the setting asks (Web-to-Case on, with Origin Web; Lightning Experience, the only UI it has); any other
 * setting or value is refused by name, so nothing is stored and silently ignored.
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_casesettings.htm
 */
import type { Applied, Staging } from './objects.ts';
import { ComponentProblem } from './problem.ts';
import { storeMetadata } from './stored.ts';
import type { XmlNode } from './xml.ts';

/** Per settings type, the leaf paths local-org honours and the one value it honours for each. */
const HONOURED: Record<string, Record<string, string>> = {
    Case: { 'webToCase.enableWebToCase': 'true', 'webToCase.caseOrigin': 'Web' },
    LightningExperience: { enableS1DesktopEnabled: 'true' },
    // Shared Activities: local-org always relates tasks to several contacts (taskRelations.ts); a real org cannot
    // switch it off once on.
    Activities: { allowUsersToRelateMultipleContactsToTasksAndEvents: 'true' }
};

function leaves(node: unknown, prefix = ''): [string, string][] {
    if (node === null || typeof node !== 'object') return [[prefix, String(node)]];
    return Object.entries(node as XmlNode).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

export function applySettings(staging: Staging, fullName: string, root: XmlNode | undefined): Applied {
    const typeName = `${fullName}Settings`;
    if (!root) throw new ComponentProblem(`settings/${fullName}.settings is not a ${typeName} file`);
    const honoured = HONOURED[fullName];
    if (!honoured) throw new ComponentProblem(`${typeName} is not supported by local-org`);
    for (const [path, value] of leaves(root)) {
        if (honoured[path] === undefined)
            throw new ComponentProblem(`${typeName}.${path} is not supported by local-org`);
        if (honoured[path] !== value) {
            throw new ComponentProblem(
                `${typeName}.${path} = ${value} is not supported by local-org (it behaves as ${honoured[path]})`
            );
        }
    }
    return { created: storeMetadata(staging.db, typeName, fullName, root), changed: true };
}
