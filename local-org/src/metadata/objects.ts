/**
 * Applying a CustomObject file (objects/Case.object): the object itself for custom objects, then its fields,
 * business processes, record types and validation rules. Each child is its own component, as Salesforce reports.
 */
import { customObjectShell, recordTypeIdField } from '../catalogue.ts';
import type { BusinessProcessDef, FieldDef, ObjectDef, RecordTypeSettings, ValidationRuleDef } from '../schema.ts';
import { Schema } from '../schema.ts';
import { addFieldColumn, createObjectTable, insertSystemRecord, nextId, quoteName, type Db } from '../store.ts';
import { compileFormula } from '../formula/index.ts';
import { applyCustomMetadataType, isCustomMetadataType } from './customMetadata.ts';
import { compatibleChange, fieldFromMetadata } from './fields.ts';
import { checkNameFree } from './objectLifecycle.ts';
import { lookupFilterFromMetadata } from '../lookupFilters.ts';
import { ComponentProblem } from './problem.ts';
import { applyEnableHistory, applyStandardField, applyTrackHistory, checkTrackedFieldLimit } from './history.ts';
import { refuseUnappliedSettings } from './objectSettings.ts';
import { applySearchLayouts } from './searchLayouts.ts';
import { child, flag, list, text, type XmlNode } from './xml.ts';
import { NO_AUTOMATION_OBJECTS } from '../taskRelations.ts';
import {
    activityObjects,
    checkActivityFieldLimit,
    checkActivityFieldType,
    isActivity,
    isActivityObject,
    refuseLookupToActivity,
    refuseOwnActivityField
} from './activityFields.ts';

export interface Staging {
    db: Db;
    objects: Map<string, ObjectDef>;
    userId: string;
    now: string;
    /** A production org: deployed flows arrive inactive (see OrgKind in ../org.ts). */
    production: boolean;
}

export interface Applied {
    created: boolean;
    changed: boolean;
}

export function stagedObject(staging: Staging, name: string): ObjectDef {
    const object = staging.objects.get(name.toLowerCase());
    if (!object)
        throw new ComponentProblem(
            `Object ${name} does not exist in this org (local-org has the standard objects in its catalogue and the custom objects you deploy)`
        );
    return object;
}

export function stagedSchema(staging: Staging): Schema {
    return new Schema([...staging.objects.values()]);
}

function nextCustomPrefix(staging: Staging): string {
    const used = new Set([...staging.objects.values()].map((o) => o.keyPrefix));
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (const a of alphabet) for (const b of alphabet) if (!used.has(`a${a}${b}`)) return `a${a}${b}`;
    throw new ComponentProblem('No key prefix left for another custom object');
}

/** A custom object's own settings; standard objects only take their sharing model from the file. */
/**
 * An object's own action overrides (the org-wide default record page, custom New/Edit pages...) are not applied by
 * local-org; `Default` and `Standard` ones are Salesforce's own behaviour and change nothing. Record pages are
 * assigned in a Lightning app (applications.ts).
 */
function refuseActionOverrides(name: string, node: XmlNode): void {
    for (const override of list(node, 'actionOverrides')) {
        const type = text(override, 'type') ?? '';
        if (['default', 'standard'].includes(type.toLowerCase())) continue;
        throw new ComponentProblem(
            `Action override ${text(override, 'actionName')} (type ${type}) on ${name} is not supported by local-org: assign record pages in a Lightning app (CustomApplication actionOverrides)`
        );
    }
}

/**
 * deploymentStatus (Metadata API, CustomObject: "DeploymentStatus", InDevelopment or Deployed): an object In
 * Development is hidden from users without Customize Application (access.ts). Standard objects are always
 * deployed. Undefined when the file does not say: an existing object keeps its status, a new one is Deployed.
 */
function inDevelopment(name: string, node: XmlNode): boolean | undefined {
    const status = text(node, 'deploymentStatus');
    if (status === undefined) return undefined;
    if (status !== 'Deployed' && status !== 'InDevelopment')
        throw new ComponentProblem(`'${status}' is not a valid value for the enum 'DeploymentStatus'`);
    if (status === 'InDevelopment' && !name.endsWith('__c'))
        throw new ComponentProblem(`${name} is a standard object: its deploymentStatus is Deployed`);
    return status === 'InDevelopment';
}

