/**
 * Composite tree (`/composite/tree/<Object>`), what `sf data import tree` uses: parents with nested children, up to
 * 200 records, all saved or none. Failures answer 400 `{hasErrors: true, results: [{referenceId, errors}]}`.
 */
import { ApiError } from '../errors.ts';
import { createRecord, type RecordInput } from '../writes.ts';
import { attemptInSavepoint, RollbackWithResponse } from './batch.ts';
import { json, objectBody, type RestRequest, type RestResponse, type Route } from './types.ts';
import { notFound } from '../errors.ts';
import { visibleObject } from '../records.ts';

const TREE_LIMIT = 200;
const MAX_DEPTH = 5;

interface TreeNode {
    referenceId: string;
    objectName: string;
    values: RecordInput;
    children: { lookupField: string; nodes: TreeNode[] }[];
}

function parseNodes(request: RestRequest, raw: unknown, objectName: string, depth: number): TreeNode[] {
    if (depth > MAX_DEPTH)
        throw new ApiError(400, 'INVALID_INPUT', `The composite tree is nested more than ${MAX_DEPTH} levels deep`);
    if (!Array.isArray(raw))
        throw new ApiError(400, 'JSON_PARSER_ERROR', 'Expected a records array in the composite tree request');
    return raw.map((item) => parseNode(request, item as RecordInput, objectName, depth));
}

function parseNode(request: RestRequest, record: RecordInput, objectName: string, depth: number): TreeNode {
    const attributes = (record.attributes ?? {}) as { type?: string; referenceId?: string };
    if (!attributes.referenceId)
        throw new ApiError(400, 'INVALID_INPUT', 'Include a reference ID for each record in the request');
    if (!attributes.type || attributes.type.toLowerCase() !== objectName.toLowerCase()) {
        throw new ApiError(
            400,
            'INVALID_INPUT',
            `Record ${attributes.referenceId} has type ${attributes.type ?? '(none)'}, expected ${objectName}`
        );
    }
    const values: RecordInput = {};
    const children: TreeNode['children'] = [];
    for (const [key, value] of Object.entries(record)) {
        if (key === 'attributes') continue;
        const child =
            value !== null && typeof value === 'object' && 'records' in (value as object)
                ? request.ctx.schema.childRelationship(objectName, key)
                : undefined;
        if (child) {
            children.push({
                lookupField: child.field,
                nodes: parseNodes(request, (value as { records: unknown }).records, child.childObject, depth + 1)
            });
        } else values[key] = value;
    }
    return { referenceId: attributes.referenceId, objectName, values, children };
}

function countNodes(nodes: TreeNode[]): number {
    return nodes.reduce((sum, node) => sum + 1 + node.children.reduce((s, c) => s + countNodes(c.nodes), 0), 0);
}

type TreeResult = { referenceId: string; id?: string; errors?: unknown[] };

function saveNodes(
    request: RestRequest,
    nodes: TreeNode[],
    parentLink: Record<string, string>,
    results: TreeResult[]
): void {
    for (const node of nodes) {
        const outcome = attemptInSavepoint(request.ctx, () =>
            createRecord(request.ctx, node.objectName, { ...node.values, ...parentLink })
        );
        if (!outcome.ok) {
            results.push({ referenceId: node.referenceId, errors: [outcome.error.toRecordError()] });
            continue;
        }
        results.push({ referenceId: node.referenceId, id: outcome.value });
        for (const child of node.children)
            saveNodes(request, child.nodes, { [child.lookupField]: outcome.value }, results);
    }
}

function createTree(request: RestRequest): RestResponse {
    const object = visibleObject(request.ctx, request.params[0]);
    if (!object) throw notFound();
    const nodes = parseNodes(request, objectBody(request).records, object.name, 1);
    if (countNodes(nodes) > TREE_LIMIT)
        throw new ApiError(400, 'LIMIT_EXCEEDED', `The request may contain at most ${TREE_LIMIT} records`);
    const results: TreeResult[] = [];
    saveNodes(request, nodes, {}, results);
    const failures = results.filter((r) => r.errors);
    if (failures.length > 0) throw new RollbackWithResponse(json(400, { hasErrors: true, results: failures }));
    return json(201, { hasErrors: false, results });
}

export const treeRoutes: Route[] = [{ method: 'POST', pattern: /^\/composite\/tree\/([^/]+)$/, handler: createTree }];
