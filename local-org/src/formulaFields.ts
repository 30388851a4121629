/**
 * Formula fields (CustomField `<formula>`): read-only fields computed from the record when it is read, never stored,
 * so a formula with NOW() or TODAY() is current at every read (Salesforce Help, "TODAY": a number formula field
 * `TODAY()-LastActivityDate` "calculates the number of days since the last activity date"; Apex Reference, "Formula
 * Class": formula values are calculated from the record's data, which is loaded when missing).
 * local-org computes them with its formula engine: in SQL through the `lo_formula` function (so SOQL selects,
 * filters and sorts by them, and list views, GraphQL and Bulk queries with it), when a record is read by id and when
 * a flow reads `$Record.X`. A formula field reads only its own record's stored fields: cross-object references, `$`
 * globals and other formula fields are refused at deploy by name, as is a formula (validation rule, flow formula)
 * or a flow's Get Records, create, update or entry condition that reads one.
 */
import type { StoredRecord } from './derive.ts';
import { compileFormula, evaluateFormula, FormulaEvaluationError, type CompiledFormula } from './formula/index.ts';
import type { FieldDef, ObjectDef, Schema } from './schema.ts';
import type { Db } from './store.ts';

interface Registered {
    compiled: CompiledFormula;
    field: FieldDef;
}

/** Compiled formulas by the id `lo_formula` calls them with; one per field definition. */
const registry: Registered[] = [];
const ids = new WeakMap<FieldDef, number>();

export function isFormulaField(field: FieldDef): boolean {
    return field.formula !== undefined;
}

function registered(schema: Schema, object: ObjectDef, field: FieldDef): { id: number; compiled: CompiledFormula } {
    const known = ids.get(field);
    if (known !== undefined) return { id: known, compiled: registry[known].compiled };
    const compiled = compileFormula(field.formula!, { schema, objectName: object.name });
    registry.push({ compiled, field });
    ids.set(field, registry.length - 1);
    return { id: registry.length - 1, compiled };
}

/** The stored form of a formula result for the field's type (checkboxes 1/0, never blank; numbers at its scale). */
function stored(field: FieldDef, value: unknown): unknown {
    if (field.type === 'boolean') return value === true ? 1 : 0;
    if (value === null || value === undefined) return null;
    if (typeof value === 'number' && field.scale !== undefined) {
        const factor = 10 ** field.scale;
        return Math.round(value * factor) / factor;
    }
    return value;
}

function evaluate(compiled: CompiledFormula, field: FieldDef, record: StoredRecord): unknown {
    try {
        const value = evaluateFormula(compiled, {
            record,
            prior: null,
            load: () => undefined,
            userId: '',
            now: new Date()
        });
        return stored(field, value);
    } catch (error) {
        // Salesforce shows #Error! and the APIs answer no value when a record's values break the formula.
        if (error instanceof FormulaEvaluationError) return stored(field, null);
        throw error;
    }
}

/** The formula field's value for a stored record (reads by id). */
export function formulaValue(schema: Schema, object: ObjectDef, field: FieldDef, record: StoredRecord): unknown {
    return evaluate(registered(schema, object, field).compiled, field, record);
}

/** The SQL expression of a formula field of the table aliased `alias`: lo_formula(id, its referenced columns...). */
export function formulaSql(schema: Schema, object: ObjectDef, field: FieldDef, alias: string): string {
    const { id, compiled } = registered(schema, object, field);
    const columns = compiled.references.map((name) => `${alias}."${name.replace(/"/g, '""')}"`);
    return `lo_formula(${[String(id), ...columns].join(', ')})`;
}

/** Registers `lo_formula` on a connection: evaluates registered formula `id` over the referenced column values. */
export function registerFormulaFunction(db: Db): void {
    db.function('lo_formula', { varargs: true, deterministic: false }, (id: unknown, ...values: unknown[]) => {
        const { compiled, field } = registry[Number(id)];
        const record = Object.fromEntries(compiled.references.map((name, i) => [name, values[i]])) as StoredRecord;
        return evaluate(compiled, field, record) as number | string | null;
    });
}
