/**
 * What every Caseline script shares: typed flags and their --help from one definition, `--json` output in the sf
 * CLI's envelope, clear errors and a non-zero exit status on failure.
 */
import { writeSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** An error whose message is written for the person running the script; `data` goes into the --json output. */
export class ScriptError extends Error {
    readonly data: unknown;

    constructor(name: string, message: string, data?: unknown) {
        super(message);
        this.name = name;
        this.data = data;
    }
}

/** One flag: how it parses (node:util parseArgs' option config) and how --help describes it. */
export type FlagDefinition = {
    type: 'string' | 'boolean';
    short?: string;
    multiple?: boolean;
    default?: string | boolean;
    /** One line for --help: what the flag does. */
    summary: string;
    /** The value's name in --help, e.g. `alias|username` (default `value`). */
    value?: string;
    /** The default in words, when it is worked out at run time rather than fixed in `default`. */
    defaultText?: string;
    /** Refused when missing, and shown without brackets in USAGE. */
    required?: boolean;
};

export type Flags = Record<string, FlagDefinition>;

/**
 * A script's command line, the one source for both parsing and --help (so the two cannot drift): help is laid
 * out as the sf CLI lays out a command's help (summary, USAGE, FLAGS, DESCRIPTION, EXAMPLES).
 */
export type CommandDefinition<F extends Flags> = {
    /** How the script is run, e.g. `npm run deploy` or `npm run -s match`. */
    run: string;
    /** One line: what the script does. */
    summary: string;
    /** More lines for DESCRIPTION, when the summary is not enough. */
    description?: string;
    flags: F;
    examples: { summary: string; args: string }[];
};

/** Types a command definition; flags keep their literal types so parsed values are typed. */
export function defineCommand<F extends Flags>(command: CommandDefinition<F>): CommandDefinition<F> {
    return command;
}

const HELP_FLAG = { type: 'boolean', short: 'h', summary: 'Show this help and exit.' } as const;

/** Whether to answer in JSON, known before flags are parsed so even a flag error is reported as JSON. */
export function wantsJson(argv: string[]): boolean {
    return argv.includes('--json');
}

/** Whether the command line asks for help: `--help` or `-h` before any `--`. */
export function asksForHelp(argv: string[]): boolean {
    const end = argv.indexOf('--');
    return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

function flagLabel(name: string, flag: FlagDefinition): string {
    const short = flag.short ? `-${flag.short}, ` : '    ';
    return `${short}--${name}${flag.type === 'string' ? `=<${flag.value ?? 'value'}>` : ''}`;
}

function flagText(flag: FlagDefinition): string {
    const fixedDefault = flag.default === undefined || flag.default === false ? undefined : String(flag.default);
    const defaultValue = flag.defaultText ?? fixedDefault;
    return [
        flag.required ? '(required)' : '',
        flag.summary,
        flag.multiple ? '(repeatable)' : '',
        defaultValue === undefined ? '' : `[default: ${defaultValue}]`
    ]
        .filter(Boolean)
        .join(' ');
}

function usageLine<F extends Flags>(command: CommandDefinition<F>): string {
    const parts = Object.entries(command.flags).map(([name, flag]) => {
        const text = `--${name}${flag.type === 'string' ? ` <${flag.value ?? 'value'}>` : ''}`;
        return flag.required ? text : `[${text}]`;
    });
    return parts.length ? `${command.run} -- ${parts.join(' ')}` : command.run;
}

function indent(text: string, spaces: number): string {
    return text
        .split('\n')
        .map((line) => (line ? ' '.repeat(spaces) + line : line))
        .join('\n');
}

/** The command's --help text, built from the same definitions the parser uses. */
export function helpText<F extends Flags>(command: CommandDefinition<F>): string {
    const flags = Object.entries({ ...command.flags, help: HELP_FLAG }) as [string, FlagDefinition][];
    const labels = flags.map(([name, flag]) => flagLabel(name, flag));
    const width = Math.max(...labels.map((label) => label.length));
    const flagLines = flags.map(([, flag], index) => `  ${labels[index].padEnd(width)}  ${flagText(flag)}`);
    const examples = command.examples.map(
        (example) => `  ${example.summary}\n\n    $ ${command.run}${example.args ? ` -- ${example.args}` : ''}`
    );
    return [
        command.summary,
        '',
        'USAGE',
        `  $ ${usageLine(command)}`,
        '',
        'FLAGS',
        ...flagLines,
        ...(command.description ? ['', 'DESCRIPTION', indent(command.description, 2)] : []),
        '',
        'EXAMPLES',
        examples.join('\n\n'),
        ''
    ].join('\n');
}

type ParsedFlags<F extends Flags> = ReturnType<
    typeof parseArgs<{ args: string[]; options: F; strict: true; allowPositionals: false }>
>['values'];

/**
 * Parses a command line strictly against the command's flags: an unknown flag, a missing value or a missing required
 * flag is an error that points at --help. `--help` / `-h` prints the help and exits 0 before anything else runs.
 */
export function parseFlags<F extends Flags>(command: CommandDefinition<F>, argv: string[]): ParsedFlags<F> {
    if (asksForHelp(argv)) {
        // Written synchronously: the process exits right after, whatever stdout is (pipe, file or terminal).
        writeSync(1, helpText(command));
        process.exit(0);
    }
    const pointer = `See \`${command.run} -- --help\`.`;
    let values: ParsedFlags<F>;
    try {
        values = parseArgs({ args: argv, options: command.flags, strict: true, allowPositionals: false }).values;
    } catch (error) {
        const message = (error as Error).message;
        throw new ScriptError('InvalidFlags', `${message}${message.endsWith('.') ? '' : '.'} ${pointer}`);
    }
    for (const [name, flag] of Object.entries(command.flags)) {
        if (flag.required && (values as Record<string, unknown>)[name] === undefined) {
            throw new ScriptError('InvalidFlags', `Missing required flag --${name}. ${pointer}`);
        }
    }
    return values;
}

/** Reads an integer flag, refusing anything that is not a whole number within the bounds. */
export function integerFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
    if (value === undefined) {
        return undefined;
    }
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
        throw new ScriptError(
            'InvalidFlags',
            `--${name} must be a whole number from ${min} to ${max}, not "${value}".`
        );
    }
    return number;
}

