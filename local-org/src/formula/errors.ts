/** A formula that cannot be deployed: bad syntax, unknown fields or functions, wrong types, unsupported features. */
export class FormulaError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'FormulaError';
    }
}

/**
 * A formula that compiled but failed on a record's values (division by zero, VALUE('abc'), an invalid DATE()): where
 * Salesforce shows #Error!, local-org throws this so the save fails loudly instead of guessing a result.
 */
export class FormulaEvaluationError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'FormulaEvaluationError';
    }
}

export function unknownField(name: string): FormulaError {
    return new FormulaError(`Field ${name} does not exist. Check spelling.`);
}

export function notSupported(what: string): FormulaError {
    return new FormulaError(`${what} is not supported by local-org`);
}
