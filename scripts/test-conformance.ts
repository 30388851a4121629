/**
 * npm run test:conformance -- [--jsforce <checkout>] [--only <file,...>] [--min-passed-percent N] [--json]
 *
 * Measures local-org against a suite nobody here wrote: jsforce 3.10.16's own integration tests, the files in
 * scope (IN_SCOPE below). It starts a fresh local-org on 127.0.0.1 (ephemeral port, throw-away database), deploys
 * the part of jsforce's `test/package` local-org implements with `sf project deploy start --metadata-dir` (as
 * jsforce's scripts/org-setup.mjs does), loads the BigTable__c rows that script loads (5 × 5001, through Bulk API
 * 2.0), runs jest in the checkout with SF_LOGIN_URL / SF_ACCESS_TOKEN (jsforce's test/config reads them; its
 * ConnectionManager establishes the connection with that token and URL) and prints jest's counts per file.
 * It fetches nothing: without a checkout (`--jsforce` or JSFORCE_CHECKOUT) it says how to get one and skips.
 * Not part of `npm test`. Exit status 1 when fewer than --min-passed-percent (default 100) of the tests pass.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import {
    createOutput,
    defineCommand,
    formatTable,
    integerFlag,
    parseFlags,
    runScript,
    ScriptError,
    wantsJson
} from './lib/cli.ts';
import { ENFORCED_USER_PERMISSIONS } from '../local-org/src/metadata/permissions.ts';
import { runChild, SF, TSX } from './lib/localOrgSetup.ts';
import { projectRoot } from './lib/project.ts';
import { sfEnv } from './lib/sfEnv.ts';

const IN_SCOPE = [
    'bulk2',
    'connection-crud',
    'connection-meta',
    'metadata',
    'query',
    'schema',
    'sobject',
    'soql-builder'
] as const;

/**
 * The components of test/package/JSforceTestSuite local-org deploys. Left out, because local-org refuses them by
 * name (it runs no Apex and has no reports, dashboards, approvals, workflow rules or these settings): ApexClass,
 * Dashboard, Report, ApprovalProcess, Workflow, Settings, and the JSForceTestPowerUser permission set (it grants
 * Apex class access; the tests run as the admin, who has Modify All Data).
 */
const DEPLOYED_FOLDERS = ['objects', 'layouts', 'permissionsets'];
/**
 * Custom settings (`customSettingsType`), which local-org refuses by name: left out (the permission set names none). No
 * in-scope test reads them (org-setup.mjs creates the package's setting for its Apex, which is left out too).
 */
const CUSTOM_SETTINGS = ['JSforceTestSetting__c'];
const DEPLOYED_PACKAGE = `<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata">
    <types><members>*</members><name>CustomObject</name></types>
    <types><members>*</members><name>Layout</name></types>
    <types><members>JSforceTestPowerUser</members><name>PermissionSet</name></types>
    <version>58.0</version>
</Package>
`;
const BIG_TABLE_ROWS = 5001;
const BIG_TABLE_LOADS = 5;
const V = '/services/data/v58.0';

const command = defineCommand({
    run: 'npm run test:conformance',
    summary: "Run jsforce's own integration tests against a fresh local-org.",
    description:
        `In-scope files: ${IN_SCOPE.join(', ')}. Without a jsforce 3.10.16 checkout the run is skipped (it never\n` +
        'fetches). Get one with: git clone --branch 3.10.16 --depth 1 https://github.com/jsforce/jsforce &&\n' +
        '(cd jsforce && npm ci --ignore-scripts && npx tsc -p .). Not part of npm test.',
    flags: {
        jsforce: {
            type: 'string',
            value: 'dir',
            summary: 'A jsforce 3.10.16 checkout (default: $JSFORCE_CHECKOUT).'
        },
        only: { type: 'string', value: 'file,...', summary: 'Run only these in-scope files (names without .test.ts).' },
        'min-passed-percent': {
            type: 'string',
            default: '100',
            value: 'N',
            summary: 'Exit 1 when fewer than N % of the tests pass.'
        },
        json: { type: 'boolean', default: false, summary: "Print the result as the sf CLI's JSON envelope." }
    },
    examples: [
        {
            summary: 'Every in-scope file, at least 90 % passing:',
            args: '--jsforce ../jsforce --min-passed-percent 90'
        },
        { summary: 'Only the query tests:', args: '--jsforce ../jsforce --only query' }
    ]
});

export interface FileResult {
    file: string;
    passed: number;
    failed: number;
    skipped: number;
    failures: { test: string; message: string }[];
}

