import { createElement } from '@lwc/engine-dom';
import OpenCases from 'c/openCases';
import { gql, graphql } from 'lightning/graphql';
import { flushPromises } from 'jest-utils/flushPromises';

// local-org's answer to the component's own query (local-org/test/newServiceCase.test.ts runs the same document).
const openCases = require('./data/openCases.json');

const ACCOUNT = '001LO0000000001YAA';
const WEB_FORM = '500LO0000000009YAA';

async function render(props) {
    const element = createElement('c-open-cases', { is: OpenCases });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

describe('c-open-cases', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('asks for the account’s open cases, leaving out the case being worked on', async () => {
        await render({ accountId: ACCOUNT, excludeId: WEB_FORM });
        const { query, variables } = graphql.getLastConfig();
        expect(gql.mock.results.map((result) => result.value)).toContain(query);
        expect(query).toContain('query OpenCases($accountId: ID, $excludeId: ID)');
        expect(query).toContain('{ IsClosed: { eq: false } }');
        expect(variables).toEqual({ accountId: ACCOUNT, excludeId: WEB_FORM });
    });

    it('lists each open case as a link to it, with its status and subject', async () => {
        const element = await render({ accountId: ACCOUNT });
        expect($(element, '.loading')).not.toBeNull();
        graphql.emit(openCases);
        await flushPromises();
        const items = $$(element, 'li');
        expect(items.map((item) => [item.querySelector('a').getAttribute('href'), item.textContent])).toEqual([
            ['/lightning/r/Case/500LO0000000001YAA/view', '00001002 New · Roof leak after installation']
        ]);
        expect($(element, '.hint').textContent).toBe('c.Open_Cases_Hint');
        expect($(element, '.none')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says when the account has none, and shows a load failure', async () => {
        const element = await render({ accountId: ACCOUNT });
        graphql.emit({ uiapi: { query: { Case: { edges: [] } } } });
        await flushPromises();
        expect($(element, '.none').textContent).toBe('c.Open_Cases_None');
        await expect(element).toBeAccessible();
        graphql.emitErrors([{ message: 'Boom' }]);
        await flushPromises();
        expect($(element, 'c-error-panel.load-error').errors).toEqual([{ message: 'Boom' }]);
        expect($(element, '.none')).toBeNull();
        await expect(element).toBeAccessible();
    });
});
