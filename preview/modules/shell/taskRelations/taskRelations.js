/**
 * A Task's people (Shared Activities): the contacts or lead of its TaskRelation rows (IsWhat false), the primary
 * one (the task's WhoId) first, each linked to its record. Task and TaskRelation are not UI API objects, so they are
 * read through REST (SOQL), as Lightning's own Task page reads them through its internal APIs.
 */
import { LightningElement, api } from 'lwc';
import { queryAll, soqlString } from 'preview/api';
import { onRecordUpdate } from 'preview/records';

/** The object of a polymorphic parent as the query answered it (`/services/data/vNN.N/sobjects/Contact/003…`). */
function objectOf(record) {
    return /\/sobjects\/(\w+)\//.exec(record?.attributes?.url ?? '')?.[1];
}

export default class TaskRelations extends LightningElement {
    @api recordId;
    @api whoId;

    people = [];
    error;
    unsubscribe;

    connectedCallback() {
        this.unsubscribe = onRecordUpdate(this.recordId, () => this.load());
        this.load();
    }

    disconnectedCallback() {
        this.unsubscribe?.();
    }

    async load() {
        try {
            const rows = await queryAll(
                `SELECT Id, RelationId, Relation.Name FROM TaskRelation WHERE TaskId = ${soqlString(this.recordId)} AND IsWhat = false ORDER BY CreatedDate, Id`
            );
            const primary = String(this.whoId ?? '').slice(0, 15);
            this.people = rows
                .map((row) => ({
                    key: row.Id,
                    name: row.Relation?.Name ?? row.RelationId,
                    href: `/lightning/r/${objectOf(row.Relation) ?? 'Contact'}/${row.RelationId}/view`,
                    primary: String(row.RelationId).slice(0, 15) === primary
                }))
                .sort((a, b) => Number(b.primary) - Number(a.primary));
            this.error = undefined;
        } catch {
            this.error = 'This list could not be loaded.';
        }
    }

    get title() {
        return `Names (${this.people.length})`;
    }

    get empty() {
        return !this.error && this.people.length === 0;
    }
}
