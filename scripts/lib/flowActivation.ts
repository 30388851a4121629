/**
 * After a deploy: are force-app's flows active in the org? A production org receives deployed flows inactive unless
 * its "Deploy processes and flows as active" setting is on, and that setting requires Apex tests covering the flows
 * (Metadata API Developer Guide, "Flow"; Tooling API, "FlowTestCoverage"), which Caseline, having no Apex, cannot
 * give. So on production the flows are activated by hand, and the deploy says which and how.
 */
import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from '@salesforce/core';

const FLOW_SUFFIX = '.flow-meta.xml';

export type FlowState = { apiName: string; label: string; isActive: boolean };

/** API names of the flows force-app ships. */
export async function projectFlowNames(projectRoot: string): Promise<string[]> {
    const dir = join(projectRoot, 'force-app', 'main', 'default', 'flows');
    if (!existsSync(dir)) return [];
    return (await readdir(dir))
        .filter((file) => file.endsWith(FLOW_SUFFIX))
        .map((file) => file.slice(0, -FLOW_SUFFIX.length))
        .sort();
}

/**
 * Each flow's state from FlowDefinitionView (Object Reference: IsActive "indicates whether the latest version of the
 * flow definition is the active flow version"). A flow the org does not list is reported as not active.
 */
export async function flowStates(connection: Connection, names: string[]): Promise<FlowState[]> {
    if (names.length === 0) return [];
    const list = names.map((name) => `'${name.replace(/'/g, "\\'")}'`).join(', ');
    const result = await connection.query<{ ApiName: string; Label: string; IsActive: boolean }>(
        `SELECT ApiName, Label, IsActive, ActiveVersionId, LatestVersionId FROM FlowDefinitionView WHERE ApiName IN (${list})`
    );
    const byName = new Map(result.records.map((record) => [record.ApiName, record]));
    return names.map((apiName) => {
        const record = byName.get(apiName);
        return { apiName, label: record?.Label ?? apiName, isActive: record?.IsActive === true };
    });
}

/** What to do about inactive flows, for people. */
export function activationSteps(inactive: FlowState[]): string {
    return [
        `Flows deployed but not active: ${inactive.map((flow) => `${flow.label} (${flow.apiName})`).join(', ')}.`,
        'This org received them inactive, as a production org does. Until they are active, Log Review creates no',
        'task and the match keys go stale. Activate each one, as a user with the Manage Flow permission:',
        '  1. Setup → Process Automation → Flows.',
        "  2. Click the flow's label to open its latest version in Flow Builder.",
        '  3. Click Activate.',
        'Setup → Flows then shows each as Active. See README, "Deploying to production".'
    ].join('\n');
}
