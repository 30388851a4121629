/**
 * The AssignmentRules metadata type (assignmentRules/Case.assignmentRules; Metadata API Developer Guide,
 * "AssignmentRules"): each assignmentRule (fullName, active, ruleEntry[]) becomes an AssignmentRule row (its Id is
 * what Sforce-Auto-Assign and Bulk 2.0 name) and a compiled definition that src/assignmentRules.ts applies on save.
 * A ruleEntry: assignedTo (a username, or a queue's developer name) with assignedToType User or Queue, criteriaItems
 * (field `Case.Origin`, operation, comma-separated values) with an optional booleanFilter, or a formula.
 * Refused by name: email notifications (template, notifyCcRecipients: local-org sends no email), case teams (team,
 * overrideExistingTeams), criteria comparing with another field (valueField) or through a relationship, operations
 * other than equals, notEqual, contains, notContain and startsWith, and objects other than Case and Lead.
 */
import {
    ASSIGNABLE_OBJECTS,
    COMPILED_TYPE,
    CRITERION_OPERATIONS,
    evaluateBooleanFilter,
    type CompiledEntry,
    type CompiledRules,
    type CriterionOperation
} from '../assignmentRules.ts';
import { compileFormula } from '../formula/index.ts';
import type { FieldDef, ObjectDef } from '../schema.ts';
import { insertSystemRecord, type Db } from '../store.ts';
import type { Applied, Staging } from './objects.ts';
import { stagedObject, stagedSchema } from './objects.ts';
import { ComponentProblem } from './problem.ts';
import { storeMetadata } from './stored.ts';
import { checkElements, flag, list, text, type XmlNode } from './xml.ts';

const RULE_ENTRY_ELEMENTS = [
    'assignedTo',
    'assignedToType',
    'booleanFilter',
    'criteriaItems',
    'formula',
    'notifyCcRecipients',
    'overrideExistingTeams',
    'team',
    'template'
];

/** Criteria on these field types compare as text; others (dates, numbers, booleans) are refused by name. */
const TEXT_LIKE = new Set(['string', 'picklist', 'email', 'phone', 'url', 'textarea', 'combobox']);

function problem(objectName: string, ruleName: string, what: string): ComponentProblem {
    return new ComponentProblem(`AssignmentRule ${objectName}.${ruleName}: ${what}`);
}

function refuse(objectName: string, ruleName: string, what: string): never {
    throw problem(objectName, ruleName, `${what} is not supported by local-org`);
}

function assignee(staging: Staging, object: ObjectDef, ruleName: string, entry: XmlNode): string | null {
    const name = text(entry, 'assignedTo');
    const type = text(entry, 'assignedToType');
    if (!name) {
        if (type) throw problem(object.name, ruleName, `assignedToType ${type} without assignedTo`);
        return null;
    }
    if (type === 'User') {
        const row = staging.db.prepare('SELECT Id FROM User WHERE Username = ? AND IsActive = 1').get(name) as
            { Id: string } | undefined;
        if (!row) throw problem(object.name, ruleName, `no active user with username ${name}`);
        return row.Id;
    }
    if (type === 'Queue') {
        const row = staging.db
            .prepare(
                `SELECT g.Id FROM "Group" g JOIN QueueSobject s ON s.QueueId = g.Id
                 WHERE g.Type = 'Queue' AND g.DeveloperName = ? AND g.IsDeleted = 0 AND s.SobjectType = ?`
            )
            .get(name, object.name) as { Id: string } | undefined;
        if (!row) throw problem(object.name, ruleName, `no queue ${name} supporting ${object.name}`);
        return row.Id;
    }
    throw problem(object.name, ruleName, `assignedToType must be User or Queue, not ${type ?? 'missing'}`);
}

function criterionField(object: ObjectDef, ruleName: string, path: string): FieldDef {
    const [objectName, fieldName, ...rest] = path.split('.');
    if (objectName !== object.name || !fieldName) {
        throw problem(object.name, ruleName, `criteria field ${path} must be ${object.name}.<Field>`);
    }
    if (rest.length > 0) refuse(object.name, ruleName, `criteria through a relationship (${path})`);
    const field = object.fields.find((f) => f.name.toLowerCase() === fieldName.toLowerCase());
    if (!field) throw problem(object.name, ruleName, `no field ${path}`);
    if (!TEXT_LIKE.has(field.type)) refuse(object.name, ruleName, `criteria on ${field.type} fields (${path})`);
    return field;
}

