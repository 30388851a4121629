/**
 * `npm run deploy` against local-org, through the sf CLI's login as a developer would: Contract Status deployed on
 * its own, so its failure leaves the release deployed and prints what to add by hand; flows checked active after
 * the deploy, so a production org's inactive flows are reported with the steps to activate them.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { projectRoot } from '../../scripts/lib/project.ts';
import { deployPackage } from '../src/metadata/deploy.ts';
import { login, sfHome, type SfHome } from './support/sfCli.ts';
import { rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

type Run = { code: number; stdout: string; stderr: string };

/** Runs the deploy script asynchronously: the org answering it is served from this process. */
async function runDeploy(cli: SfHome, alias: string, ...args: string[]): Promise<Run> {
    const result = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(projectRoot, 'scripts', 'deploy.ts'), '--target-org', alias, ...args],
        { cwd: projectRoot, env: cli.env, encoding: 'utf8', timeout: 300_000, maxBuffer: 32 * 1024 * 1024 }
    ).catch((error: { code?: number; stdout?: string; stderr?: string }) => error);
    return {
        code: 'code' in result && typeof result.code === 'number' ? result.code : 0,
        stdout: result.stdout ?? '',
        stderr: result.stderr ?? ''
    };
}

function contractStatuses(t: TestOrg): { value: string; label: string; active: boolean }[] {
    const contract = t.org.schema.allObjects().find((object) => object.name === 'Contract')!;
    const status = contract.fields.find((field) => field.name === 'Status')!;
    return (status.picklistValues ?? []).map(({ value, label, active }) => ({ value, label, active }));
}

/** Sets the org's Contract Status list as an admin would, through a Metadata API deploy. */
async function setContractStatuses(t: TestOrg, values: [string, string, string][]): Promise<void> {
    const entries = values
        .map(
            ([value, label, grouping], index) =>
                `<standardValue><fullName>${value}</fullName><default>${index === 0}</default><label>${label}</label><groupingString>${grouping}</groupingString></standardValue>`
        )
        .join('');
    const outcome = await deployPackage(
        t.org,
        t.admin.id,
        new Map([
            [
                'package.xml',
                Buffer.from(
                    '<Package xmlns="http://soap.sforce.com/2006/04/metadata"><version>66.0</version></Package>'
                )
            ],
            [
                'standardValueSets/ContractStatus.standardValueSet',
                Buffer.from(
                    `<StandardValueSet xmlns="http://soap.sforce.com/2006/04/metadata"><groupingStringEnum>ContractStatusCode</groupingStringEnum><sorted>false</sorted>${entries}</StandardValueSet>`
                )
            ]
        ]),
        { checkOnly: false, rollbackOnError: true }
    );
    assert.equal(outcome.success, true, JSON.stringify(outcome.failures));
}

const STANDARD: [string, string, string][] = [
    ['Draft', 'Draft', 'Draft'],
    ['In Approval Process', 'In Approval Process', 'InApproval'],
    ['Activated', 'Activated', 'Activated']
];

