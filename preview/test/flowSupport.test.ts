/**
 * Screen flows in the preview (issue 24): the lightning/flowSupport module fires the events Salesforce's module
 * fires (the event names of sfdx-lwc-jest's stub of it, FlowAttributeChangeEvent's `attributeName` / `attributeValue`),
 * and a Flow quick action on a record page is read as a flow to run.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../../scripts/lib/project.ts';
import { parseRecordPage } from '../server/metadata.ts';

const preview = (await import(join(projectRoot, 'preview/modules/lightning/flowSupport/flowSupport.js'))) as Record<
    string,
    unknown
>;
const stub = (await import(
    join(projectRoot, 'node_modules/@salesforce/sfdx-lwc-jest/src/lightning-stubs/flowSupport/flowSupport.js')
)) as Record<string, unknown>;

type EventClass = new (...args: unknown[]) => CustomEvent;

test('the events have the platform names, bubble out of the component and carry the changed attribute', () => {
    for (const name of [
        'FlowAttributeChangeEvent',
        'FlowNavigationBackEvent',
        'FlowNavigationNextEvent',
        'FlowNavigationPauseEvent',
        'FlowNavigationFinishEvent'
    ]) {
        const ours = new (preview[name] as EventClass)('contactId', '003');
        const platform = new (stub[name] as EventClass)();
        assert.equal(ours.type, platform.type, name);
        assert.equal(ours.bubbles && ours.composed, true, name);
        assert.equal(preview[`${name}Name`], stub[`${name}Name`]);
    }
    const change = new (preview.FlowAttributeChangeEvent as EventClass)('otherContactIds', ['003A', '003B']);
    assert.deepEqual(change.detail, { attributeName: 'otherContactIds', attributeValue: ['003A', '003B'] });
});

test('a Flow quick action names the flow it runs, and no component', () => {
    const page = `<?xml version="1.0" encoding="UTF-8"?><FlexiPage xmlns="http://soap.sforce.com/2006/04/metadata">
        <flexiPageRegions><itemInstances><componentInstance><componentInstanceProperties><name>actionNames</name><valueList>
        <valueListItems><value>Task.Relate_Interaction</value></valueListItems></valueList></componentInstanceProperties>
        <componentName>force:highlightsPanel</componentName><identifier>h</identifier></componentInstance></itemInstances>
        <mode>Replace</mode><name>header</name><type>Region</type></flexiPageRegions>
        <masterLabel>Task Page</masterLabel><sobjectType>Task</sobjectType><type>RecordPage</type></FlexiPage>`;
    const action = `<?xml version="1.0" encoding="UTF-8"?><QuickAction xmlns="http://soap.sforce.com/2006/04/metadata">
        <flowDefinition>Relate_Interaction</flowDefinition><label>Relate Interaction</label>
        <optionsCreateFeedItem>false</optionsCreateFeedItem><type>Flow</type></QuickAction>`;
    const parsed = parseRecordPage('Task_Page', page, new Map([['Task.Relate_Interaction', action]]));
    assert.deepEqual(parsed.actions, [
        {
            name: 'Task.Relate_Interaction',
            objectApiName: 'Task',
            label: 'Relate Interaction',
            flow: 'Relate_Interaction'
        }
    ]);
});
