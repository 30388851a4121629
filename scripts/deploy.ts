/**
 * npm run deploy -- --target-org <alias|username> [--dry-run] [--wait <minutes>] [--json]
 *
 * Deploys force-app with the Metadata API, merging Case Status, Case Type and Contract Status into the org's
 * existing values instead of replacing them, and prints component failures as a table. Contract Status is deployed
 * in a step of its own after the rest (see SEPARATE_VALUE_SETS); if it fails, the release stays deployed and the
 * values to add by hand in Setup are printed. After a real (not dry-run) deploy, every flow of force-app must be
 * active (FlowDefinitionView); a production org receives them inactive, and the steps to activate them are printed.
 * Exit 1 when anything is left to do by hand: the org is not ready for Caseline until it is done.
 */
import { ComponentSet, RequestStatus } from '@salesforce/source-deploy-retrieve';
import type { Connection } from '@salesforce/core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createOutput, defineCommand, formatTable, integerFlag, parseFlags, runScript, wantsJson } from './lib/cli.ts';
import {
    componentFailures,
    retrieveStandardValueSets,
    SEPARATE_VALUE_SETS,
    setAsideValueSet,
    stageProject,
    standardValueSetNames,
    valuesToAdd,
    type ComponentFailure,
    type ValueToAdd
} from './lib/deployment.ts';
import { activationSteps, flowStates, projectFlowNames, type FlowState } from './lib/flowActivation.ts';
import { connectToOrg } from './lib/org.ts';
import { projectRoot } from './lib/project.ts';

type StepResult = {
    success: boolean;
    id: string;
    status: string;
    componentsDeployed: number;
    componentsTotal: number;
    failures: ComponentFailure[];
};

/** A value set deployed on its own: skipped when the org already has all our values. */
type SeparateStep = {
    name: string;
    skipped: boolean;
    success: boolean;
    id?: string;
    failures: ComponentFailure[];
    /** What to add by hand in Setup when the step failed. */
    valuesToAdd: ValueToAdd[];
};

type DeployOutcome = {
    success: boolean;
    id: string;
    status: string;
    checkOnly: boolean;
    componentsDeployed: number;
    componentsTotal: number;
    addedStandardValues: Record<string, string[]>;
    failures: ComponentFailure[];
    separateValueSets: SeparateStep[];
    /** Whether the flows were checked: only after a real deploy that succeeded. */
    flowsChecked: boolean;
    inactiveFlows: FlowState[];
};

const command = defineCommand({
    run: 'npm run deploy',
    summary:
        "Deploy force-app to an org, merging Caseline's Case Status, Case Type and Contract Status values into the org's.",
    description:
        'Contract Status is deployed in a step of its own after the rest; if it fails, the values to add by hand in\n' +
        'Setup are printed. After a real deploy every flow of force-app must be active; the steps to activate them are\n' +
        'printed otherwise. Exit 1 when anything is left to do by hand. See README.md, "Deploy to a real or scratch org".',
    flags: {
        'target-org': {
            type: 'string',
            short: 'o',
            required: true,
            value: 'alias|username',
            summary: 'The org, as an alias or username the sf CLI is logged in to (`npm run sf -- org list`).'
        },
        'dry-run': {
            type: 'boolean',
            default: false,
            summary: 'Validate only (checkOnly): run every check, save nothing.'
        },
        wait: {
            type: 'string',
            default: '10',
            value: 'minutes',
            summary: 'Minutes to wait for each deploy, 1 to 120.'
        },
        json: { type: 'boolean', default: false, summary: "Print the result as the sf CLI's JSON envelope." }
    },
    examples: [
        { summary: 'Validate against an org without saving anything:', args: '--target-org my-org --dry-run' },
        { summary: 'Deploy to the local org that `npm start` runs:', args: '--target-org caseline-local' }
    ]
});

const json = wantsJson(process.argv);
const output = createOutput(json);

