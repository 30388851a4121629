/**
 * local-org's own endpoint for running screen flows, for the preview's action panel: Salesforce's `lightning-flow`
 * runtime talks to an internal Aura service no client can call, and its REST `actions/custom/flow` runs only
 * autolaunched flows. So this is local-org's, under `/services/data/vNN.N/local-org/flow-interviews`, with the
 * same token and one transaction per call as every API:
 *
 *   POST   local-org/flow-interviews          {flowApiName, inputs: {name: value}, recordId?} → the first screen
 *   POST   local-org/flow-interviews/<id>     {action: NEXT|BACK|FINISH, outputs: {field: {param: value}}}
 *   DELETE local-org/flow-interviews/<id>     discards the interview (the user closed it)
 *
 * Answers `{interviewId, flowApiName, flowLabel, status: STARTED|FINISHED|ERROR, screen?, outputVariables?, error?}`.
 * Bounds (local-org's own; Salesforce keeps a running interview in the browser): at most 10 interviews per user
 * (the oldest is released), 30 minutes idle, a request body of 1 MB (server.ts).
 */
import { randomBytes } from 'node:crypto';
import type { CallContext } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import { readMetadata } from '../metadata/stored.ts';
import type { StoredFlow } from '../flows/deployFlow.ts';
import {
    Interview,
    UNHANDLED_FAULT,
    type InterviewState,
    type NavigationAction,
    type RunResult
} from '../flows/interview.ts';
import {
    isScreenFlowXml,
    parseScreenFlow,
    type ScreenFlowDefinition,
    type ScreenFlowVariable
} from '../flows/screenFlow.ts';
import { RollbackWithResponse } from './batch.ts';
import { json, objectBody, type RestRequest, type RestResponse, type Route } from './types.ts';

export const MAX_INTERVIEWS_PER_USER = 10;
export const INTERVIEW_IDLE_MS = 30 * 60 * 1000;
/** An interview call carries a few values, not data loads. */
export const MAX_INTERVIEW_BODY_BYTES = 1024 * 1024;
/** A collection passed in or out holds at most this many items. */
const MAX_COLLECTION_ITEMS = 2000;

interface StoredInterview {
    userId: string;
    definition: ScreenFlowDefinition;
    state: InterviewState;
    lastUsed: number;
}

export class FlowInterviews {
    /** In starting order, so a user's oldest interview is the first of theirs. */
    private readonly interviews = new Map<string, StoredInterview>();

    add(interview: StoredInterview): string {
        this.expire();
        const own = [...this.interviews].filter(([, i]) => i.userId === interview.userId);
        if (own.length >= MAX_INTERVIEWS_PER_USER) this.interviews.delete(own[0][0]);
        // FlowInterview's key prefix (0Fo), then random characters: an id says nothing about other interviews.
        const id = `0FoLO${randomBytes(12).toString('base64url')}`;
        this.interviews.set(id, interview);
        return id;
    }

    /** The caller's interview, or undefined when it never existed, ended, expired or is another user's. */
    take(id: string, userId: string): StoredInterview | undefined {
        this.expire();
        const interview = this.interviews.get(id);
        return interview?.userId === userId ? interview : undefined;
    }

    delete(id: string): void {
        this.interviews.delete(id);
    }

    get size(): number {
        this.expire();
        return this.interviews.size;
    }

    private expire(): void {
        const now = Date.now();
        for (const [id, interview] of this.interviews)
            if (now - interview.lastUsed > INTERVIEW_IDLE_MS) this.interviews.delete(id);
    }
}

function invalid(message: string): ApiError {
    return new ApiError(400, 'INVALID_INPUT', message);
}

/** The active version of a screen flow, parsed. */
function activeScreenFlow(ctx: CallContext, apiName: unknown): ScreenFlowDefinition {
    if (typeof apiName !== 'string' || apiName === '') throw invalid('flowApiName is required');
    const stored = readMetadata<StoredFlow>(ctx.db, 'Flow', apiName);
    if (!stored) throw notFound(`The flow ${apiName} does not exist`);
    if (!isScreenFlowXml(stored.xml)) throw invalid(`The flow ${apiName} is not a screen flow`);
    const xml = stored.active ? stored.xml : stored.activeXml;
    if (xml === undefined) throw invalid(`The flow ${apiName} has no active version`);
    return parseScreenFlow(apiName, xml);
}

