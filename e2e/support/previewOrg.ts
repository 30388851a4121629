/**
 * A fresh local-org for one e2e file: in memory, on an ephemeral 127.0.0.1 port, serving the preview, with force-app
 * deployed by the deploy script (`sf project deploy start` through the sf CLI), the permission sets assigned, the
 * users in the queues and the demo data loaded by the seed script, as `npm start` does. That readying is the same in
 * every file and takes seconds, so it runs once per run and sources (local-org/test/support/orgImage.ts), and each
 * file opens its own in-memory copy of the readied org: nothing written in one file is seen by another.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalOrg, type OrgUser } from '../../local-org/src/org.ts';
import { startServer } from '../../local-org/src/server.ts';
import { makeOnce } from '../../local-org/test/support/makeOnce.ts';
import { openOrgCopy, type OrgImageRecipe } from '../../local-org/test/support/orgImage.ts';
import { build, isBuildCurrent, type BuildTarget } from '../../preview/build.ts';
import { projectRoot } from '../../scripts/lib/project.ts';
import { previewPages } from '../../preview/server/pages.ts';
import {
    assignPermissionSets,
    deployProject,
    joinQueues,
    loginLocal,
    seedDemoData
} from '../../scripts/lib/localOrgSetup.ts';

export interface PreviewOrg {
    org: LocalOrg;
    origin: string;
    admin: OrgUser;
    agent: OrgUser;
    viewer: OrgUser;
    sfHome: string;
    close(): Promise<void>;
}

/** The preview as `npm start` builds it, plus the e2e probe component, in e2e/results/dist. */
export const e2eTarget: BuildTarget = {
    outDir: join(projectRoot, 'e2e', 'results', 'dist'),
    componentDirs: [join(projectRoot, 'e2e', 'components')]
};

/** Builds the e2e bundle when a source is newer; once, when e2e files start in parallel processes. */
export async function ensurePreviewBuilt(): Promise<void> {
    await mkdir(e2eTarget.outDir, { recursive: true });
    await makeOnce(
        join(e2eTarget.outDir, '..', 'dist.lock'),
        () => isBuildCurrent(e2eTarget),
        () => build(e2eTarget)
    );
}

/** Readies a new org as `npm start` does, through its own server and sf CLI login (both gone afterwards). */
async function readyOrg(org: LocalOrg): Promise<void> {
    const running = await startServer(org, 0, '127.0.0.1', previewPages(org, { distDir: e2eTarget.outDir }));
    const [admin, agent, viewer] = org.users();
    const sfHome = await mkdtemp(join(tmpdir(), 'caseline-e2e-sf-'));
    try {
        await loginLocal(running.origin, admin.accessToken, 'e2e', sfHome);
        await deployProject('e2e', sfHome);
        await assignPermissionSets(running.origin, admin, agent, viewer);
        await joinQueues(running.origin, admin, [admin, agent]);
        await seedDemoData('e2e', sfHome);
    } finally {
        await running.close();
        await rm(sfHome, { recursive: true, force: true });
    }
}

const readiedOrg: OrgImageRecipe = {
    name: 'e2e-preview-org',
    // What readying reads and runs: the metadata and data, the scripts and sf CLI (package-lock.json), local-org.
    sources: [
        'force-app',
        'data',
        'scripts/deploy.ts',
        'scripts/seed.ts',
        'scripts/lib',
        'local-org/src',
        'local-org/test/support/orgImage.ts',
        'e2e/support/previewOrg.ts',
        'sfdx-project.json',
        'package-lock.json'
    ],
    build: readyOrg
};

export async function startPreviewOrg(): Promise<PreviewOrg> {
    const org = await openOrgCopy(readiedOrg);
    const running = await startServer(org, 0, '127.0.0.1', previewPages(org, { distDir: e2eTarget.outDir }));
    const [admin, agent, viewer] = org.users();
    const sfHome = await mkdtemp(join(tmpdir(), 'caseline-e2e-sf-'));
    try {
        // The sf CLI logged in to this copy under the alias `e2e`, for tests that run a script against it.
        await loginLocal(running.origin, admin.accessToken, 'e2e', sfHome);
    } catch (error) {
        await running.close();
        org.close();
        await rm(sfHome, { recursive: true, force: true });
        throw error;
    }
    return {
        org,
        origin: running.origin,
        admin,
        agent,
        viewer,
        sfHome,
        async close() {
            await running.close();
            org.close();
            await rm(sfHome, { recursive: true, force: true });
        }
    };
}
