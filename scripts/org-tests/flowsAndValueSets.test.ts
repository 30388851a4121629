/**
 * Findings 2 and 6 of issue 15 on a real org: after `npm run deploy`, every flow of force-app is active per
 * FlowDefinitionView (on a production org, which receives them inactive, the deploy reports exactly the inactive
 * ones and fails), and Contract Status has Caseline's values, deployed in their own step.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Org } from '@salesforce/core';
import { runScriptJson, targetOrg } from './helpers.ts';
import { flowStates, projectFlowNames } from '../lib/flowActivation.ts';
import { projectRoot } from '../lib/project.ts';

type DeployResult = {
    status: string;
    inactiveFlows: { apiName: string }[];
    separateValueSets: { name: string; success: boolean; failures: { problem: string }[] }[];
};

test(
    'after a deploy every force-app flow is active, or (production) the deploy names each inactive one',
    { skip: !targetOrg && 'no target org' },
    async () => {
        const run = runScriptJson('deploy');
        const result = run.json.result as DeployResult | undefined;
        assert.ok(result, JSON.stringify(run.json, null, 2));
        assert.equal(result.status, 'Succeeded', JSON.stringify(result, null, 2));
        const connection = (await Org.create({ aliasOrUsername: targetOrg })).getConnection();
        const organization = await connection.singleRecordQuery<{ IsSandbox: boolean }>(
            'SELECT IsSandbox FROM Organization'
        );
        const states = await flowStates(connection, await projectFlowNames(projectRoot));
        assert.ok(states.length > 0, 'force-app ships flows');
        const inactive = states.filter((state) => !state.isActive).map((state) => state.apiName);
        if (organization.IsSandbox) {
            assert.deepEqual(inactive, [], 'a sandbox or scratch org honours the flows’ Active status');
        }
        assert.deepEqual(
            result.inactiveFlows.map((flow) => flow.apiName),
            inactive,
            'the deploy reports exactly the flows FlowDefinitionView shows inactive'
        );
        assert.equal(run.status, inactive.length > 0 ? 1 : 0);
    }
);

test(
    'Contract Status has Caseline’s values, with their status category',
    { skip: !targetOrg && 'no target org' },
    async () => {
        const connection = (await Org.create({ aliasOrUsername: targetOrg })).getConnection();
        const describe = await connection.sobject('Contract').describe();
        const status = describe.fields.find((field) => field.name === 'Status');
        const active = (status?.picklistValues ?? []).filter((value) => value.active).map((value) => value.value);
        for (const value of ['Draft', 'Activated', 'Pending Cancellation', 'Cancelled']) {
            assert.ok(active.includes(value), `${value} in ${active.join(', ')}`);
        }
        // A contract in Pending Cancellation counts as activated (StatusCode), as the seed's contracts rely on.
        const contracts = await connection.query<{ Status: string; StatusCode: string }>(
            "SELECT Status, StatusCode FROM Contract WHERE Status IN ('Pending Cancellation', 'Cancelled') LIMIT 10"
        );
        for (const contract of contracts.records) assert.equal(contract.StatusCode, 'Activated', contract.Status);
    }
);
