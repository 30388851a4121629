/**
 * A local org is a sandbox unless started with --production. The kind shows in Organization as Salesforce shows
 * it, and decides whether deployed flows arrive active; FlowDefinitionView answers through /query either way.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { projectRoot } from '../../scripts/lib/project.ts';
import { deployPackage } from '../src/metadata/deploy.ts';
import { LocalOrg } from '../src/org.ts';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { assignPermissionSet, V } from './support/graphql.ts';
import { call, rows, type TestOrg } from './support/testOrg.ts';

type FlowView = { ApiName: string; IsActive: boolean; ActiveVersionId: string | null; LatestVersionId: string };

async function forceAppFlows(): Promise<string[]> {
    const files = await readdir(join(projectRoot, 'force-app/main/default/flows'));
    return files.map((file) => file.replace('.flow-meta.xml', '')).sort();
}

async function query<T>(t: TestOrg, soql: string): Promise<{ status: number; records: T[]; body: unknown }> {
    const response = await call(t.origin, t.admin.accessToken, 'GET', `${V}/query?q=${encodeURIComponent(soql)}`);
    return {
        status: response.status,
        body: response.body,
        records: (response.body as { records?: T[] }).records ?? []
    };
}

async function flowViews(t: TestOrg, names: string[]): Promise<FlowView[]> {
    const result = await query<FlowView>(
        t,
        `SELECT ApiName, IsActive, ActiveVersionId, LatestVersionId, DurableId, Label, ProcessType FROM FlowDefinitionView WHERE ApiName IN (${names.map((n) => `'${n}'`).join(', ')}) ORDER BY ApiName`
    );
    assert.equal(result.status, 200, JSON.stringify(result.body));
    return result.records;
}

/** Saves a review on a new case as the admin; the Case_Review_Task flow, when active, logs it as a task. */
async function tasksAfterReview(t: TestOrg): Promise<number> {
    const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Case`, { Subject: 'Reviewed' });
    const caseId = (created.body as { id: string }).id;
    const review = {
        Last_Review_Comments__c: 'Checked',
        Last_Reviewed_By__c: t.admin.id,
        Last_Reviewed_On__c: '2026-11-22T10:00:00.000Z'
    };
    const saved = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/sobjects/Case/${caseId}`, review);
    assert.equal(saved.status, 204, JSON.stringify(saved.body));
    return Number(rows(t.org, 'SELECT COUNT(*) n FROM Task WHERE WhatId = ?', caseId)[0].n);
}

describe('the default local org is a sandbox', () => {
    let t: TestOrg;
    before(async () => {
        t = await startDeployedTestOrg();
        await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
    });
    after(() => t.close());

    test('Organization says so as a sandbox does: IsSandbox, no TrialExpirationDate (that would make it a scratch org)', async () => {
        const [org] = (
            await query<Record<string, unknown>>(
                t,
                'SELECT IsSandbox, TrialExpirationDate, OrganizationType FROM Organization'
            )
        ).records;
        assert.equal(org.IsSandbox, true);
        assert.equal(org.TrialExpirationDate, null);
        assert.equal(org.OrganizationType, 'Enterprise Edition');
    });

    test('deployed flows are active, FlowDefinitionView says so, and they run on saves', async () => {
        const names = await forceAppFlows();
        const views = await flowViews(t, names);
        assert.deepEqual(
            views.map((v) => [v.ApiName, v.IsActive]),
            names.map((n) => [n, true])
        );
        for (const view of views) assert.equal(view.ActiveVersionId, view.LatestVersionId);
        assert.equal(await tasksAfterReview(t), 1);
    });
});

describe('an org started with --production', () => {
    let t: TestOrg;
    before(async () => {
        t = await startDeployedTestOrg({ production: true });
        await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
    });
    after(() => t.close());

    test('Organization says so as production does: not a sandbox, no trial expiry', async () => {
        const [org] = (
            await query<Record<string, unknown>>(
                t,
                'SELECT IsSandbox, TrialExpirationDate, OrganizationType FROM Organization'
            )
        ).records;
        assert.deepEqual(org, {
            attributes: org.attributes,
            IsSandbox: false,
            TrialExpirationDate: null,
            OrganizationType: 'Enterprise Edition'
        });
    });

    test('deployed flows arrive inactive, FlowDefinitionView says so, and they do not run on saves', async () => {
        const names = await forceAppFlows();
        const views = await flowViews(t, names);
        assert.deepEqual(
            views.map((v) => [v.ApiName, v.IsActive, v.ActiveVersionId]),
            names.map((n) => [n, false, null])
        );
        for (const view of views) assert.match(view.LatestVersionId, /^301/);
        assert.equal(await tasksAfterReview(t), 0);
    });

    test('a redeploy keeps a version that was active running, and the new one inactive', async () => {
        // An admin activated version 1 in Setup; local-org has no Setup, so the test marks it as activation would.
        const stored = rows(
            t.org,
            "SELECT content FROM _lo_metadata WHERE type = 'Flow' AND full_name = 'Case_Review_Task'"
        )[0];
        const flow = JSON.parse(String(stored.content)) as { xml: string; latestVersionId: string };
        t.org.db
            .prepare("UPDATE _lo_metadata SET content = ? WHERE type = 'Flow' AND full_name = 'Case_Review_Task'")
            .run(JSON.stringify({ ...flow, active: true, activeVersionId: flow.latestVersionId }));
        t.org.reloadSchema();
        const xml = flow.xml;
        const outcome = await deployPackage(
            t.org,
            t.admin.id,
            new Map([
                [
                    'package.xml',
                    Buffer.from(
                        '<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><version>66.0</version></Package>'
                    )
                ],
                ['flows/Case_Review_Task.flow', Buffer.from(xml)]
            ]),
            { checkOnly: false, rollbackOnError: true }
        );
        assert.equal(outcome.success, true, JSON.stringify(outcome.failures));
        const [view] = await flowViews(t, ['Case_Review_Task']);
        assert.equal(view.IsActive, false);
        assert.equal(view.ActiveVersionId, flow.latestVersionId, 'the activated version stays active');
        assert.notEqual(view.LatestVersionId, flow.latestVersionId);
        assert.equal(await tasksAfterReview(t), 1, 'the still-active version runs');
    });
});

test('a persistent database keeps its kind; a sandbox database is not turned into production', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'localorg-kind-'));
    try {
        const production = join(dir, 'production.db');
        LocalOrg.open(production, { production: true }).close();
        const reopened = LocalOrg.open(production);
        assert.equal(reopened.kind, 'production');
        assert.deepEqual(rows(reopened, 'SELECT IsSandbox FROM Organization'), [{ IsSandbox: 0 }]);
        reopened.close();
        const sandbox = join(dir, 'sandbox.db');
        LocalOrg.open(sandbox).close();
        assert.throws(
            () => LocalOrg.open(sandbox, { production: true }),
            /holds a sandbox org; an org's kind is fixed/
        );
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
});