async function deployComponents(
    connection: Connection,
    components: ComponentSet,
    checkOnly: boolean,
    waitMinutes: number,
    stagedRoot: string
): Promise<StepResult> {
    const operation = await components.deploy({
        usernameOrConnection: connection,
        apiOptions: { checkOnly, rollbackOnError: true, singlePackage: true }
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
        componentsDeployed: response.numberComponentsDeployed,
        componentsTotal: response.numberComponentsTotal,
        failures: componentFailures(result.getFileResponses(), stagedRoot)
    };
}

async function deploySeparately(
    connection: Connection,
    name: string,
    file: string,
    added: string[],
    checkOnly: boolean,
    waitMinutes: number,
    stagedRoot: string
): Promise<SeparateStep> {
    if (added.length === 0) {
        output.info(`${name}: the org already has all of Caseline's values; nothing to deploy.`);
        return { name, skipped: true, success: true, failures: [], valuesToAdd: [] };
    }
    output.info(`Deploying ${name} on its own…`);
    const step = await deployComponents(connection, ComponentSet.fromSource(file), checkOnly, waitMinutes, stagedRoot);
    return {
        name,
        skipped: false,
        success: step.success,
        id: step.id,
        failures: step.failures,
        valuesToAdd: step.success ? [] : valuesToAdd(await readFile(file, 'utf8'), added)
    };
}

async function deploy(): Promise<DeployOutcome> {
    const flags = parseFlags(command, process.argv.slice(2));
    const waitMinutes = integerFlag('wait', flags.wait, 1, 120) ?? 10;
    const checkOnly = flags['dry-run'] === true;
    const connection = await connectToOrg(flags['target-org']);
    output.info(`Deploying force-app to ${connection.getUsername()} (${connection.instanceUrl})`);

    const valueSets = await standardValueSetNames(projectRoot);
    output.info(`Reading the org's current ${valueSets.join(', ')} values to merge ours into them…`);
    const orgValueSets = await retrieveStandardValueSets(connection, valueSets);
    const staged = await stageProject(projectRoot, orgValueSets);
    try {
        const separateFiles = new Map<string, string>();
        for (const name of SEPARATE_VALUE_SETS) {
            const file = await setAsideValueSet(staged.root, name);
            if (file) separateFiles.set(name, file);
        }
        const components = ComponentSet.fromSource(join(staged.root, 'force-app'));
        const main = await deployComponents(connection, components, checkOnly, waitMinutes, staged.root);
        const separateValueSets: SeparateStep[] = [];
        if (main.success) {
            for (const [name, file] of separateFiles) {
                const added = staged.merged[name] ?? [];
                separateValueSets.push(
                    await deploySeparately(connection, name, file, added, checkOnly, waitMinutes, staged.root)
                );
            }
        }
        const flowsChecked = main.success && !checkOnly;
        const inactiveFlows = flowsChecked
            ? (await flowStates(connection, await projectFlowNames(projectRoot))).filter((flow) => !flow.isActive)
            : [];
        return {
            ...main,
            success: main.success && separateValueSets.every((step) => step.success) && inactiveFlows.length === 0,
            checkOnly,
            addedStandardValues: staged.merged,
            separateValueSets,
            flowsChecked,
            inactiveFlows
        };
    } finally {
        await staged.dispose();
    }
}

/** The fallback when a value set could not be deployed: the values to add in Setup, with their categories. */
function valueSetFallback(step: SeparateStep): string {
    const problems = step.failures.map((failure) => failure.problem).join('; ') || 'no component result';
    const values = step.valuesToAdd.map(
        (value) =>
            `    ${value.label}${value.label === value.value ? '' : ` (API name ${value.value})`}` +
            (value.category ? `, Status Category: ${value.category}` : '')
    );
    return [
        `${step.name} could not be deployed (deploy ${step.id}): ${problems}`,
        'The rest of Caseline is deployed. Add these Contract Status values by hand:',
        '  Setup → Object Manager → Contract → Fields & Relationships → Status → Contract Status Picklist Values → New',
        ...values
    ].join('\n');
}

function describe(outcome: DeployOutcome): string {
    const verb = outcome.checkOnly ? 'Validated' : 'Deployed';
    if (outcome.failures.length > 0 || outcome.status !== RequestStatus.Succeeded) {
        const table = formatTable(
            ['Type', 'Name', 'Problem', 'File'],
            outcome.failures.map((failure) => [failure.type, failure.name, failure.problem, failure.file])
        );
        return `Deploy ${outcome.id} ${outcome.status}: ${outcome.failures.length} component failure(s).\n${table}`;
    }
    const failedSets = outcome.separateValueSets.filter((step) => !step.success);
    const added = Object.entries(outcome.addedStandardValues)
        .filter(([set, values]) => values.length > 0 && !failedSets.some((step) => step.name === set))
        .map(([set, values]) => `  ${set}: added ${values.join(', ')}`);
    return [
        `${verb} ${outcome.componentsDeployed}/${outcome.componentsTotal} components (deploy ${outcome.id}).`,
        ...(added.length ? ['Standard values added to the org’s lists:', ...added] : []),
        ...failedSets.map(valueSetFallback),
        ...(outcome.inactiveFlows.length > 0 ? [activationSteps(outcome.inactiveFlows)] : []),
        ...(outcome.flowsChecked && outcome.inactiveFlows.length === 0 ? ['Every flow of force-app is active.'] : [])
    ].join('\n');
}

await runScript(json, deploy, describe);
