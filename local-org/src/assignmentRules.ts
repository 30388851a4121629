/**
 * Case and Lead assignment rules applied on save (the rules themselves come from the AssignmentRules metadata
 * deploy: metadata/assignmentRules.ts).
 *
 * Which rule a save runs is the caller's choice (AssignmentChoice): REST's `Sforce-Auto-Assign` header (REST API
 * Developer Guide, "Assignment Rule Header": TRUE applies the active rule to created or updated records, FALSE none, an
 * AssignmentRule Id that rule to created records; without the header the default is TRUE), Bulk 2.0's
 * `assignmentRuleId`, and Web-to-Case (the active rule). The choice is the request's, so the flows it runs write with
 * it too ("this header/setting will be inherited by any other DML action performed in the same transaction",
 * Knowledge 000395506).
 *
 * A rule's entries are tried in order; the first that matches assigns its user or queue, or keeps the owner when it
 * names none ("Do Not Reassign Owner"). When no entry matches, or no rule is active while the object has rules, the
 * record goes to the default case (lead) owner (Knowledge 000395506: "We perform default assignments, which are using
 * the Default Case Owner as per the Support Settings"); local-org's default owner is the org's first administrator,
 * as for Web-to-Case. An object with no rules at all keeps its owner (Apex Reference, "DmlOptions.AssignmentRuleHeader":
 * from API 30.0 the record "is unassigned and doesn't get assigned to the default owner").
 *
 * Runs after the record is saved and before after-save flows, as in Salesforce's order of execution (Apex Developer
 * Guide, "Triggers and Order of Execution": after triggers, then assignment rules, ..., then after-save flows).
 */
import type { CallContext } from './context.ts';
import type { SaveState, StoredRecord } from './derive.ts';
import { recordError } from './errors.ts';
import { evaluateFormula, compileFormula, type CompiledFormula } from './formula/index.ts';
import { canonicalId } from './ids.ts';
import { readMetadata } from './metadata/stored.ts';
import type { ObjectDef } from './schema.ts';

export type AssignmentChoice = { kind: 'none' } | { kind: 'active' } | { kind: 'rule'; id: string };

/** What the rules of one object compile to at deploy (kept in _lo_metadata as COMPILED_TYPE). */
export interface CompiledRules {
    rules: CompiledRule[];
}

export interface CompiledRule {
    id: string;
    name: string;
    active: boolean;
    entries: CompiledEntry[];
}

export interface CompiledEntry {
    /** The user or queue the entry assigns to; null keeps the owner. */
    assignTo: string | null;
    criteria: Criterion[];
    /** `1 AND (2 OR 3)`; without it every criterion must hold. */
    booleanFilter: string | null;
    formula: string | null;
}

export interface Criterion {
    field: string;
    operation: CriterionOperation;
    /** The comma-separated values of the criterion, any of which matches. */
    values: string[];
}

export const CRITERION_OPERATIONS = ['equals', 'notEqual', 'contains', 'notContain', 'startsWith'] as const;
export type CriterionOperation = (typeof CRITERION_OPERATIONS)[number];

export const COMPILED_TYPE = '_CompiledAssignmentRules';
export const ASSIGNABLE_OBJECTS = ['Case', 'Lead'];

/** The `Sforce-Auto-Assign` header's choice; absent means TRUE. */
export function autoAssignHeader(value: string | undefined): AssignmentChoice {
    if (value === undefined || value.toLowerCase() === 'true') return { kind: 'active' };
    if (value.toLowerCase() === 'false') return { kind: 'none' };
    const id = canonicalId(value);
    // SOAP API's AssignmentRuleHeader: a value not in Id format "fails and a MALFORMED_ID exception is returned".
    if (id === null || !id.startsWith('01Q'))
        throw recordError('MALFORMED_ID', `Sforce-Auto-Assign: invalid assignment rule id: ${value}`);
    return { kind: 'rule', id };
}

function compiledRules(ctx: CallContext, objectName: string): CompiledRules | undefined {
    return readMetadata<CompiledRules>(ctx.db, COMPILED_TYPE, objectName);
}

