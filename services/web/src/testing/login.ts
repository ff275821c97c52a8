import type { Page } from 'playwright-core';

/**
 * Logs in through the browser as a demo user (password "demo"): the web app's PKCE flow, the
 * issuer's Indonesian login page, back to `returnTo`. Leaves the page on the returned screen.
 */
export async function loginAs(page: Page, webUrl: string, username: string, returnTo = '/beranda'): Promise<void> {
  await page.goto(`${webUrl}/masuk?kembali=${encodeURIComponent(returnTo)}`);
  await page.getByRole('button', { name: 'Masuk dengan akun' }).click();
  await page.waitForURL(/\/auth\/authorize/);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill('demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((url) => url.pathname === returnTo.split('?')[0]);
}
