import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlanStep, PlannedRecord } from '../lib/plan.ts';
import { seed, type SeedOrg, type SeedProgress, type UpsertRecord, type UpsertResult } from '../lib/seeding.ts';

/**
 * An org in miniature with Salesforce's upsert semantics: match on Caseline_Key__c, Name/LastName required,
 * AccountId must name an existing account. Enough to check what seed() does with the results.
 */
class MemoryOrg implements SeedOrg {
    readonly rows = new Map<string, { id: string; sobject: string; fields: UpsertRecord }>();
    readonly calls: { sobject: string; records: UpsertRecord[] }[] = [];
    private nextId = 1;

    async upsert(sobject: string, records: UpsertRecord[], onProgress: (done: number) => void) {
        this.calls.push({ sobject, records });
        const results = records.map((record) => this.upsertOne(sobject, record));
        onProgress(records.length);
        return results;
    }

    async update(sobject: string, records: UpsertRecord[]) {
        this.calls.push({ sobject: `${sobject}:update`, records });
        return records.map((record): UpsertResult => {
            const row = [...this.rows.values()].find((candidate) => candidate.id === record.Id);
            if (!row) {
                return { success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' }] };
            }
            const { Id: _id, ...fields } = record;
            const refused = serviceRequestRefusal(row.fields, fields);
            if (refused) {
                return { success: false, errors: [refused] };
            }
            const statusChanged = 'Status' in fields && fields.Status !== row.fields.Status;
            Object.assign(row.fields, fields);
            // Flow Service_Request_Categories: an acceptance belongs to its step; a status change clears it.
            if (statusChanged && row.fields.RecordTypeId === SERVICE_REQUEST_TYPE_ID)
                row.fields.Customer_Accepted_On__c = null;
            return { id: row.id, success: true, errors: [] };
        });
    }

    /** Record types as an org that renamed "Web Form" to "Web Request" has them: the label is not the name. */
    readonly recordTypes = [
        { Id: '012000000000001AAA', SobjectType: 'Case', DeveloperName: 'Web_Form', Name: 'Web Request' },
        { Id: '012000000000002AAA', SobjectType: 'Opportunity', DeveloperName: 'Web_Form', Name: 'Web Form' },
        { Id: SERVICE_REQUEST_TYPE_ID, SobjectType: 'Case', DeveloperName: 'Service_Request', Name: 'Service Request' }
    ];

    async recordTypeIds(sobject: string) {
        return new Map(
            this.recordTypes
                .filter((recordType) => recordType.SobjectType === sobject)
                .map((recordType) => [recordType.DeveloperName, recordType.Id])
        );
    }

    async activatedContractKeys(keys: string[]) {
        const wanted = new Set(keys.map((key) => key.toLowerCase()));
        return new Set(
            [...this.rows.entries()]
                .filter(([, row]) => row.sobject === 'Contract' && isActivated(row.fields.Status))
                .map(([key]) => key.slice('Contract:'.length))
                .filter((key) => wanted.has(key))
        );
    }

    /** Lead Ids converted (Won), and the Ids whose next conversion fails. */
    readonly convertedLeads = new Set<string>();
    readonly failingConversions = new Set<string>();

    async convertLeads(leadIds: string[], convertedStatus: string) {
        this.calls.push({ sobject: 'Lead:convert', records: leadIds.map((Id) => ({ Id, convertedStatus })) });
        return leadIds.map((id): UpsertResult => {
            if (this.failingConversions.delete(id)) {
                return { success: false, errors: [{ statusCode: 'UNKNOWN_EXCEPTION', message: 'try again' }] };
            }
            const row = [...this.rows.values()].find((candidate) => candidate.id === id)!;
            row.fields.Status = convertedStatus;
            this.convertedLeads.add(id);
            return { id, success: true, errors: [] };
        });
    }

    async convertedLeadIds(leadIds: string[]) {
        return new Set(leadIds.filter((id) => this.convertedLeads.has(id)));
    }

    async existingIds(sobject: string, keys: string[]) {
        const wanted = new Set(keys.map((key) => key.toLowerCase()));
        return new Map(
            [...this.rows.entries()]
                .filter(([key, row]) => row.sobject === sobject && wanted.has(key.slice(sobject.length + 1)))
                .map(([key, row]) => [key.slice(sobject.length + 1), row.id])
        );
    }

    private upsertOne(sobject: string, fields: UpsertRecord): UpsertResult {
        if (sobject === 'Contract') {
            return this.save(sobject, fields);
        }
        if (sobject === 'Case') {
            const existing = this.rows.get(`Case:${String(fields.Caseline_Key__c).toLowerCase()}`);
            const refused = serviceRequestRefusal(existing?.fields, fields);
            return refused ? { success: false, errors: [refused] } : this.save(sobject, fields);
        }
        const required = sobject === 'Contact' || sobject === 'Lead' ? 'LastName' : 'Name';
        if (!fields[required]) {
            return {
                success: false,
                errors: [
                    {
                        statusCode: 'REQUIRED_FIELD_MISSING',
                        message: `Required fields are missing: [${required}]`,
                        fields: [required]
                    }
                ]
            };
        }
        const accountId = fields.AccountId;
        if (accountId !== undefined && ![...this.rows.values()].some((row) => row.id === accountId)) {
            return {
                success: false,
                errors: [{ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id' }]
            };
        }
        return this.save(sobject, fields);
    }

    private save(sobject: string, fields: UpsertRecord): UpsertResult {
        const key = `${sobject}:${String(fields.Caseline_Key__c).toLowerCase()}`;
        const existing = this.rows.get(key);
        // Salesforce creates contracts in Draft only; activation is an update.
        if (sobject === 'Contract' && !existing && (fields.Status ?? 'Draft') !== 'Draft') {
            return {
                success: false,
                errors: [{ statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'Contract must be created in Draft' }]
            };
        }
        // Salesforce locks an activated contract's account (Knowledge Article 000385190).
        if (
            sobject === 'Contract' &&
            existing &&
            isActivated(existing.fields.Status) &&
            'AccountId' in fields &&
            fields.AccountId !== existing.fields.AccountId
        ) {
            return { success: false, errors: [{ statusCode: 'ENTITY_IS_LOCKED', message: 'account locked' }] };
        }
        const id = existing?.id ?? `${sobject === 'Account' ? '001' : '003'}${String(this.nextId++).padStart(15, '0')}`;
        this.rows.set(key, { id, sobject, fields: { ...existing?.fields, ...fields } });
        return { id, success: true, created: !existing, errors: [] };
    }
}

const SERVICE_REQUEST_TYPE_ID = '012000000000003AAA';
/** The shipped service request transitions (Service_Request_Transition custom metadata). */
const SERVICE_REQUEST_TRANSITIONS = [
    'Pending>Responded',
    'Pending>Cancelled',
    'Responded>Temporary Resolved',
    'Responded>Final Resolved',
    'Temporary Resolved>Final Resolved',
    'Final Resolved>Completed'
];

/** A final resolution category that requires the customer's acceptance. */
const HELD_CATEGORY = 'Fixed_On_Site';

/**
 * The org's service request rules (flow Service_Request_Lifecycle, validation rules Service_Request_*): a new
 * request starts Pending, moves only along a transition, cancels with a reason, and is locked once Completed or
 * Cancelled.
 */
function serviceRequestRefusal(before: UpsertRecord | undefined, change: UpsertRecord) {
    const after = { ...before, ...change };
    if (after.RecordTypeId !== SERVICE_REQUEST_TYPE_ID) return undefined;
    const error = (message: string) => ({ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message });
    if (!before)
        return after.Status === 'Pending' ? undefined : error('A new service request starts in a Pending status.');
    if (['Completed', 'Cancelled'].includes(String(before.Status)))
        return error('This request can no longer be changed.');
    if (before.Status !== after.Status && !SERVICE_REQUEST_TRANSITIONS.includes(`${before.Status}>${after.Status}`))
        return error(`A service request cannot move from ${before.Status} to ${after.Status}.`);
    if (after.Status === 'Cancelled' && !after.Cancellation_Reason__c) return error('Give a cancellation reason.');
    // Flow Service_Request_Categories: a category requiring acceptance holds the request until the customer accepts.
    if (
        before.Status === 'Final Resolved' &&
        after.Status === 'Completed' &&
        after.Final_Resolution_Category__c === HELD_CATEGORY &&
        !after.Customer_Accepted_On__c
    )
        return error('The category requires the customer’s acceptance.');
    return undefined;
}

/** Statuses of the Activated category in our ContractStatus value set. */
function isActivated(status: unknown): boolean {
    return ['Activated', 'Pending Cancellation', 'Cancelled'].includes(String(status));
}

const silent: SeedProgress = { startStep() {}, advance() {}, endStep() {} };

function record(sobject: string, referenceId: string, fields: PlannedRecord['fields']): PlannedRecord {
    return { sobject, referenceId, source: `${sobject}.json`, fields };
}

const steps: PlanStep[] = [
    {
        sobject: 'Account',
        records: [
            record('Account', 'AccA', { Caseline_Key__c: 'K-A', Name: 'Alpha Ltd' }),
            record('Account', 'AccB', { Caseline_Key__c: 'K-B', Name: '' })
        ]
    },
    {
        sobject: 'Contact',
        records: [
            record('Contact', 'ConA', { Caseline_Key__c: 'K-CA', LastName: 'Ames', AccountId: '@AccA' }),
            record('Contact', 'ConB', { Caseline_Key__c: 'K-CB', LastName: 'Bell', AccountId: '@AccB' })
        ]
    }
];

test('references become the ids the org returned for earlier steps', async () => {
    const org = new MemoryOrg();
    await seed(steps, org, silent);
    const accountId = org.rows.get('Account:k-a')!.id;
    assert.deepEqual(org.calls[1], {
        sobject: 'Contact',
        records: [
            {
                Caseline_Key__c: 'K-CA',
                LastName: 'Ames',
                AccountId: accountId,
                // Match keys from the shared key builder, so seeded records are found by the intake search.
                Match_Name_Key__c: 'ames',
                Match_Phone_Key__c: null,
                Match_Domain_Key__c: null,
                Match_Street_Key__c: null,
                Match_Postal_Key__c: null,
                Match_Locality_Key__c: null
            }
        ]
    });
});

test('a failed parent fails its children without sending them, and every failure is reported', async () => {
    const report = await seed(steps, new MemoryOrg(), silent);
    assert.equal(report.success, false);
    assert.deepEqual(report.steps, [
        { sobject: 'Account', created: 1, updated: 0, failed: 1 },
        { sobject: 'Contact', created: 1, updated: 0, failed: 1 }
    ]);
    assert.deepEqual(report.failures, [
        {
            sobject: 'Account',
            referenceId: 'AccB',
            key: 'K-B',
            source: 'Account.json',
            errors: [
                {
                    statusCode: 'REQUIRED_FIELD_MISSING',
                    message: 'Required fields are missing: [Name]',
                    fields: ['Name']
                }
            ]
        },
        {
            sobject: 'Contact',
            referenceId: 'ConB',
            key: 'K-CB',
            source: 'Contact.json',
            errors: [
                {
                    statusCode: 'PARENT_NOT_LOADED',
                    message: 'Not sent: AccountId refers to AccB, which failed to load.',
                    fields: ['AccountId']
                }
            ]
        }
    ]);
});

test('a second run updates what the first created and creates nothing', async () => {
    const org = new MemoryOrg();
    const valid: PlanStep[] = steps.map((step) => ({
        ...step,
        records: step.records.filter((r) => r.referenceId.endsWith('A'))
    }));
    const first = await seed(valid, org, silent);
    const second = await seed(valid, org, silent);
    assert.deepEqual(
        first.steps.map((s) => [s.created, s.updated, s.failed]),
        [
            [1, 0, 0],
            [1, 0, 0]
        ]
    );
    assert.deepEqual(
        second.steps.map((s) => [s.created, s.updated, s.failed]),
        [
            [0, 1, 0],
            [0, 1, 0]
        ]
    );
    assert.equal(org.rows.size, 2);
    assert.equal(second.success, true);
});

test('a record the org returns no result for is reported, not dropped', async () => {
    const shortWriter: SeedOrg = {
        upsert: async () => [],
        update: async () => [],
        recordTypeIds: async () => new Map(),
        activatedContractKeys: async () => new Set(),
        existingIds: async () => new Map(),
        convertLeads: async () => [],
        convertedLeadIds: async () => new Set()
    };
    const report = await seed([steps[0]], shortWriter, silent);
    assert.deepEqual(
        report.failures.map((f) => [f.referenceId, f.errors[0].statusCode]),
        [
            ['AccA', 'NO_RESULT'],
            ['AccB', 'NO_RESULT']
        ]
    );
});

test('lookups by a parent field are passed through as they are', async () => {
    const org = new MemoryOrg();
    const caseStep: PlanStep = {
        sobject: 'Case',
        records: [record('Case', 'C1', { Caseline_Key__c: 'K-1', Name: 'x', Account: { Caseline_Key__c: 'K-A' } })]
    };
    await seed([caseStep], org, silent);
    assert.deepEqual(org.calls[0].records, [
        { Caseline_Key__c: 'K-1', Name: 'x', Account: { Caseline_Key__c: 'K-A' } }
    ]);
});

test('a record type is sent as the Id of the step object’s record type with that DeveloperName, whatever its label', async () => {
    const org = new MemoryOrg();
    const caseStep: PlanStep = {
        sobject: 'Case',
        records: [
            record('Case', 'C1', { Caseline_Key__c: 'K-1', Name: 'x', RecordType: { DeveloperName: 'Web_Form' } }),
            record('Case', 'C2', { Caseline_Key__c: 'K-2', Name: 'y', RecordType: { DeveloperName: 'Walk_In' } })
        ]
    };
    const report = await seed([caseStep], org, silent);
    assert.deepEqual(org.calls[0].records, [{ Caseline_Key__c: 'K-1', Name: 'x', RecordTypeId: '012000000000001AAA' }]);
    assert.deepEqual(
        report.failures.map((failure) => [
            failure.referenceId,
            failure.errors[0].statusCode,
            failure.errors[0].message
        ]),
        [
            [
                'C2',
                'RECORD_TYPE_NOT_FOUND',
                'Not sent: the org has no Case record type Walk_In (DeveloperName); deploy force-app first.'
            ]
        ]
    );
});

test('contracts are created in Draft and then moved to their status, on every run', async () => {
    const org = new MemoryOrg();
    const contracts: PlanStep[] = [
        {
            sobject: 'Contract',
            records: [
                record('Contract', 'Ctr1', { Caseline_Key__c: 'CTR-1', Status: 'Cancelled' }),
                record('Contract', 'Ctr2', { Caseline_Key__c: 'CTR-2', Status: 'Draft' })
            ]
        }
    ];
    for (const run of [1, 2]) {
        const report = await seed(contracts, org, silent);
        assert.equal(report.success, true, `run ${run}`);
    }
    assert.deepEqual(org.calls[0], {
        sobject: 'Contract',
        records: [{ Caseline_Key__c: 'CTR-1' }, { Caseline_Key__c: 'CTR-2' }]
    });
    assert.deepEqual(
        org.calls[1].records.map((r) => r.Status),
        ['Cancelled', 'Draft']
    );
    assert.deepEqual(
        [...org.rows.values()].map((row) => row.fields.Status),
        ['Cancelled', 'Draft']
    );
});

test('a re-run leaves an activated contract’s account as the org has it, and says so', async () => {
    const org = new MemoryOrg();
    const contracts = (accountRef: string): PlanStep[] => [
        {
            sobject: 'Account',
            records: [
                record('Account', 'AccA', { Caseline_Key__c: 'K-A', Name: 'Alpha Ltd' }),
                record('Account', 'AccB', { Caseline_Key__c: 'K-B', Name: 'Beta Ltd' })
            ]
        },
        {
            sobject: 'Contract',
            records: [
                record('Contract', 'Ctr1', { Caseline_Key__c: 'CTR-1', AccountId: accountRef, Status: 'Activated' }),
                record('Contract', 'Ctr2', { Caseline_Key__c: 'CTR-2', AccountId: accountRef, Status: 'Draft' })
            ]
        }
    ];
    const first = await seed(contracts('@AccA'), org, silent);
    assert.equal(first.success, true);
    assert.deepEqual(first.leftAlone, []);
    const accountA = org.rows.get('Account:k-a')!.id;
    const accountB = org.rows.get('Account:k-b')!.id;

    // The plan now puts both contracts on another account: the draft one moves, the activated one cannot.
    org.calls.length = 0;
    const second = await seed(contracts('@AccB'), org, silent);
    assert.deepEqual(second.failures, []);
    assert.equal(second.success, true);
    const contractUpsert = org.calls.find((call) => call.sobject === 'Contract')!;
    assert.deepEqual(
        contractUpsert.records.map((fields) => 'AccountId' in fields),
        [false, true],
        'AccountId is not sent for the activated contract, even unchanged'
    );
    assert.deepEqual(second.leftAlone, [
        {
            sobject: 'Contract',
            referenceId: 'Ctr1',
            key: 'CTR-1',
            fields: ['AccountId'],
            reason: 'The contract is activated: Salesforce locks these fields, so the org keeps its values.'
        }
    ]);
    assert.equal(org.rows.get('Contract:ctr-1')!.fields.AccountId, accountA);
    assert.equal(org.rows.get('Contract:ctr-1')!.fields.Status, 'Activated');
    assert.equal(org.rows.get('Contract:ctr-2')!.fields.AccountId, accountB);
    assert.deepEqual(
        second.steps.map((step) => [step.sobject, step.created, step.updated, step.failed]),
        [
            ['Account', 0, 2, 0],
            ['Contract', 0, 2, 0]
        ]
    );
});

test('demo leads are created once: a re-run leaves the org’s leads as they are, and says so', async () => {
    const org = new MemoryOrg();
    const leads: PlanStep[] = [
        {
            sobject: 'Lead',
            records: [
                record('Lead', 'LeadLost', { Caseline_Key__c: 'LEAD-1', LastName: 'Lost', Status: 'Lost' }),
                record('Lead', 'LeadNew', { Caseline_Key__c: 'LEAD-2', LastName: 'New', Status: 'Pending' })
            ]
        }
    ];
    const first = await seed(leads, org, silent);
    assert.deepEqual(first.steps[0], { sobject: 'Lead', created: 2, updated: 0, failed: 0 });
    org.rows.delete('Lead:lead-2');
    org.calls.length = 0;
    const second = await seed(leads, org, silent);
    assert.equal(second.success, true);
    assert.deepEqual(second.steps[0], { sobject: 'Lead', created: 1, updated: 0, failed: 0 });
    assert.deepEqual(
        org.calls.flatMap((call) => call.records.map((fields) => fields.Caseline_Key__c)),
        ['LEAD-2'],
        'only the lead the org lacks is sent'
    );
    assert.deepEqual(
        second.leftAlone.map((entry) => [entry.sobject, entry.referenceId]),
        [['Lead', 'LeadLost']]
    );
});

test('a demo lead planned Won is created In Progress and converted; re-runs convert nothing new', async () => {
    const org = new MemoryOrg();
    const leads: PlanStep[] = [
        {
            sobject: 'Lead',
            records: [
                record('Lead', 'LeadWon', { Caseline_Key__c: 'LEAD-W', LastName: 'Won', Status: 'Won' }),
                record('Lead', 'LeadOpen', { Caseline_Key__c: 'LEAD-P', LastName: 'Open', Status: 'Pending' })
            ]
        }
    ];
    org.failingConversions.add('003000000000000001'); // the first record's Id: the Won lead's
    const first = await seed(leads, org, silent);
    const created = org.calls.find((call) => call.sobject === 'Lead')!.records;
    assert.deepEqual(
        created.map((fields) => fields.Status),
        ['In Progress', 'Pending'],
        'a lead becomes Won only by conversion'
    );
    assert.equal(first.success, false);
    assert.match(first.failures[0].errors[0].message, /^Saved but not converted to Won: try again/);
    assert.deepEqual(first.convertedLeads, []);

    org.calls.length = 0;
    const second = await seed(leads, org, silent);
    assert.equal(second.success, true);
    assert.deepEqual(second.convertedLeads, ['LeadWon'], 'the lead whose conversion failed is converted now');
    assert.equal(org.rows.get('Lead:lead-w')!.fields.Status, 'Won');

    org.calls.length = 0;
    const third = await seed(leads, org, silent);
    assert.equal(third.success, true);
    assert.deepEqual(third.convertedLeads, []);
    assert.deepEqual(
        org.calls.filter((call) => call.sobject === 'Lead:convert'),
        [],
        'a converted lead is not converted again'
    );
});

test('demo service requests: created Pending and walked to their status; a re-run leaves them as they are', async () => {
    const org = new MemoryOrg();
    const serviceRequest = (ref: string, key: string, fields: PlannedRecord['fields']) =>
        record('Case', ref, {
            Caseline_Key__c: key,
            RecordType: { DeveloperName: 'Service_Request' },
            Subject: ref,
            ...fields
        });
    const requests: PlanStep[] = [
        {
            sobject: 'Case',
            records: [
                record('Case', 'CaseOther', { Caseline_Key__c: 'C-0', Subject: 'Not a request', Status: 'New' }),
                serviceRequest('SrPending', 'SR-1', { Status: 'Pending' }),
                serviceRequest('SrCompleted', 'SR-2', { Status: 'Completed', Response__c: 'Part shipped' }),
                serviceRequest('SrCancelled', 'SR-3', { Status: 'Cancelled', Cancellation_Reason__c: 'Withdrawn' }),
                serviceRequest('SrTemporary', 'SR-4', { Status: 'Temporary Resolved', Response__c: 'Workaround' }),
                serviceRequest('SrAccepted', 'SR-5', {
                    Status: 'Completed',
                    Response__c: 'On our way',
                    Final_Resolution_Category__c: HELD_CATEGORY,
                    Customer_Accepted_On__c: '2026-12-01T09:00:00.000Z'
                })
            ]
        }
    ];
    const first = await seed(requests, org, silent);
    assert.deepEqual(first.failures, []);
    assert.deepEqual(first.steps[0], { sobject: 'Case', created: 6, updated: 0, failed: 0 });
    const stored = (key: string) => org.rows.get(`Case:${key}`)?.fields;
    assert.deepEqual(
        ['sr-1', 'sr-2', 'sr-3', 'sr-4', 'sr-5'].map((key) => stored(key)?.Status),
        ['Pending', 'Completed', 'Cancelled', 'Temporary Resolved', 'Completed']
    );
    assert.equal(stored('sr-2')?.Response__c, 'Part shipped');
    assert.equal(stored('sr-3')?.Cancellation_Reason__c, 'Withdrawn');

    org.calls.length = 0;
    const second = await seed(requests, org, silent);
    assert.deepEqual(second.failures, []);
    assert.deepEqual(second.steps[0], { sobject: 'Case', created: 0, updated: 1, failed: 0 });
    assert.deepEqual(
        org.calls.flatMap((call) => call.records.map((fields) => fields.Caseline_Key__c)),
        ['C-0'],
        'only the case that is no service request is sent again'
    );
    assert.deepEqual(
        second.leftAlone.map((entry) => entry.referenceId),
        ['SrPending', 'SrCompleted', 'SrCancelled', 'SrTemporary', 'SrAccepted']
    );
});
