/**
 * The standard objects, fields and relationships Caseline's components may import through
 * `@salesforce/schema/...`. Custom fields are read from force-app; standard ones cannot be, so they are listed here.
 * Add to it when a component starts using another standard field.
 */
export const STANDARD_FIELDS: Readonly<Record<string, readonly string[]>> = {
    Account: [
        'Id',
        'Name',
        'Phone',
        'Website',
        'BillingStreet',
        'BillingCity',
        'BillingPostalCode',
        'BillingCountry',
        'OwnerId',
        'ParentId',
        'Type'
    ],
    Case: [
        'Id',
        'CaseNumber',
        'Subject',
        'Description',
        'Status',
        'Type',
        'Origin',
        'Priority',
        'Reason',
        'AccountId',
        'ContactId',
        'RecordTypeId',
        'OwnerId',
        'ParentId',
        'SuppliedName',
        'SuppliedEmail',
        'SuppliedPhone',
        'SuppliedCompany',
        'IsClosed',
        'ClosedDate',
        'CreatedDate',
        'LastModifiedDate'
    ],
    Contact: [
        'Id',
        'Name',
        'FirstName',
        'LastName',
        'Email',
        'Phone',
        'MobilePhone',
        'AccountId',
        'Title',
        'MailingStreet',
        'MailingCity',
        'MailingPostalCode',
        'MailingCountry',
        'OwnerId'
    ],
    Contract: ['Id', 'ContractNumber', 'AccountId', 'Status', 'StartDate', 'EndDate', 'ContractTerm', 'OwnerId'],
    Opportunity: [
        'Id',
        'Name',
        'AccountId',
        'CloseDate',
        'StageName',
        'Description',
        'LeadSource',
        'Amount',
        'OwnerId'
    ],
    RecordType: ['Id', 'Name', 'DeveloperName', 'SobjectType'],
    Task: ['Id', 'Subject', 'Status', 'WhatId', 'WhoId', 'ActivityDate', 'Description', 'OwnerId', 'CreatedDate'],
    User: ['Id', 'Name', 'Email', 'Username']
};

/** object → relationship name → the object it points to (standard lookups only; custom ones come from metadata). */
export const STANDARD_RELATIONSHIPS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
    Account: { Owner: 'User', Parent: 'Account' },
    Case: { Account: 'Account', Contact: 'Contact', Owner: 'User', Parent: 'Case', RecordType: 'RecordType' },
    Contact: { Account: 'Account', Owner: 'User' },
    Contract: { Account: 'Account', Owner: 'User' },
    Opportunity: { Account: 'Account', Owner: 'User' },
    Task: { Owner: 'User' }
};
