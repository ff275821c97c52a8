import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';

/** Debian's chromium package; tests never download a browser (infra/test.sh installs it when missing). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const VIEWPORTS = {
  phone: { width: 360, height: 640 },
  desktop: { width: 1366, height: 768 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (own storage) with one page at the viewport, in Indonesian. */
  newPage(viewport?: ViewportName): Promise<Page>;
  close(): Promise<void>;
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export async function launchChromium(): Promise<TestBrowser> {
  if (!chromiumAvailable()) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // No --user-data-dir: Playwright gives every launch a fresh temporary profile and removes it.
    ],
  });
  return {
    browser,
    async newPage(viewport: ViewportName = 'phone') {
      const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
      const page = await context.newPage();
      watchProblems(page);
      return page;
    },
    async close() {
      await browser.close();
    },
  };
}

const problems = new WeakMap<Page, string[]>();

/** Records what a page should never do: break its Content-Security-Policy or throw uncaught. */
function watchProblems(page: Page): void {
  const seen: string[] = [];
  problems.set(page, seen);
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) seen.push(`CSP: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.push(`uncaught: ${e.message}`));
}

/** The CSP violations and uncaught errors of a page opened with TestBrowser.newPage. */
export function pageProblems(page: Page): string[] {
  return problems.get(page) ?? [];
}
