/**
 * Lightning apps (CustomApplication) and the record pages assigned in them. An app's `actionOverrides` with
 * actionName View, type Flexipage and pageOrSobjectType <Object> make a FlexiPage the app default record page for
 * that object (Metadata API Developer Guide, "CustomApplication" actionOverrides / AppActionOverride; what Lightning
 * App Builder's "App Default" activation writes). The preview shows a record with its app's page.
 *
 * Refused by name, never stored and ignored: assignments per profile and record type (`profileActionOverrides`) and
 * home page assignments (actionName Tab), which local-org does not apply.
 */
import { ComponentProblem } from './problem.ts';
import type { Applied, Staging } from './objects.ts';
import { readMetadata, storeMetadata } from './stored.ts';
import { list, parseXml, text, type XmlNode } from './xml.ts';

export interface AppRecordPage {
    object: string;
    page: string;
    formFactor: string;
}

/** The app default record pages an app's XML assigns. */
export function appRecordPages(appXml: string): AppRecordPage[] {
    const root = parseXml(appXml).CustomApplication as XmlNode | undefined;
    return list(root, 'actionOverrides').map((override) => ({
        object: text(override, 'pageOrSobjectType') ?? '',
        page: text(override, 'content') ?? '',
        formFactor: text(override, 'formFactor') ?? 'Large'
    }));
}

function checkRecordPageOverride(staging: Staging, override: XmlNode): void {
    const action = text(override, 'actionName');
    if (action !== 'View')
        throw new ComponentProblem(
            `Action override ${action} (${text(override, 'pageOrSobjectType')}) is not supported by local-org: it applies record page assignments (actionName View) only`
        );
    const type = text(override, 'type');
    if (type?.toLowerCase() !== 'flexipage')
        throw new ComponentProblem(
            `Action override type ${type} is not supported by local-org: it applies Flexipage only`
        );
    const object = text(override, 'pageOrSobjectType') ?? '';
    if (!staging.objects.has(object.toLowerCase()))
        throw new ComponentProblem(`In field: pageOrSobjectType - no CustomObject named ${object} found`);
    const content = text(override, 'content') ?? '';
    const pageXml = readMetadata<string>(staging.db, 'FlexiPage', content);
    if (pageXml === undefined) throw new ComponentProblem(`In field: content - no FlexiPage named ${content} found`);
    const page = parseXml(pageXml).FlexiPage as XmlNode | undefined;
    if (text(page, 'type') !== 'RecordPage' || text(page, 'sobjectType') !== object)
        throw new ComponentProblem(`FlexiPage ${content} is not a record page for ${object}`);
    const formFactor = text(override, 'formFactor');
    if (formFactor !== 'Large' && formFactor !== 'Small')
        throw new ComponentProblem(`A record page assignment needs formFactor Large or Small, not ${formFactor}`);
}

export function applyCustomApplication(staging: Staging, name: string, xml: string): Applied {
    const root = parseXml(xml).CustomApplication as XmlNode | undefined;
    if (!root) throw new ComponentProblem(`applications/${name}.app is not a CustomApplication file`);
    if (list(root, 'profileActionOverrides').length > 0)
        throw new ComponentProblem(
            'profileActionOverrides (record pages per profile and record type) are not supported by local-org: assign the page as the app default (actionOverrides)'
        );
    for (const override of list(root, 'actionOverrides')) checkRecordPageOverride(staging, override);
    return { created: storeMetadata(staging.db, 'CustomApplication', name, xml), changed: true };
}

/** Whether an app of that name is deployed (or being deployed). */
export function applicationExists(staging: Staging, name: string): boolean {
    return readMetadata<string>(staging.db, 'CustomApplication', name) !== undefined;
}