/** A value for a variable, checked against its type: a wrong value is refused, never coerced or truncated. */
function checkValue(ctx: CallContext, variable: ScreenFlowVariable, value: unknown, what: string): unknown {
    if (variable.isCollection) {
        if (value === null) return [];
        if (!Array.isArray(value)) throw invalid(`${what} must be a list`);
        if (value.length > MAX_COLLECTION_ITEMS)
            throw invalid(`${what} has ${value.length} items; at most ${MAX_COLLECTION_ITEMS} are accepted`);
        return value.map((item, index) => checkItem(ctx, variable, item, `${what}[${index}]`));
    }
    return checkItem(ctx, variable, value, what);
}

function checkItem(ctx: CallContext, variable: ScreenFlowVariable, value: unknown, what: string): unknown {
    if (value === null) return null;
    const fail = () => invalid(`${what} must be ${describeType(variable)}`);
    switch (variable.dataType) {
        case 'String':
            if (typeof value !== 'string') throw fail();
            return value;
        case 'Number':
        case 'Currency':
            if (typeof value !== 'number' || !Number.isFinite(value)) throw fail();
            return value;
        case 'Boolean':
            if (typeof value !== 'boolean') throw fail();
            return value;
        case 'Date':
            if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw fail();
            return value;
        case 'DateTime':
            if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw fail();
            return value;
        default:
            return checkRecord(ctx, variable, value, what);
    }
}

function checkRecord(ctx: CallContext, variable: ScreenFlowVariable, value: unknown, what: string): unknown {
    if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`${what} must be ${describeType(variable)}`);
    const record: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        const field = ctx.schema.field(variable.objectType!, key);
        if (!field) throw invalid(`${what}: ${variable.objectType} has no field ${key}`);
        if (item !== null && !['string', 'number', 'boolean'].includes(typeof item))
            throw invalid(`${what}.${key} must be a text, number or boolean value`);
        record[field.name] = item;
    }
    return record;
}

/** An output assigned to a record variable's field: a single text, number or boolean value (the save checks it). */
function checkFieldValue(value: unknown, what: string): unknown {
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value))
        throw invalid(`${what} must be a text, number or boolean value`);
    return value;
}

function describeType(variable: ScreenFlowVariable): string {
    const names: Record<string, string> = {
        String: 'a text value',
        Number: 'a number',
        Currency: 'a number',
        Boolean: 'true or false',
        Date: 'a date (YYYY-MM-DD)',
        DateTime: 'a date/time (ISO 8601)'
    };
    return names[variable.dataType] ?? `a ${variable.objectType} record (an object of its fields)`;
}

function startInputs(ctx: CallContext, definition: ScreenFlowDefinition, body: Record<string, unknown>) {
    const inputs = body.inputs ?? {};
    if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs))
        throw invalid('inputs must be an object of input variable names to values');
    const checked: Record<string, unknown> = {};
    // A Flow quick action passes the record's Id to a text input variable named recordId, when the flow has one.
    const recordIdVariable = definition.variables.get('recordId');
    if (body.recordId !== undefined && recordIdVariable?.isInput && recordIdVariable.dataType === 'String')
        checked.recordId = checkValue(ctx, recordIdVariable, body.recordId, 'recordId');
    for (const [name, value] of Object.entries(inputs as Record<string, unknown>)) {
        const variable = definition.variables.get(name);
        if (!variable?.isInput) throw invalid(`The flow ${definition.apiName} has no input variable ${name}`);
        checked[name] = checkValue(ctx, variable, value, `The input ${name}`);
    }
    return checked;
}

/** A screen's component outputs, checked against what the screen declares and the variables they go to. */
function screenOutputs(
    ctx: CallContext,
    interview: Interview,
    body: Record<string, unknown>
): { target: string; value: unknown }[] {
    const screen = interview.currentScreen!;
    const outputs = body.outputs ?? {};
    if (typeof outputs !== 'object' || outputs === null || Array.isArray(outputs))
        throw invalid('outputs must be an object of screen field names to their output values');
    const assigned: { target: string; value: unknown }[] = [];
    for (const [screenFieldName, values] of Object.entries(outputs as Record<string, unknown>)) {
        const field = screen.fields.find((f) => f.name === screenFieldName);
        if (field?.kind !== 'component') throw invalid(`The screen ${screen.name} has no component ${screenFieldName}`);
        if (typeof values !== 'object' || values === null || Array.isArray(values))
            throw invalid(`outputs.${screenFieldName} must be an object of output names to values`);
        for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
            const output = field.outputs.find((o) => o.name === name);
            if (!output) throw invalid(`The screen component ${field.name} has no output ${name}`);
            const [variableName, fieldName] = output.target.split('.');
            const variable = interview.definition.variables.get(variableName)!;
            const checked = fieldName
                ? checkFieldValue(value, `The output ${field.name}.${name}`)
                : checkValue(ctx, variable, value, `The output ${field.name}.${name}`);
            assigned.push({ target: output.target, value: checked });
        }
    }
    return assigned;
}

