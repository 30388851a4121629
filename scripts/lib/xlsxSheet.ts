/**
 * The lead import template as an Excel workbook (.xlsx): its first sheet read as text cells, exactly as the CSV
 * path sees the same data, and the header written as a workbook for `--template --file x.xlsx`.
 * Reading: read-excel-file (https://www.npmjs.com/package/read-excel-file); writing: write-excel-file.
 */
import { readFile } from 'node:fs/promises';
import { readSheet, type CellValue } from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { ScriptError } from './cli.ts';

/** The template's date cells as text: `dd/mm/yyyy hh:mm` (leadTemplate.ts parseTemplateDate, UTC). */
export function templateDateText(date: Date): string {
    // Excel stores a date as a fractional day count; round to the minute so 14:29:59.9999 reads as 14:30.
    const minute = new Date(Math.round(date.getTime() / 60_000) * 60_000);
    const two = (n: number) => String(n).padStart(2, '0');
    return (
        `${two(minute.getUTCDate())}/${two(minute.getUTCMonth() + 1)}/${minute.getUTCFullYear()} ` +
        `${two(minute.getUTCHours())}:${two(minute.getUTCMinutes())}`
    );
}

/**
 * One cell as the text the row checks read. Dates may be typed as text (kept as typed) or be Excel date cells:
 * those become `dd/mm/yyyy hh:mm` in UTC, the template's form, whatever display format the sheet gave them.
 * Numbers are read as stored in the file (parseNumber below), TRUE/FALSE cells as Excel's own "Save as CSV"
 * writes them, so they fail "must be T or F" exactly as the CSV would; empty cells and formula errors are ''.
 */
export function cellText(cell: CellValue<string> | null): string {
    if (cell === null || cell === undefined) return '';
    if (cell instanceof Date) return templateDateText(cell);
    if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
    return String(cell);
}

/** The first sheet's rows as text; refuses a file that is not a readable workbook. */
export async function readFirstSheetText(file: string): Promise<string[][]> {
    let content: Buffer;
    try {
        content = await readFile(file);
    } catch (error) {
        throw new ScriptError('UnreadableFile', `Cannot read ${file}: ${(error as Error).message}`);
    }
    let rows: (CellValue<string> | null)[][];
    try {
        // trim: false and parseNumber keeping the stored text: the CSV path trims nothing and parses no number.
        rows = (await readSheet<string>(content, 1, {
            trim: false,
            parseNumber: (text) => text
        })) as (CellValue<string> | null)[][];
    } catch (error) {
        throw new ScriptError(
            'MalformedXlsx',
            `${file} is not a readable .xlsx workbook (${(error as Error).message}). Save it again from Excel, or as CSV UTF-8.`
        );
    }
    return rows.map((row) => row.map(cellText));
}

/** Writes one sheet of text rows (the template's header) as a new workbook. */
export async function writeSheetText(file: string, rows: string[][]): Promise<void> {
    await writeExcelFile(rows).toFile(file);
}
