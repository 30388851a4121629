/**
 * describeGlobal and describeSObject in the shape the REST API returns (the keys clients read: jsforce, the sf CLI,
 * Workbench-like tools), generated from the schema and filtered by what the caller may see and do.
 */
import type { CallContext } from './context.ts';
import type { FieldDef, ObjectDef } from './schema.ts';
import { isTextType } from './schema.ts';
import { filteredLookupInfo } from './lookupFilters.ts';
import { recordTypeAvailable } from './automationRun.ts';

const SOAP_TYPES: Record<FieldDef['type'], string> = {
    id: 'tns:ID',
    reference: 'tns:ID',
    string: 'xsd:string',
    textarea: 'xsd:string',
    email: 'xsd:string',
    phone: 'xsd:string',
    url: 'xsd:string',
    picklist: 'xsd:string',
    multipicklist: 'xsd:string',
    combobox: 'xsd:string',
    boolean: 'xsd:boolean',
    int: 'xsd:int',
    double: 'xsd:double',
    currency: 'xsd:double',
    percent: 'xsd:double',
    date: 'xsd:date',
    datetime: 'xsd:dateTime'
};

/**
 * Named layouts are defined by Salesforce only; the one the SOAP API guide names (describeLayout(): "the UserAlt
 * layout defined on the User object") is the one local-org knows. Its Layout metadata is named `UserAlt-<name>`.
 */
export const NAMED_LAYOUTS: Record<string, string[]> = { User: ['UserAlt'] };

/** Objects that have page layouts: local-org's setup objects have none, but for User, as on Salesforce. */
export function isLayoutable(object: ObjectDef): boolean {
    return !object.setup || object.name === 'User';
}

export function namedLayoutInfos(object: ObjectDef): { name: string }[] {
    return (NAMED_LAYOUTS[object.name] ?? []).map((name) => ({ name }));
}

function objectUrls(apiVersion: string, name: string, withRowTemplate: boolean): Record<string, string> {
    const base = `/services/data/v${apiVersion}/sobjects/${name}`;
    return withRowTemplate
        ? {
              compactLayouts: `${base}/describe/compactLayouts`,
              rowTemplate: `${base}/{ID}`,
              defaultValues: `${base}/defaultValues?recordTypeId&fields`,
              describe: `${base}/describe`,
              sobject: base
          }
        : {
              rowTemplate: `${base}/{ID}`,
              defaultValues: `${base}/defaultValues?recordTypeId&fields`,
              describe: `${base}/describe`,
              sobject: base
          };
}

function objectSummary(ctx: CallContext, object: ObjectDef) {
    const access = ctx.access.objectAccess(object.name);
    return {
        activateable: false,
        associateEntityType: null,
        associateParentEntity: null,
        createable: object.createable && access.create,
        custom: object.custom ?? false,
        customSetting: false,
        deepCloneable: false,
        deletable: object.deletable && access.delete,
        deprecatedAndHidden: false,
        feedEnabled: false,
        hasSubtypes: false,
        isInterface: false,
        isSubtype: false,
        keyPrefix: object.keyPrefix,
        label: object.label,
        labelPlural: object.labelPlural,
        layoutable: isLayoutable(object),
        mergeable: ['Account', 'Contact', 'Lead', 'Case'].includes(object.name),
        mruEnabled: !object.setup,
        name: object.name,
        queryable: object.queryable,
        replicateable: true,
        retrieveable: true,
        searchable: !object.setup,
        triggerable: !object.setup,
        undeletable: object.deletable && access.delete,
        updateable: object.updateable && access.edit,
        urls: objectUrls(ctx.apiVersion, object.name, false)
    };
}

export function describeGlobal(ctx: CallContext) {
    const sobjects = ctx.schema
        .allObjects()
        .filter((o) => ctx.access.canReadObject(o.name))
        .map((o) => objectSummary(ctx, o));
    return { encoding: 'UTF-8', maxBatchSize: 200, sobjects };
}

function picklistEntries(field: FieldDef) {
    return (field.picklistValues ?? []).map((v) => ({
        active: v.active,
        defaultValue: v.defaultValue,
        label: v.label,
        validFor: null,
        value: v.value
    }));
}

