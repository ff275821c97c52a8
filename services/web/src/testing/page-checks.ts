import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { pageProblems, VIEWPORTS, type ViewportName } from './chromium';

/** Screenshots stay under the test output (git-ignored). */
export const SCREENS_DIR = path.resolve(__dirname, '../../../../.local/test-output/screens');

/**
 * English words a user must never see (the UI speaks Bahasa Indonesia). Whole words, any case, on
 * the visible text and the labels a screen reader reads. "Status" is here on purpose: say
 * "perkembangan" or "keadaan". Text quoted verbatim from the published standard is marked
 * `data-verbatim` and exempt.
 */
export const ENGLISH_UI_WORDS = [
  'submit',
  'cancel',
  'loading',
  'error',
  'login',
  'logout',
  'log in',
  'log out',
  'sign in',
  'sign out',
  'next',
  'back',
  'save',
  'delete',
  'search',
  'home',
  'status',
  'edit',
  'close',
  'upload',
  'download',
  'settings',
  'password',
  'username',
  'welcome',
  'dashboard',
  'continue',
  'confirm',
  'success',
  'failed',
  'retry',
  'required',
  'optional',
  'not found',
  'unauthorized',
  'forbidden',
  'bad request',
  'page',
  'previous',
  'send',
  'open',
  'view',
  'details',
  'print',
  'reprint',
  'queue',
  'approve',
  'reject',
  'select',
  'choose',
  'file',
];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; fails on any serious or critical violation (named with its elements). */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  // Browser-side code as strings: this file is type-checked without the DOM library.
  const loaded = await page.evaluate<boolean>('typeof window.axe === "object"');
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  if (!loaded) await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate<AxeViolation[]>(
    'window.axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)',
  );
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length)
    throw new Error(
      `axe: ${blocking.length} serious/critical violation(s) on ${label}:\n` +
        blocking.map((v) => `  ${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n'),
    );
}

/** The English UI words on the page's visible text, button values, placeholders and accessible labels. */
export async function englishWordsShown(page: Page): Promise<string[]> {
  const text = await page.evaluate<string>(`(() => {
    // Text quoted verbatim from the published standard (data-verbatim) keeps its own words ("Upload data persyaratan").
    let visible = document.body.innerText;
    document.querySelectorAll('[data-verbatim]').forEach((el) => (visible = visible.replace(el.innerText, ' ')));
    const parts = [visible, document.title];
    document.querySelectorAll('[placeholder],[aria-label],[title],input[type=submit],input[type=button]').forEach((el) => {
      for (const a of ['placeholder', 'aria-label', 'title', 'value']) parts.push(el.getAttribute(a) || '');
    });
    return parts.join('\\n');
  })()`);
  const lower = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return ENGLISH_UI_WORDS.filter((w) => lower.includes(` ${w} `));
}

export async function expectIndonesian(page: Page, label = page.url()): Promise<void> {
  const found = await englishWordsShown(page);
  if (found.length) throw new Error(`English UI text on ${label}: ${found.join(', ')}`);
}

/** Saves <name>-<viewport>.png under SCREENS_DIR; returns the file. */
export async function screenshot(page: Page, name: string, viewport: ViewportName): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const file = path.join(SCREENS_DIR, `${name}-${viewport}.png`);
  await page.setViewportSize(VIEWPORTS[viewport]);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * The check every screen gets: no CSP violation or uncaught error so far, accessible (axe, at both
 * sizes), Indonesian only, and a screenshot at 360×640 and 1366×768. Leaves the page at the size it found it.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  const problems = pageProblems(page);
  if (problems.length) throw new Error(`${name}: ${problems.join('; ')}`);
  await expectIndonesian(page, name);
  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    await screenshot(page, name, viewport);
    await expectAccessible(page, `${name} (${viewport})`);
  }
  if (before) await page.setViewportSize(before);
}
