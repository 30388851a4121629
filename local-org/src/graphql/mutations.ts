/**
 * `mutation { uiapi(input: { allOrNone }) { <Object>Create / Update / Delete ... } }`. GraphQL runs the operations
 * one after another in document order; each runs in its own savepoint through writes.ts, so required fields,
 * lengths, picklists, validation rules, record-triggered flows and the caller's object and field permissions apply
 * exactly as on every other write path, and a failed operation leaves nothing behind (its flows' writes included).
 * `@{alias}` in an IdOrRef value is the Id an earlier operation with that alias created or changed.
 * Semantics (Salesforce GraphQL API guide, "Send Mutation Requests"): allOrNone true (the default) rolls every
 * operation back when one fails; false rolls back only the failed operations and those that depend on them.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { CallContext } from '../context.ts';
import { recordError } from '../errors.ts';
import { attemptInSavepoint } from '../rest/batch.ts';
import { NamedSavepoint } from '../savepoint.ts';
import type { ObjectDef } from '../schema.ts';
import { createRecord, deleteRecord, updateRecord, type RecordInput } from '../writes.ts';
import { GraphQLRequestError } from './errors.ts';
import { fieldsNamed, readRecord } from './records.ts';

const REFERENCE = /^@\{([_A-Za-z][_0-9A-Za-z]*)\}$/;

/** One `uiapi` mutation field: its mode and what its operations produced so far. */
export class MutationRun {
    /** Alias → the Id that operation wrote, or null when it failed (or was not run). */
    private readonly results = new Map<string, string | null>();
    /** Alias → the operation's field name (CaseUpdate), in document order: errors name the field, not the alias. */
    readonly operations = new Map<string, string>();
    failed = false;

    private finished = false;
    private readonly savepoint: NamedSavepoint;

    /**
     * Opens the run's savepoint. `uiapi` fields of one mutation run one after another (GraphQL executes mutation
     * root fields serially), so each run is finished before the next begins and savepoints never interleave.
     */
    constructor(
        readonly ctx: CallContext,
        readonly allOrNone: boolean,
        savepointName: string
    ) {
        this.savepoint = new NamedSavepoint(ctx, savepointName);
    }

    /** Keeps the run's writes, or with allOrNone and a failure, undoes all of them (flows' writes included). */
    finish(): void {
        if (this.finished) return;
        this.finished = true;
        if (this.allOrNone && this.failed) this.savepoint.rollBack();
        this.savepoint.release();
    }

    /** An IdOrRef value: an id as given, or the Id of the earlier operation it names. */
    resolveRef(value: unknown, alias: string): unknown {
        if (typeof value !== 'string') return value;
        const match = REFERENCE.exec(value);
        if (!match) return value;
        const target = match[1];
        if (!this.results.has(target)) {
            throw new GraphQLRequestError(
                `Reference ${value} in ${alias} names no earlier operation: @{alias} refers to the alias of an operation above it`,
                'InvalidInput',
                'INVALID_REFERENCE'
            );
        }
        const id = this.results.get(target);
        if (id === null) {
            throw new GraphQLRequestError(
                `${alias} was not run because the operation it refers to, ${target}, failed`,
                'DataFetchingException',
                'DEPENDENT_OPERATION_FAILED'
            );
        }
        return id;
    }

    /** Runs one operation; null (with the error reported by GraphQL) when it fails. */
    run(
        info: GraphQLResolveInfo,
        operation: 'Create' | 'Update' | 'Delete',
        object: ObjectDef,
        input: Record<string, unknown>
    ): unknown {
        const alias = info.fieldNodes[0].alias?.value ?? info.fieldName;
        this.operations.set(alias, info.fieldName);
        if (this.allOrNone && this.failed) {
            // Everything will be rolled back: later operations do not run.
            this.results.set(alias, null);
            return null;
        }
        const outcome = attemptInSavepoint(this.ctx, () => this.write(info, operation, object, input, alias));
        if (!outcome.ok) return this.fail(alias, outcome.error);
        this.results.set(alias, outcome.value.id);
        return outcome.value.payload;
    }

    private fail(alias: string, error: Error): never {
        this.failed = true;
        this.results.set(alias, null);
        throw error;
    }

    private write(
        info: GraphQLResolveInfo,
        operation: 'Create' | 'Update' | 'Delete',
        object: ObjectDef,
        input: Record<string, unknown>,
        alias: string
    ): { id: string; payload: unknown } {
        const ctx = this.ctx;
        try {
            if (operation === 'Delete') {
                const id = deleteRecord(ctx, object.name, String(this.resolveRef(input.Id, alias)));
                return { id, payload: { Id: id } };
            }
            const values = this.values(object, input[object.name] as RecordInput, alias);
            const id =
                operation === 'Create'
                    ? createRecord(ctx, object.name, values)
                    : updateRecord(ctx, object.name, String(this.resolveRef(input.Id, alias)), values);
            const recordFields = info.fieldNodes.flatMap((f) => fieldsNamed(f.selectionSet, 'Record', info.fragments));
            const record = recordFields.length
                ? readRecord(
                      ctx,
                      object,
                      id,
                      recordFields.map((f) => f.selectionSet),
                      info.fragments
                  )
                : null;
            return { id, payload: { Record: record } };
        } catch (error) {
            // A bad reference must roll the savepoint back too, which attemptInSavepoint does for ApiErrors.
            if (error instanceof GraphQLRequestError)
                throw recordError(error.errorCode ?? 'INVALID_INPUT', error.message);
            throw error;
        }
    }

    /** Reference fields may hold `@{alias}`; the rest go to writes.ts as given. */
    private values(object: ObjectDef, representation: RecordInput, alias: string): RecordInput {
        const values: RecordInput = {};
        for (const [name, value] of Object.entries(representation ?? {})) {
            const field = this.ctx.schema.field(object.name, name);
            values[name] = field?.type === 'reference' ? this.resolveRef(value, alias) : value;
        }
        return values;
    }
}
