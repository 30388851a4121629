/**
 * The org's schema: objects and fields as describe reports them. The built-in catalogue (catalogue.ts) seeds it;
 * a Metadata API deploy extends it. Lookups by name are case-insensitive, as in every Salesforce API.
 */
import type { LookupFilterDef } from './lookupFilters.ts';

export type FieldType =
    | 'id'
    | 'string'
    | 'textarea'
    | 'email'
    | 'phone'
    | 'url'
    | 'picklist'
    | 'multipicklist'
    | 'combobox'
    | 'boolean'
    | 'int'
    | 'double'
    | 'currency'
    | 'percent'
    | 'date'
    | 'datetime'
    | 'reference';

export interface PicklistValue {
    value: string;
    label: string;
    active: boolean;
    defaultValue: boolean;
    /** CaseStatus, TaskStatus: the value closes the record. OpportunityStage: closed/won. ContractStatus: its category. */
    closed?: boolean;
    won?: boolean;
    /** LeadStatus: a status convertLead may set (LeadStatus.IsConverted); no other write makes a lead converted. */
    converted?: boolean;
    probability?: number;
    forecastCategory?: string;
    statusCode?: string;
}

export interface FieldDef {
    /** A custom field's id (`00N…`), given when it is first deployed and kept: Web-to-Case forms post by it. */
    id?: string;
    name: string;
    label: string;
    type: FieldType;
    /** Characters for text types; digits for numbers (precision) when `scale` is set. */
    length?: number;
    precision?: number;
    scale?: number;
    /** A required field is not nillable and not defaulted on create. */
    nillable: boolean;
    createable: boolean;
    updateable: boolean;
    defaultedOnCreate?: boolean;
    custom?: boolean;
    unique?: boolean;
    externalId?: boolean;
    /** Fields usable to find a record by value (Name, Email, external ids): RecordType lookups by Name use it. */
    idLookup?: boolean;
    nameField?: boolean;
    autoNumber?: { displayFormat: string; start: number };
    /** Derived by the org on every save (Contact.Name, Case.IsClosed); never written by a client. */
    calculated?: boolean;
    referenceTo?: string[];
    relationshipName?: string;
    /** The name the parent object gives its list of these records (Account → Contacts). */
    childRelationshipName?: string;
    cascadeDelete?: boolean;
    picklistValues?: PicklistValue[];
    restrictedPicklist?: boolean;
    /** The standard value set the values come from (CaseStatus); a StandardValueSet deploy replaces them. */
    valueSet?: string;
    /** The picklist's default, or a literal default for other types (booleans). */
    defaultValue?: string | boolean | number | null;
    indexed?: boolean;
    caseSensitive?: boolean;
    htmlFormatted?: boolean;
    inlineHelpText?: string;
    /** Field history tracking (CustomField.trackHistory): changes are written to the object's history object. */
    trackHistory?: boolean;
    /** A formula field's formula (formulaFields.ts): computed when the record is read, never stored. */
    formula?: string;
    /** CustomField.formulaTreatBlanksAs: BlankAsZero or BlankAsBlank. */
    formulaTreatBlanksAs?: string;
    /** An Activity custom field (metadata/activityFields.ts): defined once on Activity, a field of Task and Event. */
    activity?: boolean;
    /** A lookup's filter (`<lookupFilter>`): the records it may point to, enforced on every save. */
    lookupFilter?: LookupFilterDef;
}

export interface BusinessProcessDef {
    fullName: string;
    active: boolean;
    /** The status values (Case Status, Opportunity Stage, Lead Status) records of this process may take. */
    values: string[];
    defaultValue?: string;
}

/** What a record type restricts: its support/sales process and the picklist values it offers. */
export interface RecordTypeSettings {
    developerName: string;
    businessProcess?: string;
    picklistValues: Record<string, string[]>;
}

export interface ValidationRuleDef {
    fullName: string;
    active: boolean;
    errorConditionFormula: string;
    errorMessage: string;
    errorDisplayField?: string;
}

