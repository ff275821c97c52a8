import type { Browser } from 'playwright-core';
import { ApiClient } from '@adminduk/gateway/testing';
import { signInDirectly, type WebPlatform } from '@adminduk/web/testing';
import { submissionBodies } from './submission-bodies';

/**
 * The operator's queue with `count` files to verify, on the desktop profile (1366x768, no throttling):
 * how long from navigation until the rows are on screen, and until the page answers input (a task
 * posted after the rows appeared has run: the main thread is free).
 */
export async function seedCounterFiles(web: WebPlatform, count: number): Promise<void> {
  const operator = new ApiClient(web.platform.gatewayUrl, await web.platform.token('operator.balongbendo'));
  const bodies = submissionBodies({ mothers: count });
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const res = await operator.post('/api/applications', JSON.parse(bodies.bodyFor(i).toString('utf8')));
      if (res.status !== 201) throw new Error(`submission ${i} refused: ${res.status} ${JSON.stringify(res.body)}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  for (let i = 0; i < 600; i++) {
    const queue = await operator.get('/api/applications?bucket=to-verify&limit=500');
    if ((queue.body.items as unknown[]).length >= count) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the queue never showed every seeded file');
}

export async function operatorQueueLoad(browser: Browser, web: WebPlatform, count: number) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
  const page = await context.newPage();
  await signInDirectly(page, web.platform, 'operator.balongbendo');
  await page.goto(`${web.webUrl}/operator/antrean`, { waitUntil: 'commit' });
  // A locator, not waitForFunction: the page's CSP forbids evaluating strings.
  await page
    .locator('main tbody tr')
    .nth(count - 1)
    .waitFor({ timeout: 30_000 });
  const rowsVisibleMs = await page.evaluate<number>('performance.now()');
  // Posted after the rows appeared: runs once the main thread is free, i.e. the page answers input.
  const interactiveMs = await page.evaluate<number>('new Promise((r) => setTimeout(() => r(performance.now()), 0))');
  await context.close();
  return { rowsVisibleMs: Math.round(rowsVisibleMs), interactiveMs: Math.round(interactiveMs) };
}
