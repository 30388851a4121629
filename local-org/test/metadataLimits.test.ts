/**
 * What a real org refuses at deploy, refused the same way here: Custom Label limits and where a component's
 * `<objects>` may appear.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { projectRoot } from '../../scripts/lib/project.ts';
import { deployPackage, type DeployOutcome } from '../src/metadata/deploy.ts';
import { rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;
before(async () => {
    t = await startTestOrg();
});
after(async () => {
    await t.close();
});

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const PACKAGE = `<?xml version="1.0" encoding="UTF-8"?><Package ${NS}><version>66.0</version></Package>`;

function deploy(files: Record<string, string>): Promise<DeployOutcome> {
    const map = new Map(Object.entries({ 'package.xml': PACKAGE, ...files }).map(([k, v]) => [k, Buffer.from(v)]));
    return deployPackage(t.org, t.admin.id, map, { checkOnly: false, rollbackOnError: true });
}

/** A field deployed beside the labels, to show that one label's failure rolls the whole deploy back. */
const SIDE_FIELD = {
    'objects/Account.object': `<?xml version="1.0" encoding="UTF-8"?><CustomObject ${NS}><fields><fullName>Label_Side__c</fullName><label>Side</label><length>10</length><type>Text</type></fields></CustomObject>`
};

function label(fields: Record<string, string | undefined>): string {
    const base: Record<string, string | undefined> = {
        fullName: 'A_Label',
        categories: 'Caseline',
        language: 'en_US',
        protected: 'false',
        shortDescription: 'A label',
        value: 'Hello',
        ...fields
    };
    const body = Object.entries(base)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `<${k}>${v}</${k}>`)
        .join('');
    return `<labels>${body}</labels>`;
}

const labelsFile = (...labels: string[]) => ({
    'labels/CustomLabels.labels': `<?xml version="1.0" encoding="UTF-8"?><CustomLabels ${NS}>${labels.join('')}</CustomLabels>`
});

function sideFieldExists(): boolean {
    return rows(t.org, "SELECT COUNT(*) n FROM pragma_table_info('Account') WHERE name = 'Label_Side__c'")[0].n === 1;
}

describe('Custom Labels', () => {
    test('a short description over 80 characters fails the label as Salesforce words it, and rolls back the deploy', async () => {
        const outcome = await deploy({
            ...SIDE_FIELD,
            ...labelsFile(label({ fullName: 'Too_Long', shortDescription: 'x'.repeat(81) }), label({}))
        });
        assert.equal(outcome.success, false);
        assert.deepEqual(
            outcome.failures.map((f) => [f.componentType, f.fullName, f.problem]),
            [['CustomLabel', 'Too_Long', 'Value too long for field: MasterLabel maximum length is:80']]
        );
        assert.equal(sideFieldExists(), false, 'rollbackOnError undoes the whole deploy');
    });

    test('the other documented limits: value 1000, categories 255, name 80 and its form, required elements', async () => {
        const cases: [Record<string, string | undefined>, string][] = [
            [{ value: 'v'.repeat(1001) }, 'Value too long for field: Value maximum length is:1000'],
            [{ categories: 'c'.repeat(256) }, 'Value too long for field: Category maximum length is:255'],
            [{ fullName: `L${'a'.repeat(80)}` }, 'Value too long for field: Name maximum length is:80'],
            [{ fullName: 'Bad__Name' }, 'The Name field can only contain underscores and alphanumeric characters'],
            [{ language: undefined }, 'Required field is missing: language'],
            [{ shortDescription: undefined }, 'Required field is missing: shortDescription'],
            [{ value: undefined }, 'Required field is missing: value'],
            [{ colour: 'red' }, 'Element {http://soap.sforce.com/2006/04/metadata}colour invalid at this location']
        ];
        for (const [fields, problem] of cases) {
            const outcome = await deploy(labelsFile(label(fields)));
            assert.equal(outcome.success, false, JSON.stringify(fields));
            assert.ok(outcome.failures[0].problem?.startsWith(problem), `${outcome.failures[0].problem} ≠ ${problem}`);
        }
        const atTheLimits = await deploy(
            labelsFile(
                label({ shortDescription: 'x'.repeat(80), value: 'v'.repeat(1000), categories: 'c'.repeat(255) })
            )
        );
        assert.equal(atTheLimits.success, true, JSON.stringify(atTheLimits.failures));
    });

    test('every label force-app ships is within the limits', async () => {
        const file = join(projectRoot, 'force-app/main/default/labels/CustomLabels.labels-meta.xml');
        const outcome = await deploy({ 'labels/CustomLabels.labels': await readFile(file, 'utf8') });
        assert.deepEqual(
            outcome.failures.map((f) => `${f.fullName}: ${f.problem}`),
            []
        );
    });
});

describe('Lightning component bundles', () => {
    const bundle = (name: string, targets: string, config: string) => ({
        [`lwc/${name}/${name}.js`]: 'export default class X {}',
        [`lwc/${name}/${name}.js-meta.xml`]: `<?xml version="1.0" encoding="UTF-8"?><LightningComponentBundle ${NS}><apiVersion>66.0</apiVersion><isExposed>true</isExposed><targets>${targets
            .split(',')
            .map((target) => `<target>${target}</target>`)
            .join(
                ''
            )}</targets><targetConfigs><targetConfig targets="${targets}">${config}</targetConfig></targetConfigs></LightningComponentBundle>`
    });

    test('<objects> is refused outside a lightning__RecordPage targetConfig, and must name a known object', async () => {
        const action = await deploy(
            bundle(
                'quick',
                'lightning__RecordAction',
                '<actionType>ScreenAction</actionType><objects><object>Case</object></objects>'
            )
        );
        assert.deepEqual(
            action.failures.map((f) => [f.componentType, f.fullName, f.problem]),
            [
                [
                    'LightningComponentBundle',
                    'quick',
                    'The objects tag is supported only in a targetConfig for lightning__RecordPage, not for lightning__RecordAction (quick.js-meta.xml)'
                ]
            ]
        );
        const unknown = await deploy(
            bundle('card', 'lightning__RecordPage', '<objects><object>Nope__c</object></objects>')
        );
        assert.equal(
            unknown.failures[0]?.problem,
            'Invalid reference Nope__c of type sobjectClass in file card.js-meta.xml'
        );
        const recordPage = await deploy(
            bundle('card', 'lightning__RecordPage', '<objects><object>Case</object></objects>')
        );
        assert.equal(recordPage.success, true, JSON.stringify(recordPage.failures));
    });

    test('the quick-action components force-app ships deploy', async () => {
        const files: Record<string, string> = {};
        for (const name of ['logReview', 'conversionProcess']) {
            const meta = `${name}.js-meta.xml`;
            files[`lwc/${name}/${meta}`] = await readFile(
                join(projectRoot, 'force-app/main/default/lwc', name, meta),
                'utf8'
            );
        }
        const outcome = await deploy(files);
        assert.deepEqual(
            outcome.failures.map((f) => `${f.fullName}: ${f.problem}`),
            []
        );
    });
});
