/**
 * The preview's Lightning-like shell: global header with navigation and the user switcher, the page for the
 * current URL, and the platform's page services (toasts).
 */
import { LightningElement } from 'lwc';
import Toast from 'lightning/toast';
import { session } from 'preview/session';

export default class App extends LightningElement {
    session = session();

    get page() {
        return this.session.page ?? {};
    }

    get isRecordPage() {
        return this.page.kind === 'record';
    }

    get isListPage() {
        return this.page.kind === 'list' && !this.isActivityListPage;
    }

    /** Task is not a UI API object: its list page reads the REST API's list views (shell/activityList). */
    get isActivityListPage() {
        return this.page.kind === 'list' && this.page.objectApiName === 'Task';
    }

    get isUnknownPage() {
        return !this.isRecordPage && !this.isListPage && !this.isActivityListPage;
    }

    get currentUser() {
        return this.session.users.find((u) => u.id === this.session.userId);
    }

    get userLabel() {
        const user = this.currentUser;
        return user ? `${user.name} (${user.alias})` : 'Signed out';
    }

    get users() {
        const back = encodeURIComponent(window.location.pathname + window.location.search);
        return this.session.users.map((user) => ({
            ...user,
            key: user.username,
            href: `/preview/switch?user=${encodeURIComponent(user.alias)}&retURL=${back}`,
            current: user.id === this.session.userId
        }));
    }

    connectedCallback() {
        this.template.addEventListener('lightning__showtoast', this.handleToast);
    }

    disconnectedCallback() {
        this.template.removeEventListener('lightning__showtoast', this.handleToast);
    }

    /**
     * ShowToastEvent from any component becomes a toast. `{n}` placeholders in the message take messageData:
     * strings as text, `{url, label}` objects as links.
     */
    handleToast = (event) => {
        event.stopPropagation();
        const { title, messageData, variant, mode } = event.detail ?? {};
        let message = event.detail?.message;
        let messageLinks;
        if (Array.isArray(messageData) && typeof message === 'string') {
            messageLinks = [];
            message = message.replace(/\{(\d+)\}/g, (placeholder, index) => {
                const item = messageData[Number(index)];
                if (item === undefined) return placeholder;
                if (typeof item !== 'object' || item === null) return String(item);
                messageLinks.push({ url: item.url, label: item.label });
                return `{${messageLinks.length - 1}}`;
            });
        }
        Toast.show(
            { label: title, message, messageLinks, variant: variant || 'info', mode: mode || 'dismissible' },
            this
        );
    };
}