export function applyObjectSettings(staging: Staging, name: string, node: XmlNode): Applied {
    // A custom metadata type has elements of its own, which customMetadata.ts checks.
    if (isCustomMetadataType(name)) return applyCustomMetadataType(staging, name, node);
    refuseUnappliedSettings(name, node);
    if (isActivity(name)) return applyActivitySettings(node);
    const applied = applyOwnSettings(staging, name, node);
    applyEnableHistory(staging, stagedObject(staging, name), node);
    const buttonsChanged = applySearchLayouts(stagedObject(staging, name), node);
    return { ...applied, changed: applied.changed || buttonsChanged };
}

/** Activity is no sObject here: its file carries only the fields Task and Event share (activityFields.ts). */
function applyActivitySettings(node: XmlNode): Applied {
    for (const key of ['sharingModel', 'enableHistory', 'actionOverrides', 'deploymentStatus']) {
        if (node[key] !== undefined)
            throw new ComponentProblem(`CustomObject.${key} (Activity) is not supported by local-org`);
    }
    return { created: false, changed: false };
}

function applyOwnSettings(staging: Staging, name: string, node: XmlNode): Applied {
    refuseActionOverrides(name, node);
    const developing = inDevelopment(name, node);
    const existing = staging.objects.get(name.toLowerCase());
    const sharingModel = text(node, 'sharingModel');
    if (!name.endsWith('__c')) {
        if (!existing)
            throw new ComponentProblem(
                `Object ${name} is not a standard object local-org knows, and custom object names end in __c`
            );
        if (sharingModel) existing.sharingModel = sharingModel;
        return { created: false, changed: sharingModel !== undefined || text(node, 'enableHistory') !== undefined };
    }
    const label = text(node, 'label') ?? name;
    const labelPlural = text(node, 'pluralLabel') ?? label;
    if (existing) {
        Object.assign(existing, { label, labelPlural, sharingModel: sharingModel ?? existing.sharingModel });
        if (developing !== undefined) existing.inDevelopment = developing;
        const nameNode = child(node, 'nameField');
        if (nameNode) replaceNameField(staging, existing, nameFieldOf(name, label, nameNode));
        return { created: false, changed: true };
    }
    checkNameFree(staging.db, name, new Date(staging.now));
    const nameField = nameFieldOf(name, label, child(node, 'nameField'));
    const object = customObjectShell(name, label, labelPlural, nextCustomPrefix(staging), nameField);
    object.sharingModel = sharingModel ?? 'ReadWrite';
    if (developing) object.inDevelopment = true;
    createObjectTable(staging.db, object);
    staging.objects.set(name.toLowerCase(), object);
    return { created: true, changed: true };
}

/** A custom object's name field: Text (80) or AutoNumber, as CustomObject.nameField defines it. */
function nameFieldOf(name: string, label: string, nameNode: XmlNode | undefined): FieldDef {
    const nameType = text(nameNode, 'type') ?? 'Text';
    if (nameType !== 'Text' && nameType !== 'AutoNumber')
        throw new ComponentProblem(`Name field type ${nameType} is not valid for ${name}`);
    const common = { name: 'Name', label: text(nameNode, 'label') ?? `${label} Name`, type: 'string' as const };
    return nameType === 'AutoNumber'
        ? {
              ...common,
              length: 80,
              nillable: false,
              createable: false,
              updateable: false,
              calculated: true,
              defaultedOnCreate: true,
              autoNumber: {
                  displayFormat: text(nameNode, 'displayFormat') ?? '{0}',
                  start: Number(text(nameNode, 'startingNumber') ?? 1)
              }
          }
        : { ...common, length: 80, nillable: false, createable: true, updateable: true };
}

/**
 * An update's nameField: its label and type apply to the existing object. From Auto Number to Text the names the
 * records have stay theirs; from Text to Auto Number records would need numbers, which local-org does not assign,
 * so that change is refused by name while the object has records.
 */
