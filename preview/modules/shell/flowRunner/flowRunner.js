/**
 * The flow runtime of a Flow quick action in the preview (Salesforce's is `lightning-flow`, whose server side is
 * internal): runs an interview through local-org's own endpoint (`local-org/flow-interviews`, see
 * local-org/README.md), renders each screen's component fields with their inputs and `availableActions`, and its
 * display text; collects the components' outputs from FlowAttributeChangeEvent and navigates on
 * FlowNavigation*Event or the footer's buttons. Fires `flowclose` (`detail.finished`) when the interview finished
 * (the page then refreshes) or the user closes an ended one.
 */
import { LightningElement, api, getComponentDef } from 'lwc';
import components from 'preview:components';
import { apiFetch } from 'preview/api';

const INTERVIEWS = 'local-org/flow-interviews';
const BUTTONS = { BACK: 'Previous', NEXT: 'Next', FINISH: 'Finish' };
const NAVIGATION_EVENTS = {
    lightning__flownavigationback: 'BACK',
    lightning__flownavigationnext: 'NEXT',
    lightning__flownavigationfinish: 'FINISH'
};

/** The properties a component declares with `@api`: only those are set, as Lightning does. */
function declaredProps(ctor, values) {
    const declared = getComponentDef(ctor).props;
    return Object.fromEntries(Object.entries(values).filter(([name]) => Object.hasOwn(declared, name)));
}

export default class FlowRunner extends LightningElement {
    @api flowApiName;
    @api label;
    @api recordId;

    interviewId;
    status;
    screen;
    fields = [];
    /** Output values the screen's components reported, by field name then output name. */
    outputs = {};
    busy = true;
    /** The message of a refused navigation, shown above the screen (the interview stays where it was). */
    message;
    /** The message of an interview that ended in error. */
    failure;

    connectedCallback() {
        this.template.addEventListener('lightning__flowattributechange', this.handleAttributeChange);
        for (const name of [...Object.keys(NAVIGATION_EVENTS), 'lightning__flownavigationpause'])
            this.template.addEventListener(name, this.handleNavigationEvent);
        this.start();
    }

    disconnectedCallback() {
        // Closed before the end: the interview is discarded, as closing Lightning's flow modal abandons it.
        if (this.interviewId && this.status === 'STARTED')
            apiFetch(`${INTERVIEWS}/${this.interviewId}`, { method: 'DELETE' }).catch(() => {});
    }

    async start() {
        await this.call(INTERVIEWS, { flowApiName: this.flowApiName, recordId: this.recordId, inputs: {} });
    }

    async call(path, body) {
        this.busy = true;
        this.message = undefined;
        try {
            await this.show(await apiFetch(path, { method: 'POST', body }));
        } catch (error) {
            const first = Array.isArray(error.body) ? error.body[0] : undefined;
            this.message = first?.message ?? error.message;
            if (!this.screen) this.failure = this.message;
        } finally {
            this.busy = false;
        }
    }

    async show(answer) {
        this.interviewId = answer.interviewId;
        this.status = answer.status;
        if (answer.status === 'FINISHED') {
            this.dispatchEvent(new CustomEvent('flowclose', { detail: { finished: true } }));
            return;
        }
        if (answer.status === 'ERROR') {
            this.screen = undefined;
            this.failure = answer.error?.message;
            return;
        }
        this.outputs = {};
        this.fields = await Promise.all(answer.screen.fields.map((field) => this.fieldView(field, answer.screen)));
        this.screen = answer.screen;
    }

    async fieldView(field, screen) {
        if (field.fieldType === 'DisplayText') return { key: field.name, name: field.name, text: field.text };
        const bundle = field.extensionName.replace(/^c:/, '');
        const load = components[bundle];
        if (!load)
            return {
                key: field.name,
                name: field.name,
                missing: `Component ${field.extensionName} is not in this project`
            };
        const ctor = (await load()).default;
        const props = declaredProps(ctor, { ...field.inputs, availableActions: screen.availableActions });
        return {
            key: `${screen.name}.${field.name}`,
            name: field.name,
            ctor,
            props,
            outputNames: field.outputs,
            component: true
        };
    }

    handleAttributeChange = (event) => {
        event.stopPropagation();
        const host = event.target.closest('[data-field]');
        const field = this.fields.find((f) => f.name === host?.dataset.field);
        const { attributeName, attributeValue } = event.detail ?? {};
        if (!field?.component || !field.outputNames.includes(attributeName)) return;
        this.outputs = {
            ...this.outputs,
            [field.name]: { ...this.outputs[field.name], [attributeName]: attributeValue }
        };
    };

    handleNavigationEvent = (event) => {
        event.stopPropagation();
        const action = NAVIGATION_EVENTS[event.type];
        if (!action) {
            this.message = 'Pausing is not available: this org does not let users pause flows.';
            return;
        }
        this.navigate(action);
    };

    handleButton(event) {
        this.navigate(event.currentTarget.dataset.navigation);
    }

    navigate(action) {
        if (this.busy || !this.screen) return;
        if (!this.screen.availableActions.includes(action)) {
            this.message = `${BUTTONS[action] ?? action} is not available on this screen.`;
            return;
        }
        const outputs = action === 'BACK' ? {} : this.outputs;
        this.call(`${INTERVIEWS}/${this.interviewId}`, { action, outputs });
    }

    handleClose() {
        this.dispatchEvent(new CustomEvent('flowclose', { detail: { finished: false } }));
    }

    get showHeader() {
        return Boolean(this.screen?.showHeader);
    }

    get footerButtons() {
        if (!this.screen?.showFooter) return [];
        return this.screen.availableActions.map((action) => ({
            action,
            label: BUTTONS[action],
            variant: action === 'BACK' ? 'neutral' : 'brand',
            disabled: this.busy
        }));
    }

    get hasFooter() {
        return this.footerButtons.length > 0;
    }
}
