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

/**
 * Signs a page's context in as a demo user without the login screens (the session the login flow
 * would store, with a token from the platform's issuer): for screen tests that are not about login.
 * Call before the first navigation.
 */
export async function signInDirectly(page: Page, platform: { token(username: string): Promise<string> }, username: string): Promise<void> {
  const accessToken = await platform.token(username);
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8')) as Record<string, string>;
  const session = {
    accessToken,
    expiresAt: Date.now() + 3_600_000,
    user: { id: claims.sub, name: claims.name, role: claims.role, kecamatan: claims.kecamatan, desa: claims.desa },
  };
  await page.context().addInitScript(`sessionStorage.setItem('adminduk.session', ${JSON.stringify(JSON.stringify(session))});`);
}
