/**
 * `GET ui-api/actions/list-view/{listViewIds}` (UI API Developer Guide, "Get List View Header Actions"): the header
 * actions of one or more list views, as Lightning's list view header shows them, keyed by list view id, each an
 * action list with `actions`, `links` and `url`.
 *
 * local-org answers the object's list view buttons it applies (CustomObject searchLayouts.listViewButtons,
 * metadata/searchLayouts.ts): Change Owner, a mass action (`isMassAction` "true") on the records the user selects,
 * offered only to a user who may edit the object ("To change case owner: Transfer Cases OR Transfer Record AND Edit
 * on cases", Salesforce Help, "Update Multiple Cases"; local-org has no Transfer permissions and checks an owner
 * change as an edit). Lightning's built-in header actions (New, Import, Sort, Printable View...) are not listed, and
 * every request parameter (actionTypes, apiNames, formFactor, retrievalMode, sections) is refused by name.
 */
import { canonicalId } from '../ids.ts';
import { notFound, notSupported } from '../errors.ts';
import { visibleObject } from '../records.ts';
import type { ObjectDef } from '../schema.ts';
import { json, type RestRequest, type RestResponse, type Route } from './types.ts';

const BUTTON_LABELS: Record<string, string> = { ChangeOwner: 'Change Owner' };

interface ListViewRow {
    Id: string;
    SobjectType: string;
}

function listViewRow(request: RestRequest, rawId: string): { row: ListViewRow; object: ObjectDef } {
    const id = canonicalId(rawId);
    const row = id
        ? (request.ctx.db.prepare('SELECT Id, SobjectType FROM ListView WHERE Id = ?').get(id) as
              ListViewRow | undefined)
        : undefined;
    const object = row ? visibleObject(request.ctx, row.SobjectType) : undefined;
    if (!row || !object) throw notFound();
    return { row, object };
}

function buttonAction(request: RestRequest, object: ObjectDef, listViewId: string, button: string) {
    return {
        actionListContext: 'ListView',
        actionTarget: null,
        actionTargetType: 'Invoke',
        apiName: button,
        externalId: `${request.org.orgId}:${listViewId}::ListView:Large:StandardButton:${button}`,
        iconUrl: null,
        id: null,
        isMassAction: 'true',
        label: BUTTON_LABELS[button] ?? button,
        primaryColor: null,
        relatedListRecordId: null,
        relatedSourceObject: null,
        section: 'Page',
        sourceObject: listViewId,
        subtype: null,
        targetObject: object.name,
        targetUrl: null,
        type: 'StandardButton'
    };
}

/** The buttons a user may use: Change Owner writes the records, so it needs edit on the object. */
function usableButtons(request: RestRequest, object: ObjectDef): string[] {
    const canEdit = request.ctx.access.objectAccess(object.name).edit;
    return (object.listViewButtons ?? []).filter((button) => button !== 'ChangeOwner' || canEdit);
}

function listViewHeaderActions(request: RestRequest): RestResponse {
    const [parameter] = request.query.keys();
    if (parameter !== undefined) throw notSupported(`The ${parameter} parameter of ui-api/actions/list-view`);
    const ids = request.params[0].split(',').filter((id) => id !== '');
    if (ids.length === 0) throw notFound();
    const base = `/services/data/v${request.ctx.apiVersion}/ui-api/actions/list-view`;
    const actions: Record<string, unknown> = {};
    for (const rawId of ids) {
        const { row, object } = listViewRow(request, rawId);
        actions[row.Id] = {
            actions: usableButtons(request, object).map((button) => buttonAction(request, object, row.Id, button)),
            links: [],
            url: `${base}/${row.Id}`
        };
    }
    return json(200, { actions });
}

export const listViewActionRoutes: Route[] = [
    { method: 'GET', pattern: /^\/ui-api\/actions\/list-view\/([^/]+)$/, handler: listViewHeaderActions }
];
