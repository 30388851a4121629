/**
 * Source tracking, as a scratch org has it: every metadata change the org takes is a SourceMember row (Tooling
 * API) with a RevisionCounter that grows with each change, so `sf` can tell which components changed since it last
 * looked. `sf org create scratch` resets the counters of what its settings deploy made to 0. Orgs without source
 * tracking (every local org that is not a scratch org) refuse SourceMember as Salesforce does.
 * https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_sourcemember.htm
 */
import { parseQuery, type Query, type WhereClause } from '@jetstreamapp/soql-parser-js';
import { ApiError, notFound, recordError } from '../errors.ts';
import type { Db } from '../store.ts';
import { nextId } from '../store.ts';
import { json, type Route } from '../rest/types.ts';

interface ComponentChange {
    componentType: string;
    fullName: string;
    success: boolean;
}

const FIELDS = [
    'Id',
    'MemberType',
    'MemberName',
    'RevisionCounter',
    'RevisionNum',
    'IsNameObsolete',
    'IsNewMember',
    'ChangedBy',
    'LastModifiedDate'
];
const BOOLEAN_FIELDS = new Set(['IsNameObsolete', 'IsNewMember']);
const COMPARISONS: Record<string, string> = { '=': '=', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

function ensureTable(db: Db): void {
    db.exec(`CREATE TABLE IF NOT EXISTS _lo_source_members (
        Id TEXT PRIMARY KEY, MemberType TEXT NOT NULL, MemberName TEXT NOT NULL, RevisionCounter INTEGER NOT NULL,
        RevisionNum INTEGER NOT NULL, IsNameObsolete INTEGER NOT NULL, IsNewMember INTEGER NOT NULL,
        ChangedBy TEXT NOT NULL, LastModifiedDate TEXT NOT NULL, UNIQUE (MemberType, MemberName))`);
}

/** A scratch org tracks source; Salesforce reports one as IsSandbox with a TrialExpirationDate. */
export function tracksSource(db: Db): boolean {
    const row = db.prepare('SELECT IsSandbox, TrialExpirationDate FROM Organization LIMIT 1').get() as
        { IsSandbox: number; TrialExpirationDate: string | null } | undefined;
    return row !== undefined && row.IsSandbox === 1 && row.TrialExpirationDate !== null;
}

/** Called inside a deploy's transaction with its successful components. */
export function recordSourceMembers(db: Db, components: ComponentChange[], userId: string, now: string): void {
    if (!tracksSource(db)) return;
    ensureTable(db);
    const next = () =>
        ((db.prepare('SELECT MAX(RevisionNum) n FROM _lo_source_members').get() as { n: number | null }).n ?? 0) + 1;
    for (const component of components) {
        if (!component.success || !component.componentType) continue;
        const revision = next();
        const existing = db
            .prepare('SELECT Id FROM _lo_source_members WHERE MemberType = ? AND MemberName = ?')
            .get(component.componentType, component.fullName) as { Id: string } | undefined;
        if (existing) {
            db.prepare(
                'UPDATE _lo_source_members SET RevisionCounter = ?, RevisionNum = ?, IsNewMember = 0, ChangedBy = ?, LastModifiedDate = ? WHERE Id = ?'
            ).run(revision, revision, userId, now, existing.Id);
        } else {
            db.prepare('INSERT INTO _lo_source_members VALUES (?, ?, ?, ?, ?, 0, 1, ?, ?)').run(
                nextId(db, '0MZ'),
                component.componentType,
                component.fullName,
                revision,
                revision,
                userId,
                now
            );
        }
    }
}

function refuse(feature: string): ApiError {
    return new ApiError(400, 'NOT_SUPPORTED_BY_LOCAL_ORG', `${feature} is not supported by local-org.`);
}

function invalidType(name: string): ApiError {
    return new ApiError(
        400,
        'INVALID_TYPE',
        `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`
    );
}

function conditionSql(where: WhereClause, params: unknown[]): string {
    const condition = where.left as { field?: string; operator?: string; value?: string; literalType?: string };
    const comparison = COMPARISONS[condition.operator ?? ''];
    if (condition.field !== 'RevisionCounter' || !comparison || condition.literalType !== 'INTEGER')
        throw refuse('A Tooling API SourceMember filter other than on RevisionCounter with a number');
    params.push(Number(condition.value));
    const sql = `RevisionCounter ${comparison} ?`;
    const { operator, right } = where as { operator?: string; right?: WhereClause };
    if (!right) return sql;
    if (operator !== 'AND') throw refuse(`${operator ?? ''} in a Tooling API SourceMember filter`);
    return `${sql} AND ${conditionSql(right, params)}`;
}

/** GET /tooling/query: SourceMember only, its fields, filtered on RevisionCounter. */
export function querySourceMembers(db: Db, soql: string, apiVersion: string): Record<string, unknown> {
    let query: Query;
    try {
        query = parseQuery(soql) as Query;
    } catch (error) {
        throw recordError('MALFORMED_QUERY', (error as Error).message);
    }
    if (query.sObject?.toLowerCase() !== 'sourcemember') {
        throw refuse(`The Tooling API object ${query.sObject ?? ''} (only SourceMember is)`);
    }
    if (!tracksSource(db)) throw invalidType('SourceMember');
    ensureTable(db);
    const names = (query.fields ?? []).map((f) => (f as { field?: string }).field ?? '');
    const unknown = names.find((name) => !FIELDS.some((f) => f.toLowerCase() === name.toLowerCase()));
    if (unknown !== undefined) {
        throw recordError('INVALID_FIELD', `No such column '${unknown}' on entity 'SourceMember'.`);
    }
    const fields = names.map((name) => FIELDS.find((f) => f.toLowerCase() === name.toLowerCase())!);
    const params: unknown[] = [];
    const where = query.where ? ` WHERE ${conditionSql(query.where, params)}` : '';
    const sql = `SELECT * FROM _lo_source_members${where} ORDER BY RevisionCounter`;
    const rows = db.prepare(sql).all(...params) as Record<string, unknown>[];
    const records = rows.map((row) => {
        const record: Record<string, unknown> = {
            attributes: {
                type: 'SourceMember',
                url: `/services/data/v${apiVersion}/tooling/sobjects/SourceMember/${String(row.Id)}`
            }
        };
        for (const field of fields) {
            record[field] = BOOLEAN_FIELDS.has(field) ? row[field] === 1 : row[field];
        }
        return record;
    });
    return {
        size: records.length,
        totalSize: records.length,
        done: true,
        queryLocator: null,
        entityTypeName: 'SourceMember',
        records
    };
}

/** PATCH /tooling/sobjects/SourceMember/<id>: the CLI sets RevisionCounter (to 0) after a scratch org's settings. */
export function updateSourceMember(db: Db, id: string, body: unknown): void {
    if (!tracksSource(db)) throw invalidType('SourceMember');
    ensureTable(db);
    const input = (body ?? {}) as Record<string, unknown>;
    const other = Object.keys(input).find((key) => key !== 'RevisionCounter' && key !== 'attributes');
    if (other !== undefined) throw refuse(`Updating SourceMember.${other}`);
    const counter = input.RevisionCounter;
    if (!Number.isInteger(counter) || (counter as number) < 0) {
        throw recordError('INVALID_FIELD_FOR_INSERT_UPDATE', 'RevisionCounter must be a whole number of 0 or more', [
            'RevisionCounter'
        ]);
    }
    const result = db
        .prepare('UPDATE _lo_source_members SET RevisionCounter = ? WHERE Id = ? OR substr(Id, 1, 15) = ?')
        .run(counter, id, id.slice(0, 15));
    if (result.changes === 0) throw notFound();
}

/** The Tooling API resources local-org has: SourceMember query and update. */
export const toolingRoutes: Route[] = [
    {
        method: 'GET',
        pattern: /^\/tooling\/query\/?$/,
        handler: (r) => {
            if (r.query.get('columns') === 'true') throw refuse('Tooling API query column metadata (columns=true)');
            return json(200, querySourceMembers(r.ctx.db, r.query.get('q') ?? '', r.ctx.apiVersion));
        }
    },
    {
        method: 'PATCH',
        pattern: /^\/tooling\/sobjects\/SourceMember\/([A-Za-z0-9]{15,18})$/,
        handler: (r) => {
            updateSourceMember(r.ctx.db, r.params[0], r.body);
            return json(204, undefined);
        }
    }
];
