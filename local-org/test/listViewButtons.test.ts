/**
 * List view buttons as on Salesforce: CustomObject searchLayouts.listViewButtons deployed and answered by UI API's
 * list view header actions (`ui-api/actions/list-view/<ids>`), Change Owner only for users who may edit the object;
 * what local-org does not apply (other buttons, other search layout elements, the email an owner change may send) is
 * refused by name.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deployPackage } from '../src/metadata/deploy.ts';
import { assignPermissionSet, deployForceApp } from './support/graphql.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v66.0';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const PACKAGE = `<?xml version="1.0" encoding="UTF-8"?><Package ${NS}><version>66.0</version></Package>`;

interface HeaderAction {
    apiName: string;
    isMassAction: string;
    label: string;
    type: string;
    targetObject: string;
    sourceObject: string;
}

type HeaderActions = { actions: Record<string, { actions: HeaderAction[]; links: unknown[]; url: string }> };

async function deployCaseObject(t: TestOrg, inner: string): Promise<string[]> {
    const file = `<?xml version="1.0" encoding="UTF-8"?><CustomObject ${NS}>${inner}</CustomObject>`;
    const files = new Map([
        ['package.xml', Buffer.from(PACKAGE)],
        ['objects/Case.object', Buffer.from(file)]
    ]);
    const outcome = await deployPackage(t.org, t.admin.id, files, { checkOnly: false, rollbackOnError: true });
    return outcome.failures.map((f) => `${f.fullName}: ${f.problem}`);
}

function caseListViewId(t: TestOrg, developerName: string): string {
    const [row] = rows(
        t.org,
        "SELECT Id FROM ListView WHERE SobjectType = 'Case' AND DeveloperName = ?",
        developerName
    );
    assert.ok(row, `Case list view ${developerName} exists`);
    return String(row.Id);
}

async function headerActions(t: TestOrg, token: string, ids: string, query = '') {
    return call(t.origin, token, 'GET', `${V}/ui-api/actions/list-view/${ids}${query}`);
}

async function buttonNames(t: TestOrg, token: string, listViewId: string): Promise<string[]> {
    const response = await headerActions(t, token, listViewId);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return (response.body as HeaderActions).actions[listViewId].actions.map((action) => action.apiName);
}

describe("force-app's Case list view buttons", () => {
    let t: TestOrg;
    let myOpenCases: string;

    before(async () => {
        t = await startTestOrg();
        await deployForceApp(t);
        await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
        await assignPermissionSet(t, t.viewer.id, 'Caseline_Viewer');
        myOpenCases = caseListViewId(t, 'My_Open_Cases');
    });
    after(() => t.close());

    test('an agent, who may edit cases, is offered Change Owner as a mass action of every Case list view', async () => {
        const response = await headerActions(t, t.agent.accessToken, myOpenCases);
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const entry = (response.body as HeaderActions).actions[myOpenCases];
        assert.equal(entry.url, `${V}/ui-api/actions/list-view/${myOpenCases}`);
        assert.deepEqual(
            entry.actions.map(({ apiName, isMassAction, label, type, targetObject, sourceObject }) => ({
                apiName,
                isMassAction,
                label,
                type,
                targetObject,
                sourceObject
            })),
            [
                {
                    apiName: 'ChangeOwner',
                    isMassAction: 'true',
                    label: 'Change Owner',
                    type: 'StandardButton',
                    targetObject: 'Case',
                    sourceObject: myOpenCases
                }
            ]
        );
    });

    test('the viewer, who may not edit cases, is offered no Change Owner', async () => {
        assert.deepEqual(await buttonNames(t, t.viewer.accessToken, myOpenCases), []);
    });

    test('several list views at once, keyed by id; an unknown id is not found', async () => {
        const dach = caseListViewId(t, 'DACH_Queue_Cases');
        const response = await headerActions(t, t.agent.accessToken, `${myOpenCases},${dach}`);
        assert.equal(response.status, 200, JSON.stringify(response.body));
        assert.deepEqual(Object.keys((response.body as HeaderActions).actions).sort(), [myOpenCases, dach].sort());
        const unknown = await headerActions(t, t.agent.accessToken, '00B000000000000AAA');
        assert.equal(unknown.status, 404);
    });

    test('request parameters local-org does not apply are refused by name', async () => {
        const response = await headerActions(t, t.agent.accessToken, myOpenCases, '?actionTypes=StandardButton');
        assert.equal(response.status, 400);
        assert.deepEqual(response.body, [
            {
                errorCode: 'NOT_SUPPORTED_BY_LOCAL_ORG',
                message: 'The actionTypes parameter of ui-api/actions/list-view is not supported by local-org.'
            }
        ]);
    });

    test('an owner change asking for the notification email is refused by name and writes nothing', async () => {
        const created = await call(t.origin, t.agent.accessToken, 'POST', `${V}/sobjects/Case`, {
            Subject: 'Email on owner change'
        });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const id = (created.body as { id: string }).id;
        const patch = (query: string) =>
            call(t.origin, t.agent.accessToken, 'PATCH', `${V}/ui-api/records/${id}${query}`, {
                fields: { OwnerId: t.admin.id }
            });
        const refused = await patch('?triggerUserEmail=true');
        assert.equal(refused.status, 400);
        assert.deepEqual(refused.body, [
            {
                errorCode: 'NOT_SUPPORTED_BY_LOCAL_ORG',
                message: 'triggerUserEmail=true (local-org sends no email) is not supported by local-org.'
            }
        ]);
        assert.equal(rows(t.org, 'SELECT OwnerId FROM "Case" WHERE Id = ?', id)[0].OwnerId, t.agent.id);
        const saved = await patch('?triggerUserEmail=false');
        assert.equal(saved.status, 200, JSON.stringify(saved.body));
        assert.equal(rows(t.org, 'SELECT OwnerId FROM "Case" WHERE Id = ?', id)[0].OwnerId, t.admin.id);
    });
});

const ALL_CASES =
    '<listViews><fullName>All_Cases</fullName><label>All Cases</label><filterScope>Everything</filterScope><columns>CASES.SUBJECT</columns></listViews>';

describe('searchLayouts at deploy', () => {
    let t: TestOrg;

    before(async () => {
        t = await startTestOrg();
    });
    after(() => t.close());

    test('no list view buttons until the object declares them; an empty searchLayouts removes them', async () => {
        assert.deepEqual(await deployCaseObject(t, ALL_CASES), []);
        const allCases = caseListViewId(t, 'All_Cases');
        assert.deepEqual(await buttonNames(t, t.admin.accessToken, allCases), []);
        assert.deepEqual(
            await deployCaseObject(t, '<searchLayouts><listViewButtons>ChangeOwner</listViewButtons></searchLayouts>'),
            []
        );
        assert.deepEqual(await buttonNames(t, t.admin.accessToken, allCases), ['ChangeOwner']);
        assert.deepEqual(await deployCaseObject(t, '<searchLayouts/>'), []);
        assert.deepEqual(await buttonNames(t, t.admin.accessToken, allCases), []);
    });

    test('buttons and search layout elements local-org does not apply are refused by name', async () => {
        assert.deepEqual(
            await deployCaseObject(t, '<searchLayouts><listViewButtons>Accept</listViewButtons></searchLayouts>'),
            ['Case: List view button Accept (Case) is not supported by local-org: it applies ChangeOwner']
        );
        assert.deepEqual(
            await deployCaseObject(
                t,
                '<searchLayouts><searchResultsAdditionalFields>CASES.SUBJECT</searchResultsAdditionalFields></searchLayouts>'
            ),
            ['Case: CustomObject.searchLayouts.searchResultsAdditionalFields (Case) is not supported by local-org']
        );
    });
});
