/**
 * The Queue metadata type (queues/X.queue): a Group of Type Queue, the objects it may own (QueueSobject) and its
 * user members (GroupMember), as Salesforce keeps a queue. Metadata API Developer Guide, "Queue": name (the label),
 * email, doesSendEmailToMembers, queueSobject (sobjectType: Case, Lead, custom objects...), queueMembers (users,
 * publicGroups, roles, roleAndSubordinates, roleAndSubordinatesInternal), queueRoutingConfig, doesIncludeBosses.
 * What local-org does not apply is refused by name: email to members (local-org sends no email), Omni-Channel
 * routing, and members by role or public group (local-org has no roles, nor public groups as metadata).
 */
import type { Db } from '../store.ts';
import { insertSystemRecord, quoteName } from '../store.ts';
import type { Applied, Staging } from './objects.ts';
import { stagedObject } from './objects.ts';
import { ComponentProblem } from './problem.ts';
import { checkElements, flag, list, text, toXml, type XmlNode } from './xml.ts';

const QUEUE_ELEMENTS = [
    'fullName',
    'name',
    'email',
    'doesSendEmailToMembers',
    'doesIncludeBosses',
    'queueSobject',
    'queueMembers',
    'queueRoutingConfig'
];

/** Member kinds of QueueMembers that local-org does not apply, with why. */
const REFUSED_MEMBERS: Record<string, string> = {
    publicGroups: 'public groups',
    roles: 'roles',
    roleAndSubordinates: 'roles and subordinates',
    roleAndSubordinatesInternal: 'roles and internal subordinates'
};

interface QueueDefinition {
    name: string;
    email: string | null;
    sobjectTypes: string[];
    usernames: string[];
}

function refuse(fullName: string, what: string): never {
    throw new ComponentProblem(`Queue ${fullName}: ${what} is not supported by local-org`);
}

function readQueue(staging: Staging, fullName: string, root: XmlNode): QueueDefinition {
    checkElements(root, 'Queue', QUEUE_ELEMENTS);
    const name = text(root, 'name');
    if (!name) throw new ComponentProblem(`Queue ${fullName}: Required field is missing: name`);
    if (flag(root, 'doesSendEmailToMembers')) refuse(fullName, 'doesSendEmailToMembers (local-org sends no email)');
    if (flag(root, 'doesIncludeBosses')) refuse(fullName, 'doesIncludeBosses (local-org has no role hierarchy)');
    if (text(root, 'queueRoutingConfig')) refuse(fullName, 'queueRoutingConfig (Omni-Channel routing)');
    const members = list(root, 'queueMembers')[0] ?? {};
    checkElements(members, 'QueueMembers', ['users', ...Object.keys(REFUSED_MEMBERS)]);
    for (const [key, words] of Object.entries(REFUSED_MEMBERS)) {
        if (list(members, key).length > 0) refuse(fullName, `queue members by ${words} (${key})`);
    }
    const usernames = list(members, 'users').flatMap((users) => list(users, 'user').map(String));
    const sobjectTypes = list(root, 'queueSobject').map((entry) => text(entry, 'sobjectType') ?? '');
    for (const sobjectType of sobjectTypes) {
        const object = stagedObject(staging, sobjectType);
        const owner = object.fields.find((field) => field.name === 'OwnerId');
        if (!owner?.referenceTo?.includes('Group')) {
            throw new ComponentProblem(`Queue ${fullName}: a queue cannot own ${object.name} records`);
        }
    }
    return { name, email: text(root, 'email') ?? null, sobjectTypes, usernames };
}

function userIdsOf(db: Db, fullName: string, usernames: string[]): string[] {
    return usernames.map((username) => {
        const row = db.prepare('SELECT Id FROM User WHERE Username = ?').get(username) as { Id: string } | undefined;
        if (!row) throw new ComponentProblem(`Queue ${fullName}: no user with username ${username}`);
        return row.Id;
    });
}

function queueIdOf(db: Db, developerName: string): string | undefined {
    const row = db
        .prepare('SELECT Id FROM "Group" WHERE Type = \'Queue\' AND DeveloperName = ? AND IsDeleted = 0')
        .get(developerName) as { Id: string } | undefined;
    return row?.Id;
}

