/**
 * CustomObject.searchLayouts (Metadata API Developer Guide, "SearchLayouts"): of its elements local-org applies
 * `listViewButtons`, "the list of buttons available in list views for an object" (Setup's List View Button Layout),
 * which UI API's list view header actions answer (rest/listViewActions.ts). Of the buttons it applies the standard
 * Change Owner (`ChangeOwner`, the Metadata API guide's own sample), which assigns the selected records to one user
 * or queue (Salesforce Help, "Update Multiple Cases"). Every other element and button is refused by name: nothing
 * is stored and ignored.
 */
import type { ObjectDef } from '../schema.ts';
import { ComponentProblem } from './problem.ts';
import { list, type XmlNode } from './xml.ts';

/** The list view buttons local-org applies. */
export const APPLIED_LIST_VIEW_BUTTONS = ['ChangeOwner'];

/**
 * Applies the file's searchLayouts to the object; false when the file has none (the object keeps its buttons). A
 * searchLayouts element describes the whole layout: an empty one leaves the object's list views no buttons.
 */
export function applySearchLayouts(object: ObjectDef, node: XmlNode): boolean {
    if (!('searchLayouts' in node)) return false;
    const layouts = node.searchLayouts;
    const elements = layouts && typeof layouts === 'object' ? Object.keys(layouts) : [];
    const unapplied = elements.find((element) => element !== 'listViewButtons');
    if (unapplied)
        throw new ComponentProblem(
            `CustomObject.searchLayouts.${unapplied} (${object.name}) is not supported by local-org`
        );
    const buttons = list(layouts, 'listViewButtons').map(String);
    for (const button of buttons) checkButton(object, button);
    object.listViewButtons = [...new Set(buttons)];
    return true;
}

function checkButton(object: ObjectDef, button: string): void {
    if (!APPLIED_LIST_VIEW_BUTTONS.includes(button))
        throw new ComponentProblem(
            `List view button ${button} (${object.name}) is not supported by local-org: it applies ${APPLIED_LIST_VIEW_BUTTONS.join(', ')}`
        );
    if (button === 'ChangeOwner' && !object.owned)
        throw new ComponentProblem(
            `List view button ChangeOwner (${object.name}): ${object.name} records have no owner`
        );
}
