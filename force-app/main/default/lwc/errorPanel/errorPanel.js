import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/ldsUtils';
import DEFAULT_MESSAGE from '@salesforce/label/c.Error_Panel_Default_Message';
import ERROR_ICON_TEXT from '@salesforce/label/c.Error_Panel_Icon_Text';

/**
 * Shows what went wrong in words an agent can act on: a summary plus every distinct message the org returned.
 */
export default class ErrorPanel extends LightningElement {
    /** @type {any} an LDS/GraphQL/JavaScript error, or a list of them */
    @api errors;

    /** @type {string | undefined} summary shown above the messages */
    @api friendlyMessage;

    iconText = ERROR_ICON_TEXT;

    get summary() {
        return this.friendlyMessage || DEFAULT_MESSAGE;
    }

    get messages() {
        return reduceErrors(this.errors);
    }

    get hasMessages() {
        return this.messages.length > 0;
    }
}
