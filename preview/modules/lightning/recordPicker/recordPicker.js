/**
 * lightning-record-picker, for the preview (lightning-base-components does not ship it): a lookup that searches
 * records of `object-api-name` through local-org's UI API GraphQL endpoint, as the platform's picker does through
 * the GraphQL wire. Typing two or more characters lists the records whose Name starts with the text (within
 * `filter`), in an SLDS lookup listbox with combobox/listbox/option roles and keyboard support (Down/Up move,
 * Enter selects, Escape closes); the selected record's Name shows in the field with a button to clear it.
 *
 * Public API implemented: label, placeholder, object-api-name, value, filter (criteria and filterLogic), required,
 * disabled, variant, message-when-value-missing; `change` with `detail.recordId`; checkValidity, reportValidity,
 * setCustomValidity, showHelpMessageIfInvalid, clearSelection, focus, blur, validity. The documented attributes it
 * does not implement (display-info, matching-info, field-level-help, message-when-bad-input) are refused with a
 * console error naming them, so a component relying on them does not silently look right.
 */
import { LightningElement, api } from 'lwc';
import { postGraphql } from 'preview/api';
import { MIN_SEARCH_LENGTH, pickerFilter, recordOperation, recordsOf, searchOperation } from 'preview/recordSearch';

const SEARCH_DELAY_MS = 200;
const VALUE_MISSING = 'Complete this field.';

function refuse(attribute, value) {
    if (value === undefined || value === null) return;
    console.error(
        `lightning-record-picker: ${attribute} is not implemented by the preview's record picker ` +
            '(preview/modules/lightning/recordPicker); the component would behave differently in Salesforce.'
    );
}

let instances = 0;

export default class RecordPicker extends LightningElement {
    @api label = '';
    @api placeholder;
    @api objectApiName;
    @api required = false;
    @api disabled = false;
    @api variant = 'standard';
    @api messageWhenValueMissing;

    @api
    get filter() {
        return this._filter;
    }
    set filter(value) {
        try {
            pickerFilter(value);
        } catch (error) {
            console.error(`lightning-record-picker: ${error.message}`);
        }
        this._filter = value;
    }

    @api
    get value() {
        return this.selected?.id ?? this._value;
    }
    set value(recordId) {
        const id = recordId || undefined;
        if (id === this._value && (!id || this.selected?.id === id)) return;
        this._value = id;
        if (!id) {
            this.selected = undefined;
            return;
        }
        if (this.selected?.id !== id) {
            this.selected = { id, name: '' };
            if (this.connected) this.loadSelected();
        }
    }

    @api
    get displayInfo() {
        return undefined;
    }
    set displayInfo(value) {
        refuse('display-info', value);
    }

    @api
    get matchingInfo() {
        return undefined;
    }
    set matchingInfo(value) {
        refuse('matching-info', value);
    }

    @api
    get fieldLevelHelp() {
        return undefined;
    }
    set fieldLevelHelp(value) {
        refuse('field-level-help', value);
    }

    @api
    get messageWhenBadInput() {
        return undefined;
    }
    set messageWhenBadInput(value) {
        refuse('message-when-bad-input', value);
    }

    _filter;
    _value;
    /** @type {{ id: string, name: string } | undefined} */
    selected;
    searchText = '';
    records = [];
    activeIndex = -1;
    open = false;
    searching = false;
    searchError = '';
    customValidity = '';
    showError = false;
    connected = false;
    timer;
    sequence = 0;
    uid = `record-picker-${++instances}`;

    connectedCallback() {
        this.connected = true;
        if (this.selected && !this.selected.name) this.loadSelected();
    }

    disconnectedCallback() {
        this.connected = false;
        clearTimeout(this.timer);
    }

    async loadSelected() {
        const id = this.selected?.id;
        if (!id || !this.objectApiName) return;
        const result = await postGraphql(recordOperation(this.objectApiName, id));
        if (this.selected?.id !== id) return;
        const [record] = recordsOf(result.data, this.objectApiName);
        this.selected = { id, name: record?.name ?? id };
        if (result.errors) this.dispatchEvent(new CustomEvent('error', { detail: { errors: result.errors } }));
    }

    // ----- rendering -----

    get hasSelection() {
        return Boolean(this.selected);
    }

    get inputValue() {
        return this.selected ? this.selected.name : this.searchText;
    }

    get placeholderText() {
        return this.placeholder ?? 'Search...';
    }

    get clearLabel() {
        return `Clear selection${this.selected?.name ? `: ${this.selected.name}` : ''}`;
    }

    get invalid() {
        return this.showError && Boolean(this.validationMessage);
    }

    get validationMessage() {
        if (this.customValidity) return this.customValidity;
        if (this.required && !this.selected) return this.messageWhenValueMissing || VALUE_MISSING;
        return '';
    }

    get helpMessage() {
        return this.invalid ? this.validationMessage : '';
    }

    get formElementClass() {
        return [
            'slds-form-element',
            this.invalid ? 'slds-has-error' : '',
            this.variant === 'label-inline' ? 'slds-form-element_horizontal' : '',
            this.variant === 'label-stacked' ? 'slds-form-element_stacked' : ''
        ]
            .filter(Boolean)
            .join(' ');
    }

    get labelClass() {
        return this.variant === 'label-hidden'
            ? 'slds-form-element__label slds-assistive-text'
            : 'slds-form-element__label';
    }

    get containerClass() {
        return `slds-combobox_container${this.selected ? ' slds-has-selection' : ''}`;
    }

    get comboboxClass() {
        return `slds-combobox slds-dropdown-trigger slds-dropdown-trigger_click${this.open ? ' slds-is-open' : ''}`;
    }

