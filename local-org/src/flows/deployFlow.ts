/** Deploying a Flow: parse it, check it against the schema being deployed, store it. Active flows run on save. */
import { compileFormula, type FormulaScope } from '../formula/index.ts';
import type { Applied, Staging } from '../metadata/objects.ts';
import { stagedObject, stagedSchema } from '../metadata/objects.ts';
import { ComponentProblem } from '../metadata/problem.ts';
import { storeMetadata } from '../metadata/stored.ts';
import { parseFlow, type FlowDefinition } from './definition.ts';

const OPERATORS = new Set([
    'EqualTo',
    'NotEqualTo',
    'GreaterThan',
    'GreaterThanOrEqualTo',
    'LessThan',
    'LessThanOrEqualTo',
    'StartsWith',
    'EndsWith',
    'Contains',
    'IsNull',
    'IsBlank',
    'IsChanged',
    'Assign',
    'Add',
    'Subtract'
]);

export interface StoredFlow {
    xml: string;
    active: boolean;
}

function checkFields(staging: Staging, objectName: string, fields: string[], elementName: string): void {
    const object = stagedObject(staging, objectName);
    for (const field of fields) {
        if (!object.fields.some((f) => f.name.toLowerCase() === field.toLowerCase())) {
            throw new ComponentProblem(`${elementName}: the field ${field} does not exist on ${object.name}`);
        }
    }
}

function checkDefinition(staging: Staging, definition: FlowDefinition): void {
    const object = stagedObject(staging, definition.object);
    const names = new Set([...definition.elements.keys()]);
    if (definition.start && !names.has(definition.start))
        throw new ComponentProblem(`The start connector points to ${definition.start}, which does not exist`);
    const operators = [...definition.entry.conditions.map((c) => c.operator)];
    checkFields(
        staging,
        object.name,
        definition.entry.conditions.map((c) => c.left),
        'Start'
    );
    for (const element of definition.elements.values()) {
        if (element.kind === 'assignment') operators.push(...element.items.map((i) => i.operator));
        if (element.kind === 'decision')
            operators.push(...element.rules.flatMap((r) => r.conditions.map((c) => c.operator)));
        if (element.kind === 'recordCreate')
            checkFields(
                staging,
                element.object,
                element.fields.map((f) => f.field),
                element.name
            );
        if (element.kind === 'recordUpdate') {
            checkFields(
                staging,
                element.object ?? object.name,
                [...element.fields.map((f) => f.field), ...element.filters.map((f) => f.left)],
                element.name
            );
            operators.push(...element.filters.map((f) => f.operator));
        }
    }
    const unsupported = operators.filter((o) => !OPERATORS.has(o));
    if (unsupported.length > 0) throw new ComponentProblem(`Operator ${unsupported[0]} is not supported by local-org`);
    const scope = {
        schema: stagedSchema(staging),
        objectName: object.name,
        variables: [...definition.variables.keys(), ...names]
    };
    checkFormulas(definition, scope);
    if (definition.entry.formula) {
        try {
            compileFormula(definition.entry.formula, scope);
        } catch (error) {
            throw new ComponentProblem(`Entry condition formula: ${(error as Error).message}`);
        }
    }
}

function checkFormulas(definition: FlowDefinition, scope: FormulaScope): void {
    // Salesforce Help ("Formula Resource", "Flow Formula Considerations") bars no formula from using another; a cycle never computes.
    const formulaScope = { ...scope, variables: [...(scope.variables ?? []), ...definition.formulas.keys()] };
    const isFormula = (name: string) => definition.formulas.has(name);
    const uses = new Map<string, string[]>();
    for (const [name, formula] of definition.formulas) {
        try {
            const { variables } = compileFormula(formula.expression, formulaScope);
            uses.set(name, variables.filter(isFormula));
        } catch (error) {
            throw new ComponentProblem(`Formula ${name}: ${(error as Error).message}`);
        }
    }
    refuseFormulaCycles(uses);
}

/** Depth-first over formula → formulas it uses; meeting a formula still on the path closes a cycle. */
function refuseFormulaCycles(uses: Map<string, string[]>): void {
    const done = new Set<string>();
    const path: string[] = [];
    const visit = (name: string): void => {
        const at = path.indexOf(name);
        if (at >= 0) throw new ComponentProblem(cycleProblem(path.slice(at)));
        if (done.has(name)) return;
        path.push(name);
        for (const used of uses.get(name) ?? []) visit(used);
        path.pop();
        done.add(name);
    };
    for (const name of uses.keys()) visit(name);
}

function cycleProblem([formula, ...through]: string[]): string {
    return through.length === 0
        ? `Formula ${formula} refers to itself`
        : `Formula ${formula} refers to itself through ${through.join(', ')}`;
}

export function applyFlow(staging: Staging, fullName: string, xml: string): Applied {
    const definition = parseFlow(fullName, xml);
    checkDefinition(staging, definition);
    const stored: StoredFlow = { xml, active: definition.active };
    return { created: storeMetadata(staging.db, 'Flow', fullName, stored), changed: true };
}
