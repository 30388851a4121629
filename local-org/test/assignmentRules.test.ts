/**
 * Case assignment rules: the AssignmentRules metadata deploy, and the rule applied where Salesforce applies it:
 * REST creates and updates (Sforce-Auto-Assign, TRUE when absent), Web-to-Case, Bulk 2.0's assignmentRuleId; never
 * GraphQL writes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Connection } from 'jsforce';
import { deployPackage } from '../src/metadata/deploy.ts';
import { webToCase } from '../src/webToCase.ts';
import { graphqlData } from './support/graphql.ts';
import { call, rows, startTestOrg, type ApiResponse, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v66.0';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
let t: TestOrg;

function queue(name: string, label: string): string {
    return `<Queue ${NS}><doesSendEmailToMembers>false</doesSendEmailToMembers><name>${label}</name><queueSobject><sobjectType>Case</sobjectType></queueSobject></Queue>`;
}

const DACH_ENTRY = `<ruleEntry><assignedTo>DACH</assignedTo><assignedToType>Queue</assignedToType>
    <booleanFilter>1 AND (2 OR 3)</booleanFilter>
    <criteriaItems><field>Case.Origin</field><operation>equals</operation><value>Web</value></criteriaItems>
    <criteriaItems><field>Case.SuppliedCompany</field><operation>contains</operation><value>GmbH,AG</value></criteriaItems>
    <criteriaItems><field>Case.Subject</field><operation>startsWith</operation><value>Heizung</value></criteriaItems>
</ruleEntry>`;
/** "Do Not Reassign Owner": a case an agent enters (not from the web) keeps its owner. */
const KEEP_ENTRY = `<ruleEntry><criteriaItems><field>Case.Origin</field><operation>notEqual</operation><value>Web</value></criteriaItems></ruleEntry>`;

function rulesFile(entries: string, extraRules = ''): string {
    return `<AssignmentRules ${NS}><assignmentRule><fullName>Web_Routing</fullName><active>true</active>${entries}</assignmentRule>${extraRules}</AssignmentRules>`;
}

const BACK_OFFICE_RULE = `<assignmentRule><fullName>All_To_Back_Office</fullName><active>false</active><ruleEntry><assignedTo>Back_Office</assignedTo><assignedToType>Queue</assignedToType><formula>true</formula></ruleEntry></assignmentRule>`;

function deploy(files: Record<string, string>) {
    const map = new Map<string, Buffer>([
        ['package.xml', Buffer.from(`<Package ${NS}><version>66.0</version></Package>`)]
    ]);
    for (const [name, content] of Object.entries(files)) map.set(name, Buffer.from(content));
    return deployPackage(t.org, t.admin.id, map, { checkOnly: false, rollbackOnError: true });
}

function groupId(developerName: string): string {
    return String(rows(t.org, 'SELECT Id FROM "Group" WHERE DeveloperName = ?', developerName)[0].Id);
}

function ownerOf(id: string): unknown {
    return rows(t.org, 'SELECT OwnerId FROM "Case" WHERE Id = ?', id)[0].OwnerId;
}

async function createCase(values: Record<string, unknown>, autoAssign?: string): Promise<string> {
    const response = await fetch(`${t.origin}${V}/sobjects/Case`, {
        method: 'POST',
        headers: {
            Authorization: `Bearer ${t.agent.accessToken}`,
            'Content-Type': 'application/json',
            ...(autoAssign === undefined ? {} : { 'Sforce-Auto-Assign': autoAssign })
        },
        body: JSON.stringify(values)
    });
    const body = (await response.json()) as { id: string };
    assert.equal(response.status, 201, JSON.stringify(body));
    return body.id;
}

const WEB_DACH = { Origin: 'Web', SuppliedCompany: 'Müller GmbH', Subject: 'Kein Warmwasser' };

before(async () => {
    t = await startTestOrg();
    const outcome = await deploy({
        'queues/DACH.queue': queue('DACH', 'DACH'),
        'queues/Back_Office.queue': queue('Back_Office', 'Back Office'),
        'assignmentRules/Case.assignmentRules': rulesFile(DACH_ENTRY + KEEP_ENTRY, BACK_OFFICE_RULE)
    });
    assert.equal(outcome.success, true, JSON.stringify(outcome.failures));
});
after(() => t.close());