function compileEntry(staging: Staging, object: ObjectDef, ruleName: string, entry: XmlNode): CompiledEntry {
    checkElements(entry, 'RuleEntry', RULE_ENTRY_ELEMENTS);
    if (text(entry, 'template')) refuse(object.name, ruleName, 'template (email notification)');
    if (flag(entry, 'notifyCcRecipients')) refuse(object.name, ruleName, 'notifyCcRecipients');
    if (text(entry, 'team') || flag(entry, 'overrideExistingTeams'))
        refuse(object.name, ruleName, 'case teams (team, overrideExistingTeams)');
    const formula = text(entry, 'formula') ?? null;
    const items = list(entry, 'criteriaItems');
    if (formula !== null && items.length > 0)
        throw problem(object.name, ruleName, 'a rule entry has either criteriaItems or a formula, not both');
    if (formula !== null) {
        try {
            compileFormula(formula, { schema: stagedSchema(staging), objectName: object.name, returnType: 'boolean' });
        } catch (error) {
            throw problem(object.name, ruleName, `Error in formula: ${(error as Error).message}`);
        }
    }
    const criteria = items.map((item) => {
        checkElements(item, 'FilterItem', ['field', 'operation', 'value', 'valueField']);
        if (text(item, 'valueField')) refuse(object.name, ruleName, 'criteria compared with a field (valueField)');
        const field = criterionField(object, ruleName, text(item, 'field') ?? '');
        const operation = text(item, 'operation') ?? '';
        if (!(CRITERION_OPERATIONS as readonly string[]).includes(operation))
            refuse(object.name, ruleName, `criteria operation ${operation}`);
        const values = (text(item, 'value') ?? '').split(',').map((v) => v.trim());
        return { field: field.name, operation: operation as CriterionOperation, values };
    });
    const booleanFilter = text(entry, 'booleanFilter') ?? null;
    if (booleanFilter !== null) {
        try {
            evaluateBooleanFilter(
                booleanFilter,
                criteria.map(() => true)
            );
        } catch {
            throw problem(object.name, ruleName, `invalid booleanFilter ${booleanFilter}`);
        }
    }
    return { assignTo: assignee(staging, object, ruleName, entry), criteria, booleanFilter, formula };
}

/** The rule's AssignmentRule row, kept across deploys so its Id stays what clients stored. */
function ruleRow(staging: Staging, objectName: string, name: string, active: boolean): string {
    const existing = staging.db
        .prepare('SELECT Id FROM AssignmentRule WHERE SobjectType = ? AND Name = ?')
        .get(objectName, name) as { Id: string } | undefined;
    if (existing) {
        staging.db
            .prepare('UPDATE AssignmentRule SET Active = ?, LastModifiedDate = ?, SystemModstamp = ? WHERE Id = ?')
            .run(active ? 1 : 0, staging.now, staging.now, existing.Id);
        return existing.Id;
    }
    return insertSystemRecord(
        staging.db,
        stagedObject(staging, 'AssignmentRule'),
        { Name: name, SobjectType: objectName, Active: active ? 1 : 0 },
        staging.userId,
        staging.now
    );
}

/** Rules the file no longer names are gone, as the file holds all of the object's rules. */
function removeOtherRules(db: Db, objectName: string, kept: string[]): void {
    const placeholders = kept.map(() => '?').join(', ');
    db.prepare(
        `DELETE FROM AssignmentRule WHERE SobjectType = ?${kept.length > 0 ? ` AND Id NOT IN (${placeholders})` : ''}`
    ).run(objectName, ...kept);
}

export function applyAssignmentRules(staging: Staging, objectName: string, root: XmlNode, xml: string): Applied {
    if (!ASSIGNABLE_OBJECTS.includes(objectName))
        throw new ComponentProblem(
            `AssignmentRules for ${objectName} are not supported by local-org (Case and Lead only)`
        );
    const object = stagedObject(staging, objectName);
    checkElements(root, 'AssignmentRules', ['fullName', 'assignmentRule']);
    const rules = list(root, 'assignmentRule').map((rule) => {
        checkElements(rule, 'AssignmentRule', ['fullName', 'active', 'ruleEntry']);
        const name = text(rule, 'fullName');
        if (!name) throw new ComponentProblem(`AssignmentRules ${objectName}: Required field is missing: fullName`);
        const entries = list(rule, 'ruleEntry').map((entry) => compileEntry(staging, object, name, entry));
        return { name, active: flag(rule, 'active'), entries };
    });
    const active = rules.filter((rule) => rule.active);
    // Setup, "Activate an assignment rule": only one case (lead) assignment rule can be active at a time.
    if (active.length > 1) {
        throw new ComponentProblem(
            `AssignmentRules ${objectName}: only one rule can be active; ${active.map((r) => r.name).join(' and ')} both are`
        );
    }
    const compiled: CompiledRules = {
        rules: rules.map((rule) => ({ ...rule, id: ruleRow(staging, objectName, rule.name, rule.active) }))
    };
    removeOtherRules(
        staging.db,
        objectName,
        compiled.rules.map((rule) => rule.id)
    );
    storeMetadata(staging.db, COMPILED_TYPE, objectName, compiled);
    return { created: storeMetadata(staging.db, 'AssignmentRules', objectName, xml), changed: true };
}
