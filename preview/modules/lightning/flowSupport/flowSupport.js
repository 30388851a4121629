/**
 * lightning/flowSupport: the events a flow screen component fires (Component Reference, "Flow Support":
 * FlowAttributeChangeEvent, FlowNavigationBackEvent, FlowNavigationNextEvent, FlowNavigationPauseEvent,
 * FlowNavigationFinishEvent), with the platform's event names as sfdx-lwc-jest's stub of the module has them.
 * They bubble and cross shadow boundaries to the flow runtime, here the preview's shell/flowRunner.
 */
export const FlowAttributeChangeEventName = 'lightning__flowattributechange';
export const FlowNavigationBackEventName = 'lightning__flownavigationback';
export const FlowNavigationNextEventName = 'lightning__flownavigationnext';
export const FlowNavigationPauseEventName = 'lightning__flownavigationpause';
export const FlowNavigationFinishEventName = 'lightning__flownavigationfinish';

/** "Informs the runtime that a component property has changed": the property's name and its new value. */
export class FlowAttributeChangeEvent extends CustomEvent {
    constructor(attributeName, attributeValue) {
        super(FlowAttributeChangeEventName, {
            bubbles: true,
            composed: true,
            cancelable: true,
            detail: { attributeName, attributeValue }
        });
    }
}

export class FlowNavigationBackEvent extends CustomEvent {
    constructor() {
        super(FlowNavigationBackEventName, { bubbles: true, composed: true, cancelable: true });
    }
}

export class FlowNavigationNextEvent extends CustomEvent {
    constructor() {
        super(FlowNavigationNextEventName, { bubbles: true, composed: true, cancelable: true });
    }
}

/** Pausing needs the org's "Let users pause flows"; local-org has no paused interviews, so the runner refuses it. */
export class FlowNavigationPauseEvent extends CustomEvent {
    constructor() {
        super(FlowNavigationPauseEventName, { bubbles: true, composed: true, cancelable: true });
    }
}

export class FlowNavigationFinishEvent extends CustomEvent {
    constructor() {
        super(FlowNavigationFinishEventName, { bubbles: true, composed: true, cancelable: true });
    }
}
