/**
 * Running several writes in one API call: each in its own savepoint, so a failed record leaves nothing behind;
 * with allOrNone, one failure rolls the whole call back while the response still reports each record.
 */
import type { CallContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { inSavepoint } from '../savepoint.ts';
import type { RestResponse } from './types.ts';

/** Thrown to roll the call's transaction back and still answer with this response. */
export class RollbackWithResponse extends Error {
    constructor(readonly response: RestResponse) {
        super('rolled back');
    }
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Work in its own savepoint (savepoint.ts); an ApiError rolls it back and becomes the outcome. */
export function attemptInSavepoint<T>(ctx: CallContext, work: () => T): Outcome<T> {
    try {
        return { ok: true, value: inSavepoint(ctx, work) };
    } catch (error) {
        if (error instanceof ApiError) return { ok: false, error };
        throw error;
    }
}

export const ROLLED_BACK = new ApiError(
    400,
    'ALL_OR_NONE_OPERATION_ROLLED_BACK',
    'Record rolled back because not all records were valid and the request was using AllOrNone header'
);

export const PROCESSING_HALTED = new ApiError(
    400,
    'PROCESSING_HALTED',
    'The transaction was rolled back since another operation in the same transaction failed.'
);
