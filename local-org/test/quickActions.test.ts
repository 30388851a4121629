/**
 * Create quick actions: their references resolve at deploy as on Salesforce (Metadata API Developer Guide,
 * "QuickAction"), or the component fails; what local-org does not evaluate is refused by name. The shipped
 * Case.Schedule_Activity (a Task related to the case) deploys.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { projectRoot } from '../../scripts/lib/project.ts';
import { deployPackage, type DeployOutcome } from '../src/metadata/deploy.ts';
import { rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const PACKAGE = `<?xml version="1.0" encoding="UTF-8"?><Package ${NS}><version>66.0</version></Package>`;

let t: TestOrg;
before(async () => {
    t = await startTestOrg();
});
after(async () => {
    await t.close();
});

function deploy(name: string, xml: string): Promise<DeployOutcome> {
    const files = new Map([
        ['package.xml', Buffer.from(PACKAGE)],
        [`quickActions/${name}.quickAction`, Buffer.from(xml)]
    ]);
    return deployPackage(t.org, t.admin.id, files, { checkOnly: false, rollbackOnError: true });
}

/** A Create Task action on Case, with the parts a test replaces. */
function createTask(parts: { parentField?: string; field?: string; overrides?: string } = {}): string {
    return `<?xml version="1.0" encoding="UTF-8"?><QuickAction ${NS}>
    <label>New Task</label><optionsCreateFeedItem>false</optionsCreateFeedItem>
    ${parts.overrides ?? ''}
    <quickActionLayout><layoutSectionStyle>OneColumn</layoutSectionStyle><quickActionLayoutColumns>
        <quickActionLayoutItems><emptySpace>false</emptySpace><field>${parts.field ?? 'Subject'}</field><uiBehavior>Required</uiBehavior></quickActionLayoutItems>
    </quickActionLayoutColumns></quickActionLayout>
    <targetObject>Task</targetObject><targetParentField>${parts.parentField ?? 'What'}</targetParentField><type>Create</type>
</QuickAction>`;
}

const problems = (outcome: DeployOutcome) => outcome.failures.map((f) => f.problem);
const stored = (name: string) =>
    rows(t.org, "SELECT 1 FROM _lo_metadata WHERE type = 'QuickAction' AND full_name = ?", name);

describe('Create quick actions', () => {
    test('the shipped Schedule Activity action deploys: a Task related to the case', async () => {
        const xml = await readFile(
            join(projectRoot, 'force-app/main/default/quickActions/Case.Schedule_Activity.quickAction-meta.xml'),
            'utf8'
        );
        const outcome = await deploy('Case.Schedule_Activity', xml);
        assert.deepEqual(problems(outcome), []);
        assert.equal(stored('Case.Schedule_Activity').length, 1);
    });

    test('a target parent field that is no lookup to the action object fails the component', async () => {
        assert.match(
            String(problems(await deploy('Case.Bad_Parent', createTask({ parentField: 'Who' })))),
            /does not look up to Case/
        );
        assert.match(
            String(problems(await deploy('Case.Bad_Parent', createTask({ parentField: 'Subject' })))),
            /Subject is no lookup of Task/
        );
        assert.equal(stored('Case.Bad_Parent').length, 0);
    });

    test('a layout field the target object does not have fails the component', async () => {
        assert.match(
            String(problems(await deploy('Case.Bad_Field', createTask({ field: 'Nope__c' })))),
            /no field Nope__c on Task/
        );
    });

    test('predefined values: literal values only on picklists and among their values; formulas refused by name', async () => {
        const override = (body: string) => `<fieldOverrides>${body}</fieldOverrides>`;
        assert.deepEqual(
            problems(
                await deploy(
                    'Case.Good_Override',
                    createTask({ overrides: override('<field>Status</field><literalValue>In Progress</literalValue>') })
                )
            ),
            []
        );
        assert.match(
            String(
                problems(
                    await deploy(
                        'Case.Bad_Override',
                        createTask({ overrides: override('<field>Status</field><literalValue>Someday</literalValue>') })
                    )
                )
            ),
            /Someday is no value of Task.Status/
        );
        assert.match(
            String(
                problems(
                    await deploy(
                        'Case.Bad_Override',
                        createTask({ overrides: override('<field>Subject</field><literalValue>Hi</literalValue>') })
                    )
                )
            ),
            /supported for picklists only/
        );
        assert.match(
            String(
                problems(
                    await deploy(
                        'Case.Bad_Override',
                        createTask({ overrides: override('<field>Subject</field><formula>Case.Subject</formula>') })
                    )
                )
            ),
            /formula predefined value .* is not supported by local-org/
        );
    });
});
