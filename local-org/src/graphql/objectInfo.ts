/**
 * `uiapi { objectInfos(...) { ... } }`: object metadata in the shape of the shared ObjectInfo type, from the same
 * schema and access describe uses, with the record types available to the caller.
 *
 * Picklist values come back only as the GraphQL API Developer Guide's "Get Object Metadata" (API v65.0+) describes:
 * - `apiNames: [...]`, or `objectInfoInputs` naming only `apiName`: object metadata without picklist values. The
 *   guide does not say how "without" looks; a PicklistField's `picklistValuesByRecordTypeIDs` is null here (the
 *   schema's list is nullable), and clients should treat null and [] alike.
 * - `objectInfoInputs: [{ apiName, recordTypeIDs: [] }]`: values for every record type of the object (and Master);
 *   `recordTypeIDs: [ids]`: for those record types only. (The guide's prose spells it `recordTypeIds`; the schema,
 *   shared-schema.graphqls, spells the input field `recordTypeIDs`, and GraphQL names are case-sensitive.)
 * - `fieldNames`: values only for the fields named; null or [] for every picklist field. The fields themselves are
 *   all returned either way.
 * A record type's values are its picklist selections and, for Case Status, Opportunity Stage and Lead Status, its
 * business process.
 */
import { PROCESS_FIELD, recordTypeAvailable } from '../automationRun.ts';
import type { CallContext } from '../context.ts';
import { notSupported } from '../errors.ts';
import { filteredLookupInfo } from '../lookupFilters.ts';
import { isRequired, type FieldDef, type ObjectDef, type PicklistValue } from '../schema.ts';
import { GraphQLRequestError } from './errors.ts';
import { dataType, isFilterable } from './fieldTypes.ts';
import { childRelationships, isExposed, readableFields } from './schemaGen.ts';

const MASTER_RECORD_TYPE = '012000000000000AAA';

interface RecordTypeRow {
    Id: string;
    Name: string;
    DeveloperName: string;
    IsActive: number;
}

interface ObjectInfoRequest {
    apiName: string;
    recordTypeIDs?: string[] | null;
    fieldNames?: string[] | null;
}

/** Which picklist values a request asks for: none, or those of some record types and fields. */
interface PicklistRequest {
    /** null: every record type of the object (Master included). */
    recordTypeIDs: Set<string> | null;
    /** null: every picklist field. */
    fieldNames: Set<string> | null;
}

export function objectInfos(
    ctx: CallContext,
    args: { apiNames?: (string | null)[] | null; objectInfoInputs?: ObjectInfoRequest[] | null; locale?: string | null }
): unknown[] {
    // Labels exist in one language here: the users' locale, en_US.
    if (args.locale && args.locale !== 'en_US') throw notSupported(`objectInfos in locale ${args.locale}`);
    const apiNames = (args.apiNames ?? []).filter((n): n is string => n !== null);
    const inputs = args.objectInfoInputs ?? [];
    // The guide shows one argument or the other, never both, and does not say what both together return.
    if (apiNames.length > 0 && inputs.length > 0)
        throw notSupported('objectInfos with both apiNames and objectInfoInputs');
    const requests: ObjectInfoRequest[] = inputs.length > 0 ? inputs : apiNames.map((apiName) => ({ apiName }));
    if (requests.length === 0) throw new GraphQLRequestError('Provide apiNames or objectInfoInputs', 'InvalidInput');
    return requests.map((request) => {
        const object = ctx.schema.object(request.apiName);
        if (!object || !isExposed(ctx, object)) {
            throw new GraphQLRequestError(
                `Object ${request.apiName} is not supported in UI API or you do not have access to it`,
                'InvalidInput',
                'INVALID_TYPE'
            );
        }
        return objectInfo(ctx, object, picklistRequest(request));
    });
}

/** No recordTypeIDs at all means no picklist values; [] means every record type. */
function picklistRequest(request: ObjectInfoRequest): PicklistRequest | null {
    if (!request.recordTypeIDs) return null;
    const fieldNames = request.fieldNames?.length ? new Set(request.fieldNames.map((n) => n.toLowerCase())) : null;
    return { recordTypeIDs: request.recordTypeIDs.length ? new Set(request.recordTypeIDs) : null, fieldNames };
}

function recordTypes(ctx: CallContext, object: ObjectDef): RecordTypeRow[] {
    if (!object.fields.some((f) => f.name === 'RecordTypeId')) return [];
    return ctx.db
        .prepare(
            'SELECT Id, Name, DeveloperName, IsActive FROM RecordType WHERE SobjectType = ? AND IsDeleted = 0 ORDER BY Name'
        )
        .all(object.name) as RecordTypeRow[];
}

