/**
 * The query as the caller wrote it, for Salesforce-style error messages: Salesforce repeats the offending line,
 * points at the token with a caret and gives its row and column before the message.
 */
import { ApiError } from '../errors.ts';

interface Position {
    row: number;
    column: number;
    line: string;
}

const CUSTOM_FIELD_HINT =
    "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. " +
    'Please reference your WSDL or the describe call for the appropriate names.';
const CUSTOM_OBJECT_HINT =
    "If you are attempting to use a custom object, be sure to append the '__c' after the entity name. " +
    'Please reference your WSDL or the describe call for the appropriate names.';
const CUSTOM_RELATIONSHIP_HINT =
    "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship " +
    'name. Please reference your WSDL or the describe call for the appropriate names.';

export class QueryText {
    /** The query with string literals blanked out, so a name is never found inside a quoted value. */
    private readonly searchable: string;

    /**
     * The query as given to the parser: U+2028 and U+2029 inside string literals stand in for themselves as private-use
     * characters, because the parser's string token (`.` in a JavaScript regular expression) stops at line
     * terminators and a value holding one could never be matched. `literalCharacter` turns them back.
     */
    readonly parseable: string;
    private readonly standIns = new Map<string, string>();

    constructor(readonly soql: string) {
        this.searchable = blankStringLiterals(soql);
        this.parseable = this.withStandIns(soql);
    }

    /** A character of a string literal as the caller wrote it. */
    literalCharacter(ch: string): string {
        return this.standIns.get(ch) ?? ch;
    }

    private withStandIns(soql: string): string {
        if (!/[\u2028\u2029]/.test(soql)) return soql;
        const replaced = new Map<string, string>();
        let candidate = 0xe000;
        for (const separator of ['\u2028', '\u2029']) {
            while (soql.includes(String.fromCharCode(candidate))) candidate += 1;
            const standIn = String.fromCharCode(candidate++);
            replaced.set(separator, standIn);
            this.standIns.set(standIn, separator);
        }
        let result = '';
        for (let i = 0; i < soql.length; i++) {
            const inLiteral = this.searchable[i] === ' ' && soql[i] !== ' ';
            result += inLiteral ? (replaced.get(soql[i]) ?? soql[i]) : soql[i];
        }
        return result;
    }

    /** An error positioned at the first occurrence of `near` (the start of the query when it cannot be found). */
    error(errorCode: string, message: string, near?: string): ApiError {
        return this.errorAtOffset(errorCode, message, near === undefined ? -1 : this.find(near));
    }

    errorAtOffset(errorCode: string, message: string, offset: number): ApiError {
        const position = this.position(offset);
        const caret = ' '.repeat(position.column - 1) + '^';
        const prefix = `\n${position.line}\n${caret}\nERROR at Row:${position.row}:Column:${position.column}\n`;
        return new ApiError(400, errorCode, prefix + message);
    }

    malformed(message: string, near?: string): ApiError {
        return this.error('MALFORMED_QUERY', message, near);
    }

    noSuchColumn(name: string, entity: string, near: string): ApiError {
        return this.error(
            'INVALID_FIELD',
            `No such column '${name}' on entity '${entity}'. ${CUSTOM_FIELD_HINT}`,
            near
        );
    }

    unknownObject(name: string): ApiError {
        return this.error('INVALID_TYPE', `sObject type '${name}' is not supported. ${CUSTOM_OBJECT_HINT}`, name);
    }

    unknownParentRelationship(name: string, near: string): ApiError {
        const message = `Didn't understand relationship '${name}' in field path. ${CUSTOM_RELATIONSHIP_HINT}`;
        return this.error('INVALID_FIELD', message, near);
    }

    unknownChildRelationship(name: string): ApiError {
        const message = `Didn't understand relationship '${name}' in FROM part of query call. ${CUSTOM_RELATIONSHIP_HINT}`;
        return this.error('INVALID_TYPE', message, name);
    }

    /** Offset of `name`: as a whole word outside string literals, else anywhere outside them, else anywhere, else -1. */
    private find(name: string): number {
        if (name === '') return -1;
        const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const wholeWord = new RegExp(`(?<![\\w.])${escaped}(?![\\w])`, 'i').exec(this.searchable);
        if (wholeWord) return wholeWord.index;
        const anywhere = this.searchable.toLowerCase().indexOf(name.toLowerCase());
        return anywhere !== -1 ? anywhere : this.soql.toLowerCase().indexOf(name.toLowerCase());
    }

    private position(offset: number): Position {
        const at = Math.max(0, offset);
        const lineStart = this.soql.lastIndexOf('\n', at - 1) + 1;
        const lineEnd = this.soql.indexOf('\n', at);
        return {
            row: this.soql.slice(0, lineStart).split('\n').length,
            column: at - lineStart + 1,
            line: this.soql.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).replace(/\r$/, '')
        };
    }
}

/** Replaces the characters inside '...' (with backslash escapes) by spaces, keeping offsets. */
function blankStringLiterals(soql: string): string {
    let result = '';
    let inString = false;
    for (let i = 0; i < soql.length; i++) {
        const ch = soql[i];
        if (!inString) {
            result += ch;
            if (ch === "'") inString = true;
        } else if (ch === '\\' && i + 1 < soql.length) {
            result += '  ';
            i++;
        } else if (ch === "'") {
            result += ch;
            inString = false;
        } else {
            result += ' ';
        }
    }
    return result;
}
