/**
 * npm run deploy -- --target-org <alias|username> [--dry-run] [--wait <minutes>] [--json]
 *
 * Deploys force-app with the Metadata API, merging Case Status, Case Type and Contract Status into the org's
 * existing values instead of replacing them, and prints component failures as a table.
 */
import { ComponentSet, RequestStatus } from '@salesforce/source-deploy-retrieve';
import { join } from 'node:path';
import { createOutput, formatTable, integerFlag, parseFlags, runScript, wantsJson } from './lib/cli.ts';
import {
    componentFailures,
    retrieveStandardValueSets,
    stageProject,
    standardValueSetNames,
    type ComponentFailure
} from './lib/deployment.ts';
import { connectToOrg } from './lib/org.ts';
import { projectRoot } from './lib/project.ts';

type DeployOutcome = {
    success: boolean;
    id: string;
    status: string;
    checkOnly: boolean;
    componentsDeployed: number;
    componentsTotal: number;
    addedStandardValues: Record<string, string[]>;
    failures: ComponentFailure[];
};

const json = wantsJson(process.argv);
const output = createOutput(json);

async function deploy(): Promise<DeployOutcome> {
    const flags = parseFlags(process.argv.slice(2), {
        'target-org': { type: 'string', short: 'o' },
        'dry-run': { type: 'boolean', default: false },
        wait: { type: 'string', default: '10' },
        json: { type: 'boolean', default: false }
    });
    const waitMinutes = integerFlag('wait', flags.wait, 1, 120) ?? 10;
    const connection = await connectToOrg(flags['target-org']);
    output.info(`Deploying force-app to ${connection.getUsername()} (${connection.instanceUrl})`);

    const valueSets = await standardValueSetNames(projectRoot);
    output.info(`Reading the org's current ${valueSets.join(', ')} values to merge ours into them…`);
    const orgValueSets = await retrieveStandardValueSets(connection, valueSets);
    const staged = await stageProject(projectRoot, orgValueSets);
    try {
        const components = ComponentSet.fromSource(join(staged.root, 'force-app'));
        const operation = await components.deploy({
            usernameOrConnection: connection,
            apiOptions: { checkOnly: flags['dry-run'] === true, rollbackOnError: true, singlePackage: true }
        });
        operation.onUpdate((status) => {
            output.info(
                `  ${status.status}: ${status.numberComponentsDeployed}/${status.numberComponentsTotal} components` +
                    (status.numberComponentErrors ? `, ${status.numberComponentErrors} failed` : '')
            );
        });
        // SDR's numeric overload: frequency in milliseconds, timeout in seconds.
        const result = await operation.pollStatus(1000, waitMinutes * 60);
        const response = result.response;
        return {
            success: response.status === RequestStatus.Succeeded,
            id: response.id,
            status: response.status,
            checkOnly: response.checkOnly,
            componentsDeployed: response.numberComponentsDeployed,
            componentsTotal: response.numberComponentsTotal,
            addedStandardValues: staged.merged,
            failures: componentFailures(result.getFileResponses(), staged.root)
        };
    } finally {
        await staged.dispose();
    }
}

function describe(outcome: DeployOutcome): string {
    const verb = outcome.checkOnly ? 'Validated' : 'Deployed';
    const added = Object.entries(outcome.addedStandardValues)
        .filter(([, values]) => values.length > 0)
        .map(([set, values]) => `  ${set}: added ${values.join(', ')}`);
    if (outcome.success) {
        return [
            `${verb} ${outcome.componentsDeployed}/${outcome.componentsTotal} components (deploy ${outcome.id}).`,
            ...(added.length ? ['Standard values added to the org’s lists:', ...added] : [])
        ].join('\n');
    }
    const table = formatTable(
        ['Type', 'Name', 'Problem', 'File'],
        outcome.failures.map((failure) => [failure.type, failure.name, failure.problem, failure.file])
    );
    return `Deploy ${outcome.id} ${outcome.status}: ${outcome.failures.length} component failure(s).\n${table}`;
}

await runScript(json, deploy, describe);
