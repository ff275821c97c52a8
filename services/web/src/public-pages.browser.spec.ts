import type { Page } from 'playwright-core';
import { ApiClient, counterSubmission } from '@adminduk/gateway/testing';
import { eventually } from '@adminduk/testing';
import { checkScreen, launchChromium, startWebPlatform, type TestBrowser, type WebPlatform } from './testing';

// Public pages through the one origin (services/web in front of the in-process platform), in Chromium.
describe('public pages in the browser', () => {
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

  it('shows the service standard from the catalog: requirements per channel, procedure, time, fee GRATIS, complaints', async () => {
    const catalog = (await (await fetch(`${web.webUrl}/api/public/layanan/kk-tambah-anggota-kelahiran`)).json()) as {
      channels: { label: string; requirements: { label: string }[]; procedure: string[] }[];
      complaints: { telepon: string; email: string };
    };
    await page.goto(`${web.webUrl}/`);
    await page.getByRole('link', { name: 'Kartu Keluarga: tambah anggota keluarga karena kelahiran' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kartu Keluarga: tambah anggota keluarga karena kelahiran' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/layanan/kk-tambah-anggota-kelahiran');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Rp 0 (GRATIS)');
    expect(text).toContain('3 hari kerja');
    expect(text).toContain('Kartu Keluarga (KK)');
    // Every channel with every requirement and step, as the catalog has them.
    for (const channel of catalog.channels) {
      const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: channel.label }) });
      const shown = await section.innerText();
      for (const r of channel.requirements) expect(shown).toContain(r.label);
      for (const step of channel.procedure) expect(shown).toContain(step);
    }
    expect(text).toContain(catalog.complaints.telepon);
    expect(text).toContain(catalog.complaints.email);
    await checkScreen(page, 'publik-standar-pelayanan');
  });

  it('the service page’s data is asked for once, by index.html’s boot script before the bundle runs', async () => {
    const asked: { url: string; initiator: string }[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/public/layanan'))
        asked.push({ url: new URL(r.url()).pathname, initiator: r.headers()['x-correlation-id'] ?? '' });
    });
    await page.goto(`${web.webUrl}/layanan/kk-tambah-anggota-kelahiran`);
    await page.getByRole('heading', { level: 2, name: 'Pengambilan dokumen' }).waitFor();
    await page.waitForTimeout(300);
    expect(asked).toEqual([{ url: '/api/public/layanan/kk-tambah-anggota-kelahiran', initiator: expect.stringMatching(/^boot-/) }]);
  });

  it('a page path opened directly is the app (SPA fallback), an unknown one says so in Indonesian', async () => {
    await page.goto(`${web.webUrl}/lacak?nomor=ABC-123`);
    await page.getByRole('heading', { name: 'Lacak permohonan' }).waitFor();
    expect(await page.getByLabel('Nomor tanda terima').inputValue()).toBe('ABC-123');
    await checkScreen(page, 'publik-lacak');
    await page.goto(`${web.webUrl}/tidak-ada`);
    await page.getByRole('heading', { name: 'Halaman tidak ditemukan' }).waitFor();
    await checkScreen(page, 'publik-tidak-ditemukan');
  });

  it('tracks a counter application by its number and the applicant’s second factor, in Indonesian', async () => {
    const body = counterSubmission();
    const birthDate = body.family.anggota.find((m) => m.nik === body.applicant.nik)!.tanggalLahir;
    const operator = new ApiClient(web.platform.gatewayUrl, await web.platform.token('operator.balongbendo'));
    const submitted = await operator.post('/api/applications', body);
    expect(submitted.status).toBe(201);
    const id = submitted.body.applicationId as string; // a file without a tanda terima is tracked by its id
    await eventually(async () => expect((await operator.get(`/api/applications/${id}`)).status).toBe(200), 10_000);

    await page.goto(`${web.webUrl}/lacak?nomor=${id}`);
    await page.getByLabel('Tanggal lahir pemohon').fill(birthDate);
    await page.getByLabel('Empat angka terakhir NIK pemohon').fill(body.applicant.nik.slice(-4));
    await page.getByRole('button', { name: 'Lacak' }).click();
    const answer = (await (
      await fetch(
        `${web.webUrl}/api/public/lacak?${new URLSearchParams({ nomor: id, tanggalLahir: birthDate, nik4: body.applicant.nik.slice(-4) })}`,
      )
    ).json()) as {
      status: string;
      langkahBerikutnya: string;
    };
    await page.getByRole('heading', { level: 2, name: answer.status }).waitFor();
    expect(await page.locator('main').innerText()).toContain(answer.langkahBerikutnya);
    await checkScreen(page, 'publik-lacak-hasil');

    await page.getByLabel('Empat angka terakhir NIK pemohon').fill('0000');
    await page.getByRole('button', { name: 'Lacak' }).click();
    await page.getByRole('alert').filter({ hasText: 'Permohonan tidak ditemukan' }).waitFor();
  });
});
