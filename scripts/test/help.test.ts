/**
 * Every package.json script answers `--help` as the sf CLI's commands do (summary, USAGE, FLAGS, EXAMPLES), exits 0
 * and does nothing else; an unknown flag fails with a pointer to --help. Scripts that hand their arguments to a tool
 * are listed with the tool whose help they print, so a new script must be added to one list or the other.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { asksForHelp, defineCommand, helpText, parseFlags, ScriptError } from '../lib/cli.ts';
import { projectRoot } from '../lib/project.ts';

/** Scripts of ours: `npm run <name> -- --help` prints help made by scripts/lib/cli.ts. */
const OURS = [
    'test',
    'test:org',
    'deploy',
    'seed',
    'web-to-case-form',
    'scratch',
    'org',
    'bench',
    'bench:match',
    'match',
    'import-leads',
    'generate-match-key-flows',
    'backfill-match-keys',
    'start',
    'dev',
    'test:conformance',
    'preview:build'
];

/** Scripts whose arguments go to another tool, which prints its own help (or whose help belongs elsewhere). */
const OTHERS: Record<string, string> = {
    sf: "the sf CLI's own help (scripts/sf.ts passes every argument to sf)",
    check: 'runs lint, format:check and typecheck; --help would reach tsx scripts/typecheck-lwc.ts only at the end',
    lint: "ESLint's help",
    format: "Prettier's help",
    'format:check': "Prettier's help",
    typecheck: 'tsc, then scripts/typecheck-lwc.ts (no flags)',
    'test:lwc': "sfdx-lwc-jest's (Jest's) help",
    'test:ts': "arguments go to node's test runner",
    'test:e2e': "arguments go to node's test runner",
    screenshots: "runs e2e/recordPage.test.ts with SCREENSHOTS=update; arguments go to node's test runner",
    prepare: 'npm runs it at install time, never with --help'
};

const scripts = Object.keys(
    (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
);

type Run = { status: number | null; stdout: string; stderr: string };

/** `npm run <name> -- <args>` as a user types it, with no inherited npm run or test-runner context. */
function npmRun(name: string, ...args: string[]): Promise<Run> {
    const env = Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE_TEST_CONTEXT')
    );
    return new Promise((resolve, reject) => {
        const child = spawn('npm', ['run', '--silent', name, '--', ...args], { cwd: projectRoot, env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
}

/** Each script's answers to --help and to an unknown flag, a few at a time: each run starts Node and tsx. */
const answers = new Map<string, { help: Run; unknown: Run }>();
before(async () => {
    const queue = [...OURS];
    const worker = async () => {
        for (let name = queue.shift(); name; name = queue.shift()) {
            answers.set(name, { help: await npmRun(name, '--help'), unknown: await npmRun(name, '--no-such-flag') });
        }
    };
    await Promise.all([worker(), worker(), worker()]);
});

test('every package.json script is either ours (with --help) or named with the tool whose help it prints', () => {
    const unlisted = scripts.filter((name) => !OURS.includes(name) && !(name in OTHERS));
    assert.deepEqual(unlisted, []);
    assert.deepEqual(
        [...OURS, ...Object.keys(OTHERS)].filter((name) => !scripts.includes(name)),
        [],
        'a listed script no longer exists'
    );
});

for (const name of OURS) {
    test(`npm run ${name} -- --help prints usage, flags and examples and exits 0`, () => {
        const { help, unknown } = answers.get(name)!;
        assert.equal(help.status, 0, help.stderr);
        assert.match(help.stdout, /^\S.*\n\nUSAGE\n {2}\$ npm (run (-s )?)?\S+/);
        assert.match(help.stdout, /\nFLAGS\n(.*\n)* {2}-h, --help +Show this help and exit\.\n/);
        assert.match(help.stdout, /\nEXAMPLES\n {2}\S.*\n\n {4}\$ npm /);
        // Every flag of the USAGE line is described under FLAGS.
        const usage = help.stdout.split('\n')[3];
        for (const [, flag] of usage.matchAll(/--([a-z-]+)/g)) {
            assert.match(help.stdout, new RegExp(`\\n {2}(-\\w, | {4})--${flag}[= ]`), `--${flag} under FLAGS`);
        }
        assert.equal(unknown.status, 1);
        assert.match(unknown.stdout + unknown.stderr, /Unknown option '--no-such-flag'\. See `npm .*-- --help`\./);
    });
}

test("npm run sf -- --help is the sf CLI's own help", async () => {
    const help = await npmRun('sf', '--help');
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /\$ sf \[COMMAND\]/);
});

test('no script parses its command line around parseFlags, so help and parsing share one definition', () => {
    const files = [
        ...readdirSync(join(projectRoot, 'scripts'))
            .filter((file) => file.endsWith('.ts'))
            .map((file) => join('scripts', file)),
        join('local-org', 'src', 'main.ts')
    ];
    const bypassing = files.filter((file) =>
        /\bparseArgs\(|process\.argv\.includes\('--/.test(readFileSync(join(projectRoot, file), 'utf8'))
    );
    assert.deepEqual(bypassing, []);
});

const sample = defineCommand({
    run: 'npm run sample',
    summary: 'A sample.',
    flags: {
        'target-org': { type: 'string', short: 'o', required: true, value: 'alias', summary: 'The org.' },
        plan: { type: 'string', multiple: true, summary: 'A plan.', defaultText: 'every plan' },
        wait: { type: 'string', default: '10', summary: 'Minutes.' },
        'dry-run': { type: 'boolean', default: false, summary: 'Check only.' }
    },
    examples: [{ summary: 'Run it:', args: '-o x' }]
});

test('help lists every flag the parser accepts, with its short name, value, default and whether it is required', () => {
    const help = helpText(sample);
    assert.match(help, /\$ npm run sample -- --target-org <alias> \[--plan <value>\] \[--wait <value>\] \[--dry-run\]/);
    assert.match(help, /-o, --target-org=<alias> +\(required\) The org\./);
    assert.match(help, / {6}--plan=<value> +A plan\. \(repeatable\) \[default: every plan\]/);
    assert.match(help, / {6}--wait=<value> +Minutes\. \[default: 10\]/);
    assert.match(help, / {6}--dry-run +Check only\.\n/);
    for (const name of Object.keys(sample.flags)) assert.match(help, new RegExp(`--${name}\\b`));
});

test('-h is --help', () => {
    assert.equal(asksForHelp(['-o', 'x', '-h']), true);
    assert.equal(asksForHelp(['--help']), true);
    assert.equal(asksForHelp(['--', '--help']), false);
});

test('parseFlags accepts the defined flags only, and requires the required ones', () => {
    assert.deepEqual(
        { ...parseFlags(sample, ['-o', 'x', '--plan', 'a', '--plan', 'b', '--dry-run']) },
        { 'target-org': 'x', plan: ['a', 'b'], 'dry-run': true, wait: '10' }
    );
    assert.throws(
        () => parseFlags(sample, ['-o', 'x', '--dryrun']),
        (error: ScriptError) =>
            error.name === 'InvalidFlags' &&
            error.message === "Unknown option '--dryrun'. See `npm run sample -- --help`."
    );
    assert.throws(
        () => parseFlags(sample, ['--dry-run']),
        (error: ScriptError) => error.message === 'Missing required flag --target-org. See `npm run sample -- --help`.'
    );
});
