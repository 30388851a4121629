/** lightning-quick-action-panel: the header, body and footer frame of a ScreenAction, as in the action modal. */
import { LightningElement, api } from 'lwc';

export default class QuickActionPanel extends LightningElement {
    @api header;
}
