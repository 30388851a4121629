/**
 * Reading records by id and shaping them the way the REST API returns them.
 */
import type { CallContext } from './context.ts';
import { ApiError, notFound } from './errors.ts';
import { canonicalId } from './ids.ts';
import type { ObjectDef } from './schema.ts';
import { quoteName } from './store.ts';
import type { StoredRecord } from './derive.ts';
import { fieldApiValue } from './values.ts';
import { formulaValue } from './formulaFields.ts';

export type ApiRecord = { attributes: { type: string; url: string } } & Record<string, unknown>;

export function recordUrl(apiVersion: string, objectName: string, id: string): string {
    return `/services/data/v${apiVersion}/sobjects/${objectName}/${id}`;
}

/** An object the caller can see; others do not exist for them, as on Salesforce. */
export function visibleObject(ctx: CallContext, name: string): ObjectDef | undefined {
    const object = ctx.schema.object(name);
    return object && ctx.access.canReadObject(object.name) ? object : undefined;
}

export function readStored(ctx: CallContext, object: ObjectDef, id: string): StoredRecord | undefined {
    return ctx.db.prepare(`SELECT * FROM ${quoteName(object.name)} WHERE Id = ?`).get(id) as StoredRecord | undefined;
}

/**
 * The stored record behind an id in a URL: NOT_FOUND for ids that are not ids or do not exist, MALFORMED_ID for an
 * id of another object, ENTITY_IS_DELETED for a record in the recycle bin.
 */
export function findExisting(ctx: CallContext, object: ObjectDef, rawId: string): StoredRecord {
    const id = canonicalId(rawId);
    if (id === null) throw notFound(`Provided external ID field does not exist or is not accessible: ${rawId}`);
    if (id.slice(0, 3) !== object.keyPrefix) {
        throw new ApiError(400, 'MALFORMED_ID', `${object.label} ID: id value of incorrect type: ${rawId}`, ['Id']);
    }
    const stored = readStored(ctx, object, id);
    if (!stored) throw notFound();
    if (stored.IsDeleted === 1) throw new ApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
    return stored;
}

/** A record as REST returns it: attributes, then every field the caller can read (or the ones asked for). */
export function toApiRecord(
    ctx: CallContext,
    object: ObjectDef,
    stored: StoredRecord,
    fieldNames?: string[]
): ApiRecord {
    const record: ApiRecord = {
        attributes: { type: object.name, url: recordUrl(ctx.apiVersion, object.name, String(stored.Id)) }
    };
    const fields = fieldNames
        ? fieldNames.map((name) => {
              const field = ctx.schema.field(object.name, name);
              if (!field || !ctx.access.canReadField(object.name, field.name)) {
                  throw new ApiError(
                      400,
                      'INVALID_FIELD',
                      `No such column '${name}' on sobject of type ${object.name}`
                  );
              }
              return field;
          })
        : object.fields.filter((f) => ctx.access.canReadField(object.name, f.name));
    for (const field of fields) {
        const value =
            field.formula !== undefined ? formulaValue(ctx.schema, object, field, stored) : stored[field.name];
        record[field.name] = fieldApiValue(field, value);
    }
    return record;
}
