/**
 * Debian's Chromium driven by playwright-core (no Playwright browser download), headless with a fresh profile,
 * and a screenshot of the page when a test step fails.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from '../../scripts/lib/project.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const resultsDir = join(projectRoot, 'e2e', 'results');

export const CHROMIUM_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
];

export function chromiumInstalled(): boolean {
    return existsSync(CHROMIUM);
}

export interface Browser {
    context: BrowserContext;
    close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
    const profile = await mkdtemp(join(tmpdir(), 'caseline-e2e-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1280, height: 900 }
    });
    return {
        context,
        async close() {
            await context.close();
            await rm(profile, { recursive: true, force: true });
        }
    };
}

/** Runs a test body with a new page; on failure saves e2e/results/<name>.png and rethrows. */
export async function withPage(browser: Browser, name: string, body: (page: Page) => Promise<void>): Promise<void> {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    try {
        await body(page);
    } catch (error) {
        mkdirSync(resultsDir, { recursive: true });
        const file = join(resultsDir, `${name.replace(/[^\w-]+/g, '_')}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
        const details = problems.length ? `\n${problems.join('\n')}` : '';
        throw new Error(`${(error as Error).message}\nScreenshot: ${file}${details}`, { cause: error });
    } finally {
        await page.close();
    }
}

/** Signs the browser in as a user by setting the session cookie, as /secur/frontdoor.jsp would. */
export async function signIn(browser: Browser, origin: string, token: string): Promise<void> {
    await browser.context.clearCookies();
    await browser.context.addCookies([{ name: 'sid', value: token, url: origin }]);
}

/**
 * Waits until the preview's list has loaded and lightning-datatable has rendered every row it was given: the list
 * marks itself loaded when its rows are set, and the table renders them in a later cycle.
 */
export async function waitForListRows(page: Page): Promise<void> {
    const list = page.locator('[data-id="list"]');
    // Playwright's locators pierce the components' shadow trees, which document.querySelectorAll does not.
    const rows = list.locator('lightning-datatable tbody tr');
    const deadline = Date.now() + 30_000;
    for (;;) {
        // data-row-count is there only once the list has its rows (shell/listView's rowCount).
        const expected = await list.getAttribute('data-row-count');
        if (expected !== null && (await rows.count()) === Number(expected)) return;
        if (Date.now() > deadline) throw new Error(`the list did not render its rows (${expected ?? '?'}) within 30 s`);
        await page.waitForTimeout(50);
    }
}
