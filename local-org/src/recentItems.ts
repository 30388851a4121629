/**
 * Recently viewed and referenced records, per user: what SOQL's FOR VIEW and FOR REFERENCE record ("FOR VIEW and
 * FOR REFERENCE", SOQL and SOSL Reference: "A record is added to the RecentlyViewed object") and what the REST
 * `recent` resource and the `recentItems` of `sobjects/X` answer ("Recently Viewed Items", REST API Developer Guide).
 * local-org has no user interface that views records, so these clauses are the only source, as the REST guide's
 * "Mark Records as Recently Viewed" describes for custom interfaces. The RecentlyViewed object itself and the
 * LastViewedDate / LastReferencedDate fields are not in local-org's catalogue.
 */
import type { CallContext } from './context.ts';
import { recordUrl } from './records.ts';
import type { ObjectDef } from './schema.ts';
import { quoteName, type Db } from './store.ts';

/** "RecentlyViewed data is periodically truncated down to 200 records per object" (FOR VIEW, SOQL reference). */
export const RECENT_PER_OBJECT = 200;

export type RecentUse = 'VIEW' | 'REFERENCE';

/** Records the query's records as viewed or referenced by the user, most recent first, 200 kept per object. */
export function recordRecentUse(
    db: Db,
    userId: string,
    object: ObjectDef,
    recordIds: string[],
    use: RecentUse,
    now: Date
): void {
    const column = use === 'VIEW' ? 'last_viewed' : 'last_referenced';
    const upsert = db.prepare(
        `INSERT INTO _lo_recently_viewed (user_id, record_id, sobject_type, ${column}) VALUES (?, ?, ?, ?)
         ON CONFLICT(user_id, record_id) DO UPDATE SET ${column} = excluded.${column}`
    );
    const at = now.toISOString();
    for (const id of recordIds) upsert.run(userId, id, object.name, at);
    db.prepare(
        `DELETE FROM _lo_recently_viewed WHERE user_id = ? AND sobject_type = ? AND record_id NOT IN (
            SELECT record_id FROM _lo_recently_viewed WHERE user_id = ? AND sobject_type = ?
            ORDER BY MAX(COALESCE(last_viewed, ''), COALESCE(last_referenced, '')) DESC LIMIT ?)`
    ).run(userId, object.name, userId, object.name, RECENT_PER_OBJECT);
}

/** The Ids of some rows of an object's table (a query keeps rowids). */
export function recordIdsOfRows(db: Db, object: ObjectDef, rowIds: ArrayLike<number>): string[] {
    const ids: string[] = [];
    const select = db.prepare(`SELECT Id FROM ${quoteName(object.name)} WHERE rowid = ?`).pluck();
    for (let i = 0; i < rowIds.length; i++) {
        const id = select.get(rowIds[i]) as string | undefined;
        if (id) ids.push(id);
    }
    return ids;
}

/**
 * The user's recently viewed or referenced records, most recent first: those of objects the user can still read,
 * not deleted, each as `{attributes, Id, Name}` with the record's name field.
 */
export function recentItems(ctx: CallContext, limit: number, objectName?: string) {
    const rows = ctx.db
        .prepare(
            `SELECT record_id, sobject_type FROM _lo_recently_viewed WHERE user_id = ? AND (? IS NULL OR sobject_type = ?)
             ORDER BY MAX(COALESCE(last_viewed, ''), COALESCE(last_referenced, '')) DESC`
        )
        .all(ctx.userId, objectName ?? null, objectName ?? null) as { record_id: string; sobject_type: string }[];
    const items: { attributes: { type: string; url: string }; Id: string; Name: unknown }[] = [];
    for (const row of rows) {
        if (items.length >= limit) break;
        const object = ctx.schema.object(row.sobject_type);
        if (!object || !ctx.access.canReadObject(object.name)) continue;
        const nameField = object.fields.find((f) => f.nameField) ?? object.fields.find((f) => f.name === 'Name');
        const live = object.fields.some((f) => f.name === 'IsDeleted') ? ' AND IsDeleted = 0' : '';
        const record = ctx.db
            .prepare(
                `SELECT Id${nameField ? `, ${quoteName(nameField.name)} AS name` : ''} FROM ${quoteName(object.name)} WHERE Id = ?${live}`
            )
            .get(row.record_id) as { Id: string; name?: unknown } | undefined;
        if (!record) continue;
        items.push({
            attributes: { type: object.name, url: recordUrl(ctx.apiVersion, object.name, record.Id) },
            Id: record.Id,
            Name: nameField && ctx.access.canReadField(object.name, nameField.name) ? (record.name ?? null) : null
        });
    }
    return items;
}