function objectInfo(ctx: CallContext, object: ObjectDef, picklists: PicklistRequest | null) {
    const access = ctx.access.objectAccess(object.name);
    const types = recordTypes(ctx, object).filter((rt) => rt.IsActive === 1 && recordTypeAvailable(ctx, rt.Id));
    const fields = readableFields(ctx, object);
    const nameFields = object.fields.filter((f) => f.nameField).map((f) => f.name);
    return {
        ApiName: object.name,
        childRelationships: childRelationships(ctx, object).map((child) => ({
            childObjectApiName: child.childObject,
            fieldName: child.field,
            junctionIdListNames: [],
            junctionReferenceTo: [],
            relationshipName: child.relationshipName,
            objectInfo: () => objectInfo(ctx, ctx.schema.object(child.childObject)!, null)
        })),
        createable: object.createable && access.create,
        custom: object.custom ?? false,
        defaultRecordTypeId: types.length > 0 ? types[0].Id : MASTER_RECORD_TYPE,
        deletable: object.deletable && access.delete,
        dependentFields: [],
        feedEnabled: false,
        fields: fields.map((f) => fieldInfo(ctx, object, f, types, picklists)),
        keyPrefix: object.keyPrefix,
        label: object.label,
        labelPlural: object.labelPlural,
        layoutable: !object.setup,
        mruEnabled: !object.setup,
        nameFields,
        queryable: object.queryable,
        recordTypeInfos: [
            ...types.map((rt, index) => ({
                available: true,
                defaultRecordTypeMapping: index === 0,
                master: false,
                name: rt.Name,
                recordTypeId: rt.Id
            })),
            {
                available: types.length === 0,
                defaultRecordTypeMapping: types.length === 0,
                master: true,
                name: 'Master',
                recordTypeId: MASTER_RECORD_TYPE
            }
        ],
        searchable: !object.setup,
        themeInfo: null,
        updateable: object.updateable && access.edit,
        locale: 'en_US'
    };
}

function fieldInfo(
    ctx: CallContext,
    object: ObjectDef,
    field: FieldDef,
    types: RecordTypeRow[],
    picklists: PicklistRequest | null
) {
    const access = ctx.access.fieldAccess(object.name, field.name);
    const isPicklist = field.type === 'picklist' || field.type === 'multipicklist' || field.type === 'combobox';
    const references = (field.referenceTo ?? []).map((apiName) => {
        const target = ctx.schema.object(apiName);
        return {
            ApiName: apiName,
            nameFields: target?.fields.filter((f) => f.nameField).map((f) => f.name) ?? [],
            objectInfo: () => (target && isExposed(ctx, target) ? objectInfo(ctx, target, null) : null)
        };
    });
    const base = {
        __typename: isPicklist ? 'PicklistField' : 'StandardField',
        ApiName: field.name,
        calculated: field.calculated ?? false,
        compound: false,
        compoundComponentName: null,
        compoundFieldName: null,
        controllerName: null,
        controllingFields: [],
        createable: field.createable && access.edit,
        custom: field.custom ?? false,
        dataType: dataType(field),
        extraTypeInfo: field.type === 'textarea' ? 'PLAINTEXTAREA' : null,
        filterable: isFilterable(field),
        filteredLookupInfo: filteredLookupInfo(field),
        highScaleNumber: false,
        htmlFormatted: field.htmlFormatted ?? false,
        inlineHelpText: field.inlineHelpText ?? null,
        label: field.label,
        nameField: field.nameField ?? false,
        polymorphicForeignKey: (field.referenceTo?.length ?? 0) > 1,
        precision: field.precision ?? null,
        reference: field.type === 'reference',
        referenceTargetField: null,
        referenceToInfos: references,
        relationshipName: field.relationshipName ?? null,
        required: isRequired(field),
        scale: field.scale ?? null,
        searchPrefilterable: false,
        sortable: isFilterable(field) && field.type !== 'multipicklist',
        updateable: field.updateable && access.edit
    };
    if (!isPicklist) return base;
    const wanted = picklists && (!picklists.fieldNames || picklists.fieldNames.has(field.name.toLowerCase()));
    return {
        ...base,
        picklistValuesByRecordTypeIDs: wanted ? picklistsByRecordType(object, field, types, picklists) : null
    };
}

function entry(value: PicklistValue) {
    return { value: value.value, label: value.label, validFor: [], attributes: null };
}

/** Master offers every active value; a record type its selection, narrowed by its business process. */
function picklistsByRecordType(object: ObjectDef, field: FieldDef, types: RecordTypeRow[], request: PicklistRequest) {
    const wanted = (id: string) => !request.recordTypeIDs || request.recordTypeIDs.has(id);
    const active = (field.picklistValues ?? []).filter((v) => v.active);
    const byType = (values: PicklistValue[], recordTypeID: string) => {
        const defaultValue = values.find((v) => v.defaultValue);
        return {
            recordTypeID,
            controllerValues: [],
            picklistValues: values.map(entry),
            defaultValue: defaultValue ? entry(defaultValue) : null
        };
    };
    const result = wanted(MASTER_RECORD_TYPE) ? [byType(active, MASTER_RECORD_TYPE)] : [];
    for (const rt of types.filter((type) => wanted(type.Id))) {
        const settings = object.recordTypes?.find((t) => t.developerName === rt.DeveloperName);
        let values = active;
        const selected = settings?.picklistValues[field.name];
        if (selected) values = values.filter((v) => selected.includes(v.value));
        if (settings?.businessProcess && PROCESS_FIELD[object.name] === field.name) {
            const process = object.businessProcesses?.find((p) => p.fullName === settings.businessProcess);
            if (process) values = values.filter((v) => process.values.includes(v.value));
        }
        result.push(byType(values, rt.Id));
    }
    return result;
}
