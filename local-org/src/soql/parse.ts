/**
 * Parsing with @jetstreamapp/soql-parser-js, its errors restated as Salesforce's MALFORMED_QUERY.
 */
import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';
import type { ApiError } from '../errors.ts';
import type { QueryText } from './queryText.ts';

export function parseSoql(text: QueryText): Query {
    if (text.soql.trim() === '') throw text.malformed("unexpected token: '<EOF>'");
    try {
        return parseQuery(text.parseable);
    } catch (error) {
        throw malformedQuery(text, error instanceof Error ? error : new Error(String(error)));
    }
}

/** The lexer reports an offset; the parser only the token it stopped at, which is then looked up in the text. */
function malformedQuery(text: QueryText, error: Error): ApiError {
    const lexing = /unexpected character: ->([\s\S])<- at offset: (\d+)/.exec(error.message);
    if (lexing) {
        return text.errorAtOffset(
            'MALFORMED_QUERY',
            `no viable alternative at character '${lexing[1]}'`,
            Number(lexing[2])
        );
    }
    const parsing =
        /but found(?::| -->) '([\s\S]*?)'(?: <--)?$/.exec(error.message) ?? /but found: (\S+)$/.exec(error.message);
    if (parsing) {
        const token = parsing[1];
        if (token === '') return text.errorAtOffset('MALFORMED_QUERY', "unexpected token: '<EOF>'", text.soql.length);
        return text.malformed(`unexpected token: '${token}'`, token);
    }
    return text.malformed(error.message);
}