describe('AssignmentRules metadata', () => {
    test('each rule is an AssignmentRule row, kept across deploys; the file is listed and retrieved', async () => {
        const ruleRows = () =>
            rows(t.org, `SELECT Id, Name, Active FROM AssignmentRule WHERE SobjectType = 'Case' ORDER BY Name`);
        const before = ruleRows();
        assert.deepEqual(
            before.map((r) => [r.Name, r.Active]),
            [
                ['All_To_Back_Office', 0],
                ['Web_Routing', 1]
            ]
        );
        assert.ok(String(before[0].Id).startsWith('01Q'));
        const again = await deploy({
            'assignmentRules/Case.assignmentRules': rulesFile(DACH_ENTRY + KEEP_ENTRY, BACK_OFFICE_RULE)
        });
        assert.equal(again.success, true);
        assert.deepEqual(ruleRows(), before);
        const queried = await call(
            t.origin,
            t.agent.accessToken,
            'GET',
            `${V}/query?q=${encodeURIComponent("SELECT Id FROM AssignmentRule WHERE SobjectType = 'Case' AND Active = true")}`
        );
        assert.deepEqual(
            (queried.body as { records: { Id: string }[] }).records.map((r) => r.Id),
            [before[1].Id]
        );
    });

    test('what local-org does not apply is refused by name, and a second active rule too', async () => {
        const cases: [string, RegExp][] = [
            [
                rulesFile(
                    DACH_ENTRY.replace('</ruleEntry>', '<template>unfiled$public/Assigned</template></ruleEntry>')
                ),
                /template \(email notification\) is not supported by local-org/
            ],
            [
                rulesFile(DACH_ENTRY.replace('<operation>contains', '<operation>lessThan')),
                /criteria operation lessThan is not supported by local-org/
            ],
            [
                rulesFile(DACH_ENTRY.replace('Case.Subject', 'Case.Account.Name')),
                /criteria through a relationship \(Case.Account.Name\) is not supported by local-org/
            ],
            [
                rulesFile(DACH_ENTRY.replace('<assignedTo>DACH', '<assignedTo>Nowhere')),
                /no queue Nowhere supporting Case/
            ],
            [
                rulesFile(DACH_ENTRY, BACK_OFFICE_RULE.replace('<active>false', '<active>true')),
                /only one rule can be active/
            ]
        ];
        for (const [file, problem] of cases) {
            const outcome = await deploy({ 'assignmentRules/Case.assignmentRules': file });
            assert.equal(outcome.success, false, file);
            assert.match(outcome.failures[0].problem ?? '', problem);
        }
        const account = await deploy({ 'assignmentRules/Account.assignmentRules': rulesFile(KEEP_ENTRY) });
        assert.match(account.failures[0].problem ?? '', /AssignmentRules for Account are not supported by local-org/);
        assert.equal(rows(t.org, `SELECT COUNT(*) n FROM AssignmentRule`)[0].n, 2, 'nothing written');
    });
});

