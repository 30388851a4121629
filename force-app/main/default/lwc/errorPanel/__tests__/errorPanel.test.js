import { createElement } from '@lwc/engine-dom';
import ErrorPanel from 'c/errorPanel';
import { flushPromises } from 'jest-utils/flushPromises';

const updateRecordValidationError = require('../../ldsUtils/__tests__/data/updateRecordValidationError.json');

function render(props) {
    const element = createElement('c-error-panel', { is: ErrorPanel });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-error-panel', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('shows the default summary and every message of the error', async () => {
        const element = render({ errors: updateRecordValidationError });
        await flushPromises();

        const alert = element.shadowRoot.querySelector('[role="alert"]');
        expect(alert.querySelector('.summary').textContent).toBe('c.Error_Panel_Default_Message');
        const items = [...alert.querySelectorAll('.messages li')].map((li) => li.textContent);
        expect(items).toEqual(['A closed web form cannot be reopened.', 'Required fields are missing: [Subject]']);
    });

    it('shows the caller’s summary and no list when the error has no message', async () => {
        const element = render({ errors: {}, friendlyMessage: 'The web form could not be converted.' });
        await flushPromises();

        expect(element.shadowRoot.querySelector('.summary').textContent).toBe('The web form could not be converted.');
        expect(element.shadowRoot.querySelector('.messages')).toBeNull();
    });

    it('updates when the errors change', async () => {
        const element = render({ errors: new Error('first') });
        await flushPromises();
        element.errors = [new Error('second'), 'third'];
        await flushPromises();

        const items = [...element.shadowRoot.querySelectorAll('.messages li')].map((li) => li.textContent);
        expect(items).toEqual(['second', 'third']);
    });

    it('is accessible', async () => {
        const element = render({ errors: updateRecordValidationError });
        await flushPromises();

        await expect(element).toBeAccessible();
    });
});
