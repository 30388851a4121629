/**
 * Custom Labels: each label of a `CustomLabels` file is its own `CustomLabel` component, checked against the limits
 * Salesforce documents before it is stored, so a label a real org refuses fails here the same way.
 *
 * Limits: Metadata API Developer Guide, "CustomLabels": fullName, language, protected, shortDescription and value
 * required; value up to 1000 characters; categories up to 255 (Tooling API "ExternalString": Category "limited to
 * 255 characters"). The short description is ExternalString's MasterLabel, 80 characters: a real org refuses a longer
 * one with "Value too long for field: MasterLabel maximum length is:80". The name's 80 is Setup's Name field limit,
 * not found in the API docs.
 */
import { ComponentProblem } from './problem.ts';
import { checkElements, text, type XmlNode } from './xml.ts';

/** Each limited element, the ExternalString field Salesforce names in its message, and that field's length. */
const LENGTH_LIMITS: { element: string; field: string; max: number }[] = [
    { element: 'fullName', field: 'Name', max: 80 },
    { element: 'shortDescription', field: 'MasterLabel', max: 80 },
    { element: 'value', field: 'Value', max: 1000 },
    { element: 'categories', field: 'Category', max: 255 }
];

const REQUIRED = ['fullName', 'language', 'protected', 'shortDescription', 'value'];

/** A developer name: starts with a letter, letters, digits and single underscores, no trailing underscore. */
const DEVELOPER_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?<!_)$/;

/**
 * Refuses a label a real org would refuse; the message is the component failure's problem. The length message is
 * Salesforce's; the missing-field and name messages follow Setup's wording.
 */
export function checkCustomLabel(label: XmlNode): void {
    checkElements(label, 'CustomLabel', [
        'fullName',
        'categories',
        'language',
        'protected',
        'shortDescription',
        'value'
    ]);
    for (const element of REQUIRED) {
        if (!text(label, element)) throw new ComponentProblem(`Required field is missing: ${element}`);
    }
    for (const { element, field, max } of LENGTH_LIMITS) {
        // Salesforce counts UTF-16 code units, as JavaScript's length does.
        const value = text(label, element) ?? '';
        if (value.length > max)
            throw new ComponentProblem(`Value too long for field: ${field} maximum length is:${max}`);
    }
    const name = text(label, 'fullName') ?? '';
    if (!DEVELOPER_NAME.test(name))
        throw new ComponentProblem(
            'The Name field can only contain underscores and alphanumeric characters. It must be unique, begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores.'
        );
}
