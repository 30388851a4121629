/** Every function local-org evaluates, and the Salesforce functions it knowingly refuses. */
import { FormulaError, notSupported } from '../errors.ts';
import { DATE_FUNCTIONS } from './date.ts';
import type { FunctionDef } from './define.ts';
import { LOGICAL_FUNCTIONS } from './logical.ts';
import { MATH_FUNCTIONS } from './math.ts';
import { PICKLIST_FUNCTIONS } from './picklist.ts';
import { RECORD_FUNCTIONS } from './record.ts';
import { TEXT_FUNCTIONS } from './text.ts';

const FUNCTIONS: Record<string, FunctionDef> = {
    ...LOGICAL_FUNCTIONS,
    ...RECORD_FUNCTIONS,
    ...PICKLIST_FUNCTIONS,
    ...TEXT_FUNCTIONS,
    ...DATE_FUNCTIONS,
    ...MATH_FUNCTIONS
};

/** Real Salesforce functions: refused as unsupported, so a valid rule is never reported as misspelled. */
const UNSUPPORTED = new Set([
    'ADDMONTHS',
    'BR',
    'CASESAFEID',
    'CURRENCYRATE',
    'DAYOFYEAR',
    'DISTANCE',
    'EXP',
    'FORMATDURATION',
    'FROMUNIXTIME',
    'GEOLOCATION',
    'GETRECORDIDS',
    'GETSESSIONID',
    'HOUR',
    'HTMLENCODE',
    'HYPERLINK',
    'IMAGE',
    'IMAGEPROXYURL',
    'INCLUDE',
    'INITCAP',
    'ISCLONE',
    'ISOWEEK',
    'ISOYEAR',
    'JSENCODE',
    'JSINHTMLENCODE',
    'LINKTO',
    'LN',
    'LOG',
    'LPAD',
    'MCEILING',
    'MFLOOR',
    'MILLISECOND',
    'MINUTE',
    'PARENTGROUPVAL',
    'PREDICT',
    'PREVGROUPVAL',
    'REQUIRESCRIPT',
    'REVERSE',
    'RPAD',
    'SECOND',
    'SQRT',
    'TIMENOW',
    'TIMEVALUE',
    'UNIXTIMESTAMP',
    'URLENCODE',
    'URLFOR',
    'VLOOKUP',
    'WEEKDAY'
]);

export function lookupFunction(name: string): FunctionDef {
    const def = FUNCTIONS[name];
    if (def) return def;
    if (UNSUPPORTED.has(name)) throw notSupported(`Function ${name}`);
    throw new FormulaError(`Unknown function ${name}. Check spelling.`);
}

export function supportedFunctions(): string[] {
    return Object.keys(FUNCTIONS).sort();
}