describe('assignment rules applied', () => {
    test('a REST create without the header runs the active rule (Sforce-Auto-Assign defaults to TRUE)', async () => {
        assert.equal(ownerOf(await createCase(WEB_DACH)), groupId('DACH'));
        assert.equal(
            ownerOf(await createCase({ ...WEB_DACH, SuppliedCompany: 'Acme' })),
            t.admin.id,
            'no entry: default case owner'
        );
        assert.equal(
            ownerOf(await createCase({ ...WEB_DACH, SuppliedCompany: 'Acme', Subject: 'Heizung kalt' })),
            groupId('DACH'),
            'booleanFilter 1 AND (2 OR 3)'
        );
        assert.equal(
            ownerOf(await createCase({ Origin: 'Phone', Subject: 'Called in' })),
            t.agent.id,
            'do not reassign'
        );
        assert.equal(ownerOf(await createCase(WEB_DACH, 'true')), groupId('DACH'));
    });

    test('Sforce-Auto-Assign: FALSE keeps the caller as owner; a rule id runs that rule on create', async () => {
        assert.equal(ownerOf(await createCase(WEB_DACH, 'FALSE')), t.agent.id);
        const ruleId = String(rows(t.org, `SELECT Id FROM AssignmentRule WHERE Name = 'All_To_Back_Office'`)[0].Id);
        assert.equal(ownerOf(await createCase({ Origin: 'Phone', Subject: 'x' }, ruleId)), groupId('Back_Office'));
        const bad = await fetch(`${t.origin}${V}/sobjects/Case`, {
            method: 'POST',
            headers: {
                Authorization: `Bearer ${t.agent.accessToken}`,
                'Content-Type': 'application/json',
                'Sforce-Auto-Assign': 'sometimes'
            },
            body: JSON.stringify({ Subject: 'Bad header' })
        });
        assert.equal(bad.status, 400);
        assert.equal(((await bad.json()) as { errorCode: string }[])[0].errorCode, 'MALFORMED_ID');
    });

    test('a REST update runs the rule too unless FALSE; a GraphQL update never does', async () => {
        const id = await createCase({ ...WEB_DACH, SuppliedCompany: 'Acme' }, 'FALSE');
        const patch = async (values: Record<string, unknown>, autoAssign?: string): Promise<ApiResponse['status']> => {
            const response = await fetch(`${t.origin}${V}/sobjects/Case/${id}`, {
                method: 'PATCH',
                headers: {
                    Authorization: `Bearer ${t.agent.accessToken}`,
                    'Content-Type': 'application/json',
                    ...(autoAssign === undefined ? {} : { 'Sforce-Auto-Assign': autoAssign })
                },
                body: JSON.stringify(values)
            });
            return response.status;
        };
        assert.equal(await patch({ SuppliedCompany: 'Huber AG' }, 'FALSE'), 204);
        assert.equal(ownerOf(id), t.agent.id);
        await graphqlData(
            t,
            t.agent.accessToken,
            `mutation { uiapi { CaseUpdate(input: { Id: "${id}", Case: { Description: "via GraphQL" } }) { Record { Id } } } }`
        );
        assert.equal(ownerOf(id), t.agent.id);
        assert.equal(await patch({ Description: 'via REST' }), 204);
        assert.equal(ownerOf(id), groupId('DACH'));
    });

    test('Web-to-Case runs the active rule', () => {
        const reply = webToCase(
            t.org,
            new URLSearchParams({
                orgid: t.org.orgId.slice(0, 15),
                company: 'Huber AG',
                subject: 'Web form'
            }).toString()
        );
        assert.ok(reply.caseId, reply.notification);
        assert.equal(ownerOf(reply.caseId), groupId('DACH'));
    });

    test("Bulk 2.0 runs the job's assignmentRuleId on inserts, and no rule without it", async () => {
        const conn = new Connection({ instanceUrl: t.origin, accessToken: t.agent.accessToken, version: '66.0' });
        const ruleId = String(rows(t.org, `SELECT Id FROM AssignmentRule WHERE Name = 'Web_Routing'`)[0].Id);
        const load = async (subject: string, assignmentRuleId?: string) => {
            const results = (await conn.bulk2.loadAndWaitForResults({
                object: 'Case',
                operation: 'insert',
                input: [{ ...WEB_DACH, Subject: subject }],
                pollInterval: 50,
                pollTimeout: 60_000,
                ...(assignmentRuleId ? { assignmentRuleId } : {})
            } as Parameters<typeof conn.bulk2.loadAndWaitForResults>[0])) as unknown as {
                successfulResults: { sf__Id: string }[];
            };
            return results.successfulResults[0].sf__Id;
        };
        assert.equal(ownerOf(await load('Bulk with the rule', ruleId)), groupId('DACH'));
        assert.equal(ownerOf(await load('Bulk without a rule')), t.agent.id);
        const refused = await call(t.origin, t.agent.accessToken, 'POST', `${V}/jobs/ingest`, {
            object: 'Case',
            operation: 'insert',
            assignmentRuleId: 'not-an-id'
        });
        assert.equal(refused.status, 400);
    });
});
