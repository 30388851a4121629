/**
 * The list views a new Salesforce org has for the catalogue's objects, as far as Salesforce documents them. The REST
 * API Developer Guide's "List Views for an Object" and "Recent List Views" examples list Account's: All Accounts,
 * My Accounts, New This Week, New Last Week, Platinum and Gold SLA Customers, Recently Viewed Accounts; its "List View
 * Describe" example gives New This Week's columns (Name, Site, BillingState, Phone, Type, Owner.Alias) and condition
 * (CreatedDate = THIS_WEEK).
 *
 * Left out: "Recently Viewed Accounts" (it lists recently viewed records, which local-org does not keep),
 * "Platinum and Gold SLA Customers" (it filters on the sample data's SLA__c field, not in the catalogue), and the
 * other objects' standard list views (Contact, Case, Lead, Opportunity...): the guides name none of them with their
 * filters, and a list view made up here would not be the one Salesforce ships.
 */
import type { ObjectDef } from './schema.ts';
import type { Db } from './store.ts';
import { parseListView } from './listViews.ts';
import { saveListViewRow } from './metadata/listViews.ts';
import { storeMetadata } from './metadata/stored.ts';
import type { XmlNode } from './metadata/xml.ts';

const ACCOUNT_COLUMNS = [
    'ACCOUNT.NAME',
    'ACCOUNT.SITE',
    'ACCOUNT.ADDRESS1_STATE',
    'ACCOUNT.PHONE1',
    'ACCOUNT.TYPE',
    'CORE.USERS.ALIAS'
];

const createdIn = (literal: string) => ({ field: 'ACCOUNT.CREATED_DATE', operation: 'equals', value: literal });

const STANDARD_LIST_VIEWS: Record<string, XmlNode[]> = {
    Account: [
        { fullName: 'AllAccounts', label: 'All Accounts', filterScope: 'Everything', columns: ACCOUNT_COLUMNS },
        { fullName: 'MyAccounts', label: 'My Accounts', filterScope: 'Mine', columns: ACCOUNT_COLUMNS },
        {
            fullName: 'NewThisWeek',
            label: 'New This Week',
            filterScope: 'Everything',
            columns: ACCOUNT_COLUMNS,
            filters: [createdIn('THIS_WEEK')]
        },
        {
            fullName: 'NewLastWeek',
            label: 'New Last Week',
            filterScope: 'Everything',
            columns: ACCOUNT_COLUMNS,
            filters: [createdIn('LAST_WEEK')]
        }
    ]
};

/** Stores the standard list views of a new org, as if deployed by its first user. */
export function createStandardListViews(db: Db, listViewObject: ObjectDef, userId: string, now: string): void {
    for (const [sobjectType, nodes] of Object.entries(STANDARD_LIST_VIEWS)) {
        for (const node of nodes) {
            storeMetadata(db, 'ListView', `${sobjectType}.${String(node.fullName)}`, node);
            saveListViewRow(db, listViewObject, sobjectType, parseListView(node), userId, now);
        }
    }
}
