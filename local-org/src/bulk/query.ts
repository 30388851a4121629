/**
 * Bulk API 2.0 query jobs: the SOQL runs through the same engine as `/query`, and the records become one CSV file
 * with parent fields flattened into `Account.Name` columns, as Salesforce writes them.
 */
import type { CallContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { columnMetadata, runQuery, type ColumnMetadata } from '../soql/index.ts';
import { CsvWriter } from './csv.ts';

interface OutputColumn {
    name: string;
    path: string[];
    datetime: boolean;
}

function outputColumns(columns: ColumnMetadata[], prefix: string[] = []): OutputColumn[] {
    return columns.flatMap((column): OutputColumn[] => {
        const path = [...prefix, column.columnName];
        if (column.aggregate) {
            throw new ApiError(
                400,
                'API_ERROR',
                column.joinColumns.length > 0
                    ? `Relationship subqueries are not supported by Bulk API 2.0 query: ${column.columnName}`
                    : 'Aggregate functions are not supported by Bulk API 2.0 query'
            );
        }
        if (column.foreignKeyName !== null || column.joinColumns.length > 0) {
            return outputColumns(column.joinColumns, path);
        }
        return [{ name: path.join('.'), path, datetime: column.apexType === 'Datetime' }];
    });
}

function cell(record: Record<string, unknown>, column: OutputColumn): string {
    let value: unknown = record;
    for (const key of column.path) {
        if (value === null || typeof value !== 'object') return '';
        value = (value as Record<string, unknown>)[key];
    }
    if (value === null || value === undefined) return '';
    // REST writes `2024-05-01T09:30:00.000+0000`; Bulk API CSV writes `2024-05-01T09:30:00.000Z`.
    if (column.datetime && typeof value === 'string') return value.replace(/\+0000$/, 'Z');
    return String(value);
}

export interface QueryJobResult {
    object: string;
    csv: string;
    count: number;
}

/** Runs the query now (errors answer the create call, as on Salesforce) and renders the whole result. */
export function runQueryJob(
    ctx: CallContext,
    soql: string,
    queryAll: boolean,
    delimiter: string,
    lineEnding: string
): QueryJobResult {
    const queryContext = {
        db: ctx.db,
        schema: ctx.schema,
        access: ctx.access,
        now: ctx.now,
        apiVersion: ctx.apiVersion
    };
    const metadata = columnMetadata(queryContext, soql);
    if (metadata.groupBy || metadata.columnMetadata.length === 0) {
        throw new ApiError(400, 'API_ERROR', 'Aggregate functions are not supported by Bulk API 2.0 query');
    }
    const columns = outputColumns(metadata.columnMetadata);
    const result = runQuery(queryContext, soql, { queryAll });
    const writer = new CsvWriter(delimiter, lineEnding);
    writer.row(columns.map((column) => column.name));
    for (const record of result.records) writer.row(columns.map((column) => cell(record, column)));
    return { object: metadata.entityName, csv: writer.text(), count: result.records.length };
}
