import type { Page } from 'playwright-core';
import { checkScreen, launchChromium, loginAs, signInDirectly, startWebPlatform, type TestBrowser, type WebPlatform } from './testing';

// Login in Chromium: OIDC code flow with PKCE, through the one origin (the issuer behind /auth).
describe('login in the browser', () => {
  let web: WebPlatform;
  let chromium: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    web = await startWebPlatform();
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await web?.close();
  });
  beforeEach(async () => (page = await chromium.newPage('phone')));
  afterEach(() => page.context().close());

  const session = (p: Page) =>
    p.evaluate<{ accessToken: string; idToken: string } | null>('JSON.parse(sessionStorage.getItem("adminduk.session"))');

  it('a citizen logs in with PKCE, the token works on the API through the same origin, and logs out', async () => {
    await page.goto(`${web.webUrl}/masuk`);
    await checkScreen(page, 'masuk');
    await page.getByRole('button', { name: 'Masuk dengan akun' }).click();
    await page.waitForURL(/\/auth\/authorize\?/);
    const authorize = new URL(page.url());
    expect(authorize.origin).toBe(web.webUrl); // the issuer's page on the one origin
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    await checkScreen(page, 'masuk-penerbit');
    await page.getByLabel('Nama pengguna').fill('pemohon.siti');
    await page.getByLabel('Kata sandi').fill('demo');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(`${web.webUrl}/beranda`);
    await page.getByRole('heading', { name: 'Selamat datang, Siti (demo)' }).waitFor();
    await checkScreen(page, 'pemohon-beranda');

    const tokens = await session(page);
    expect(tokens?.accessToken).toBeTruthy();
    // The code is gone from the address bar; the access token is accepted by the gateway behind the edge.
    expect(page.url()).not.toContain('code=');
    const status = await page.evaluate<number>(
      `fetch('/api/applications', { headers: { authorization: 'Bearer ' + ${JSON.stringify(tokens!.accessToken)} } }).then((r) => r.status)`,
    );
    expect(status).toBe(200);

    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL(`${web.webUrl}/`);
    expect(await session(page)).toBeNull();
    await page.goto(`${web.webUrl}/beranda`);
    await page.waitForURL(/\/masuk\?kembali=%2Fberanda/);
  });

  it('a protected page sends a visitor to log in and back to that page', async () => {
    await page.goto(`${web.webUrl}/beranda`);
    await page.waitForURL(/\/masuk\?kembali=/);
    await loginAs(page, web.webUrl, 'operator.balongbendo', '/beranda');
    await page.getByRole('heading', { name: 'Selamat datang, Operator Balongbendo' }).waitFor();
    expect(await page.locator('header').innerText()).toContain('Operator kecamatan');
  });

  it('a wrong password stays on the issuer page with the reason in Indonesian', async () => {
    await page.goto(`${web.webUrl}/masuk`);
    await page.getByRole('button', { name: 'Masuk dengan akun' }).click();
    await page.waitForURL(/\/auth\/authorize/);
    await page.getByLabel('Nama pengguna').fill('pemohon.siti');
    await page.getByLabel('Kata sandi').fill('bukan-demo');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('alert').filter({ hasText: 'Nama pengguna atau kata sandi salah.' }).waitFor();
    expect(await session(page)).toBeNull();
  });

  it('a callback whose state is not the one sent is refused, no token kept', async () => {
    await page.goto(`${web.webUrl}/masuk/kembali?code=palsu&state=palsu`);
    await page.getByRole('heading', { name: 'Gagal masuk' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Proses masuk tidak dikenali');
    expect(await session(page)).toBeNull();
    await checkScreen(page, 'masuk-gagal');
  });

  it('signInDirectly gives a screen test a signed-in village officer without the login screens', async () => {
    await signInDirectly(page, web.platform, 'desa.bakungpringgodani');
    await page.goto(`${web.webUrl}/beranda`);
    await page.getByRole('heading', { name: 'Selamat datang, Petugas Desa Bakungpringgodani' }).waitFor();
    expect(await page.locator('header').innerText()).toContain('Petugas registrasi desa');
  });
});
