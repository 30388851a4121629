/**
 * One place that turns whatever an LDS call, a GraphQL request or plain JavaScript threw into messages an agent
 * can read. Every Caseline component reports errors through reduceErrors.
 */

/**
 * @typedef {{ message?: string, errorCode?: string, statusCode?: string }} MessageLike
 * @typedef {{ errors?: MessageLike[], fieldErrors?: Record<string, MessageLike[]> }} RecordOutput
 * @typedef {{ message?: string, output?: RecordOutput, pageErrors?: MessageLike[], fieldErrors?: Record<string, MessageLike[]> } | MessageLike[]} ErrorBody
 * @typedef {{ body?: ErrorBody, message?: string, statusText?: string, errors?: MessageLike[] } | string | null | undefined} AnyError
 */

/**
 * Reduces one or more errors to a flat list of distinct, non-empty messages.
 * @param {AnyError | AnyError[]} errors
 * @returns {string[]}
 */
export function reduceErrors(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    const messages = list.flatMap((error) => messagesOf(error));
    return [...new Set(messages.filter((message) => typeof message === 'string' && message.trim() !== ''))];
}

/**
 * @param {AnyError} error
 * @returns {string[]}
 */
function messagesOf(error) {
    if (!error) {
        return [];
    }
    if (typeof error === 'string') {
        return [error];
    }
    // A GraphQL response ({ data, errors }) or a wire result carrying GraphQL errors.
    if (Array.isArray(error.errors)) {
        return error.errors.map((entry) => entry.message ?? '');
    }
    if (error.body) {
        return messagesOfBody(error.body);
    }
    if (typeof error.message === 'string') {
        return [error.message];
    }
    return error.statusText ? [error.statusText] : [];
}

/**
 * @param {ErrorBody} body
 * @returns {string[]}
 */
function messagesOfBody(body) {
    if (Array.isArray(body)) {
        return body.map((entry) => entry.message ?? '');
    }
    const output = body.output;
    if (output && (output.errors?.length || Object.keys(output.fieldErrors ?? {}).length)) {
        return [...(output.errors ?? []), ...Object.values(output.fieldErrors ?? {}).flat()].map(
            (entry) => entry.message ?? ''
        );
    }
    if (body.pageErrors?.length || Object.keys(body.fieldErrors ?? {}).length) {
        return [...(body.pageErrors ?? []), ...Object.values(body.fieldErrors ?? {}).flat()].map(
            (entry) => entry.message ?? ''
        );
    }
    return typeof body.message === 'string' ? [body.message] : [];
}

/**
 * @typedef {{ message?: string, paths?: (string | number)[], path?: (string | number)[], extensions?: { errorCode?: string } }} GraphQLErrorLike
 */

/**
 * The Salesforce error codes (REQUIRED_FIELD_MISSING, DUPLICATES_DETECTED...) that GraphQL errors or a thrown
 * error name, in order, without repeats: from `extensions.errorCode`, or leading a message as `CODE: text`.
 * Salesforce's GraphQL API guide documents no error code field on a failed operation, so a code is read where one
 * is present and an error without one yields none (its message is still shown).
 * @param {any} errors
 * @returns {string[]}
 */
export function errorCodes(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    const codes = list.map(
        (error) => error?.extensions?.errorCode ?? /^([A-Z][A-Z_]{5,}):/.exec(String(error?.message ?? ''))?.[1]
    );
    return [...new Set(codes.filter((code) => typeof code === 'string' && code !== ''))];
}

/**
 * The mutation operation a GraphQL error belongs to: the last name of its location. Salesforce reports it as
 * `paths` naming schema fields (["uiapi", "CaseUpdate"]), as in its validation errors; the GraphQL spec's `path`
 * names the response key (an alias, ["uiapi", "webForm"]). Either is read, so callers compare with both names.
 * @param {GraphQLErrorLike | null | undefined} error
 * @returns {string | null}
 */
export function errorOperation(error) {
    const location = error?.paths ?? error?.path ?? [];
    const names = location.filter((segment) => typeof segment === 'string');
    return names.length > 1 ? names[names.length - 1] : null;
}

/**
 * With allOrNone, Salesforce reports the operation that failed first, then a rollback notice for each other
 * operation ("The transaction was rolled back since another operation in the same transaction failed."): the
 * operation to blame is the first error's.
 * @param {any} errors
 * @returns {string | null}
 */
export function failedOperation(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    return errorOperation(list.find((error) => errorOperation(error) !== null));
}
