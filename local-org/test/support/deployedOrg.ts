/**
 * An org with force-app deployed (deployForceApp), for the test files that only need one to start from: the deploy
 * runs once per run and sources (orgImage.ts), and each file gets its own in-memory copy. A file that tests the
 * deploy itself, or what the org does before it, deploys with deployForceApp instead.
 */
import type { LocalOrg, OpenOptions } from '../../src/org.ts';
import { deployForceAppTo } from './graphql.ts';
import { openOrgCopy, type OrgImageRecipe } from './orgImage.ts';
import { serveTestOrg, type TestOrg } from './testOrg.ts';

function deployedRecipe(options: OpenOptions): OrgImageRecipe {
    return {
        name: 'force-app-deployed',
        // What the deploy reads and runs: the metadata, local-org, this support code, the installed converter.
        sources: ['force-app', 'local-org/src', 'local-org/test/support', 'sfdx-project.json', 'package-lock.json'],
        options,
        async build(org) {
            await deployForceAppTo(org, org.users()[0].id);
        }
    };
}

/** A new in-memory org with force-app deployed by its admin, not served. */
export function openDeployedOrg(options: OpenOptions = {}): Promise<LocalOrg> {
    return openOrgCopy(deployedRecipe(options));
}

/** startTestOrg(options) followed by deployForceApp, from the run's deployed image. */
export async function startDeployedTestOrg(options: OpenOptions = {}): Promise<TestOrg> {
    return serveTestOrg(await openDeployedOrg(options));
}
