/** lightning/platformShowToastEvent: the event a component fires; the preview shell shows it as a toast. */
export const ShowToastEventName = 'lightning__showtoast';

export class ShowToastEvent extends CustomEvent {
    constructor(toast) {
        super(ShowToastEventName, { composed: true, cancelable: true, bubbles: true, detail: { ...toast } });
    }
}
