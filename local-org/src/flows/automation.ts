/**
 * What runs when a record is saved, read from deployed metadata: validation rules and record-triggered flows.
 * Compiled once per schema version; a deploy replaces the whole set.
 */
import { compileFormula, type CompiledFormula } from '../formula/index.ts';
import type { ObjectDef, Schema, ValidationRuleDef } from '../schema.ts';
import type { Db } from '../store.ts';
import { parseFlow, type FlowDefinition, type TriggerType } from './definition.ts';
import type { StoredFlow } from './deployFlow.ts';
import { isScreenFlowXml } from './screenFlow.ts';

export interface CompiledRule {
    rule: ValidationRuleDef;
    formula: CompiledFormula;
}

export class Automation {
    private flows: FlowDefinition[] | undefined;
    private readonly rules = new Map<string, CompiledRule[]>();

    constructor(
        private readonly db: Db,
        private readonly schema: Schema
    ) {}

    validationRules(object: ObjectDef): CompiledRule[] {
        let compiled = this.rules.get(object.name);
        if (!compiled) {
            compiled = (object.validationRules ?? [])
                .filter((rule) => rule.active)
                .map((rule) => ({
                    rule,
                    formula: compileFormula(rule.errorConditionFormula, {
                        schema: this.schema,
                        objectName: object.name,
                        returnType: 'boolean'
                    })
                }));
            this.rules.set(object.name, compiled);
        }
        return compiled;
    }

    flowsFor(objectName: string, triggerType: TriggerType, isInsert: boolean): FlowDefinition[] {
        this.flows ??= this.loadFlows();
        return this.flows.filter(
            (flow) =>
                flow.object.toLowerCase() === objectName.toLowerCase() &&
                flow.triggerType === triggerType &&
                (flow.recordTriggerType === 'CreateAndUpdate' ||
                    flow.recordTriggerType === (isInsert ? 'Create' : 'Update'))
        );
    }

    private loadFlows(): FlowDefinition[] {
        const rows = this.db
            .prepare("SELECT full_name, content FROM _lo_metadata WHERE type = 'Flow' ORDER BY full_name")
            .all() as { full_name: string; content: string }[];
        // Only a flow's active version runs: the latest when it is active, else an older one still active.
        return rows.flatMap((row) => {
            const stored = JSON.parse(row.content) as StoredFlow;
            const activeXml = stored.active ? stored.xml : stored.activeXml;
            // Screen flows run as interviews (interview.ts), never on save.
            if (activeXml === undefined || isScreenFlowXml(activeXml)) return [];
            return [parseFlow(row.full_name, activeXml)];
        });
    }
}
