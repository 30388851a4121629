// Synthetic shadow first, as in Lightning Experience: LBC needs it and SLDS stays global.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import App from 'shell/app';

// eslint-disable-next-line @lwc/lwc/no-document-query
const root = document.getElementById('root');
root.appendChild(createElement('shell-app', { is: App }));
window.__previewRendered = performance.now();
