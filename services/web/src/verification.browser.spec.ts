import type { Page } from 'playwright-core';
import { checkScreen, launchChromium, startWebPlatform, type TestBrowser, type WebPlatform } from './testing';

// The verification page of a signed KK is the signing service's, reached from the web app on the same origin.
describe('verification page through the one origin', () => {
  let web: WebPlatform;
  let chromium: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    web = await startWebPlatform({ signing: {} });
    chromium = await launchChromium();
    page = await chromium.newPage('phone');
  });
  afterAll(async () => {
    await chromium?.close();
    await web?.close();
  });

  it('the form opens the signing service’s page for the code, which says in Indonesian when it knows no such KK', async () => {
    await page.goto(`${web.webUrl}/`);
    await page.getByRole('link', { name: /Periksa keaslian Kartu Keluarga/ }).click();
    await page.getByRole('heading', { name: 'Periksa keaslian Kartu Keluarga' }).waitFor();
    await checkScreen(page, 'publik-verifikasi');
    await page.getByLabel('Kode dokumen').fill('KODETIDAKADA');
    await page.getByRole('button', { name: 'Periksa' }).click();
    await page.waitForURL(`${web.webUrl}/verifikasi/KODETIDAKADA`);
    const api = await fetch(`${web.webUrl}/api/public/verifikasi/KODETIDAKADA`);
    expect(api.status).toBe(404);
    const { keterangan } = (await api.json()) as { keterangan: string };
    expect(await page.locator('body').innerText()).toContain(keterangan);
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('id');
  });
});
