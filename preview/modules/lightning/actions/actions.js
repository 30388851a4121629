/** lightning/actions: CloseActionScreenEvent, which closes the quick action's modal in the preview shell. */
export const CloseScreenEventName = 'lightning__actionsclosescreen';

export class CloseActionScreenEvent extends CustomEvent {
    constructor() {
        super(CloseScreenEventName, { bubbles: false, composed: false });
    }
}
