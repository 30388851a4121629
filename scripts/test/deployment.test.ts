import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ComponentSet, ComponentStatus, type FileResponse } from '@salesforce/source-deploy-retrieve';
import { componentFailures, stageProject, standardValueSetNames } from '../lib/deployment.ts';
import { projectRoot } from '../lib/project.ts';
import { parseStandardValueSet } from '../lib/standardValueSets.ts';

const orgCaseStatus = `<?xml version="1.0" encoding="UTF-8"?>
<StandardValueSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <sorted>false</sorted>
    <standardValue><fullName>New</fullName><default>true</default><label>New</label><closed>false</closed></standardValue>
    <standardValue><fullName>On Hold</fullName><default>false</default><label>On Hold</label><closed>false</closed></standardValue>
    <standardValue><fullName>Closed</fullName><default>false</default><label>Closed</label><closed>true</closed></standardValue>
</StandardValueSet>`;

test('the project ships the Case Status, Case Type, Contract Status, Lead Status, Task Status and Task Type value sets', async () => {
    assert.deepEqual((await standardValueSetNames(projectRoot)).sort(), [
        'CaseStatus',
        'CaseType',
        'ContractStatus',
        'LeadStatus',
        'TaskStatus',
        'TaskType'
    ]);
});

test('the staged deployment keeps the org’s statuses and adds ours; the rest of force-app is unchanged', async () => {
    const staged = await stageProject(projectRoot, new Map([['CaseStatus', orgCaseStatus]]));
    try {
        const file = join(staged.root, 'force-app/main/default/standardValueSets/CaseStatus.standardValueSet-meta.xml');
        const statuses = parseStandardValueSet(await readFile(file, 'utf8')).standardValue.map((v) => v.fullName);
        assert.deepEqual(statuses, [
            'New',
            'On Hold',
            'Closed',
            'Working',
            'Escalated',
            'Closed - Accepted',
            'Closed - Answered',
            'Pending',
            'Responded',
            'Temporary Resolved',
            'Final Resolved',
            'Completed',
            'Cancelled'
        ]);
        assert.deepEqual(staged.merged.CaseStatus, [
            'Working',
            'Escalated',
            'Closed - Accepted',
            'Closed - Answered',
            'Pending',
            'Responded',
            'Temporary Resolved',
            'Final Resolved',
            'Completed',
            'Cancelled'
        ]);
        // An org without a copy (not returned by retrieve) gets ours as it is.
        const typeFile = 'force-app/main/default/standardValueSets/CaseType.standardValueSet-meta.xml';
        assert.equal(
            await readFile(join(staged.root, typeFile), 'utf8'),
            await readFile(join(projectRoot, typeFile), 'utf8')
        );

        const stagedComponents = ComponentSet.fromSource(join(staged.root, 'force-app'));
        const repoComponents = ComponentSet.fromSource(join(projectRoot, 'force-app'));
        assert.deepEqual(await stagedComponents.getObject(), await repoComponents.getObject());
    } finally {
        await staged.dispose();
    }
});

test('component failures point into the repository, with the line when there is one', () => {
    const stagedRoot = '/tmp/caseline-deploy-x';
    const files = [
        {
            fullName: 'Case.Web_Form',
            type: 'RecordType',
            state: ComponentStatus.Failed,
            filePath: `${stagedRoot}/force-app/main/default/objects/Case/recordTypes/Web_Form.recordType-meta.xml`,
            error: 'Picklist value: Complaint in picklist: Type not found',
            problemType: 'Error',
            lineNumber: 12
        },
        {
            fullName: 'Caseline_Agent',
            type: 'PermissionSet',
            state: ComponentStatus.Created,
            filePath: `${stagedRoot}/force-app/main/default/permissionsets/Caseline_Agent.permissionset-meta.xml`
        }
    ] as FileResponse[];
    assert.deepEqual(componentFailures(files, stagedRoot), [
        {
            type: 'RecordType',
            name: 'Case.Web_Form',
            problem: 'Picklist value: Complaint in picklist: Type not found (line 12)',
            file: 'force-app/main/default/objects/Case/recordTypes/Web_Form.recordType-meta.xml'
        }
    ]);
});
