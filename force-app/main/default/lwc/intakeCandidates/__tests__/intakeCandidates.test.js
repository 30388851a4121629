import { createElement } from '@lwc/engine-dom';
import IntakeCandidates from 'c/intakeCandidates';
import { flushPromises } from 'jest-utils/flushPromises';

jest.mock('@salesforce/label/c.Web_Form_Intake_Score', () => ({ default: '{0}% match' }), { virtual: true });
jest.mock('@salesforce/label/c.Web_Form_Intake_Account_Of', () => ({ default: 'at {0}' }), { virtual: true });

const ACME = '001LO0000000001AAA';
const JANE = '003LO0000000001AAA';
const ACCOUNTS = [{ Id: ACME, Name: 'Acme Corporation', BillingCity: 'San Francisco', Website: 'acme.example' }];
const CONTACTS = [{ Id: JANE, AccountId: ACME, FirstName: 'Jane', LastName: 'Smith', Email: 'jane@acme.example' }];
const CANDIDATES = [
    { id: JANE, type: 'Contact', score: 0.97, reasons: ['email matches', 'a reason without a label'] },
    { id: ACME, type: 'Account', score: 0.456, reasons: ['same company name'] }
];

async function render(props) {
    const element = createElement('c-intake-candidates', { is: IntakeCandidates });
    Object.assign(element, { candidates: CANDIDATES, accounts: ACCOUNTS, contacts: CONTACTS, ...props });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const text = (node) => node.textContent.trim();

describe('c-intake-candidates', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('shows each candidate with its score, its details and the matcher’s reasons as labels', async () => {
        const element = await render({ canLink: true });

        const rows = $$(element, 'li.candidate').map((item) => [
            item.dataset.id,
            text(item.querySelector('.name')),
            text(item.querySelector('.score')),
            text(item.querySelector('.detail')),
            text(item.querySelector('.reasons'))
        ]);
        expect(rows).toEqual([
            [
                ACME,
                'Acme Corporation',
                '46% match',
                'San Francisco · acme.example',
                'c.Web_Form_Intake_Reason_Company_Name'
            ],
            [
                JANE,
                'Jane Smith',
                '97% match',
                'jane@acme.example · at Acme Corporation',
                'c.Web_Form_Intake_Reason_Email, a reason without a label'
            ]
        ]);
        await expect(element).toBeAccessible();
    });

    it('reports the agent’s choice with link, and does not offer the record the case is linked to', async () => {
        const element = await render({ canLink: true, linkedAccountId: ACME });
        const links = [];
        element.addEventListener('link', (event) => links.push(event.detail));

        const [account] = $$(element, 'lightning-button.link-account');
        const [contact] = $$(element, 'lightning-button.link-contact');
        expect(account.disabled).toBe(true);
        contact.click();

        expect(links).toEqual([{ type: 'Contact', id: JANE }]);
    });

    it('offers no link buttons when the user may not link', async () => {
        const element = await render({ canLink: false });

        expect($$(element, 'li.candidate')).toHaveLength(2);
        expect($$(element, 'lightning-button')).toEqual([]);
    });

    it('says when there are no candidates', async () => {
        const element = await render({ candidates: [] });

        expect(text(element.shadowRoot.querySelector('.no-candidates'))).toBe('c.Web_Form_Intake_No_Candidates');
    });
});
