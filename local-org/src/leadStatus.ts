/**
 * Object Reference, "LeadStatus": "Represents the status of a Lead record"; supported calls describeSObjects(),
 * query(), retrieve() (read only). One row per active value of the Lead Status picklist: ApiName the value,
 * MasterLabel its label, IsConverted / IsDefault its flags, SortOrder its position. Kept in step with the picklist
 * at bootstrap and on every LeadStatus standard value set deploy, so the Ids of unchanged values stay the same.
 */
import type { ObjectDef, PicklistValue } from './schema.ts';
import { insertSystemRecord, type Db } from './store.ts';

export function syncLeadStatuses(
    db: Db,
    leadStatus: ObjectDef,
    values: PicklistValue[],
    userId: string,
    now: string
): void {
    const active = values.filter((value) => value.active);
    const existing = new Map(
        (db.prepare('SELECT Id, ApiName FROM LeadStatus').all() as { Id: string; ApiName: string }[]).map((row) => [
            row.ApiName,
            row.Id
        ])
    );
    const update = db.prepare(
        'UPDATE LeadStatus SET MasterLabel = ?, IsConverted = ?, IsDefault = ?, SortOrder = ?, IsDeleted = 0, ' +
            'LastModifiedById = ?, LastModifiedDate = ?, SystemModstamp = ? WHERE Id = ?'
    );
    active.forEach((value, index) => {
        const fields = {
            MasterLabel: value.label,
            IsConverted: Number(value.converted === true),
            IsDefault: Number(value.defaultValue === true),
            SortOrder: index + 1
        };
        const id = existing.get(value.value);
        if (id)
            update.run(
                fields.MasterLabel,
                fields.IsConverted,
                fields.IsDefault,
                fields.SortOrder,
                userId,
                now,
                now,
                id
            );
        else insertSystemRecord(db, leadStatus, { ApiName: value.value, ...fields }, userId, now);
    });
    // A value no longer active is no longer a LeadStatus row (retired values stay only on the leads that use them).
    const remove = db.prepare('DELETE FROM LeadStatus WHERE Id = ?');
    for (const [apiName, id] of existing) if (!active.some((value) => value.value === apiName)) remove.run(id);
}