function replaceNameField(staging: Staging, object: ObjectDef, nameField: FieldDef): void {
    const index = object.fields.findIndex((field) => field.name === 'Name');
    const current = object.fields[index];
    if (nameField.autoNumber && !current.autoNumber && recordCount(staging.db, object) > 0) {
        throw new ComponentProblem(
            `Changing the name field of ${object.name}, which has records, from Text to Auto Number is not supported by local-org`
        );
    }
    object.fields[index] = { ...nameField, nameField: true, idLookup: true };
}

/** The key prefix of CustomField ids, as listMetadata returns them and Web-to-Case forms post them. */
const CUSTOM_FIELD_KEY_PREFIX = '00N';

export function applyField(staging: Staging, objectName: string, node: XmlNode): Applied {
    if (isActivity(objectName)) return applyActivityField(staging, node);
    const object = stagedObject(staging, objectName);
    if (isActivityObject(object.name) && text(node, 'fullName')?.endsWith('__c'))
        refuseOwnActivityField(object.name, text(node, 'fullName') ?? '');
    return applyFieldTo(staging, object, node);
}

/**
 * An Activity custom field lands on Task and Event with the same definition and the same id, as one CustomField
 * (`Activity.X__c`); see activityFields.ts.
 */
function applyActivityField(staging: Staging, node: XmlNode): Applied {
    const name = text(node, 'fullName') ?? '';
    checkActivityFieldType(text(node, 'type'), name);
    checkActivityFieldLimit(staging.objects, name);
    let applied: Applied = { created: false, changed: false };
    let id: string | undefined;
    for (const object of activityObjects(staging.objects)) {
        applied = applyFieldTo(staging, object, node, id);
        const field = object.fields.find((f) => f.name.toLowerCase() === name.toLowerCase())!;
        if (field.custom) field.activity = true;
        id = field.id;
    }
    return applied;
}

function applyFieldTo(staging: Staging, object: ObjectDef, node: XmlNode, sharedId?: string): Applied {
    const standard = standardField(object, text(node, 'fullName'));
    if (standard) return applyStandardField(object, standard, node);
    const field = fieldFromMetadata(node, object.name);
    if (field.formula !== undefined) checkFormulaField(staging, object, field);
    applyTrackHistory(object, field, node);
    // A custom metadata record's values change only through the Metadata API (customMetadata.ts).
    if (isCustomMetadataType(object.name)) Object.assign(field, { createable: false, updateable: false });
    if (field.type === 'reference') {
        refuseLookupToActivity(field, object.name);
        const target = staging.objects.get(field.referenceTo![0].toLowerCase());
        if (!target)
            throw new ComponentProblem(
                `referenceTo value of '${field.referenceTo![0]}' does not resolve to a valid sObject type`
            );
        field.referenceTo = [target.name];
        const filter = lookupFilterFromMetadata(child(node, 'lookupFilter'), object, target);
        if (filter) field.lookupFilter = filter;
    }
    const index = object.fields.findIndex((f) => f.name.toLowerCase() === field.name.toLowerCase());
    if (index >= 0) {
        const existing = object.fields[index];
        if (!existing.custom) throw new ComponentProblem(`${object.name}.${existing.name} is a standard field`);
        if (!compatibleChange(existing, field))
            throw new ComponentProblem(
                `Cannot change the type of ${object.name}.${field.name} from ${existing.type} to ${field.type}`
            );
        field.id = existing.id ?? sharedId ?? nextId(staging.db, CUSTOM_FIELD_KEY_PREFIX);
        field.activity = existing.activity;
        const changed = JSON.stringify(existing) !== JSON.stringify(field);
        object.fields[index] = field;
        checkTrackedFieldLimit(object);
        return { created: false, changed };
    }
    field.id = sharedId ?? nextId(staging.db, CUSTOM_FIELD_KEY_PREFIX);
    object.fields.push(field);
    checkTrackedFieldLimit(object);
    addFieldColumn(staging.db, object, field);
    return { created: true, changed: true };
}