function chosenRule(rules: CompiledRules, choice: AssignmentChoice, isInsert: boolean): CompiledRule | null | 'skip' {
    if (choice.kind === 'none') return 'skip';
    if (choice.kind === 'rule') {
        // "The given AssignmentRule is applied for created Accounts, Cases, or Leads": not on update.
        if (!isInsert) return 'skip';
        const rule = rules.rules.find((r) => r.id === choice.id);
        if (!rule) throw recordError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id: ${choice.id}`);
        return rule;
    }
    return rules.rules.find((r) => r.active) ?? null;
}

/** The owner the rules give the saved record, or undefined when they leave it as it is. */
export function assignedOwner(
    ctx: CallContext,
    object: ObjectDef,
    record: StoredRecord,
    state: SaveState
): string | undefined {
    const choice = ctx.assignment ?? { kind: 'none' };
    if (choice.kind === 'none' || !ASSIGNABLE_OBJECTS.includes(object.name)) return undefined;
    const rules = compiledRules(ctx, object.name);
    if (!rules || rules.rules.length === 0) return undefined;
    const rule = chosenRule(rules, choice, state.isInsert);
    if (rule === 'skip') return undefined;
    const entry = rule?.entries.find((e) => entryMatches(ctx, object, e, record, state.previous));
    if (entry) return entry.assignTo ?? undefined;
    return defaultOwner(ctx);
}

/** The default case and lead owner: the org's first active administrator (who also receives Web-to-Case cases). */
export function defaultOwner(ctx: CallContext): string {
    const row = ctx.db
        .prepare(
            `SELECT u.Id FROM User u JOIN Profile p ON p.Id = u.ProfileId
             WHERE p.Name = 'System Administrator' AND u.IsActive = 1 ORDER BY u.CreatedDate, u.Id LIMIT 1`
        )
        .get() as { Id: string };
    return row.Id;
}

function entryMatches(
    ctx: CallContext,
    object: ObjectDef,
    entry: CompiledEntry,
    record: StoredRecord,
    prior: StoredRecord | null
): boolean {
    if (entry.formula !== null) {
        const formula = compiled(ctx, object, entry.formula);
        return (
            evaluateFormula(formula, {
                record,
                prior,
                load: (objectName, id) =>
                    ctx.db.prepare(`SELECT * FROM "${objectName}" WHERE Id = ?`).get(id) as StoredRecord | undefined,
                userId: ctx.userId,
                now: ctx.now
            }) === true
        );
    }
    const results = entry.criteria.map((criterion) => criterionHolds(criterion, record[criterion.field]));
    if (entry.booleanFilter === null) return results.every(Boolean);
    return evaluateBooleanFilter(entry.booleanFilter, results);
}

const formulas = new Map<string, CompiledFormula>();

function compiled(ctx: CallContext, object: ObjectDef, source: string): CompiledFormula {
    const key = `${object.name}\u0000${source}`;
    let formula = formulas.get(key);
    if (!formula) {
        formula = compileFormula(source, { schema: ctx.schema, objectName: object.name, returnType: 'boolean' });
        formulas.set(key, formula);
    }
    return formula;
}

/** Text comparisons as filter criteria make them: case-insensitive; a blank value matches an empty criterion value. */
function criterionHolds(criterion: Criterion, raw: unknown): boolean {
    const value = raw === null || raw === undefined ? '' : String(raw).toLowerCase();
    const candidates = criterion.values.map((v) => v.toLowerCase());
    switch (criterion.operation) {
        case 'equals':
            return candidates.includes(value);
        case 'notEqual':
            return !candidates.includes(value);
        case 'contains':
            return candidates.some((c) => value.includes(c));
        case 'notContain':
            return !candidates.some((c) => value.includes(c));
        case 'startsWith':
            return candidates.some((c) => value.startsWith(c));
    }
}

/** `1 AND (2 OR NOT 3)` over the criteria results (1-based), as filter logic is written. */
export function evaluateBooleanFilter(filter: string, results: boolean[]): boolean {
    const tokens = filter.match(/\d+|\(|\)|AND|OR|NOT/gi) ?? [];
    let position = 0;
    const peek = () => tokens[position]?.toUpperCase();
    const fail = (): never => {
        throw recordError('INVALID_FILTER', `Invalid filter logic: ${filter}`);
    };
    const primary = (): boolean => {
        const token = peek();
        position += 1;
        if (token === 'NOT') return !primary();
        if (token === '(') {
            const value = or();
            if (peek() !== ')') fail();
            position += 1;
            return value;
        }
        const index = Number(token);
        if (!Number.isInteger(index) || index < 1 || index > results.length) fail();
        return results[index - 1];
    };
    const and = (): boolean => {
        let value = primary();
        while (peek() === 'AND') {
            position += 1;
            value = primary() && value;
        }
        return value;
    };
    const or = (): boolean => {
        let value = and();
        while (peek() === 'OR') {
            position += 1;
            value = and() || value;
        }
        return value;
    };
    const value = or();
    if (position !== tokens.length) fail();
    return value;
}