    get formElementInputClass() {
        return 'slds-combobox__form-element slds-input-has-icon slds-input-has-icon_right';
    }

    get ariaExpanded() {
        return this.open ? 'true' : 'false';
    }

    get ariaInvalid() {
        return this.invalid ? 'true' : 'false';
    }

    get ariaRequired() {
        return this.required ? 'true' : 'false';
    }

    get listboxHidden() {
        return !this.open;
    }

    get options() {
        return this.records.map((record, index) => ({
            ...record,
            domId: `${this.uid}-option-${index}`,
            ariaSelected: index === this.activeIndex ? 'true' : 'false',
            className: `slds-media slds-listbox__option slds-listbox__option_entity${
                index === this.activeIndex ? ' slds-has-focus' : ''
            }`
        }));
    }

    get activeDescendant() {
        return this.open && this.activeIndex >= 0 ? `${this.uid}-option-${this.activeIndex}` : undefined;
    }

    get statusText() {
        if (this.searching) return 'Searching...';
        if (this.searchError) return this.searchError;
        if (this.records.length === 0 && this.searchText.trim().length >= MIN_SEARCH_LENGTH) {
            return `No results for "${this.searchText.trim()}"`;
        }
        return '';
    }

    // ----- searching -----

    handleInput(event) {
        this.searchText = event.target.value;
        clearTimeout(this.timer);
        const text = this.searchText.trim();
        if (text.length < MIN_SEARCH_LENGTH) {
            this.records = [];
            this.activeIndex = -1;
            this.open = false;
            this.searching = false;
            return;
        }
        this.open = true;
        this.searching = true;
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.timer = setTimeout(() => this.search(text), SEARCH_DELAY_MS);
    }

    async search(text) {
        const sequence = ++this.sequence;
        let result;
        try {
            result = await postGraphql(searchOperation(this.objectApiName, text, this._filter));
        } catch (error) {
            result = { errors: [{ message: error.message }] };
        }
        if (sequence !== this.sequence || this.selected) return;
        this.searching = false;
        this.records = recordsOf(result.data, this.objectApiName);
        this.activeIndex = this.records.length ? 0 : -1;
        this.searchError = result.errors ? result.errors.map((e) => e.message).join(' ') : '';
        if (result.errors) this.dispatchEvent(new CustomEvent('error', { detail: { errors: result.errors } }));
    }

    // ----- choosing -----

    select(record) {
        this.selected = { id: record.id, name: record.name };
        this._value = record.id;
        this.close();
        this.searchText = '';
        this.showError = false;
        this.dispatchEvent(new CustomEvent('change', { detail: { recordId: record.id } }));
    }

    close() {
        clearTimeout(this.timer);
        this.sequence++;
        this.open = false;
        this.searching = false;
        this.records = [];
        this.activeIndex = -1;
    }

    handleKeyDown(event) {
        if (this.selected) {
            if (event.key === 'Backspace' || event.key === 'Delete') {
                event.preventDefault();
                this.handleClear();
            }
            return;
        }
        const count = this.records.length;
        switch (event.key) {
            case 'ArrowDown':
                event.preventDefault();
                if (count) {
                    this.open = true;
                    this.activeIndex = (this.activeIndex + 1) % count;
                }
                break;
            case 'ArrowUp':
                event.preventDefault();
                if (count) {
                    this.open = true;
                    this.activeIndex = this.activeIndex <= 0 ? count - 1 : this.activeIndex - 1;
                }
                break;
            case 'Home':
                if (this.open && count) {
                    event.preventDefault();
                    this.activeIndex = 0;
                }
                break;
            case 'End':
                if (this.open && count) {
                    event.preventDefault();
                    this.activeIndex = count - 1;
                }
                break;
            case 'Enter':
                if (this.open && this.activeIndex >= 0 && this.records[this.activeIndex]) {
                    event.preventDefault();
                    this.select(this.records[this.activeIndex]);
                }
                break;
            case 'Escape':
                if (this.open) {
                    event.preventDefault();
                    event.stopPropagation();
                    this.close();
                }
                break;
            default:
        }
    }

    handleOptionMouseDown(event) {
        // Keeps the focus in the input, so the listbox does not close before the click selects.
        event.preventDefault();
    }

    handleOptionClick(event) {
        const record = this.records.find((candidate) => candidate.id === event.currentTarget.dataset.recordId);
        if (record) this.select(record);
    }

    handleClear() {
        if (this.disabled) return;
        this.selected = undefined;
        this._value = undefined;
        this.searchText = '';
        this.dispatchEvent(new CustomEvent('change', { detail: { recordId: null } }));
        Promise.resolve().then(() => this.template.querySelector('input')?.focus());
    }

    handleFocus() {
        this.dispatchEvent(new CustomEvent('focus'));
    }

    handleBlur() {
        this.close();
        this.showError = true;
        this.dispatchEvent(new CustomEvent('blur'));
    }

    // ----- methods -----

    @api
    get validity() {
        const valueMissing = Boolean(this.required && !this.selected);
        const customError = Boolean(this.customValidity);
        return { valueMissing, customError, valid: !valueMissing && !customError };
    }

    @api
    checkValidity() {
        return this.validity.valid;
    }

    @api
    reportValidity() {
        this.showError = true;
        return this.checkValidity();
    }

    @api
    showHelpMessageIfInvalid() {
        this.reportValidity();
    }

    @api
    setCustomValidity(message) {
        this.customValidity = message || '';
    }

    @api
    clearSelection() {
        this.selected = undefined;
        this._value = undefined;
        this.searchText = '';
    }

    @api
    focus() {
        this.template.querySelector('input')?.focus();
    }

    @api
    blur() {
        this.template.querySelector('input')?.blur();
    }
}
