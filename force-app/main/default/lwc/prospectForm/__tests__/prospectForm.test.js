import { createElement } from '@lwc/engine-dom';
import ProspectForm from 'c/prospectForm';
import { flushPromises } from 'jest-utils/flushPromises';

jest.mock('@salesforce/label/c.Web_Form_Intake_Missing_Required', () => ({ default: 'Fill in: {0}' }), {
    virtual: true
});

async function render(props) {
    const element = createElement('c-prospect-form', { is: ProspectForm });
    Object.assign(element, { heading: 'New prospect', ...props });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const text = (node) => node.textContent.trim();
const parts = (element) =>
    $$(element, 'fieldset').map((fieldset) => [
        text(fieldset.querySelector('legend')),
        [...fieldset.querySelectorAll('lightning-input')].map((input) => [input.dataset.field, input.required])
    ]);

describe('c-prospect-form', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('shows the account, the contact and the shared address, with the account name and last name required', async () => {
        const element = await render({ values: { Name: 'Acme', LastName: '' } });

        expect(parts(element)).toEqual([
            [
                'c.Web_Form_Intake_Form_Account',
                [
                    ['Name', true],
                    ['AccountPhone', false],
                    ['Website', false]
                ]
            ],
            [
                'c.Web_Form_Intake_Form_Contact',
                [
                    ['FirstName', false],
                    ['LastName', true],
                    ['Email', false],
                    ['ContactPhone', false]
                ]
            ],
            [
                'c.Web_Form_Intake_Form_Address',
                [
                    ['BillingStreet', false],
                    ['BillingCity', false],
                    ['BillingPostalCode', false],
                    ['BillingCountry', false]
                ]
            ]
        ]);
        expect(text(element.shadowRoot.querySelector('.missing'))).toBe('Fill in: c.Web_Form_Intake_Last_Name');
        await expect(element).toBeAccessible();
    });

    it('asks for the contact and its mailing address only, for an account the case already has', async () => {
        const element = await render({ contactOnly: true, values: {} });

        expect(parts(element).map(([legend]) => legend)).toEqual([
            'c.Web_Form_Intake_Form_Contact',
            'c.Web_Form_Intake_Form_Mailing_Address'
        ]);
        expect(text(element.shadowRoot.querySelector('.missing'))).toBe('Fill in: c.Web_Form_Intake_Last_Name');
        await expect(element).toBeAccessible();
    });

    it('reports edits, save and cancel as events and keeps no values of its own', async () => {
        const element = await render({ values: { Name: 'Acme', LastName: 'Smith' } });
        const events = [];
        for (const name of ['fieldchange', 'save', 'cancel', 'change']) {
            element.addEventListener(name, (event) => events.push([name, event.detail]));
        }

        const lastName = $$(element, 'lightning-input').find((input) => input.dataset.field === 'LastName');
        lastName.dispatchEvent(
            new CustomEvent('change', { detail: { value: 'Smyth' }, bubbles: true, composed: true })
        );
        $$(element, 'lightning-button.save')[0].click();
        $$(element, 'lightning-button.cancel')[0].click();
        await flushPromises();

        expect(events).toEqual([
            ['fieldchange', { key: 'LastName', value: 'Smyth' }],
            ['save', null],
            ['cancel', null]
        ]);
        expect(lastName.value).toBe('Smith');
    });
});