export interface ObjectDef {
    name: string;
    label: string;
    labelPlural: string;
    keyPrefix: string;
    custom?: boolean;
    /** What the org allows at all, before permissions: Organization and Profile are never created through the API. */
    createable: boolean;
    updateable: boolean;
    deletable: boolean;
    queryable: boolean;
    /** Objects whose records have an owner (OwnerId defaults to the caller). */
    owned?: boolean;
    /** Setup objects (User, Profile, PermissionSet...): readable by everyone, written only with Modify All Data. */
    setup?: boolean;
    /** Exposed by UI API (GraphQL, LDS); Task and Event are not, as on Salesforce. */
    uiApi?: boolean;
    fields: FieldDef[];
    businessProcesses?: BusinessProcessDef[];
    recordTypes?: RecordTypeSettings[];
    validationRules?: ValidationRuleDef[];
    /** Organisation-wide default from a deployed CustomObject (Private, Read, ReadWrite...). */
    sharingModel?: string;
    /** CustomObject.enableHistory: the object records its tracked fields' changes (history.ts). */
    enableHistory?: boolean;
    /** A history object (CaseHistory, X__History): the object whose field history it holds. */
    historyFor?: string;
    /**
     * CustomObject deploymentStatus InDevelopment: only users with Customize Application see and use the object
     * (Salesforce Help, "Deployment Status for Custom Objects and External Objects"); see access.ts.
     */
    inDevelopment?: boolean;
    /** CustomObject.searchLayouts.listViewButtons: the buttons its list views offer (metadata/searchLayouts.ts). */
    listViewButtons?: string[];
}

export interface ChildRelationship {
    childObject: string;
    field: string;
    relationshipName: string;
    cascadeDelete: boolean;
}

export class Schema {
    private readonly objects = new Map<string, ObjectDef>();
    private readonly byPrefix = new Map<string, ObjectDef>();
    private readonly fieldMaps = new Map<string, Map<string, FieldDef>>();
    private readonly relationshipMaps = new Map<string, Map<string, FieldDef>>();
    private readonly childMaps = new Map<string, Map<string, ChildRelationship>>();

    constructor(objects: ObjectDef[]) {
        for (const object of objects) this.index(object);
        this.indexChildRelationships();
    }

    allObjects(): ObjectDef[] {
        return [...this.objects.values()].sort((a, b) => a.name.localeCompare(b.name));
    }

    object(name: string): ObjectDef | undefined {
        return this.objects.get(name.toLowerCase());
    }

    objectByKeyPrefix(prefix: string): ObjectDef | undefined {
        return this.byPrefix.get(prefix);
    }

    field(objectName: string, fieldName: string): FieldDef | undefined {
        return this.fieldMaps.get(objectName.toLowerCase())?.get(fieldName.toLowerCase());
    }

    /** The lookup field behind a parent relationship name (Contact.Account → AccountId). */
    relationship(objectName: string, relationshipName: string): FieldDef | undefined {
        return this.relationshipMaps.get(objectName.toLowerCase())?.get(relationshipName.toLowerCase());
    }

    childRelationship(objectName: string, relationshipName: string): ChildRelationship | undefined {
        return this.childMaps.get(objectName.toLowerCase())?.get(relationshipName.toLowerCase());
    }

    childRelationships(objectName: string): ChildRelationship[] {
        return [...(this.childMaps.get(objectName.toLowerCase())?.values() ?? [])];
    }

    private index(object: ObjectDef): void {
        const key = object.name.toLowerCase();
        this.objects.set(key, object);
        // History objects share one key prefix (017), so it names none of them.
        if (!object.historyFor) this.byPrefix.set(object.keyPrefix, object);
        const fields = new Map<string, FieldDef>();
        const relationships = new Map<string, FieldDef>();
        for (const field of object.fields) {
            fields.set(field.name.toLowerCase(), field);
            if (field.relationshipName) relationships.set(field.relationshipName.toLowerCase(), field);
        }
        this.fieldMaps.set(key, fields);
        this.relationshipMaps.set(key, relationships);
    }

    private indexChildRelationships(): void {
        for (const child of this.objects.values()) {
            for (const field of child.fields) {
                if (field.type !== 'reference' || !field.childRelationshipName) continue;
                for (const parentName of field.referenceTo ?? []) {
                    const parentKey = parentName.toLowerCase();
                    if (!this.objects.has(parentKey)) continue;
                    const children = this.childMaps.get(parentKey) ?? new Map<string, ChildRelationship>();
                    children.set(field.childRelationshipName.toLowerCase(), {
                        childObject: child.name,
                        field: field.name,
                        relationshipName: field.childRelationshipName,
                        cascadeDelete: field.cascadeDelete ?? false
                    });
                    this.childMaps.set(parentKey, children);
                }
            }
        }
    }
}

export function isTextType(type: FieldType): boolean {
    return ['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox'].includes(type);
}

export function isRequired(field: FieldDef): boolean {
    return !field.nillable && !field.defaultedOnCreate && field.createable && field.type !== 'boolean';
}
