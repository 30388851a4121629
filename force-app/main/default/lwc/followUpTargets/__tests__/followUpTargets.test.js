import {
    CONVERTED_WEB_FORM_STATUS,
    FOLLOW_UP_TARGETS,
    PROPOSED_TARGET_BY_WEB_FORM_TYPE,
    draftFollowUp,
    proposeTarget,
    targetByKey
} from 'c/followUpTargets';

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

    it('keeps each Case target’s record type label as deployed, since components see record types by label', () => {
        for (const target of FOLLOW_UP_TARGETS.filter((t) => t.objectApiName === 'Case')) {
            const xml = fs.readFileSync(
                path.join(METADATA, `objects/Case/recordTypes/${target.recordTypeDeveloperName}.recordType-meta.xml`),
                'utf8'
            );
            expect(xml.match(/<label>([^<]+)<\/label>/)[1]).toBe(target.recordTypeLabel);
        }
        expect(targetByKey('Opportunity').recordTypeLabel).toBeNull();
    });

    it('points each target’s lineage at a lookup to Case that exists on its object', () => {
        for (const target of FOLLOW_UP_TARGETS) {
            const xml = fs.readFileSync(
                path.join(METADATA, `objects/${target.objectApiName}/fields/${target.lineageField}.field-meta.xml`),
                'utf8'
            );
            expect(xml).toMatch(/<type>Lookup<\/type>/);
            expect(xml).toMatch(/<referenceTo>Case<\/referenceTo>/);
        }
    });

    it('closes converted web forms with a status of the Web Form support process', () => {
        const xml = fs.readFileSync(
            path.join(METADATA, 'objects/Case/businessProcesses/Web Form Process.businessProcess-meta.xml'),
            'utf8'
        );
        expect(xml).toContain(`<fullName>${CONVERTED_WEB_FORM_STATUS}</fullName>`);
    });
});

describe('draftFollowUp', () => {
    const webForm = {
        Id: '500LO0000000001AAA',
        Subject: 'Quote for 40 roof panels',
        Description: 'We need a quote for the new depot.',
        Priority: 'High',
        AccountId: '001LO0000000001AAA',
        ContactId: '003LO0000000001AAA',
        AccountName: 'Northwind Roofing',
        SuppliedName: 'Nora Wind',
        SuppliedEmail: 'nora@northwind.example',
        SuppliedPhone: '+44 20 7946 0000',
        SuppliedCompany: 'Northwind Roofing Ltd',
        Web_Street__c: '1 Harbour Road',
        Web_City__c: 'Bristol',
        Web_Postal_Code__c: 'BS1 5TT',
        Web_Country__c: 'United Kingdom'
    };
    const today = new Date(2026, 10, 30);

    it('pre-fills a case follow-up with the request, the people and the submitter’s details, pointing back to the web form', () => {
        expect(draftFollowUp(webForm, targetByKey('Sample_Request'), today)).toEqual({
            Subject: 'Quote for 40 roof panels',
            Description: 'We need a quote for the new depot.',
            Origin: 'Web',
            Priority: 'High',
            AccountId: '001LO0000000001AAA',
            ContactId: '003LO0000000001AAA',
            SuppliedName: 'Nora Wind',
            SuppliedEmail: 'nora@northwind.example',
            SuppliedPhone: '+44 20 7946 0000',
            SuppliedCompany: 'Northwind Roofing Ltd',
            Web_Street__c: '1 Harbour Road',
            Web_City__c: 'Bristol',
            Web_Postal_Code__c: 'BS1 5TT',
            Web_Country__c: 'United Kingdom',
            Converted_From__c: '500LO0000000001AAA'
        });
    });

    it('pre-fills an opportunity named after the account, closing in 30 days, from the web', () => {
        expect(draftFollowUp(webForm, targetByKey('Opportunity'), today)).toEqual({
            Name: 'Northwind Roofing – Quote for 40 roof panels',
            AccountId: '001LO0000000001AAA',
            CloseDate: '2026-12-30',
            Description: 'We need a quote for the new depot.',
            LeadSource: 'Web',
            Source_Case__c: '500LO0000000001AAA'
        });
    });

    it('names the opportunity after the typed company when no account is linked yet, and leaves blanks null', () => {
        const unlinked = { Id: webForm.Id, Subject: 'Quote', SuppliedCompany: 'Acme GmbH' };
        expect(draftFollowUp(unlinked, targetByKey('Opportunity'), today)).toMatchObject({
            Name: 'Acme GmbH – Quote',
            AccountId: null,
            Description: null
        });
        expect(draftFollowUp(unlinked, targetByKey('Customer_Request'), today)).toMatchObject({
            AccountId: null,
            ContactId: null,
            SuppliedEmail: null,
            Priority: null
        });
    });
});
