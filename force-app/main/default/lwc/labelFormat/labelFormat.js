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
