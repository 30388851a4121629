import { FOLLOW_UP_TARGETS, PROPOSED_TARGET_BY_WEB_FORM_TYPE, proposeTarget, targetByKey } from 'c/followUpTargets';

const fs = require('fs');
const path = require('path');

const METADATA = path.resolve(__dirname, '../../..');

function fullNamesIn(file, element) {
    const xml = fs.readFileSync(path.join(METADATA, file), 'utf8');
    const pattern = new RegExp(`<${element}>\\s*<fullName>([^<]+)</fullName>`, 'g');
    return [...xml.matchAll(pattern)].map((match) => match[1]);
}

describe('proposeTarget', () => {
    it.each([
        ['Sample Request', 'Sample_Request', 'Case'],
        ['Quote Request', 'Opportunity', 'Opportunity'],
        ['Product Information', 'Customer_Request', 'Case'],
        ['Technical Question', 'Customer_Request', 'Case'],
        ['Complaint', 'Customer_Request', 'Case'],
        ['Other', 'Customer_Request', 'Case']
    ])('proposes %s → %s', (type, key, objectApiName) => {
        expect(proposeTarget(type)).toMatchObject({ key, objectApiName });
    });

    it('proposes a Customer Request when the web form has no Type or an unknown one', () => {
        expect(proposeTarget(null).key).toBe('Customer_Request');
        expect(proposeTarget('Partnership Enquiry').key).toBe('Customer_Request');
    });
});

describe('targetByKey', () => {
    it('rejects an unknown key with its name', () => {
        expect(() => targetByKey('Lead')).toThrow('Unknown follow-up target: Lead');
    });
});

describe('agreement with the metadata', () => {
    it('maps exactly the Type values of the Web Form record type', () => {
        const webFormTypes = fullNamesIn('objects/Case/recordTypes/Web_Form.recordType-meta.xml', 'values');
        expect(Object.keys(PROPOSED_TARGET_BY_WEB_FORM_TYPE).sort()).toEqual([...webFormTypes].sort());
    });

    it('only uses Type values that the CaseType value set defines', () => {
        const caseTypes = fullNamesIn('standardValueSets/CaseType.standardValueSet-meta.xml', 'standardValue');
        expect(caseTypes).toEqual(expect.arrayContaining(Object.keys(PROPOSED_TARGET_BY_WEB_FORM_TYPE)));
    });

    it('names Case record types that exist', () => {
        for (const target of FOLLOW_UP_TARGETS.filter((t) => t.objectApiName === 'Case')) {
            const file = path.join(
                METADATA,
                `objects/Case/recordTypes/${target.recordTypeDeveloperName}.recordType-meta.xml`
            );
            expect(fs.existsSync(file)).toBe(true);
        }
    });
});
