/** GraphQL over HTTP against a test org, and force-app deployed into it through the Metadata API's own code path. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { projectRoot } from '../../../scripts/lib/project.ts';
import { deployPackage } from '../../src/metadata/deploy.ts';
import { readPackage } from '../../src/metadata/zip.ts';
import type { LocalOrg } from '../../src/org.ts';
import { call, rows, type TestOrg } from './testOrg.ts';

export const V = '/services/data/v66.0';

export interface GraphQLResult {
    data?: Record<string, unknown> | null;
    errors: {
        message: string;
        path?: unknown[];
        paths?: unknown[];
        locations?: unknown[];
        extensions: Record<string, unknown>;
    }[];
}

export async function graphql(
    t: TestOrg,
    token: string,
    query: string,
    variables?: Record<string, unknown>
): Promise<GraphQLResult> {
    const response = await call(t.origin, token, 'POST', `${V}/graphql`, { query, variables });
    assert.equal(response.status, 200, 'GraphQL answers HTTP 200 whatever happened');
    return response.body as GraphQLResult;
}

/** The data of a call that must succeed. */
export async function graphqlData(
    t: TestOrg,
    token: string,
    query: string,
    variables?: Record<string, unknown>
): Promise<Record<string, unknown>> {
    const result = await graphql(t, token, query, variables);
    assert.deepEqual(result.errors, [], JSON.stringify(result.errors));
    return result.data!;
}

/** force-app converted to a metadata package (as `sf project deploy start` does) and deployed by the admin. */
export async function deployForceApp(t: TestOrg): Promise<void> {
    await deployForceAppTo(t.org, t.admin.id);
}

/** deployForceApp for an org that is not served (yet): deployed by the user `adminId`. */
export async function deployForceAppTo(org: LocalOrg, adminId: string): Promise<void> {
    const components = ComponentSet.fromSource(join(projectRoot, 'force-app', 'main', 'default'));
    const converted = await new MetadataConverter().convert(components, 'metadata', { type: 'zip' });
    const files = await readPackage(converted.zipBuffer!.toString('base64'));
    const outcome = await deployPackage(org, adminId, files, { checkOnly: false, rollbackOnError: true });
    assert.ok(outcome.success, JSON.stringify(outcome.failures).slice(0, 2000));
}

/** As an admin would: a PermissionSetAssignment created through the REST API. */
export async function assignPermissionSet(t: TestOrg, userId: string, name: string): Promise<void> {
    const [permissionSet] = rows(t.org, 'SELECT Id FROM PermissionSet WHERE Name = ?', name);
    assert.ok(permissionSet, `permission set ${name} is deployed`);
    const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/PermissionSetAssignment`, {
        AssigneeId: userId,
        PermissionSetId: permissionSet.Id
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
}