export type Output = {
    json: boolean;
    /** Progress and human-readable lines: stderr, so stdout stays clean for --json. */
    info(message: string): void;
};

export function createOutput(json: boolean): Output {
    return {
        json,
        info(message) {
            if (!json) {
                process.stderr.write(`${message}\n`);
            }
        }
    };
}

/**
 * Runs a script's main function: prints its result (JSON envelope with --json) and sets the exit status.
 * A result with `success: false` exits 1 after printing, so failures reported per record are never lost.
 */
export async function runScript<R extends { success: boolean }>(
    json: boolean,
    main: () => Promise<R>,
    describe: (result: R) => string
): Promise<void> {
    try {
        const result = await main();
        if (json) {
            process.stdout.write(
                `${JSON.stringify({ status: result.success ? 0 : 1, result, warnings: [] }, null, 2)}\n`
            );
        } else {
            process.stdout.write(`${describe(result)}\n`);
        }
        process.exitCode = result.success ? 0 : 1;
    } catch (error) {
        const { name, message, data } = describeError(error);
        if (json) {
            process.stdout.write(`${JSON.stringify({ status: 1, name, message, data }, null, 2)}\n`);
        } else {
            process.stderr.write(`Error (${name}): ${message}\n`);
        }
        process.exitCode = 1;
    }
}

function describeError(error: unknown): { name: string; message: string; data?: unknown } {
    if (error instanceof ScriptError) {
        return { name: error.name, message: error.message, data: error.data };
    }
    if (error instanceof Error) {
        return { name: error.name, message: error.message };
    }
    return { name: 'Error', message: String(error) };
}

/** Formats rows as an aligned text table with a header, for component and record failures. */
export function formatTable(headers: string[], rows: string[][]): string {
    const widths = headers.map((header, column) =>
        Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length))
    );
    const line = (cells: string[]) =>
        cells
            .map((cell, column) => cell.padEnd(widths[column]))
            .join('  ')
            .trimEnd();
    return [line(headers), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join('\n');
}
