/**
 * Project mock of lightning/flowSupport. sfdx-lwc-jest's stub drops the constructor's arguments, so a test could
 * not see which output a component set to what. The platform's constructor is
 * `new FlowAttributeChangeEvent(attributeName, attributeValue)` (Component Reference, "Flow Support"); how its
 * event carries them is not documented, so this mock keeps them in `detail` for tests to read. The navigation
 * events take no arguments. Event names are sfdx-lwc-jest's stub's.
 */
export class FlowAttributeChangeEvent extends CustomEvent {
    constructor(attributeName, attributeValue) {
        super('lightning__flowattributechange', {
            bubbles: true,
            composed: true,
            cancelable: true,
            detail: { attributeName, attributeValue }
        });
    }
}

export class FlowNavigationNextEvent extends CustomEvent {
    constructor() {
        super('lightning__flownavigationnext', { bubbles: true, composed: true, cancelable: true });
    }
}

export class FlowNavigationBackEvent extends CustomEvent {
    constructor() {
        super('lightning__flownavigationback', { bubbles: true, composed: true, cancelable: true });
    }
}

export class FlowNavigationPauseEvent extends CustomEvent {
    constructor() {
        super('lightning__flownavigationpause', { bubbles: true, composed: true, cancelable: true });
    }
}

export class FlowNavigationFinishEvent extends CustomEvent {
    constructor() {
        super('lightning__flownavigationfinish', { bubbles: true, composed: true, cancelable: true });
    }
}
