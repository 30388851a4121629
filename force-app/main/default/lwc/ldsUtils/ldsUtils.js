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
