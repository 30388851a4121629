/**
 * What the page loaded from the org before the bundle ran (user, labels, page context), embedded by the preview
 * server as JSON in the page; the `@salesforce/label/*` and `@salesforce/user/*` modules read it.
 */
let current;

export function session() {
    if (!current) {
        // eslint-disable-next-line @lwc/lwc/no-document-query
        const element = document.getElementById('preview-session');
        current = element ? JSON.parse(element.textContent) : { userId: null, labels: {}, users: [] };
    }
    return current;
}

/** A Custom Label's value; a label the org does not have is an error on the platform, so it is one here. */
export function label(qualifiedName) {
    const [namespace, name] = qualifiedName.split('.');
    const labels = session().labels || {};
    if (namespace === 'c' && Object.prototype.hasOwnProperty.call(labels, name)) return labels[name];
    const message = `Custom Label ${qualifiedName} is not deployed to this org`;
    console.error(message);
    return `{!$Label.${qualifiedName}}`;
}
