import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeStandardValueSetXml, parseStandardValueSet } from '../lib/standardValueSets.ts';

const ours = `<?xml version="1.0" encoding="UTF-8"?>
<StandardValueSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <sorted>false</sorted>
    <standardValue><fullName>New</fullName><default>true</default><label>New</label><closed>false</closed></standardValue>
    <standardValue><fullName>Closed</fullName><default>false</default><label>Closed</label><closed>true</closed></standardValue>
    <standardValue><fullName>Closed - Accepted</fullName><default>false</default><label>Closed - Accepted</label><closed>true</closed></standardValue>
</StandardValueSet>`;

// What an org that an admin customised returns: its own value, its own label and default, another order.
const org = `<?xml version="1.0" encoding="UTF-8"?>
<StandardValueSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <sorted>false</sorted>
    <standardValue><fullName>On Hold</fullName><default>true</default><label>On Hold</label><closed>false</closed></standardValue>
    <standardValue><fullName>New</fullName><default>false</default><label>Fresh</label><closed>false</closed></standardValue>
    <standardValue><fullName>closed</fullName><default>false</default><label>Closed</label><closed>true</closed></standardValue>
</StandardValueSet>`;

test('the merge keeps every org value as the org has it, then adds ours that are missing', () => {
    const merged = parseStandardValueSet(mergeStandardValueSetXml(ours, org));
    assert.deepEqual(
        merged.standardValue.map((value) => [value.fullName, value.label, value.default, value.closed]),
        [
            ['On Hold', 'On Hold', 'true', 'false'],
            ['New', 'Fresh', 'false', 'false'],
            ['closed', 'Closed', 'false', 'true'],
            ['Closed - Accepted', 'Closed - Accepted', 'false', 'true']
        ]
    );
    assert.equal(merged.sorted, 'false');
});

test('a value the org already has keeps the org’s flags; ours keep their default only in an org without one', () => {
    const orgWithoutDefault = org.replace('<default>true</default>', '<default>false</default>');
    const merged = parseStandardValueSet(mergeStandardValueSetXml(ours, orgWithoutDefault));
    assert.deepEqual(
        merged.standardValue.filter((value) => value.default === 'true').map((value) => value.fullName),
        []
    );
    const empty = `<StandardValueSet xmlns="http://soap.sforce.com/2006/04/metadata"><sorted>false</sorted></StandardValueSet>`;
    const fromEmpty = parseStandardValueSet(mergeStandardValueSetXml(ours, empty));
    assert.deepEqual(
        fromEmpty.standardValue.map((value) => [value.fullName, value.default]),
        [
            ['New', 'true'],
            ['Closed', 'false'],
            ['Closed - Accepted', 'false']
        ]
    );
});

test('without an org copy our file is deployed unchanged', () => {
    assert.equal(mergeStandardValueSetXml(ours, undefined), ours);
});

test('the merged document is a StandardValueSet in the metadata namespace', () => {
    const xml = mergeStandardValueSetXml(ours, org);
    assert.match(
        xml,
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<StandardValueSet xmlns="http:\/\/soap.sforce.com\/2006\/04\/metadata">/
    );
    assert.throws(() => parseStandardValueSet('<CustomField/>'), /Not a StandardValueSet/);
});
