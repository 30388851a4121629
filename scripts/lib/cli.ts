/**
 * What every Caseline script shares: typed flags, `--json` output in the sf CLI's envelope, clear errors and a
 * non-zero exit status on failure.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** An error whose message is written for the person running the script; `data` goes into the --json output. */
export class ScriptError extends Error {
    readonly data: unknown;

    constructor(name: string, message: string, data?: unknown) {
        super(message);
        this.name = name;
        this.data = data;
    }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Whether to answer in JSON, known before flags are parsed so even a flag error is reported as JSON. */
export function wantsJson(argv: string[]): boolean {
    return argv.includes('--json');
}

/** Parses flags strictly: an unknown flag or a missing value is an error, not something silently ignored. */
export function parseFlags<T extends Options>(argv: string[], options: T) {
    try {
        return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
    } catch (error) {
        throw new ScriptError('InvalidFlags', (error as Error).message);
    }
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
