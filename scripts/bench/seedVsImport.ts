/**
 * The seed script against `sf data import tree` on the same plan, each run as a person runs it (a command, with its
 * start-up), each time into a fresh copy of one org that has force-app deployed. Alternating rounds, medians.
 *
 * Both load a copy of the demo plan whose contracts are all Draft: Salesforce creates contracts only in Draft, so
 * import tree cannot load the Activated ones (the seed script activates them with a second write). The copy's cases
 * carry RecordTypeId: the demo data names record types by DeveloperName, which only the seed script resolves.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalOrg } from '../../local-org/src/org.ts';
import { startServer, type OrgServer } from '../../local-org/src/server.ts';
import { assignPermissionSets, deployProject, loginLocal, runChild, SF, TSX } from '../lib/localOrgSetup.ts';
import { projectRoot } from '../lib/project.ts';
import { sfEnv } from '../lib/sfEnv.ts';
import { elapsed, median } from './stats.ts';

const ALIAS = 'bench';

export interface SeedFigures {
    plan: string;
    rounds: number;
    records: number;
    seedScriptMs: number;
    importTreeMs: number;
    /** Seed script time over import tree time: at most 1 means the seed script is not slower. */
    ratio: number;
}

interface RunningOrg {
    org: LocalOrg;
    server: OrgServer;
}

async function login(home: string, running: RunningOrg): Promise<void> {
    const [admin] = running.org.users();
    await loginLocal(running.server.origin, admin.accessToken, ALIAS, home);
}

async function open(file: string): Promise<RunningOrg> {
    const org = LocalOrg.open(file);
    return { org, server: await startServer(org, 0) };
}

async function close(running: RunningOrg): Promise<void> {
    await running.server.close();
    running.org.close();
}

/** The demo plan's files in `dir`, every contract in Draft, every case's record type as its Id in the template. */
async function draftContractsPlan(dir: string, caseRecordTypeIds: Map<string, string>): Promise<string> {
    const source = join(projectRoot, 'data');
    for (const file of ['demo-plan.json', 'Account.json', 'Contact.json']) {
        await copyFile(join(source, file), join(dir, file));
    }
    const cases = JSON.parse(await readFile(join(source, 'Case.json'), 'utf8')) as {
        records: ({ RecordType?: { DeveloperName: string } } & Record<string, unknown>)[];
    };
    for (const record of cases.records) {
        if (record.RecordType) {
            record.RecordTypeId = caseRecordTypeIds.get(record.RecordType.DeveloperName);
            delete record.RecordType;
        }
    }
    await writeFile(join(dir, 'Case.json'), JSON.stringify(cases, null, 4));
    const contracts = JSON.parse(await readFile(join(source, 'Contract.json'), 'utf8')) as {
        records: Record<string, unknown>[];
    };
    for (const record of contracts.records) record.Status = 'Draft';
    await writeFile(join(dir, 'Contract.json'), JSON.stringify(contracts, null, 4));
    return join(dir, 'demo-plan.json');
}

/**
 * An org file with force-app deployed and the permission sets assigned, as `npm start` leaves it, and its Case
 * record type Ids by DeveloperName (every copy of the file has the same).
 */
async function prepareTemplate(
    dir: string,
    home: string
): Promise<{ file: string; caseRecordTypeIds: Map<string, string> }> {
    const file = join(dir, 'template.db');
    const running = await open(file);
    try {
        await login(home, running);
        await deployProject(ALIAS, home);
        const [admin, agent, viewer] = running.org.users();
        await assignPermissionSets(running.server.origin, admin, agent, viewer);
        const recordTypes = running.org.db
            .prepare("SELECT Id, DeveloperName FROM RecordType WHERE SobjectType = 'Case'")
            .all() as { Id: string; DeveloperName: string }[];
        return { file, caseRecordTypeIds: new Map(recordTypes.map((row) => [row.DeveloperName, row.Id])) };
    } finally {
        await close(running);
    }
}

function recordCount(org: LocalOrg): number {
    let total = 0;
    for (const table of ['Account', 'Contact', 'Contract', 'Case']) {
        total += (org.db.prepare(`SELECT COUNT(*) n FROM "${table}"`).get() as { n: number }).n;
    }
    return total;
}

async function timed(
    template: string,
    copy: string,
    home: string,
    command: string[]
): Promise<{ ms: number; records: number }> {
    await copyFile(template, copy);
    const running = await open(copy);
    try {
        await login(home, running);
        const before = recordCount(running.org);
        const start = performance.now();
        await runChild(command, sfEnv(home));
        const ms = elapsed(start);
        return { ms, records: recordCount(running.org) - before };
    } finally {
        await close(running);
        await rm(copy, { force: true });
    }
}

export async function measureSeedVsImport(rounds = 3): Promise<SeedFigures> {
    const dir = await mkdtemp(join(tmpdir(), 'caseline-bench-seed-'));
    try {
        const home = join(dir, 'home');
        const { file: template, caseRecordTypeIds } = await prepareTemplate(dir, home);
        const plan = await draftContractsPlan(dir, caseRecordTypeIds);
        const seedCommand = [
            TSX,
            join(projectRoot, 'scripts', 'seed.ts'),
            '--target-org',
            ALIAS,
            '--plan',
            plan,
            '--json'
        ];
        const importCommand = [SF, 'data', 'import', 'tree', '--plan', plan, '--target-org', ALIAS, '--json'];
        const seedMs: number[] = [];
        const importMs: number[] = [];
        let records = 0;
        for (let round = 0; round < rounds; round++) {
            const seeded = await timed(template, join(dir, 'seed.db'), home, seedCommand);
            const imported = await timed(template, join(dir, 'import.db'), home, importCommand);
            if (seeded.records !== imported.records) {
                throw new Error(`the seed script wrote ${seeded.records} records, import tree ${imported.records}`);
            }
            records = seeded.records;
            seedMs.push(seeded.ms);
            importMs.push(imported.ms);
        }
        const seedScriptMs = median(seedMs);
        const importTreeMs = median(importMs);
        return {
            plan: 'data/demo-plan.json, contracts in Draft',
            rounds,
            records,
            seedScriptMs,
            importTreeMs,
            ratio: Math.round((seedScriptMs / importTreeMs) * 100) / 100
        };
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
}
