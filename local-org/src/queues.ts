/**
 * Records owned by a queue. A queue is a Group of Type Queue; it may own the records of the objects its QueueSobject
 * rows name (Object Reference, "QueueSobject": "the mapping between a queue Group and the types associated with the
 * queue"). Any other group as owner, or a queue that does not support the object, fails the save as Salesforce fails
 * it: FIELD_INTEGRITY_EXCEPTION "<owner field label>: id value of incorrect type: <id>" on OwnerId (the answer
 * reported for a queue Id on an object the queue does not support, e.g. github.com/apex-enterprise-patterns/
 * fflib-apex-common/issues/293: "Assigned To ID: id value of incorrect type: 00G…: [OwnerId]").
 */
import type { CallContext } from './context.ts';
import type { SaveState, StoredRecord } from './derive.ts';
import { recordError } from './errors.ts';
import type { ObjectDef } from './schema.ts';

const GROUP_KEY_PREFIX = '00G';

/** Whether the group is a queue that may own records of the object. */
export function queueSupports(ctx: CallContext, groupId: string, objectName: string): boolean {
    const row = ctx.db
        .prepare(
            `SELECT 1 FROM QueueSobject s JOIN "Group" g ON g.Id = s.QueueId
             WHERE g.Id = ? AND g.Type = 'Queue' AND g.IsDeleted = 0 AND s.IsDeleted = 0 AND s.SobjectType = ? COLLATE NOCASE`
        )
        .get(groupId, objectName);
    return row !== undefined;
}

/** A new or changed owner that is a group must be a queue supporting the object (checked after before-save flows). */
export function checkQueueOwner(ctx: CallContext, object: ObjectDef, record: StoredRecord, state: SaveState): void {
    const ownerId = record.OwnerId;
    if (!object.owned || typeof ownerId !== 'string' || !ownerId.startsWith(GROUP_KEY_PREFIX)) return;
    if (!state.isInsert && state.previous?.OwnerId === ownerId) return;
    if (queueSupports(ctx, ownerId, object.name)) return;
    const label = ctx.schema.field(object.name, 'OwnerId')?.label ?? 'Owner ID';
    throw recordError('FIELD_INTEGRITY_EXCEPTION', `${label}: id value of incorrect type: ${ownerId}`, ['OwnerId']);
}

/** Whether the user is a direct member of the group (queue membership through roles or public groups is refused at deploy). */
export function isQueueMember(ctx: CallContext, groupId: string, userId: string): boolean {
    const row = ctx.db
        .prepare('SELECT 1 FROM GroupMember WHERE GroupId = ? AND UserOrGroupId = ? AND IsDeleted = 0')
        .get(groupId, userId);
    return row !== undefined;
}
