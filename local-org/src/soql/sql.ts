/**
 * SQL fragments that carry their own parameters, so a statement is built by composition and every value from the
 * request travels as a `?` parameter. Text enters a fragment only through `raw` (SQL keywords written here and
 * identifiers taken from the schema) or through `param` (values).
 */
export type SqlParam = string | number | null;

export interface Sql {
    readonly text: string;
    readonly params: readonly SqlParam[];
}

/** Text written by this module or identifiers from the schema, never request text. */
export function raw(text: string): Sql {
    return { text, params: [] };
}

export function param(value: SqlParam): Sql {
    return { text: '?', params: [value] };
}

/** Composes fragments: sql`${a} AND ${b}`. Interpolations must themselves be fragments. */
export function sql(strings: TemplateStringsArray, ...parts: Sql[]): Sql {
    let text = strings[0];
    const params: SqlParam[] = [];
    parts.forEach((part, i) => {
        text += part.text + strings[i + 1];
        params.push(...part.params);
    });
    return { text, params };
}

export function joinSql(parts: readonly Sql[], separator: string): Sql {
    return {
        text: parts.map((p) => p.text).join(separator),
        params: parts.flatMap((p) => p.params)
    };
}

export function paramList(values: readonly SqlParam[]): Sql {
    return joinSql(values.map(param), ', ');
}

export const TRUE: Sql = raw('1');
export const FALSE: Sql = raw('0');
