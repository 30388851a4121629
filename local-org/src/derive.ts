/**
 * Fields the org computes on every save: compound names, auto-numbers, and the flags a status implies
 * (Case.IsClosed, Opportunity.IsWon, Contract.StatusCode), read from the picklist values' metadata so a value set
 * deploy changes them too.
 */
import type { Db } from './store.ts';
import { quoteName } from './store.ts';
import type { FieldDef, ObjectDef, PicklistValue } from './schema.ts';
import type { StoredValue } from './values.ts';
import { isWhoId } from './taskRelations.ts';

export type StoredRecord = Record<string, StoredValue>;

export interface SaveState {
    db: Db;
    object: ObjectDef;
    now: string;
    isInsert: boolean;
    /** Fields the request set explicitly (a stage change recomputes Probability unless the request set it). */
    given: Set<string>;
    previous: StoredRecord | null;
}

function picklistValue(object: ObjectDef, fieldName: string, value: StoredValue): PicklistValue | undefined {
    const field = object.fields.find((f) => f.name === fieldName);
    return field?.picklistValues?.find((v) => v.value === value);
}

function changed(state: SaveState, record: StoredRecord, fieldName: string): boolean {
    return state.isInsert || state.previous?.[fieldName] !== record[fieldName];
}

export function nextAutoNumber(db: Db, object: ObjectDef, field: FieldDef): string {
    const format = field.autoNumber!;
    const key = `auto:${object.name}.${field.name}`;
    const row = db
        .prepare(
            'INSERT INTO _lo_sequences (prefix, next) VALUES (?, ?) ON CONFLICT(prefix) DO UPDATE SET next = next + 1 RETURNING next'
        )
        .get(key, format.start) as { next: number };
    return format.displayFormat.replace(/\{(0+)\}/, (_m, zeros: string) =>
        String(row.next).padStart(zeros.length, '0')
    );
}

function addMonthsMinusOneDay(date: string, months: number): string {
    const [year, month, day] = date.split('-').map(Number);
    // Jan 31 plus one month is the end of February, not early March.
    const lastDayOfTargetMonth = new Date(Date.UTC(year, month + months, 0)).getUTCDate();
    const end = new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDayOfTargetMonth)));
    end.setUTCDate(end.getUTCDate() - 1);
    return end.toISOString().slice(0, 10);
}

function accountOf(db: Db, id: StoredValue): StoredValue {
    if (typeof id !== 'string') return null;
    const prefix = id.slice(0, 3);
    if (prefix === '001') return id;
    const table = { '003': 'Contact', '006': 'Opportunity', '500': 'Case', '800': 'Contract' }[prefix];
    if (!table) return null;
    const row = db.prepare(`SELECT AccountId FROM ${quoteName(table)} WHERE Id = ?`).get(id) as
        { AccountId: StoredValue } | undefined;
    return row?.AccountId ?? null;
}

/**
 * Task.AccountId (Object Reference, Task): the WhatId's account when the WhatId is an Account, Opportunity or
 * Contract; otherwise the (primary) contact's account; otherwise null. A case in WhatId does not give its account.
 */
function taskAccountId(db: Db, task: StoredRecord): StoredValue {
    const whatPrefix = typeof task.WhatId === 'string' ? task.WhatId.slice(0, 3) : null;
    if (whatPrefix === '001' || whatPrefix === '006' || whatPrefix === '800') return accountOf(db, task.WhatId);
    return typeof task.WhoId === 'string' && task.WhoId.startsWith('003') ? accountOf(db, task.WhoId) : null;
}

export function deriveFields(state: SaveState, record: StoredRecord): void {
    const { object, db } = state;
    for (const field of object.fields) {
        if (field.autoNumber && state.isInsert) record[field.name] = nextAutoNumber(db, object, field);
    }
    const hasField = (name: string) => object.fields.some((f) => f.name === name);
    if (hasField('FirstName') && hasField('LastName') && hasField('Name')) {
        record.Name =
            [record.FirstName, record.LastName].filter((part) => part !== null && part !== '').join(' ') || null;
    }
    switch (object.name) {
        case 'Case':
            deriveClosedFlag(state, record, true);
            break;
        case 'Task':
            deriveClosedFlag(state, record, false);
            record.AccountId = taskAccountId(db, record);
            break;
        case 'TaskRelation':
            // Object Reference, TaskRelation.IsWhat: false when RelationId is a contact or lead, true otherwise.
            record.IsWhat = isWhoId(record.RelationId) ? 0 : 1;
            record.AccountId = accountOf(db, record.RelationId);
            break;
        case 'Opportunity':
            deriveStage(state, record);
            break;
        case 'Contract':
            record.StatusCode = picklistValue(object, 'Status', record.Status)?.statusCode ?? 'Draft';
            record.EndDate =
                typeof record.StartDate === 'string' && typeof record.ContractTerm === 'number'
                    ? addMonthsMinusOneDay(record.StartDate, record.ContractTerm)
                    : null;
            break;
    }
}

function deriveClosedFlag(state: SaveState, record: StoredRecord, hasClosedDate: boolean): void {
    const closed = picklistValue(state.object, 'Status', record.Status)?.closed === true;
    record.IsClosed = closed ? 1 : 0;
    if (!hasClosedDate) return;
    const wasClosed = state.previous?.IsClosed === 1;
    if (closed && !wasClosed) record.ClosedDate = state.now;
    if (!closed) record.ClosedDate = null;
}

function deriveStage(state: SaveState, record: StoredRecord): void {
    const stage = picklistValue(state.object, 'StageName', record.StageName);
    record.IsClosed = stage?.closed ? 1 : 0;
    record.IsWon = stage?.won ? 1 : 0;
    if (!changed(state, record, 'StageName')) return;
    if (!state.given.has('Probability') && stage?.probability !== undefined) record.Probability = stage.probability;
    if (!state.given.has('ForecastCategoryName') && stage?.forecastCategory)
        record.ForecastCategoryName = stage.forecastCategory;
}
