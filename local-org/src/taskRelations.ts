/**
 * Shared Activities (always on in local-org; ActivitiesSettings.allowUsersToRelateMultipleContactsToTasksAndEvents
 * = true is the only value it accepts, and a real org cannot switch it off once on). A task's relations are
 * TaskRelation rows: the WhoId is the primary contact (or the one lead), up to 50 contacts in all, and the WhatId
 * is the one IsWhat row. Sources (Object Reference): "TaskRelation" (one lead or up to 50 contacts; one account,
 * case, ...; IsWhat false for a contact or lead, true otherwise), "Task" (WhoId: the lead or primary contact when
 * Shared Activities is on; WhoCount/WhatCount: the task's relation counts), "EventRelation" (deleting the relation
 * that is the WhoId promotes another contact; deleting a relation clears the matching field); Salesforce Help,
 * "Considerations for Enabling Shared Activities" (it cannot be disabled; a task related to a lead takes no
 * additional contacts).
 * The relation rows are deleted with the task through TaskRelation.TaskId's cascade (writes.ts softDelete).
 * Error wording for the limits is ours: no Salesforce source quotes it.
 */
import type { CallContext } from './context.ts';
import type { StoredRecord } from './derive.ts';
import { recordError } from './errors.ts';

/** Object Reference, TaskRelation: "this object doesn't support triggers, workflow, or data validation rules". */
export const NO_AUTOMATION_OBJECTS = new Set(['TaskRelation']);

/** Shared Activities: "A task can be related to one lead or up to 50 contacts." */
export const MAX_CONTACTS_PER_TASK = 50;

const CONTACT_PREFIX = '003';
const LEAD_PREFIX = '00Q';

export type UpdateTask = (ctx: CallContext, taskId: string, input: Record<string, unknown>) => void;
export type CreateRelation = (ctx: CallContext, input: Record<string, unknown>) => void;

interface RelationRow {
    Id: string;
    RelationId: string;
    IsWhat: number;
}

export function isWhoId(id: unknown): boolean {
    return typeof id === 'string' && (id.startsWith(CONTACT_PREFIX) || id.startsWith(LEAD_PREFIX));
}

function activeRelations(ctx: CallContext, taskId: string): RelationRow[] {
    return ctx.db
        .prepare(
            'SELECT Id, RelationId, IsWhat FROM "TaskRelation" WHERE TaskId = ? AND IsDeleted = 0 ORDER BY CreatedDate, Id'
        )
        .all(taskId) as RelationRow[];
}

function removeRelation(ctx: CallContext, taskId: string, relationId: unknown, isWhat: boolean): void {
    ctx.db
        .prepare(
            'UPDATE "TaskRelation" SET IsDeleted = 1, SystemModstamp = ?, LastModifiedById = ? WHERE TaskId = ? AND RelationId = ? AND IsWhat = ? AND IsDeleted = 0'
        )
        .run(ctx.now.toISOString(), ctx.userId, taskId, relationId, isWhat ? 1 : 0);
}

/** WhoCount and WhatCount follow the task's relation rows. */
function recount(ctx: CallContext, taskId: string, task?: StoredRecord): void {
    const rows = activeRelations(ctx, taskId);
    const whoCount = rows.filter((r) => r.IsWhat === 0).length;
    const whatCount = rows.length - whoCount;
    ctx.db.prepare('UPDATE "Task" SET WhoCount = ?, WhatCount = ? WHERE Id = ?').run(whoCount, whatCount, taskId);
    if (task) {
        task.WhoCount = whoCount;
        task.WhatCount = whatCount;
    }
}

/**
 * After a task is written: a new WhoId replaces the previous primary's relation (other contacts stay), a new WhatId
 * replaces the IsWhat row.
 */
export function syncTaskRelations(
    ctx: CallContext,
    task: StoredRecord,
    previous: StoredRecord | null,
    createRelation: CreateRelation
): void {
    const taskId = String(task.Id);
    for (const [fieldName, isWhat] of [
        ['WhoId', false],
        ['WhatId', true]
    ] as const) {
        const before = previous?.[fieldName] ?? null;
        const after = task[fieldName];
        if (before === after) continue;
        if (before !== null) removeRelation(ctx, taskId, before, isWhat);
        const present = activeRelations(ctx, taskId).some((r) => r.RelationId === after);
        if (after !== null && !present) createRelation(ctx, { TaskId: taskId, RelationId: after });
    }
    recount(ctx, taskId, task);
}

/** Before a TaskRelation is inserted: one lead or up to 50 contacts, one "what", no duplicate. */
export function checkRelationInsert(ctx: CallContext, relation: StoredRecord): void {
    const rows = activeRelations(ctx, String(relation.TaskId));
    const duplicate = rows.find((r) => r.RelationId === relation.RelationId);
    if (duplicate) {
        throw recordError(
            'DUPLICATE_VALUE',
            `duplicate value found: RelationId duplicates value on record with id: ${duplicate.Id.slice(0, 15)}`,
            ['RelationId']
        );
    }
    if (relation.IsWhat === 1) {
        if (rows.some((r) => r.IsWhat === 1)) {
            throw recordError('FIELD_INTEGRITY_EXCEPTION', 'A task can be related to only one record (Related To).', [
                'RelationId'
            ]);
        }
        return;
    }
    const whos = rows.filter((r) => r.IsWhat === 0).map((r) => r.RelationId);
    const addsLead = String(relation.RelationId).startsWith(LEAD_PREFIX);
    if (whos.length > 0 && (addsLead || whos.some((id) => id.startsWith(LEAD_PREFIX)))) {
        throw recordError('FIELD_INTEGRITY_EXCEPTION', 'A task can be related to one lead or to contacts, not both.', [
            'RelationId'
        ]);
    }
    if (whos.length >= MAX_CONTACTS_PER_TASK) {
        throw recordError(
            'FIELD_INTEGRITY_EXCEPTION',
            `A task can be related to up to ${MAX_CONTACTS_PER_TASK} contacts.`,
            ['RelationId']
        );
    }
}

function readTask(ctx: CallContext, taskId: string): StoredRecord | undefined {
    return ctx.db.prepare('SELECT * FROM "Task" WHERE Id = ? AND IsDeleted = 0').get(taskId) as
        StoredRecord | undefined;
}

/** After a TaskRelation is inserted: a task with no WhoId (WhatId) takes the new relation as it. */
export function afterRelationInsert(ctx: CallContext, relation: StoredRecord, updateTask: UpdateTask): void {
    const taskId = String(relation.TaskId);
    const task = readTask(ctx, taskId);
    if (!task) return;
    const fieldName = relation.IsWhat === 1 ? 'WhatId' : 'WhoId';
    if (task[fieldName] === null) updateTask(ctx, taskId, { [fieldName]: relation.RelationId });
    else recount(ctx, taskId);
}

/** After a TaskRelation is deleted: the primary contact's place goes to the next contact; a "what" clears WhatId. */
export function afterRelationDelete(ctx: CallContext, relation: StoredRecord, updateTask: UpdateTask): void {
    const taskId = String(relation.TaskId);
    const task = readTask(ctx, taskId);
    if (!task) return;
    const fieldName = relation.IsWhat === 1 ? 'WhatId' : 'WhoId';
    if (task[fieldName] !== relation.RelationId) {
        recount(ctx, taskId);
        return;
    }
    const next = relation.IsWhat === 1 ? undefined : activeRelations(ctx, taskId).find((r) => r.IsWhat === 0);
    updateTask(ctx, taskId, { [fieldName]: next?.RelationId ?? null });
}