export interface ConformanceResult {
    success: boolean;
    skipped?: string;
    passed: number;
    total: number;
    files: FileResult[];
}

interface Ready {
    instanceUrl: string;
    users: { username: string; accessToken: string }[];
}

/** Starts local-org as its own process (as `npm run org` does) and resolves with its ready line. */
async function startOrg(dbFile: string): Promise<{ child: ChildProcess; ready: Ready }> {
    const child = spawn(
        process.execPath,
        [TSX, join('local-org', 'src', 'main.ts'), '--port', '0', '--db', dbFile, '--json'],
        {
            cwd: projectRoot,
            stdio: ['ignore', 'pipe', 'pipe']
        }
    );
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
    const lines = createInterface({ input: child.stdout! });
    const ready = await new Promise<Ready>((resolvePromise, reject) => {
        lines.once('line', (line) => resolvePromise(JSON.parse(line) as Ready));
        child.once('exit', (code) => reject(new ScriptError('OrgFailed', `local-org exited (${code}):\n${stderr}`)));
    });
    return { child, ready };
}

function stopOrg(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null) return Promise.resolve();
    return new Promise((resolvePromise) => {
        child.once('exit', () => resolvePromise());
        child.kill('SIGTERM');
    });
}

async function rest(
    origin: string,
    token: string,
    method: string,
    path: string,
    body?: string,
    type = 'application/json'
) {
    const response = await fetch(origin + path, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': type },
        body
    });
    const text = await response.text();
    if (!response.ok) throw new ScriptError('ApiError', `${method} ${path}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * The permission set without what local-org refuses by name (Apex class access, user permissions it does not
 * enforce): left in, the whole set would fail to deploy, and with it the field access the tests rely on.
 */
function supportedPermissionSet(xml: string): string {
    return xml
        .replace(/\s*<classAccesses>[\s\S]*?<\/classAccesses>/g, '')

        .replace(/\s*<userPermissions>([\s\S]*?)<\/userPermissions>/g, (block, body: string) => {
            const name = /<name>([^<]+)<\/name>/.exec(body)?.[1] ?? '';
            return ENFORCED_USER_PERMISSIONS.includes(name) ? block : '';
        });
}

/** Deploys the supported part of jsforce's test package with the sf CLI, the command org-setup.mjs runs. */
async function deployTestPackage(checkout: string, origin: string, token: string, work: string): Promise<void> {
    const source = join(checkout, 'test', 'package', 'JSforceTestSuite');
    const target = join(work, 'JSforceTestSuite');
    for (const folder of DEPLOYED_FOLDERS) cpSync(join(source, folder), join(target, folder), { recursive: true });
    for (const name of CUSTOM_SETTINGS) rmSync(join(target, 'objects', `${name}.object`));
    writeFileSync(join(target, 'package.xml'), DEPLOYED_PACKAGE);
    const permissionSet = join(target, 'permissionsets', 'JSforceTestPowerUser.permissionset');
    writeFileSync(permissionSet, supportedPermissionSet(readFileSync(permissionSet, 'utf8')));
    const env = sfEnv(join(work, 'home'));
    await runChild(
        [SF, 'org', 'login', 'access-token', '--instance-url', origin, '--no-prompt', '--alias', 'jsforce', '--json'],
        {
            ...env,
            SF_ACCESS_TOKEN: token
        }
    );
    await runChild(
        [
            SF,
            'project',
            'deploy',
            'start',
            '--metadata-dir',
            target,
            '--wait',
            '20',
            '--target-org',
            'jsforce',
            '--json'
        ],
        env
    );
    await runChild(
        [SF, 'org', 'assign', 'permset', '--name', 'JSforceTestPowerUser', '--target-org', 'jsforce', '--json'],
        env
    );
}

/** The rows org-setup.mjs loads: 5 uploads of 5001 BigTable__c rows owned by the test user, each all inserts. */
async function loadBigTable(origin: string, token: string): Promise<void> {
    const me = (await rest(origin, token, 'GET', '/services/oauth2/userinfo')) as { user_id: string };
    const csv = `OwnerId\n${`${me.user_id}\n`.repeat(BIG_TABLE_ROWS)}`;
    for (let load = 0; load < BIG_TABLE_LOADS; load++) {
        const job = await rest(
            origin,
            token,
            'POST',
            `${V}/jobs/ingest`,
            JSON.stringify({ object: 'BigTable__c', operation: 'insert' })
        );
        await rest(origin, token, 'PUT', `${V}/jobs/ingest/${job.id}/batches`, csv, 'text/csv');
        await rest(origin, token, 'PATCH', `${V}/jobs/ingest/${job.id}`, JSON.stringify({ state: 'UploadComplete' }));
        for (;;) {
            const status = await rest(origin, token, 'GET', `${V}/jobs/ingest/${job.id}`);
            if (status.state === 'JobComplete' && status.numberRecordsFailed === 0) break;
            if (status.state === 'Failed' || status.state === 'Aborted' || Number(status.numberRecordsFailed) > 0) {
                throw new ScriptError('LoadFailed', `Loading BigTable__c failed: ${JSON.stringify(status)}`);
            }
            await new Promise((wait) => setTimeout(wait, 500));
        }
    }
}

/**
 * jsforce's scratch org definition asks for `hasSampleData: true`: Salesforce's sample accounts and opportunities,
 * which several tests query (sorting opportunities by CloseDate, streaming accounts as CSV). A subset of that
 * sample data, by its names, loaded through Collections.
 */
const SAMPLE_ACCOUNTS: [string, string][] = [
    ['Edge Communications', 'Customer - Direct'],
    ['Burlington Textiles Corp of America', 'Customer - Direct'],
    ['Pyramid Construction Inc.', 'Customer - Channel'],
    ['Dickenson plc', 'Customer - Channel'],
    ['Grand Hotels & Resorts Ltd', 'Customer - Direct'],
    ['United Oil & Gas Corp.', 'Customer - Direct'],
    ['Express Logistics and Transport', 'Customer - Channel'],
    ['University of Arizona', 'Customer - Direct'],
    ['GenePoint', 'Customer - Channel'],
    ['sForce', 'Customer - Direct']
];
const SAMPLE_OPPORTUNITIES: [string, number, string, string][] = [
    ['Edge Emergency Generator', 0, 'Closed Won', '2026-05-10'],
    ['Edge Installation', 0, 'Closed Won', '2026-06-02'],
    ['Burlington Textiles Weaving Plant Generator', 1, 'Closed Won', '2026-03-21'],
    ['Pyramid Emergency Generators', 2, 'Prospecting', '2026-09-14'],
    ['Dickenson Mobile Generators', 3, 'Qualification', '2026-10-01'],
    ['Grand Hotels Kitchen Generator', 4, 'Id. Decision Makers', '2026-08-19'],
    ['United Oil Installations', 5, 'Negotiation/Review', '2026-07-30'],
    ['Express Logistics Standby Generator', 6, 'Closed Won', '2026-02-11'],
    ['University of AZ Portable Generators', 7, 'Closed Won', '2026-04-05'],
    ['GenePoint Standby Generator', 8, 'Closed Won', '2026-01-28']
];

async function loadSampleData(origin: string, token: string): Promise<void> {
    const create = async (records: Record<string, unknown>[]) => {
        const response = await fetch(`${origin}${V}/composite/sobjects`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ allOrNone: true, records })
        });
        const results = (await response.json()) as { id: string; success: boolean }[];
        if (!response.ok || results.some((result) => !result.success)) {
            throw new ScriptError('LoadFailed', `Loading the sample data failed: ${JSON.stringify(results)}`);
        }
        return results.map((result) => result.id);
    };
    const accountIds = await create(
        SAMPLE_ACCOUNTS.map(([Name, Type]) => ({ attributes: { type: 'Account' }, Name, Type }))
    );
    await create(
        SAMPLE_OPPORTUNITIES.map(([Name, account, StageName, CloseDate]) => ({
            attributes: { type: 'Opportunity' },
            Name,
            AccountId: accountIds[account],
            StageName,
            CloseDate
        }))
    );
}

interface JestReport {
    testResults: {
        name: string;
        message: string;
        assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
    }[];
}

/** Runs jest in the checkout, one file after another (2 cores, shared machine), and reads its JSON report. */
function runJest(checkout: string, files: string[], origin: string, token: string, work: string): JestReport {
    const reportFile = join(work, 'jest.json');
    const { CI: _ci, NODE_TEST_CONTEXT: _runner, ...env } = process.env;
    spawnSync(
        process.execPath,
        [
            join(checkout, 'node_modules', 'jest', 'bin', 'jest.js'),
            '--runInBand',
            '--forceExit',
            '--json',
            '--outputFile',
            reportFile,
            ...files.map((file) => `test/${file}.test.ts`)
        ],
        {
            cwd: checkout,
            env: { ...env, SF_LOGIN_URL: origin, SF_ACCESS_TOKEN: token },
            stdio: ['ignore', 'ignore', 'inherit']
        }
    );
    if (!existsSync(reportFile)) throw new ScriptError('JestFailed', 'jest wrote no report; see its output above.');
    return JSON.parse(readFileSync(reportFile, 'utf8')) as JestReport;
}

function firstLine(text: string): string {
    return (text.split('\n').find((line) => line.trim() !== '') ?? '').trim().slice(0, 300);
}

function summarise(report: JestReport, files: string[]): FileResult[] {
    return files.map((file) => {
        const result = report.testResults.find((entry) => entry.name.endsWith(`/test/${file}.test.ts`));
        const tests = result?.assertionResults ?? [];
        const failures = tests
            .filter((test) => test.status === 'failed')
            .map((test) => ({ test: test.fullName, message: firstLine(test.failureMessages.join('\n')) }));
        // A file that fails to load reports no tests: count it as a failure so it is never silently left out.
        if (!result || (tests.length === 0 && result.message)) {
            failures.push({ test: '(file)', message: firstLine(result?.message ?? 'no result') });
        }
        return {
            file,
            passed: tests.filter((test) => test.status === 'passed').length,
            failed: failures.length,
            skipped: tests.filter((test) => test.status === 'pending' || test.status === 'skipped').length,
            failures
        };
    });
}

function checkoutProblem(checkout: string): string | undefined {
    if (!existsSync(join(checkout, 'test', 'config', 'index.ts'))) return `${checkout} is not a jsforce checkout.`;
    if (!existsSync(join(checkout, 'node_modules', 'jest')))
        return `${checkout} has no node_modules: run npm ci --ignore-scripts in it.`;
    if (!existsSync(join(checkout, 'lib', 'index.js'))) return `${checkout} is not built: run npx tsc -p . in it.`;
    return undefined;
}

async function main(argv: string[]): Promise<ConformanceResult> {
    const flags = parseFlags(command, argv);
    const out = createOutput(Boolean(flags.json));
    const minPercent = integerFlag('min-passed-percent', flags['min-passed-percent'], 0, 100) ?? 100;
    const files = flags.only ? flags.only.split(',').map((file) => file.trim()) : [...IN_SCOPE];
    const unknown = files.filter((file) => !(IN_SCOPE as readonly string[]).includes(file));
    if (unknown.length > 0) throw new ScriptError('InvalidFlags', `Not an in-scope file: ${unknown.join(', ')}.`);
    const given = flags.jsforce ?? process.env.JSFORCE_CHECKOUT;
    if (!given) {
        const skipped =
            'No jsforce checkout: pass --jsforce <dir> or set JSFORCE_CHECKOUT (see --help for how to get one).';
        return { success: true, skipped, passed: 0, total: 0, files: [] };
    }
    const checkout = resolve(given);
    const problem = checkoutProblem(checkout);
    if (problem) throw new ScriptError('NoCheckout', problem);

    const work = mkdtempSync(join(tmpdir(), 'conformance-'));
    const { child, ready } = await startOrg(join(work, 'org.db'));
    try {
        const origin = ready.instanceUrl;
        const token = ready.users[0].accessToken;
        out.info(`local-org at ${origin}; deploying jsforce's test package`);
        await deployTestPackage(checkout, origin, token, work);
        out.info('loading the sample accounts and opportunities');
        await loadSampleData(origin, token);
        out.info(`loading ${BIG_TABLE_LOADS * BIG_TABLE_ROWS} BigTable__c rows`);
        await loadBigTable(origin, token);
        out.info(`running jest on ${files.join(', ')}`);
        const results = summarise(runJest(checkout, files, origin, token, work), files);
        const passed = results.reduce((sum, file) => sum + file.passed, 0);
        const total = results.reduce((sum, file) => sum + file.passed + file.failed, 0);
        return { success: total > 0 && passed * 100 >= minPercent * total, passed, total, files: results };
    } finally {
        await stopOrg(child);
        rmSync(work, { recursive: true, force: true });
    }
}

function describe(result: ConformanceResult): string {
    if (result.skipped) return `test:conformance skipped: ${result.skipped}`;
    const table = formatTable(
        ['file', 'passed', 'failed', 'skipped'],
        result.files.map((file) => [file.file, String(file.passed), String(file.failed), String(file.skipped)])
    );
    const failures = result.files.flatMap((file) =>
        file.failures.map((failure) => `  ${file.file}: ${failure.test}\n      ${failure.message}`)
    );
    const percent = result.total === 0 ? 0 : Math.round((result.passed * 1000) / result.total) / 10;
    return [
        table,
        '',
        `${result.passed} of ${result.total} passed (${percent} %)`,
        ...(failures.length ? ['', 'Failed:', ...failures] : [])
    ].join('\n');
}

const argv = process.argv.slice(2);
await runScript(wantsJson(argv), () => main(argv), describe);
