/**
 * lightning/navigation: NavigationMixin and CurrentPageReference for Lightning URLs in the preview
 * (`/lightning/r/<Object>/<id>/view`, `/lightning/o/<Object>/list`), plus web pages. LBC's own module re-exports
 * force/navigation, which only exists on the platform.
 */
const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export function pageReferenceToUrl(pageReference) {
    const { type, attributes = {}, state = {} } = pageReference ?? {};
    const query = new URLSearchParams(state).toString();
    const withState = (path) => (query ? `${path}?${query}` : path);
    switch (type) {
        case 'standard__recordPage':
            return withState(
                `/lightning/r/${attributes.objectApiName ?? 'sObject'}/${attributes.recordId}/${attributes.actionName ?? 'view'}`
            );
        case 'standard__objectPage':
            return withState(`/lightning/o/${attributes.objectApiName}/${attributes.actionName ?? 'home'}`);
        case 'standard__webPage':
            return attributes.url;
        default:
            throw new Error(`Navigation to page reference type ${type} is not supported by the preview`);
    }
}

export function urlToPageReference(url) {
    const { pathname, searchParams } = new URL(url, window.location.origin);
    const state = Object.fromEntries(searchParams);
    let match = /^\/lightning\/r\/([^/]+)\/([^/]+)\/([^/]+)/.exec(pathname);
    if (match) {
        return {
            type: 'standard__recordPage',
            attributes: { objectApiName: match[1], recordId: match[2], actionName: match[3] },
            state
        };
    }
    match = /^\/lightning\/o\/([^/]+)\/([^/]+)/.exec(pathname);
    if (match)
        return { type: 'standard__objectPage', attributes: { objectApiName: match[1], actionName: match[2] }, state };
    return { type: 'standard__webPage', attributes: { url: pathname }, state };
}

export const NavigationMixin = (Base) =>
    class extends Base {
        [Navigate](pageReference, replace) {
            const url = pageReferenceToUrl(pageReference);
            if (replace) window.location.replace(url);
            else window.location.assign(url);
        }

        [GenerateUrl](pageReference) {
            return Promise.resolve(pageReferenceToUrl(pageReference));
        }
    };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

export class CurrentPageReference {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
    }

    connect() {
        this.dataCallback(urlToPageReference(window.location.href));
    }

    disconnect() {}

    update() {}
}
