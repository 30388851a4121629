/**
 * Activated contracts on the target org: Salesforce locks an activated contract's account (Knowledge Article
 * 000385190), so a second seed must leave it alone. Runs after deploySeed.test.ts, which deploys and gives the
 * running user Caseline_Admin (with Activate Contracts).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Org } from '@salesforce/core';
import { readPlan, referenceIn } from '../lib/plan.ts';
import { projectRoot } from '../lib/project.ts';
import type { SeedReport } from '../lib/seeding.ts';
import { runScriptJson, targetOrg } from './helpers.ts';

type ContractRow = {
    Caseline_Key__c: string;
    Status: string;
    StatusCode: string;
    Account: { Caseline_Key__c: string };
};

/** Each demo contract's key → [its planned account's key, its planned status]. */
async function plannedContracts(): Promise<Map<string, [string, string]>> {
    const steps = await readPlan(join(projectRoot, 'data', 'demo-plan.json'));
    const records = steps.flatMap((step) => step.records);
    const accountKeys = new Map(
        records
            .filter((record) => record.sobject === 'Account')
            .map((record) => [record.referenceId, String(record.fields.Caseline_Key__c)])
    );
    return new Map(
        records
            .filter((record) => record.sobject === 'Contract')
            .map((record) => [
                String(record.fields.Caseline_Key__c),
                [accountKeys.get(referenceIn(record.fields.AccountId!) ?? '') ?? '', String(record.fields.Status)]
            ])
    );
}

test(
    'seeding twice keeps activated contracts on their account and status, with no failures',
    { skip: !targetOrg && 'no target org' },
    async () => {
        for (const run of [1, 2]) {
            const seeded = runScriptJson('seed');
            const report = seeded.json.result as SeedReport | undefined;
            assert.deepEqual(
                report?.failures,
                [],
                `run ${run}: ${JSON.stringify(seeded.json, null, 2).slice(0, 4000)}`
            );
            assert.equal(seeded.status, 0);
            if (run === 2) {
                const activated = report!.leftAlone
                    .filter((entry) => entry.sobject === 'Contract')
                    .map((entry) => [entry.key, entry.fields]);
                assert.deepEqual(activated, [
                    ['DEMO-CTR-001', ['AccountId']],
                    ['DEMO-CTR-002', ['AccountId']],
                    ['DEMO-CTR-003', ['AccountId']],
                    ['DEMO-CTR-005', ['AccountId']],
                    ['DEMO-CTR-006', ['AccountId']],
                    ['DEMO-CTR-007', ['AccountId']],
                    ['DEMO-CTR-008', ['AccountId']]
                ]);
            }
        }
        const connection = (await Org.create({ aliasOrUsername: targetOrg })).getConnection();
        const contracts = await connection.query<ContractRow>(
            "SELECT Caseline_Key__c, Status, StatusCode, Account.Caseline_Key__c FROM Contract WHERE Caseline_Key__c LIKE 'DEMO-CTR-%' ORDER BY Caseline_Key__c"
        );
        const planned = await plannedContracts();
        assert.deepEqual(
            contracts.records.map((row) => [row.Caseline_Key__c, row.Account.Caseline_Key__c, row.Status]),
            [...planned].map(([key, [accountKey, status]]) => [key, accountKey, status])
        );
        assert.deepEqual(
            contracts.records.filter((row) => row.StatusCode === 'Activated').map((row) => row.Caseline_Key__c),
            [
                'DEMO-CTR-001',
                'DEMO-CTR-002',
                'DEMO-CTR-003',
                'DEMO-CTR-005',
                'DEMO-CTR-006',
                'DEMO-CTR-007',
                'DEMO-CTR-008'
            ]
        );
    }
);
