/**
 * What the New Service Case action drafts from its starting record, as plain functions (no platform imports), so
 * the rules are read and tested on their own.
 *
 * @typedef {'Homeowner' | 'Installer'} CaseKind
 * @typedef {'Contract' | 'Account' | 'Contact'} StartObject
 * @typedef {{ id: string, number: string, status: string | null, statusLabel: string, accountId: string | null }} ContractChoice
 * @typedef {{ id: string, name: string }} ContactChoice
 * @typedef {{ objectApiName: StartObject, accountId: string | null, accountName: string, contracts: ContractChoice[], contacts: ContactChoice[], contactId: string | null, contactName: string }} StartingRecord
 */

/**
 * Contract statuses that need the agent's confirmation: the org refuses a case on them without the
 * acknowledgement (validation rule Contract_Status_Needs_Acknowledgement), so the two lists must agree.
 */
export const CONFIRMED_STATUSES = Object.freeze(['Cancelled', 'Pending Cancellation']);

/** The contract status a homeowner's current contract has: the one pre-selected. */
export const ACTIVE_STATUS = 'Activated';

/** The record type labels as deployed (force-app/main/default/objects/Case/recordTypes), by case kind. */
export const RECORD_TYPE_LABELS = Object.freeze({ Homeowner: 'Homeowner', Installer: 'Installer' });

/**
 * The case kinds each starting record allows (the service team's procedure).
 * @type {Readonly<Record<StartObject, ReadonlyArray<CaseKind>>>}
 */
export const KINDS_BY_START = Object.freeze({
    Contract: Object.freeze(/** @type {CaseKind[]} */ (['Homeowner'])),
    Account: Object.freeze(/** @type {CaseKind[]} */ (['Homeowner', 'Installer'])),
    Contact: Object.freeze(/** @type {CaseKind[]} */ (['Installer']))
});

/**
 * @param {{ value: any } | null | undefined} field
 * @returns {any}
 */
function valueOf(field) {
    return field?.value ?? null;
}

/**
 * @param {any} node a Contract node
 * @param {string | null} accountId
 * @returns {ContractChoice}
 */
function contractChoice(node, accountId) {
    return {
        id: node.Id,
        number: valueOf(node.ContractNumber) ?? node.Id,
        status: valueOf(node.Status),
        statusLabel: node.Status?.displayValue ?? valueOf(node.Status) ?? '',
        accountId
    };
}

/**
 * The starting record as the modes need it, from whichever of the three queries found it.
 * @param {any} query the GraphQL answer's `uiapi.query`
 * @returns {StartingRecord | undefined}
 */
export function readStartingRecord(query) {
    const contract = query.Contract?.edges[0]?.node;
    if (contract) {
        const accountId = valueOf(contract.AccountId);
        return {
            objectApiName: 'Contract',
            accountId,
            accountName: valueOf(contract.Account?.Name) ?? '',
            contracts: [contractChoice(contract, accountId)],
            contacts: [],
            contactId: null,
            contactName: ''
        };
    }
    const account = query.Account?.edges[0]?.node;
    if (account) {
        /** @type {any[]} */
        const contracts = account.Contracts?.edges ?? [];
        /** @type {any[]} */
        const contacts = account.Contacts?.edges ?? [];
        return {
            objectApiName: 'Account',
            accountId: account.Id,
            accountName: valueOf(account.Name) ?? '',
            contracts: contracts.map(({ node }) => contractChoice(node, account.Id)),
            contacts: contacts.map(({ node }) => ({ id: node.Id, name: valueOf(node.Name) ?? node.Id })),
            contactId: null,
            contactName: ''
        };
    }
    const contact = query.Contact?.edges[0]?.node;
    if (contact) {
        const name = valueOf(contact.Name) ?? contact.Id;
        return {
            objectApiName: 'Contact',
            accountId: valueOf(contact.AccountId),
            accountName: valueOf(contact.Account?.Name) ?? '',
            contracts: [],
            contacts: [{ id: contact.Id, name }],
            contactId: contact.Id,
            contactName: name
        };
    }
    return undefined;
}

/**
 * The draft's starting choices: the kind the record implies, its Activated contract (or the contract itself),
 * and the contact as installer contact.
 * @param {StartingRecord} start
 * @returns {{ kind: CaseKind, contractId: string | null, installerContactId: string | null }}
 */
export function draftDefaults(start) {
    const activated = start.contracts.find((contract) => contract.status === ACTIVE_STATUS);
    const contract = activated ?? (start.objectApiName === 'Contract' ? start.contracts[0] : undefined);
    return {
        kind: start.objectApiName === 'Contact' ? 'Installer' : 'Homeowner',
        contractId: contract?.id ?? null,
        installerContactId: start.contactId
    };
}

/**
 * @param {ContractChoice | undefined} contract
 * @returns {boolean} whether a case on it needs the agent's confirmation
 */
export function needsConfirmation(contract) {
    return CONFIRMED_STATUSES.includes(contract?.status ?? '');
}

/**
 * The record type of a kind of case, when the user may create it (Case's objectInfo, recordTypeInfos).
 * @param {any} caseInfo
 * @param {CaseKind} kind
 * @returns {string | null}
 */
export function recordTypeIdFor(caseInfo, kind) {
    /** @type {any[]} */
    const types = caseInfo?.recordTypeInfos ?? [];
    const type = types.find((rt) => !rt.master && rt.available && rt.name === RECORD_TYPE_LABELS[kind]);
    return type?.recordTypeId ?? null;
}

/**
 * The kinds the starting record allows that the user may create: Case, the kind's record type and every field
 * the kind writes.
 * @param {StartingRecord} start
 * @param {any} caseInfo Case's objectInfo
 * @param {Readonly<Record<CaseKind, string[]>>} fieldsByKind
 * @returns {CaseKind[]}
 */
export function creatableKinds(start, caseInfo, fieldsByKind) {
    /** @type {any[]} */
    const fields = caseInfo?.fields ?? [];
    const createable = (/** @type {string} */ name) => fields.some((info) => info.ApiName === name && info.createable);
    /** @type {ReadonlyArray<CaseKind>} */
    const kinds = KINDS_BY_START[start.objectApiName];
    return kinds.filter(
        (kind) =>
            Boolean(caseInfo?.createable) &&
            recordTypeIdFor(caseInfo, kind) !== null &&
            fieldsByKind[kind].every(createable)
    );
}
