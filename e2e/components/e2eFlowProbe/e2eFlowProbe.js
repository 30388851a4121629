/**
 * A flow screen component used only by the e2e tests (its only target is lightning__FlowScreen): shows the subject
 * the flow passes in, and on Save reports the typed subject as its output with FlowAttributeChangeEvent, then
 * navigates itself with FlowNavigationNextEvent, as issue 24's Relate Interaction component does.
 */
import { LightningElement, api } from 'lwc';
import { FlowAttributeChangeEvent, FlowNavigationNextEvent } from 'lightning/flowSupport';

export default class E2eFlowProbe extends LightningElement {
    @api recordId;
    @api subject;
    @api newSubject;
    @api availableActions = [];

    typed = '';

    get actions() {
        return (this.availableActions ?? []).join(',');
    }

    handleInput(event) {
        this.typed = event.target.value;
    }

    handleSave() {
        this.dispatchEvent(new FlowAttributeChangeEvent('newSubject', this.typed));
        if (this.availableActions.includes('NEXT')) this.dispatchEvent(new FlowNavigationNextEvent());
    }
}