/**
 * Deploys a queue as a whole, as the metadata is declarative: its objects and user members become exactly those the
 * file lists (members added since through the API are replaced, as a redeploy of the queue replaces its members).
 */
export function applyQueue(staging: Staging, fullName: string, root: XmlNode): Applied {
    const definition = readQueue(staging, fullName, root);
    const userIds = userIdsOf(staging.db, fullName, definition.usernames);
    const { db, userId, now } = staging;
    const existing = queueIdOf(db, fullName);
    const queueId =
        existing ??
        insertSystemRecord(
            db,
            stagedObject(staging, 'Group'),
            { Name: definition.name, DeveloperName: fullName, Type: 'Queue', Email: definition.email },
            userId,
            now
        );
    if (existing) {
        db.prepare(
            'UPDATE "Group" SET Name = ?, Email = ?, LastModifiedDate = ?, LastModifiedById = ?, SystemModstamp = ? WHERE Id = ?'
        ).run(definition.name, definition.email, now, userId, now, queueId);
    }
    db.prepare('DELETE FROM QueueSobject WHERE QueueId = ?').run(queueId);
    for (const sobjectType of definition.sobjectTypes) {
        insertSystemRecord(
            db,
            stagedObject(staging, 'QueueSobject'),
            { QueueId: queueId, SobjectType: sobjectType },
            userId,
            now
        );
    }
    db.prepare(`DELETE FROM ${quoteName('GroupMember')} WHERE GroupId = ?`).run(queueId);
    for (const memberId of new Set(userIds)) {
        insertSystemRecord(
            db,
            stagedObject(staging, 'GroupMember'),
            { GroupId: queueId, UserOrGroupId: memberId },
            userId,
            now
        );
    }
    return { created: existing === undefined, changed: true };
}

/** Deployed queues' developer names, for listMetadata and retrieve's `*`. */
export function queueNames(db: Db): string[] {
    return (
        db
            .prepare(
                'SELECT DeveloperName FROM "Group" WHERE Type = \'Queue\' AND IsDeleted = 0 ORDER BY DeveloperName'
            )
            .all() as { DeveloperName: string }[]
    ).map((row) => row.DeveloperName);
}

export function queueId(db: Db, developerName: string): string | undefined {
    return queueIdOf(db, developerName);
}

/** A queue as retrieve gives it back: from the org's rows, so members added through the API are included. */
export function queueXml(db: Db, developerName: string): string | undefined {
    const group = db
        .prepare(
            'SELECT Id, Name, Email, DoesSendEmailToMembers FROM "Group" WHERE Type = \'Queue\' AND DeveloperName = ? AND IsDeleted = 0'
        )
        .get(developerName) as
        { Id: string; Name: string; Email: string | null; DoesSendEmailToMembers: number } | undefined;
    if (!group) return undefined;
    const usernames = (
        db
            .prepare(
                'SELECT u.Username FROM GroupMember m JOIN User u ON u.Id = m.UserOrGroupId WHERE m.GroupId = ? AND m.IsDeleted = 0 ORDER BY u.Username'
            )
            .all(group.Id) as { Username: string }[]
    ).map((row) => row.Username);
    const sobjectTypes = (
        db
            .prepare('SELECT SobjectType FROM QueueSobject WHERE QueueId = ? AND IsDeleted = 0 ORDER BY SobjectType')
            .all(group.Id) as { SobjectType: string }[]
    ).map((row) => row.SobjectType);
    const body = toXml({
        doesSendEmailToMembers: group.DoesSendEmailToMembers === 1,
        email: group.Email,
        name: group.Name,
        queueMembers: usernames.length > 0 ? { users: { user: usernames } } : undefined,
        queueSobject: sobjectTypes.map((sobjectType) => ({ sobjectType }))
    });
    return `<?xml version="1.0" encoding="UTF-8"?>\n<Queue xmlns="http://soap.sforce.com/2006/04/metadata">${body}</Queue>\n`;
}