/**
 * A formula field's formula compiles against the object and reads only the record's own stored fields
 * (formulaFields.ts computes it from them); what it cannot compute that way is refused by name.
 */
function checkFormulaField(staging: Staging, object: ObjectDef, field: FieldDef): void {
    const source = field.formula ?? '';
    if (source.includes('$'))
        throw new ComponentProblem(
            `Global variables ($) in formula fields (${object.name}.${field.name}) are not supported by local-org`
        );
    let compiled;
    try {
        compiled = compileFormula(source, {
            schema: stagedSchema(staging),
            objectName: object.name,
            returnType: field.type === 'boolean' ? 'boolean' : undefined
        });
    } catch (error) {
        throw new ComponentProblem(`Error in formula of ${object.name}.${field.name}: ${(error as Error).message}`);
    }
    const referenced = compiled.references.map((name) => object.fields.find((f) => f.name === name));
    if (referenced.some((f) => f?.type === 'reference'))
        throw new ComponentProblem(
            `Formula fields reading lookups or related records (${object.name}.${field.name}) are not supported by local-org`
        );
    const numeric = referenced.some((f) => f && ['double', 'currency', 'percent', 'int'].includes(f.type));
    if (numeric && field.formulaTreatBlanksAs !== 'BlankAsBlank')
        throw new ComponentProblem(
            `formulaTreatBlanksAs ${field.formulaTreatBlanksAs} (${object.name}.${field.name}) is not supported by local-org: it treats blank number fields as blanks (BlankAsBlank)`
        );
}

/** A standard field named by a field file (`Status`, `OwnerId`), which sets only its history tracking. */
function standardField(object: ObjectDef, name: string | undefined): FieldDef | undefined {
    if (!name || name.endsWith('__c')) return undefined;
    return object.fields.find((f) => !f.custom && f.name.toLowerCase() === name.toLowerCase());
}

/** The status field a process restricts: Case Status, Opportunity Stage, Lead Status. */
const PROCESS_FIELD: Record<string, string> = {
    Case: 'Status',
    Opportunity: 'StageName',
    Lead: 'Status',
    Solution: 'Status'
};

export function applyBusinessProcess(staging: Staging, objectName: string, node: XmlNode): Applied {
    const object = stagedObject(staging, objectName);
    const statusField = object.fields.find((f) => f.name === PROCESS_FIELD[object.name]);
    if (!statusField) throw new ComponentProblem(`${object.name} has no business process`);
    const entries = list(node, 'values');
    const process: BusinessProcessDef = {
        fullName: text(node, 'fullName') ?? '',
        active: flag(node, 'isActive', true),
        values: entries.map((v) => text(v, 'fullName') ?? ''),
        defaultValue: text(
            entries.find((v) => flag(v, 'default')),
            'fullName'
        )
    };
    const unknown = process.values.filter((v) => !statusField.picklistValues?.some((p) => p.value === v && p.active));
    if (unknown.length > 0)
        throw new ComponentProblem(
            `Picklist value not found: ${unknown.join(', ')} (${object.name}.${statusField.name})`
        );
    const processes = (object.businessProcesses ??= []);
    const index = processes.findIndex((p) => p.fullName === process.fullName);
    if (index >= 0) processes[index] = process;
    else processes.push(process);
    return { created: index < 0, changed: true };
}

