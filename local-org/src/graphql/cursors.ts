/**
 * Opaque cursors as Salesforce writes them: base64 of `v1:<position>` (an observed endCursor `djE6Mg==` is `v1:2`),
 * where position is the record's 0-based index in the ordered result.
 */
import { GraphQLRequestError } from './errors.ts';

export function encodeCursor(position: number): string {
    return Buffer.from(`v1:${position}`).toString('base64');
}

export function decodeCursor(cursor: string): number {
    const match = /^v1:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
    if (!match) throw new GraphQLRequestError(`Invalid cursor: ${cursor}`, 'InvalidInput');
    return Number(match[1]);
}
