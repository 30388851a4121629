/**
 * Queues: the Queue metadata type deployed as Group (Type Queue), QueueSobject and GroupMember rows, given back by
 * retrieve and listMetadata; records owned by a queue only when the queue supports their object.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Connection } from 'jsforce';
import { deployPackage } from '../src/metadata/deploy.ts';
import { retrievePackage } from '../src/metadata/retrieve.ts';
import { readPackage } from '../src/metadata/zip.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';
import { graphqlData } from './support/graphql.ts';

const V = '/services/data/v66.0';
let t: TestOrg;

before(async () => {
    t = await startTestOrg();
});
after(() => t.close());

const PACKAGE = '<Package xmlns="http://soap.sforce.com/2006/04/metadata"><version>66.0</version></Package>';

function queueFile(body: string): string {
    return `<?xml version="1.0" encoding="UTF-8"?><Queue xmlns="http://soap.sforce.com/2006/04/metadata">${body}</Queue>`;
}

function deployQueues(queues: Record<string, string>) {
    const files = new Map<string, Buffer>([['package.xml', Buffer.from(PACKAGE)]]);
    for (const [name, body] of Object.entries(queues)) files.set(`queues/${name}.queue`, Buffer.from(queueFile(body)));
    return deployPackage(t.org, t.admin.id, files, { checkOnly: false, rollbackOnError: true });
}

const BACK_OFFICE = `<doesSendEmailToMembers>false</doesSendEmailToMembers><name>Back Office</name>
    <queueMembers><users><user>agent@caseline.localorg</user></users></queueMembers>
    <queueSobject><sobjectType>Case</sobjectType></queueSobject><queueSobject><sobjectType>Lead</sobjectType></queueSobject>`;

function queueId(developerName: string): string {
    return String(
        rows(t.org, `SELECT Id FROM "Group" WHERE Type = 'Queue' AND DeveloperName = ?`, developerName)[0].Id
    );
}

describe('Queue metadata', () => {
    test('a deployed queue is a Group of Type Queue with its objects and user members', async () => {
        const outcome = await deployQueues({ Back_Office: BACK_OFFICE });
        assert.equal(outcome.success, true, JSON.stringify(outcome.failures));
        assert.ok(outcome.successes.some((s) => s.componentType === 'Queue' && s.fullName === 'Back_Office'));
        const id = queueId('Back_Office');
        assert.ok(id.startsWith('00G'));
        assert.equal(rows(t.org, 'SELECT Name FROM "Group" WHERE Id = ?', id)[0].Name, 'Back Office');
        assert.deepEqual(
            rows(t.org, 'SELECT SobjectType FROM QueueSobject WHERE QueueId = ? ORDER BY SobjectType', id).map(
                (r) => r.SobjectType
            ),
            ['Case', 'Lead']
        );
        assert.deepEqual(
            rows(t.org, 'SELECT UserOrGroupId FROM GroupMember WHERE GroupId = ?', id).map((r) => r.UserOrGroupId),
            [t.agent.id]
        );
        const again = await deployQueues({
            Back_Office: BACK_OFFICE.replace('Lead', 'Case').replace('agent@', 'admin@')
        });
        assert.equal(again.success, true);
        assert.equal(queueId('Back_Office'), id, 'a redeploy keeps the queue');
        assert.equal(rows(t.org, 'SELECT COUNT(*) n FROM QueueSobject WHERE QueueId = ?', id)[0].n, 2);
        assert.deepEqual(
            rows(t.org, 'SELECT UserOrGroupId FROM GroupMember WHERE GroupId = ?', id).map((r) => r.UserOrGroupId),
            [t.admin.id],
            'the file lists the members'
        );
        await deployQueues({ Back_Office: BACK_OFFICE });
    });

    test('what local-org does not apply is refused by name, and nothing is written', async () => {
        const cases: [string, RegExp][] = [
            [
                BACK_OFFICE.replace(
                    '<users>',
                    '<publicGroups><publicGroup>Support</publicGroup></publicGroups><users>'
                ),
                /queue members by public groups \(publicGroups\) is not supported by local-org/
            ],
            [
                BACK_OFFICE.replace('<users>', '<roles><role>CEO</role></roles><users>'),
                /queue members by roles \(roles\) is not supported by local-org/
            ],
            [
                BACK_OFFICE.replace('<doesSendEmailToMembers>false', '<doesSendEmailToMembers>true'),
                /doesSendEmailToMembers \(local-org sends no email\) is not supported by local-org/
            ],
            [`${BACK_OFFICE}<queueRoutingConfig>Chat</queueRoutingConfig>`, /queueRoutingConfig/],
            [BACK_OFFICE.replace('agent@caseline.localorg', 'nobody@example.com'), /no user with username nobody/],
            [BACK_OFFICE.replace('<sobjectType>Lead', '<sobjectType>Account'), /a queue cannot own Account records/]
        ];
        for (const [body, problem] of cases) {
            const outcome = await deployQueues({ Refused_Queue: body });
            assert.equal(outcome.success, false);
            assert.match(outcome.failures[0].problem ?? '', problem);
            assert.equal(rows(t.org, `SELECT COUNT(*) n FROM "Group" WHERE DeveloperName = 'Refused_Queue'`)[0].n, 0);
        }
    });

    test('listMetadata and retrieve give the queue back from the org', async () => {
        const conn = new Connection({ instanceUrl: t.origin, accessToken: t.admin.accessToken, version: '66.0' });
        const listed = (await conn.metadata.list({ type: 'Queue' })) as {
            fullName: string;
            fileName: string;
            id: string;
        }[];
        assert.deepEqual(
            listed.map((q) => [q.fullName, q.fileName, q.id]),
            [['Back_Office', 'queues/Back_Office.queue', queueId('Back_Office')]]
        );
        const outcome = await retrievePackage(
            t.org,
            t.admin.id,
            { unpackaged: { types: { name: 'Queue', members: '*' }, version: '66.0' }, singlePackage: 'true' },
            '09S000000000001'
        );
        const files = await readPackage(outcome.zipFile);
        const xml = files.get('queues/Back_Office.queue')?.toString('utf8') ?? '';
        assert.match(xml, /<name>Back Office<\/name>/);
        assert.match(xml, /<queueMembers><users><user>agent@caseline.localorg<\/user><\/users><\/queueMembers>/);
        assert.match(
            xml,
            /<queueSobject><sobjectType>Case<\/sobjectType><\/queueSobject><queueSobject><sobjectType>Lead/
        );
    });
});

describe('records owned by a queue', () => {
    test('a queue that supports the object may own its records; any other group may not', async () => {
        const queue = queueId('Back_Office');
        const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Case`, {
            Subject: 'For the back office',
            OwnerId: queue
        });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const caseId = (created.body as { id: string }).id;
        assert.equal(rows(t.org, 'SELECT OwnerId FROM "Case" WHERE Id = ?', caseId)[0].OwnerId, queue);

        await deployQueues({
            Leads_Only:
                '<doesSendEmailToMembers>false</doesSendEmailToMembers><name>Leads Only</name><queueSobject><sobjectType>Lead</sobjectType></queueSobject>'
        });
        const leadsOnly = queueId('Leads_Only');
        const refused = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/sobjects/Case/${caseId}`, {
            OwnerId: leadsOnly
        });
        assert.equal(refused.status, 400);
        assert.deepEqual(refused.body, [
            {
                errorCode: 'FIELD_INTEGRITY_EXCEPTION',
                message: `Owner ID: id value of incorrect type: ${leadsOnly}`,
                fields: ['OwnerId']
            }
        ]);
        assert.equal(rows(t.org, 'SELECT OwnerId FROM "Case" WHERE Id = ?', caseId)[0].OwnerId, queue);

        const regular = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Group`, {
            Name: 'Team',
            DeveloperName: 'Team',
            Type: 'Regular'
        });
        assert.equal(regular.status, 201, JSON.stringify(regular.body));
        const byGroup = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Case`, {
            Subject: 'Not for a group',
            OwnerId: (regular.body as { id: string }).id
        });
        assert.equal((byGroup.body as { errorCode: string }[])[0].errorCode, 'FIELD_INTEGRITY_EXCEPTION');

        const account = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
            Name: 'Queues own no accounts',
            OwnerId: queue
        });
        assert.equal((account.body as { errorCode: string }[])[0].errorCode, 'FIELD_INTEGRITY_EXCEPTION');
    });
});

describe('polymorphic Owner in UI API GraphQL', () => {
    test('Case.Owner is the union Case_Owner: a user or a queue, each read through its own fragment', async () => {
        const queue = queueId('Back_Office');
        const byQueue = await call(t.origin, t.agent.accessToken, 'POST', `${V}/sobjects/Case`, {
            Subject: 'Owned by the queue',
            OwnerId: queue
        });
        const byAgent = await call(t.origin, t.agent.accessToken, 'POST', `${V}/sobjects/Case`, {
            Subject: 'Owned by the agent'
        });
        const query = `query Owners($ids: [ID]) { uiapi { query { Case(where: { Id: { in: $ids } }, orderBy: { Subject: { order: DESC } }) {
            edges { node { Subject { value } Owner { __typename ...OwnerName } } } } } } }
            fragment OwnerName on Case_Owner { ... on User { Name { value } Username { value } } ... on Group { Name { value } DeveloperName { value } } }`;
        const data = await graphqlData(t, t.agent.accessToken, query, {
            ids: [(byQueue.body as { id: string }).id, (byAgent.body as { id: string }).id]
        });
        const edges = (data as { uiapi: { query: { Case: { edges: { node: unknown }[] } } } }).uiapi.query.Case.edges;
        assert.deepEqual(
            edges.map((e) => e.node),
            [
                {
                    Subject: { value: 'Owned by the queue' },
                    Owner: {
                        __typename: 'Group',
                        Name: { value: 'Back Office' },
                        DeveloperName: { value: 'Back_Office' }
                    }
                },
                {
                    Subject: { value: 'Owned by the agent' },
                    Owner: { __typename: 'User', Name: { value: t.agent.name }, Username: { value: t.agent.username } }
                }
            ]
        );
    });
});