export function describeField(ctx: CallContext, object: ObjectDef, field: FieldDef) {
    const access = ctx.access.fieldAccess(object.name, field.name);
    const text = isTextType(field.type);
    const length = text || field.type === 'reference' || field.type === 'id' ? (field.length ?? 0) : 0;
    const isNumber = ['int', 'double', 'currency', 'percent'].includes(field.type);
    return {
        aggregatable: field.type !== 'textarea' || (field.length ?? 0) <= 255,
        aiPredictionField: false,
        autoNumber: field.autoNumber !== undefined,
        byteLength: length * 3,
        calculated: field.calculated ?? false,
        calculatedFormula: field.formula ?? null,
        cascadeDelete: false,
        caseSensitive: field.caseSensitive ?? false,
        compoundFieldName: null,
        controllerName: null,
        createable: field.createable && access.edit,
        custom: field.custom ?? false,
        defaultValue: typeof field.defaultValue === 'boolean' ? field.defaultValue : null,
        defaultValueFormula: null,
        defaultedOnCreate: field.defaultedOnCreate ?? false,
        dependentPicklist: false,
        deprecatedAndHidden: false,
        digits: field.type === 'int' ? (field.precision ?? 9) : 0,
        displayLocationInDecimal: false,
        encrypted: false,
        externalId: field.externalId ?? false,
        extraTypeInfo: field.type === 'textarea' && (field.length ?? 0) > 255 ? 'plaintextarea' : null,
        filterable: field.type !== 'textarea' || (field.length ?? 0) <= 255,
        filteredLookupInfo: filteredLookupInfo(field),
        formulaTreatNullNumberAsZero: field.formula !== undefined && field.formulaTreatBlanksAs === 'BlankAsZero',
        groupable:
            !isNumber && field.type !== 'textarea' && field.type !== 'datetime' && field.type !== 'multipicklist',
        highScaleNumber: false,
        htmlFormatted: field.htmlFormatted ?? false,
        idLookup: field.idLookup ?? false,
        inlineHelpText: field.inlineHelpText ?? null,
        label: field.label,
        length,
        mask: null,
        maskType: null,
        name: field.name,
        nameField: field.nameField ?? false,
        namePointing: (field.referenceTo?.length ?? 0) > 1,
        nillable: field.nillable,
        permissionable: field.nillable && !field.calculated && field.type !== 'id',
        picklistValues: picklistEntries(field),
        polymorphicForeignKey: (field.referenceTo?.length ?? 0) > 1,
        precision: field.type === 'int' ? 0 : (field.precision ?? 0),
        queryByDistance: false,
        referenceTargetField: null,
        referenceTo: field.referenceTo ?? [],
        relationshipName: field.relationshipName ?? null,
        relationshipOrder: null,
        restrictedDelete: false,
        restrictedPicklist: field.restrictedPicklist ?? false,
        scale: field.type === 'int' ? 0 : (field.scale ?? 0),
        searchPrefilterable: false,
        soapType: SOAP_TYPES[field.type],
        sortable: field.type !== 'textarea' || (field.length ?? 0) <= 255,
        type: field.type,
        unique: field.unique ?? false,
        updateable: field.updateable && access.edit,
        writeRequiresMasterRead: false
    };
}

export function describeSObject(ctx: CallContext, object: ObjectDef) {
    const childRelationships = ctx.schema
        .childRelationships(object.name)
        .filter((c) => ctx.access.canReadObject(c.childObject))
        .map((c) => ({
            cascadeDelete: c.cascadeDelete,
            childSObject: c.childObject,
            deprecatedAndHidden: false,
            field: c.field,
            junctionIdListNames: [],
            junctionReferenceTo: [],
            relationshipName: c.relationshipName,
            restrictedDelete: false
        }));
    const fields = object.fields
        .filter((f) => ctx.access.canReadField(object.name, f.name))
        .map((f) => describeField(ctx, object, f));
    const recordTypes = ctx.db
        .prepare(
            `SELECT Id, Name, DeveloperName, IsActive FROM RecordType WHERE SobjectType = ? AND IsDeleted = 0 ORDER BY Name`
        )
        .all(object.name) as { Id: string; Name: string; DeveloperName: string; IsActive: number }[];
    return {
        ...objectSummary(ctx, object),
        actionOverrides: [],
        childRelationships,
        compactLayoutable: isLayoutable(object),
        fields,
        listviewable: null,
        lookupLayoutable: null,
        namedLayoutInfos: namedLayoutInfos(object),
        networkScopeFieldName: null,
        recordTypeInfos: recordTypeInfos(ctx, object, recordTypes),
        searchLayoutable: !object.setup,
        supportedScopes: [
            { label: 'All ' + object.labelPlural.toLowerCase(), name: 'everything' },
            { label: 'My ' + object.labelPlural.toLowerCase(), name: 'mine' }
        ],
        urls: objectUrls(ctx.apiVersion, object.name, true)
    };
}

/** The Master record type is always there; deployed record types join it (their visibility arrives with part 2). */
function recordTypeInfos(
    ctx: CallContext,
    object: ObjectDef,
    recordTypes: { Id: string; Name: string; DeveloperName: string; IsActive: number }[]
) {
    const base = `/services/data/v${ctx.apiVersion}/sobjects/${object.name}/describe/layouts/`;
    const master = {
        active: true,
        available: true,
        defaultRecordTypeMapping: recordTypes.length === 0,
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: '012000000000000AAA',
        urls: { layout: `${base}012000000000000AAA` }
    };
    // `available`: the user may give records this type (their permission sets' record type visibility), as
    // objectInfo says and as a write checks (automationRun.ts, recordTypeAvailable).
    const deployed = recordTypes.map((rt, index) => ({
        active: rt.IsActive === 1,
        available: rt.IsActive === 1 && recordTypeAvailable(ctx, rt.Id),
        defaultRecordTypeMapping: index === 0,
        developerName: rt.DeveloperName,
        master: false,
        name: rt.Name,
        recordTypeId: rt.Id,
        urls: { layout: `${base}${rt.Id}` }
    }));
    return [...deployed, master];
}
