/**
 * Deploying a Flow: parse it, check it against the schema being deployed, store it as the flow's latest version and
 * record it in FlowDefinitionView. The active version runs on save.
 *
 * In a scratch or sandbox org the deployed version is active when its status is Active. In a production org it
 * arrives inactive, and a version that was already active stays active (Metadata API Developer Guide, "Flow": changes
 * to an active flow deploy to production only with the "Deploy processes and flows as active" preference, which
 * local-org does not have: its Settings type is refused at deploy).
 */
import { compileFormula, type FormulaScope } from '../formula/index.ts';
import type { Applied, Staging } from '../metadata/objects.ts';
import { stagedObject, stagedSchema } from '../metadata/objects.ts';
import { ComponentProblem } from '../metadata/problem.ts';
import { readMetadata, storeMetadata } from '../metadata/stored.ts';
import { parseXml, text } from '../metadata/xml.ts';
import { insertSystemRecord, nextId } from '../store.ts';
import { parseFlow, type FlowDefinition } from './definition.ts';
import { NO_AUTOMATION_OBJECTS } from '../taskRelations.ts';
import { isScreenFlowXml, parseScreenFlow } from './screenFlow.ts';
import { checkScreenFlow } from './screenFlowDeploy.ts';

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
    /** The latest version. */
    xml: string;
    /** Whether the latest version is the active one. */
    active: boolean;
    latestVersionId: string;
    /** The active version's id: the latest's when `active`, an older one's in production, or none. */
    activeVersionId?: string;
    /** An older version that stays active (production only): it runs instead of the latest. */
    activeXml?: string;
}

function checkFields(staging: Staging, objectName: string, fields: string[], elementName: string): void {
    const object = stagedObject(staging, objectName);
    for (const field of fields) {
        const found = object.fields.find((f) => f.name.toLowerCase() === field.toLowerCase());
        if (!found) throw new ComponentProblem(`${elementName}: the field ${field} does not exist on ${object.name}`);
        // Flows read stored values; a formula field is computed at read (formulaFields.ts).
        if (found.formula !== undefined)
            throw new ComponentProblem(
                `${elementName}: the formula field ${found.name} in a flow is not supported by local-org`
            );
    }
}

function checkDefinition(staging: Staging, definition: FlowDefinition): void {
    const object = stagedObject(staging, definition.object);
    if (NO_AUTOMATION_OBJECTS.has(object.name))
        throw new ComponentProblem(`${object.name} does not support record-triggered flows`);
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
        if (element.kind === 'recordLookup') {
            checkFields(
                staging,
                element.object,
                [...element.fields, ...element.filters.map((f) => f.left)],
                element.name
            );
            // The lookup's query compares by equality or nullness only (automationRun.ts flowDml.find).
            const other = element.filters.find((f) => !['EqualTo', 'NotEqualTo', 'IsNull'].includes(f.operator));
            if (other)
                throw new ComponentProblem(
                    `Get Records ${element.name}: operator ${other.operator} is not supported by local-org`
                );
        }
        if (element.kind === 'customError')
            for (const { field } of element.messages)
                if (field) checkFields(staging, object.name, [field], element.name);
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
    const screenFlow = isScreenFlowXml(xml);
    if (screenFlow) checkScreenFlow(staging, parseScreenFlow(fullName, xml));
    else checkDefinition(staging, parseFlow(fullName, xml));
    const previous = readMetadata<StoredFlow>(staging.db, 'Flow', fullName);
    const latestVersionId = nextId(staging.db, '301');
    const active = text(parseXml(xml).Flow, 'status') === 'Active' && !staging.production;
    const stored: StoredFlow = active
        ? { xml, active, latestVersionId, activeVersionId: latestVersionId }
        : { xml, active, latestVersionId, ...(staging.production ? stillActive(previous) : {}) };
    recordDefinitionView(staging, fullName, xml, stored);
    return { created: storeMetadata(staging.db, 'Flow', fullName, stored), changed: true };
}

/** The version of a flow that was active before a production deploy, which that deploy leaves active. */
function stillActive(previous: StoredFlow | undefined): Pick<StoredFlow, 'activeVersionId' | 'activeXml'> {
    if (!previous?.activeVersionId) return {};
    return {
        activeVersionId: previous.activeVersionId,
        activeXml: previous.active ? previous.xml : previous.activeXml
    };
}

/** Inserts or updates the flow's FlowDefinitionView row. */
function recordDefinitionView(staging: Staging, apiName: string, xml: string, stored: StoredFlow): void {
    const root = parseXml(xml).Flow;
    const start = (root as Record<string, unknown> | undefined)?.start;
    const values = {
        ApiName: apiName,
        Label: text(root, 'label') ?? apiName,
        Description: text(root, 'description') ?? null,
        ProcessType: text(root, 'processType') ?? null,
        TriggerType: text(start, 'triggerType') ?? null,
        TriggerObjectOrEventLabel: text(start, 'object') ?? null,
        IsActive: Number(stored.active),
        ActiveVersionId: stored.activeVersionId ?? null,
        LatestVersionId: stored.latestVersionId,
        LastModifiedDate: staging.now,
        LastModifiedById: staging.userId,
        SystemModstamp: staging.now
    };
    const existing = staging.db.prepare('SELECT Id FROM FlowDefinitionView WHERE ApiName = ?').get(apiName) as
        { Id: string } | undefined;
    if (existing) {
        const columns = Object.keys(values);
        staging.db
            .prepare(`UPDATE FlowDefinitionView SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE Id = ?`)
            .run(...Object.values(values), existing.Id);
        return;
    }
    const view = stagedObject(staging, 'FlowDefinitionView');
    const id = nextId(staging.db, view.keyPrefix);
    insertSystemRecord(staging.db, view, { Id: id, DurableId: id, ...values }, staging.userId, staging.now);
}
