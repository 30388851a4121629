/**
 * Custom Labels with placeholders: `{0}`, `{1}`… are replaced by the arguments, as Apex's String.format does, so
 * translators can move them within a sentence.
 */

/**
 * @param {string} label
 * @param {...(string | number)} values
 * @returns {string}
 */
export function formatLabel(label, ...values) {
    return label.replace(/\{(\d+)\}/g, (placeholder, index) => {
        const position = Number(index);
        return position < values.length ? String(values[position]) : placeholder;
    });
}

/**
 * The label for a count. Custom Labels have no plural forms, so a sentence with a count is two labels: one for
 * exactly one ("1 character"), one for every other count ("0 characters", "2 characters"), English's rule.
 * @param {number} count
 * @param {string} oneLabel
 * @param {string} otherLabel
 * @returns {string}
 */
export function labelForCount(count, oneLabel, otherLabel) {
    return count === 1 ? oneLabel : otherLabel;
}
