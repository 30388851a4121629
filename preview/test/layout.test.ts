/** A deployed page layout as the preview's Edit form reads it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLayout } from '../server/metadata.ts';

test('sections keep their columns and each field its behavior; blank spaces are left out', () => {
    const layout = parseLayout(
        'Case-Support',
        `<?xml version="1.0" encoding="UTF-8"?><Layout xmlns="http://soap.sforce.com/2006/04/metadata">
<layoutSections><label>Case Information</label><style>TwoColumnsTopToBottom</style>
<layoutColumns><layoutItems><behavior>Required</behavior><field>Subject</field></layoutItems><layoutItems><emptySpace>true</emptySpace></layoutItems></layoutColumns>
<layoutColumns><layoutItems><behavior>Readonly</behavior><field>CaseNumber</field></layoutItems><layoutItems><behavior>Edit</behavior><field>Status</field></layoutItems></layoutColumns>
</layoutSections>
<layoutSections><label>Description</label><style>OneColumn</style>
<layoutColumns><layoutItems><field>Description</field></layoutItems></layoutColumns>
</layoutSections></Layout>`
    );
    assert.deepEqual(layout, {
        name: 'Case-Support',
        sections: [
            {
                label: 'Case Information',
                columns: [
                    [{ field: 'Subject', behavior: 'Required' }],
                    [
                        { field: 'CaseNumber', behavior: 'Readonly' },
                        { field: 'Status', behavior: 'Edit' }
                    ]
                ]
            },
            { label: 'Description', columns: [[{ field: 'Description', behavior: 'Edit' }]] }
        ]
    });
});