export function applyRecordType(staging: Staging, objectName: string, node: XmlNode): Applied & { id: string } {
    const object = stagedObject(staging, objectName);
    const developerName = text(node, 'fullName') ?? '';
    const businessProcess = text(node, 'businessProcess');
    if (businessProcess && !object.businessProcesses?.some((p) => p.fullName === businessProcess)) {
        throw new ComponentProblem(`Business process ${businessProcess} does not exist on ${object.name}`);
    }
    if (PROCESS_FIELD[object.name] && object.name !== 'Solution' && !businessProcess) {
        throw new ComponentProblem(`A ${object.name} record type needs a business process`);
    }
    const picklistValues: Record<string, string[]> = {};
    for (const entry of list(node, 'picklistValues')) {
        const fieldName = text(entry, 'picklist') ?? '';
        const field = object.fields.find((f) => f.name.toLowerCase() === fieldName.toLowerCase());
        if (!field?.picklistValues)
            throw new ComponentProblem(`Picklist ${fieldName} does not exist on ${object.name}`);
        const values = list(entry, 'values').map((v) => decodeURIComponent(text(v, 'fullName') ?? ''));
        const unknown = values.filter((v) => !field.picklistValues!.some((p) => p.value === v));
        if (unknown.length > 0)
            throw new ComponentProblem(
                `Picklist value not found: ${unknown.join(', ')} (${object.name}.${field.name})`
            );
        picklistValues[field.name] = values;
    }
    const settings: RecordTypeSettings = { developerName, businessProcess, picklistValues };
    const types = (object.recordTypes ??= []);
    const index = types.findIndex((t) => t.developerName === developerName);
    if (index >= 0) types[index] = settings;
    else types.push(settings);
    if (!object.fields.some((f) => f.name === 'RecordTypeId')) {
        const field = recordTypeIdField();
        object.fields.push(field);
        addFieldColumn(staging.db, object, field);
    }
    return { ...upsertRecordTypeRow(staging, object, node, developerName), changed: true };
}

function upsertRecordTypeRow(
    staging: Staging,
    object: ObjectDef,
    node: XmlNode,
    developerName: string
): { created: boolean; id: string } {
    const values = {
        Name: text(node, 'label') ?? developerName,
        IsActive: flag(node, 'active', true) ? 1 : 0,
        Description: text(node, 'description') ?? null
    };
    const existing = staging.db
        .prepare('SELECT Id FROM RecordType WHERE SobjectType = ? AND DeveloperName = ?')
        .get(object.name, developerName) as { Id: string } | undefined;
    if (existing) {
        staging.db
            .prepare(
                'UPDATE RecordType SET Name = ?, IsActive = ?, Description = ?, IsDeleted = 0, LastModifiedDate = ?, SystemModstamp = ? WHERE Id = ?'
            )
            .run(values.Name, values.IsActive, values.Description, staging.now, staging.now, existing.Id);
        return { created: false, id: existing.Id };
    }
    const recordType = staging.objects.get('recordtype')!;
    const id = insertSystemRecord(
        staging.db,
        recordType,
        { ...values, DeveloperName: developerName, SobjectType: object.name },
        staging.userId,
        staging.now
    );
    return { created: true, id };
}

export function applyValidationRule(staging: Staging, objectName: string, node: XmlNode): Applied {
    const object = stagedObject(staging, objectName);
    if (NO_AUTOMATION_OBJECTS.has(object.name))
        throw new ComponentProblem(`${object.name} does not support validation rules`);
    const rule: ValidationRuleDef = {
        fullName: text(node, 'fullName') ?? '',
        active: flag(node, 'active', true),
        errorConditionFormula: text(node, 'errorConditionFormula') ?? '',
        errorMessage: text(node, 'errorMessage') ?? '',
        errorDisplayField: text(node, 'errorDisplayField')
    };
    if (!rule.errorMessage) throw new ComponentProblem('Required field is missing: errorMessage');
    try {
        compileFormula(rule.errorConditionFormula, {
            schema: stagedSchema(staging),
            objectName: object.name,
            returnType: 'boolean'
        });
    } catch (error) {
        throw new ComponentProblem(`Error in formula: ${(error as Error).message}`);
    }
    if (rule.errorDisplayField && !object.fields.some((f) => f.name === rule.errorDisplayField)) {
        throw new ComponentProblem(`Error display field ${rule.errorDisplayField} does not exist on ${object.name}`);
    }
    const rules = (object.validationRules ??= []);
    const index = rules.findIndex((r) => r.fullName === rule.fullName);
    if (index >= 0) rules[index] = rule;
    else rules.push(rule);
    return { created: index < 0, changed: true };
}

export function recordCount(db: Db, object: ObjectDef): number {
    return (db.prepare(`SELECT COUNT(*) n FROM ${quoteName(object.name)}`).get() as { n: number }).n;
}
