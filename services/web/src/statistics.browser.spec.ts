import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ApiClient, counterSubmission } from '@adminduk/gateway/testing';
import { eventually } from '@adminduk/testing';
import { checkScreen, launchChromium, loginAs, startWebPlatform, type TestBrowser, type WebPlatform } from './testing';

// The public statistics page and the staff statistics screen (charts with their tables, CSV export) in Chromium.
describe('statistics screens in the browser', () => {
  let web: WebPlatform;
  let chromium: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    web = await startWebPlatform();
    chromium = await launchChromium();
    const operator = new ApiClient(web.platform.gatewayUrl, await web.platform.token('operator.balongbendo'));
    for (const name of ['BAYI STATISTIK SATU', 'BAYI STATISTIK DUA']) {
      const body = counterSubmission();
      body.newborn.namaLengkap = name;
      expect((await operator.post('/api/applications', body)).status).toBe(201);
    }
    await eventually(async () => {
      const figures = (await (await fetch(`${web.webUrl}/api/public/statistik`)).json()) as { today: { received: number } };
      if (figures.today.received !== 2) throw new Error('not counted yet');
    }, 15_000);
  });
  afterAll(async () => {
    await chromium?.close();
    await web?.close();
  });
  afterEach(() => page?.context().close());

  /** The table behind a chart's toggle, as rows of cell texts. */
  async function chartTable(title: string): Promise<string[][]> {
    const figure = page.locator('figure', { has: page.getByText(title, { exact: true }) });
    await figure.getByText('Tampilkan data sebagai tabel').click();
    const rows = figure.locator('tbody tr');
    return Promise.all((await rows.all()).map(async (r) => (await r.locator('th, td').allInnerTexts()).map((t) => t.trim())));
  }

  it('the public page, linked from the home page, shows today, month and year, and the charts with their data tables', async () => {
    page = await chromium.newPage('phone');
    await page.goto(`${web.webUrl}/`);
    await page.getByRole('link', { name: /Statistik layanan/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistik layanan' }).waitFor();
    const today = page.getByRole('region', { name: 'Hari ini' });
    await today.getByText('permohonan diterima').waitFor();
    expect(await today.innerText()).toContain('2 permohonan diterima');
    const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
    // Every chart is an image with a text alternative.
    expect(
      await page
        .getByRole('img', { name: new RegExp(`^Permohonan diterima per kecamatan, tahun ${year}\\. Tertinggi: Balongbendo, 2\\.`) })
        .count(),
    ).toBe(1);
    const byKecamatan = await chartTable(`Permohonan diterima per kecamatan, tahun ${year}`);
    expect(byKecamatan).toHaveLength(18);
    expect(byKecamatan).toContainEqual(['Balongbendo', '2']);
    expect(byKecamatan).toContainEqual(['Tarik', '0']);
    expect(await chartTable(`Permohonan diterima per jalur, tahun ${year}`)).toContainEqual(['Loket kecamatan', '2']);
    await checkScreen(page, 'publik-statistik');
  });

  it('an operator sees Balongbendo only and downloads the CSV; the auditor chooses a kecamatan', async () => {
    page = await chromium.newPage('desktop');
    await loginAs(page, web.webUrl, 'operator.balongbendo', '/statistik/petugas');
    await page.getByText('Cakupan: Kecamatan Balongbendo.').waitFor();
    expect(await page.getByRole('combobox').count()).toBe(0);
    expect(await page.getByText('Pengaduan yang belum selesai menurut umur').count()).toBe(0);
    const perDay = await chartTable('Permohonan diterima per hari, 30 hari terakhir');
    expect(perDay).toHaveLength(30);
    expect(perDay[29][1]).toBe('2');
    await checkScreen(page, 'operator-statistik');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(csv[0]).toMatch(/^Tanggal \(WIB\),Kode Kecamatan,Kecamatan,Jalur,/);
    expect(csv[1]).toMatch(/^\d{4}-\d{2}-\d{2},35\.15\.12,Balongbendo,Datang ke kantor kecamatan,kk-tambah-anggota-kelahiran,2,/);
    await page.context().close();

    page = await chromium.newPage('desktop');
    await loginAs(page, web.webUrl, 'auditor', '/statistik/petugas');
    await page.getByText('Cakupan: seluruh kabupaten.').waitFor();
    expect(await chartTable('Pengaduan yang belum selesai menurut umur')).toContainEqual(['lebih dari 30 hari', '0']);
    await page.getByRole('combobox', { name: 'Kecamatan' }).selectOption({ label: 'Tarik' });
    await page.getByText('Cakupan: Kecamatan Tarik.').waitFor();
    expect(await page.getByRole('region', { name: 'Hari ini' }).innerText()).toContain('0 permohonan diterima');
    await checkScreen(page, 'auditor-statistik');
  });
});