function respond(
    interviews: FlowInterviews,
    id: string,
    stored: StoredInterview,
    interview: Interview,
    result: RunResult
): RestResponse {
    const base = { interviewId: id, flowApiName: stored.definition.apiName, flowLabel: stored.definition.label };
    if (result.status === 'STARTED') {
        stored.state = interview.state;
        stored.lastUsed = Date.now();
        return json(200, { ...base, status: 'STARTED', screen: result.screen });
    }
    interviews.delete(id);
    if (result.status === 'FINISHED')
        return json(200, { ...base, status: 'FINISHED', outputVariables: interview.outputVariables() });
    // The interview ends and its transaction is rolled back; the cause is what Salesforce emails the admin.
    throw new RollbackWithResponse(
        json(200, {
            ...base,
            status: 'ERROR',
            error: { message: UNHANDLED_FAULT, errorCode: result.error.errorCode, detail: result.error.message }
        })
    );
}

function newInterview(stored: StoredInterview, ctx: CallContext): Interview {
    // A run works on a copy: the stored state changes only when the call succeeds.
    return new Interview(stored.definition, structuredClone(stored.state), ctx);
}

function start(interviews: FlowInterviews, request: RestRequest): RestResponse {
    const { ctx } = request;
    const body = objectBody(request);
    const definition = activeScreenFlow(ctx, body.flowApiName);
    const inputs = startInputs(ctx, definition, body);
    const stored: StoredInterview = {
        userId: ctx.userId,
        definition,
        state: Interview.initialState(definition),
        lastUsed: Date.now()
    };
    const id = interviews.add(stored);
    const interview = newInterview(stored, ctx);
    return respond(interviews, id, stored, interview, interview.start(inputs));
}

const ACTIONS = new Set<NavigationAction>(['NEXT', 'BACK', 'FINISH']);

function navigate(interviews: FlowInterviews, request: RestRequest): RestResponse {
    const [id] = request.params;
    const stored = interviews.take(id, request.ctx.userId);
    if (!stored) throw notFound(`The flow interview ${id} does not exist or has ended`);
    const body = objectBody(request);
    const action = body.action as NavigationAction;
    if (!ACTIONS.has(action))
        throw invalid(
            'action must be NEXT, BACK or FINISH (pausing is not available: the org does not let users pause flows)'
        );
    const interview = newInterview(stored, request.ctx);
    const available = interview.availableActions(interview.currentScreen!);
    if (!available.includes(action))
        throw invalid(
            `${action} is not available on the screen ${interview.currentScreen!.name} (available: ${available.join(', ') || 'none'})`
        );
    const outputs = action === 'BACK' ? [] : screenOutputs(request.ctx, interview, body);
    return respond(interviews, id, stored, interview, interview.navigate(action, outputs));
}

function discard(interviews: FlowInterviews, request: RestRequest): RestResponse {
    const [id] = request.params;
    if (!interviews.take(id, request.ctx.userId))
        throw notFound(`The flow interview ${id} does not exist or has ended`);
    interviews.delete(id);
    return { status: 204 };
}

export const FLOW_INTERVIEWS_PATH = /^\/services\/data\/v\d+\.\d+\/local-org\/flow-interviews(\/[^/]+)?$/;

export function flowInterviewRoutes(interviews: FlowInterviews): Route[] {
    const withoutAssignment = (handler: (request: RestRequest) => RestResponse) => (request: RestRequest) => {
        // A flow's record writes run no assignment rules (Flow Builder's Create Records has no such option).
        request.ctx.assignment = { kind: 'none' };
        return handler(request);
    };
    return [
        {
            method: 'POST',
            pattern: /^\/local-org\/flow-interviews$/,
            handler: withoutAssignment((r) => start(interviews, r))
        },
        {
            method: 'POST',
            pattern: /^\/local-org\/flow-interviews\/([^/]+)$/,
            handler: withoutAssignment((r) => navigate(interviews, r))
        },
        { method: 'DELETE', pattern: /^\/local-org\/flow-interviews\/([^/]+)$/, handler: (r) => discard(interviews, r) }
    ];
}
