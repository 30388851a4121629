/**
 * What a Lightning page needs from the org's deployed metadata (Custom Labels, the Lightning apps and the record
 * pages they assign, and the pages' quick actions), read through the Metadata API's retrieve like any client would.
 */
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';

export const API_VERSION = '66.0';

const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) =>
        [
            'labels',
            'flexiPageRegions',
            'itemInstances',
            'componentInstanceProperties',
            'valueListItems',
            'criteria',
            'messages',
            'fileProperties',
            'actionOverrides',
            'layoutSections',
            'layoutColumns',
            'layoutItems'
        ].includes(name)
});

type Node = Record<string, unknown>;

function escapeXml(value: string): string {
    return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

async function soap(origin: string, token: string, operation: string, inner: string): Promise<Node> {
    const envelope =
        '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata">' +
        `<soapenv:Header><SessionHeader><sessionId>${escapeXml(token)}</sessionId></SessionHeader></soapenv:Header>` +
        `<soapenv:Body><${operation}>${inner}</${operation}></soapenv:Body></soapenv:Envelope>`;
    const response = await fetch(`${origin}/services/Soap/m/${API_VERSION}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: '""' },
        body: envelope
    });
    const parsed = parser.parse(await response.text()) as Node;
    const body = (parsed.Envelope as Node | undefined)?.Body as Node | undefined;
    const fault = body?.Fault as Node | undefined;
    if (fault) throw new Error(`Metadata API ${operation}: ${String(fault.faultstring)}`);
    const result = (body?.[`${operation}Response`] as Node | undefined)?.result as Node | undefined;
    if (!result) throw new Error(`Metadata API ${operation}: unexpected response (HTTP ${response.status})`);
    return result;
}

/** Retrieves the given members and returns the files of the package by path (`labels/CustomLabels.labels`). */
export async function retrieve(
    origin: string,
    token: string,
    types: { name: string; members: string[] }[]
): Promise<Map<string, string>> {
    const typesXml = types
        .map(
            (t) =>
                `<types>${t.members.map((m) => `<members>${escapeXml(m)}</members>`).join('')}<name>${t.name}</name></types>`
        )
        .join('');
    const started = await soap(
        origin,
        token,
        'retrieve',
        `<retrieveRequest><apiVersion>${API_VERSION}</apiVersion><singlePackage>true</singlePackage><unpackaged>${typesXml}<version>${API_VERSION}</version></unpackaged></retrieveRequest>`
    );
    const id = String(started.id);
    let status: Node;
    for (let attempt = 0; ; attempt++) {
        status = await soap(
            origin,
            token,
            'checkRetrieveStatus',
            `<asyncProcessId>${escapeXml(id)}</asyncProcessId><includeZip>true</includeZip>`
        );
        if (String(status.done) === 'true') break;
        if (attempt > 100) throw new Error(`Metadata API retrieve ${id} did not finish`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (String(status.success) !== 'true')
        throw new Error(`Metadata API retrieve ${id} failed: ${String(status.status)}`);
    const zip = await JSZip.loadAsync(Buffer.from(String(status.zipFile), 'base64'));
    const files = new Map<string, string>();
    for (const entry of Object.values(zip.files)) {
        if (!entry.dir) files.set(entry.name, await entry.async('string'));
    }
    return files;
}

export function parseLabels(xml: string | undefined): Record<string, string> {
    if (!xml) return {};
    const root = (parser.parse(xml) as Node).CustomLabels as Node | undefined;
    const labels: Record<string, string> = {};
    for (const label of (root?.labels as Node[] | undefined) ?? []) {
        labels[String(label.fullName)] = String(label.value ?? '');
    }
    return labels;
}

export interface VisibilityRule {
    booleanFilter?: string;
    criteria: { leftValue: string; operator: string; rightValue: string | null }[];
}

export interface PageAction {
    name: string;
    label: string;
    objectApiName?: string;
    /** The LWC of a ScreenAction (`conversionProcess`); absent for actions the preview cannot run. */
    component?: string;
    /** The screen flow a Flow action runs (`flowDefinition`), in the preview's flow runner. */
    flow?: string;
    visibilityRule?: VisibilityRule;
}

/** A custom Lightning web component placed on the record page. */
export interface PageComponent {
    identifier: string;
    /** The bundle name (`caseMatches` for `c:caseMatches` or `caseMatches`). */
    component: string;
    /** Where the page shows it: the header under the highlights, the main column or the sidebar. */
    region: 'header' | 'main' | 'sidebar';
    /** Design attributes; `{!recordId}` and `{!objectApiName}` are filled in by the shell. */
    properties: Record<string, string>;
    visibilityRule?: VisibilityRule;
}

/** A page layout as the record edit form lays it out: sections of columns of fields with their behavior. */
export interface PageLayout {
    name: string;
    sections: { label: string; columns: { field: string; behavior: 'Edit' | 'Required' | 'Readonly' }[][] }[];
}

export interface RecordPage {
    name: string;
    label: string;
    actions: PageAction[];
    components: PageComponent[];
    /** The page's single related lists (`force:relatedListSingleContainer`): Case History, say. */
    relatedLists?: PageRelatedList[];
    /**
     * The object's deployed page layout, which the standard Edit form follows: the first by name when there are
     * several (the preview does not read profiles' layout assignments).
     */
    layout?: PageLayout;
}

export interface PageRelatedList {
    identifier: string;
    /** The parent's child relationship the list shows (`Histories`). */
    relatedListApiName: string;
    rowsToDisplay: number;
}

/** A `force:relatedListSingleContainer`'s list, from its properties. */
function singleRelatedList(component: Node): PageRelatedList {
    const properties = Object.fromEntries(
        ((component.componentInstanceProperties as Node[] | undefined) ?? []).map((p) => [String(p.name), p.value])
    );
    return {
        identifier: String(component.identifier ?? properties.relatedListApiName),
        relatedListApiName: String(properties.relatedListApiName ?? ''),
        rowsToDisplay: Number(properties.rowsToDisplay ?? 10)
    };
}

/** The top-level region a region or facet ends up in, following the facets that tabs and tabsets name. */
function topRegions(regions: Node[]): Map<string, string> {
    const parentOf = new Map<string, string>();
    for (const region of regions) {
        for (const item of (region.itemInstances as Node[] | undefined) ?? []) {
            const component = item.componentInstance as Node | undefined;
            for (const property of (component?.componentInstanceProperties as Node[] | undefined) ?? []) {
                const value = String(property.value ?? '');
                if (regions.some((r) => r.name === value && r.type === 'Facet'))
                    parentOf.set(value, String(region.name));
            }
        }
    }
    const top = new Map<string, string>();
    for (const region of regions) {
        let name = String(region.name);
        for (let hops = 0; parentOf.has(name) && hops < 20; hops++) name = parentOf.get(name)!;
        top.set(String(region.name), name);
    }
    return top;
}

/** Custom LWC bundle names: `c:name` or a bare name; standard components have another namespace. */
function customComponent(componentName: string): string | undefined {
    if (componentName.startsWith('c:')) return componentName.slice(2);
    return componentName.includes(':') ? undefined : componentName;
}

function visibilityRule(node: unknown): VisibilityRule | undefined {
    if (!node || typeof node !== 'object') return undefined;
    const rule = node as Node;
    const criteria = ((rule.criteria as Node[] | undefined) ?? []).map((c) => ({
        leftValue: String(c.leftValue ?? ''),
        operator: String(c.operator ?? 'EQUAL'),
        rightValue: c.rightValue === undefined ? null : String(c.rightValue)
    }));
    return { ...(rule.booleanFilter ? { booleanFilter: String(rule.booleanFilter) } : {}), criteria };
}

/**
 * The record page's dynamic actions: the highlights panel's `actionNames` list, each item with its visibility
 * rule, resolved against the deployed QuickAction files (`quickActions/<Object>.<Name>.quickAction`).
 */
export function parseRecordPage(name: string, xml: string, quickActions: Map<string, string>): RecordPage {
    const page = (parser.parse(xml) as Node).FlexiPage as Node;
    const actions: PageAction[] = [];
    const components: PageComponent[] = [];
    const relatedLists: PageRelatedList[] = [];
    const regions = (page.flexiPageRegions as Node[] | undefined) ?? [];
    const top = topRegions(regions);
    for (const region of regions) {
        for (const item of (region.itemInstances as Node[] | undefined) ?? []) {
            const component = item.componentInstance as Node | undefined;
            const custom = component ? customComponent(String(component.componentName ?? '')) : undefined;
            if (component && custom) {
                const where = top.get(String(region.name));
                const rule = visibilityRule(component.visibilityRule ?? item.visibilityRule);
                components.push({
                    identifier: String(component.identifier ?? custom),
                    component: custom,
                    region: where === 'header' ? 'header' : where === 'sidebar' ? 'sidebar' : 'main',
                    properties: Object.fromEntries(
                        ((component.componentInstanceProperties as Node[] | undefined) ?? [])
                            .filter((p) => p.value !== undefined)
                            .map((p) => [String(p.name), String(p.value)])
                    ),
                    ...(rule ? { visibilityRule: rule } : {})
                });
                continue;
            }
            if (component?.componentName === 'force:relatedListSingleContainer') {
                relatedLists.push(singleRelatedList(component));
                continue;
            }
            if (!component || component.componentName !== 'force:highlightsPanel') continue;
            for (const property of (component.componentInstanceProperties as Node[] | undefined) ?? []) {
                if (property.name !== 'actionNames') continue;
                const items = ((property.valueList as Node | undefined)?.valueListItems as Node[] | undefined) ?? [];
                for (const entry of items) {
                    const actionName = String(entry.value);
                    actions.push(
                        quickAction(actionName, quickActions.get(actionName), visibilityRule(entry.visibilityRule))
                    );
                }
            }
        }
    }
    return { name, label: String(page.masterLabel ?? name), actions, components, relatedLists };
}

function quickAction(name: string, xml: string | undefined, rule: VisibilityRule | undefined): PageAction {
    const [objectApiName, actionName] = name.includes('.') ? name.split('.', 2) : [undefined, name];
    const base = { name, ...(objectApiName ? { objectApiName } : {}), ...(rule ? { visibilityRule: rule } : {}) };
    if (!xml) return { ...base, label: actionName };
    const action = (parser.parse(xml) as Node).QuickAction as Node;
    const lwc = action.lightningWebComponent ? String(action.lightningWebComponent).replace(/^c:/, '') : undefined;
    const runnable = action.type === 'LightningWebComponent' && action.actionSubtype !== 'Headless' && lwc;
    const flow = action.type === 'Flow' && action.flowDefinition ? String(action.flowDefinition) : undefined;
    return {
        ...base,
        label: String(action.label ?? actionName),
        ...(runnable ? { component: lwc } : {}),
        ...(flow ? { flow } : {})
    };
}

export interface PageMetadata {
    labels: Record<string, string>;
    /** Every record page by name. */
    pages: Map<string, RecordPage>;
    /** Lightning apps by name, with the record page each assigns to an object (its desktop app default). */
    apps: AppInfo[];
}

export interface AppInfo {
    name: string;
    label: string;
    /** Object → record page name. */
    recordPages: Map<string, string>;
}

/** An app's desktop record page assignments (`actionOverrides`: View, Flexipage, formFactor Large). */
export function parseApp(name: string, xml: string): AppInfo {
    const app = ((parser.parse(xml) as Node).CustomApplication as Node | undefined) ?? {};
    const overrides = app.actionOverrides as Node[] | undefined;
    const recordPages = new Map<string, string>();
    for (const override of overrides ?? []) {
        const assignsRecordPage =
            override.actionName === 'View' &&
            String(override.type).toLowerCase() === 'flexipage' &&
            override.formFactor === 'Large';
        if (assignsRecordPage) recordPages.set(String(override.pageOrSobjectType), String(override.content));
    }
    return { name, label: String(app.label ?? name), recordPages };
}

/**
 * The record page Salesforce shows for an object in the current app: the app's default for the object, or none
 * (Salesforce's own page). local-org refuses org-wide and per-profile assignments, so there are no others.
 */
export function recordPageFor(
    metadata: PageMetadata,
    app: AppInfo | undefined,
    objectName: string
): RecordPage | undefined {
    const pageName = app?.recordPages.get(objectName);
    return pageName ? metadata.pages.get(pageName) : undefined;
}

/** A Layout's sections and their fields (blank spaces and non-field items, such as canvases, left out). */
export function parseLayout(name: string, xml: string): PageLayout {
    const layout = ((parser.parse(xml) as Node).Layout as Node | undefined) ?? {};
    const sections = ((layout.layoutSections as Node[] | undefined) ?? []).map((section) => ({
        label: String(section.label ?? ''),
        columns: ((section.layoutColumns as Node[] | undefined) ?? []).map((column) =>
            ((column.layoutItems as Node[] | undefined) ?? [])
                .filter((item) => item.field)
                .map((item) => ({
                    field: String(item.field),
                    behavior: (['Required', 'Readonly'].includes(String(item.behavior))
                        ? String(item.behavior)
                        : 'Edit') as 'Edit' | 'Required' | 'Readonly'
                }))
        )
    }));
    return { name, sections };
}

/** Labels, record pages and apps in one retrieve. */
export async function pageMetadata(origin: string, token: string): Promise<PageMetadata> {
    const files = await retrieve(origin, token, [
        { name: 'CustomLabels', members: ['CustomLabels'] },
        { name: 'FlexiPage', members: ['*'] },
        { name: 'QuickAction', members: ['*'] },
        { name: 'CustomApplication', members: ['*'] },
        { name: 'Layout', members: ['*'] }
    ]);
    const layouts = new Map<string, PageLayout>();
    for (const [path, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
        const match = /^layouts\/(([^-]+)-.+)\.layout$/.exec(path);
        if (match && !layouts.has(match[2])) layouts.set(match[2], parseLayout(match[1], content));
    }
    const quickActions = new Map<string, string>();
    for (const [path, content] of files) {
        const match = /^quickActions\/(.+)\.quickAction$/.exec(path);
        if (match) quickActions.set(match[1], content);
    }
    const pages = new Map<string, RecordPage>();
    const apps: AppInfo[] = [];
    for (const [path, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
        const app = /^applications\/(.+)\.app$/.exec(path);
        if (app) apps.push(parseApp(app[1], content));
        const match = /^flexipages\/(.+)\.flexipage$/.exec(path);
        if (!match) continue;
        const page = (parser.parse(content) as Node).FlexiPage as Node | undefined;
        if (page?.type !== 'RecordPage' || !page.sobjectType) continue;
        const layout = layouts.get(String(page.sobjectType));
        pages.set(match[1], { ...parseRecordPage(match[1], content, quickActions), ...(layout ? { layout } : {}) });
    }
    return { labels: parseLabels(files.get('labels/CustomLabels.labels')), pages, apps };
}