describe('Contract Status in its own step', () => {
    let t: TestOrg;
    let cli: SfHome;
    before(async () => {
        t = await startTestOrg();
        cli = await sfHome();
        await login(cli, t.origin, t.admin.accessToken, 'sandbox');
    });
    after(async () => {
        await cli.dispose();
        await t.close();
    });

    test('its failure leaves the release deployed, prints the values to add in Setup, and exits 1', async () => {
        // An admin once added "Canceled" labelled "Cancelled": our Cancelled would duplicate the label.
        await setContractStatuses(t, [...STANDARD, ['Canceled', 'Cancelled', 'Activated']]);
        const run = await runDeploy(cli, 'sandbox', '--json');
        assert.equal(run.code, 1, run.stdout + run.stderr);
        const result = (JSON.parse(run.stdout) as { result: Record<string, unknown> }).result as {
            status: string;
            failures: unknown[];
            separateValueSets: {
                name: string;
                success: boolean;
                failures: { problem: string }[];
                valuesToAdd: unknown[];
            }[];
            inactiveFlows: unknown[];
            flowsChecked: boolean;
        };
        assert.equal(result.status, 'Succeeded', 'the main deploy succeeded');
        assert.deepEqual(result.failures, []);
        assert.deepEqual(
            result.separateValueSets.map((step) => [step.name, step.success, step.failures[0]?.problem]),
            [['ContractStatus', false, 'Duplicate label: Cancelled']]
        );
        assert.deepEqual(result.separateValueSets[0].valuesToAdd, [
            { value: 'Pending Cancellation', label: 'Pending Cancellation', category: 'Activated' },
            { value: 'Cancelled', label: 'Cancelled', category: 'Activated' }
        ]);
        assert.equal(result.flowsChecked, true);
        assert.deepEqual(result.inactiveFlows, []);
        // The release landed; the org's Contract Status list did not change.
        assert.equal(
            rows(t.org, 'SELECT COUNT(*) n FROM FlowDefinitionView WHERE IsActive = 1')[0].n,
            (await readdir(join(projectRoot, 'force-app', 'main', 'default', 'flows'))).length,
            'every flow of the release is active'
        );
        assert.ok(
            t.org.schema
                .allObjects()
                .find((o) => o.name === 'Case')!
                .fields.some((f) => f.name === 'Last_Review_Comments__c')
        );
        assert.deepEqual(
            contractStatuses(t).map((v) => v.value),
            ['Draft', 'In Approval Process', 'Activated', 'Canceled']
        );

        const text = await runDeploy(cli, 'sandbox');
        assert.equal(text.code, 1);
        assert.match(text.stdout, /ContractStatus could not be deployed \(deploy 0Af\w+\): Duplicate label: Cancelled/);
        assert.match(text.stdout, /The rest of Caseline is deployed\. Add these Contract Status values by hand:/);
        assert.match(text.stdout, /Setup → Object Manager → Contract → Fields & Relationships → Status/);
        assert.match(
            text.stdout,
            /Pending Cancellation, Status Category: Activated\n {4}Cancelled, Status Category: Activated/
        );
    });

    test('once the values are there, it has nothing to deploy and the deploy passes', async () => {
        // The admin relabels the old value and adds ours by hand.
        await setContractStatuses(t, [
            ...STANDARD,
            ['Canceled', 'Canceled (old)', 'Activated'],
            ['Pending Cancellation', 'Pending Cancellation', 'Activated'],
            ['Cancelled', 'Cancelled', 'Activated']
        ]);
        const run = await runDeploy(cli, 'sandbox');
        assert.equal(run.code, 0, run.stdout + run.stderr);
        assert.match(
            run.stderr + run.stdout,
            /ContractStatus: the org already has all of Caseline's values; nothing to deploy/
        );
        assert.match(run.stdout, /Every flow of force-app is active\./);
    });
});

describe('a production org', () => {
    let t: TestOrg;
    let cli: SfHome;
    before(async () => {
        t = await startTestOrg({ production: true });
        cli = await sfHome();
        await login(cli, t.origin, t.admin.accessToken, 'production');
    });
    after(async () => {
        await cli.dispose();
        await t.close();
    });

    test('the deploy reports the inactive flows with the steps to activate them, and exits 1', async () => {
        const flows = (await readdir(join(projectRoot, 'force-app/main/default/flows')))
            .map((file) => file.replace('.flow-meta.xml', ''))
            .sort();
        const run = await runDeploy(cli, 'production', '--json');
        assert.equal(run.code, 1, run.stdout + run.stderr);
        const result = (JSON.parse(run.stdout) as { status: number; result: Record<string, unknown> }).result as {
            status: string;
            inactiveFlows: { apiName: string; isActive: boolean }[];
            separateValueSets: { success: boolean }[];
        };
        assert.equal(result.status, 'Succeeded');
        assert.deepEqual(
            result.inactiveFlows.map((flow) => [flow.apiName, flow.isActive]),
            flows.map((f) => [f, false])
        );
        assert.ok(result.separateValueSets.every((step) => step.success));

        const text = await runDeploy(cli, 'production');
        assert.equal(text.code, 1);
        assert.match(text.stdout, /Flows deployed but not active: Account Match Keys \(Account_Match_Keys\), /);
        assert.match(
            text.stdout,
            /1\. Setup → Process Automation → Flows\.\n.*2\. Click the flow's label.*\n {2}3\. Click Activate\./
        );
    });

    test('a dry run does not check flows: nothing was deployed', async () => {
        const run = await runDeploy(cli, 'production', '--dry-run', '--json');
        const result = (JSON.parse(run.stdout) as { result: { flowsChecked: boolean; checkOnly: boolean } }).result;
        assert.equal(result.checkOnly, true);
        assert.equal(result.flowsChecked, false);
    });
});
