import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { ComplaintDeadlines, createComplaintsApp, loadComplaintsConfig } from '@adminduk/complaints/testing';
import { createLogger } from '@adminduk/observability';
import { freePort } from '@adminduk/testing';
import { checkScreen, launchChromium, signInDirectly, startWebPlatform, type TestBrowser, type WebPlatform } from './testing';

// Following a complaint, in Chromium: the citizen looks their complaint up with the number and code the
// public form gave them (never by number alone, never the identity); the camat of Balongbendo sees the
// complaints a missed deadline escalated to them (not the pungli report about their own office) and
// records a follow-up instruction. Real PostgreSQL, NATS, projections and browser; the complaints
// service runs on a clock two weeks ahead once the complaints are in, so their verification deadlines pass.

const BALONGBENDO = '35.15.12';
const DAY = 86_400_000;

describe('following a complaint: the citizen’s lookup and the camat’s screen', () => {
  let web: WebPlatform;
  let complaints: INestApplication;
  let chromium: TestBrowser;
  let page: Page;
  const clock = { offset: 0, now: () => new Date(Date.now() + clock.offset) };

  beforeAll(async () => {
    const complaintsPort = await freePort();
    web = await startWebPlatform({ complaintsUrl: `http://127.0.0.1:${complaintsPort}` });
    complaints = await createComplaintsApp(
      // No scan of its own during the test: the test runs it once the clock has moved.
      loadComplaintsConfig({ ...web.platform.envFor('complaints'), PORT: String(complaintsPort), DEADLINE_SCAN_INTERVAL_MS: '3600000' }),
      createLogger({ service: 'complaints', level: 'warn', destination: { write: () => undefined } }),
      clock,
    );
    await complaints.listen(complaintsPort, '127.0.0.1');
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await complaints?.close();
    await web?.close();
  });
  afterEach(() => page?.context().close());

  /** A complaint on the public form's API, as the page sends it. */
  async function submit(body: Record<string, unknown>): Promise<{ complaintId: string; trackingNumber: string; trackingCode: string }> {
    const res = await fetch(`${web.webUrl}/api/public/pengaduan`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ kind: 'pengaduan', kecamatan: BALONGBENDO, ...body }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { complaintId: string; trackingNumber: string; trackingCode: string };
  }

  it('the citizen sends a complaint, is given a number and a code, and follows it; a wrong code or number gets one answer', async () => {
    page = await chromium.newPage('phone');
    await page.goto(`${web.webUrl}/pengaduan`);
    await page.getByLabel('Kategori').selectOption('pelayanan-lambat');
    await page.getByLabel('Judul singkat').fill('Antrean loket terlalu lama');
    await page.getByLabel('Uraian').fill('Saya menunggu empat jam di loket kecamatan tanpa kepastian.');
    await page.getByLabel('Nama').fill('Rahmat Hidayat');
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    await page.getByRole('heading', { name: 'Terima kasih, pengaduan Anda sudah kami terima' }).waitFor();
    const sent = await page.getByRole('status').innerText();
    const nomor = /Nomor pengaduan: (ADU-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})/.exec(sent)?.[1];
    const kode = /Kode rahasia: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(sent)?.[1];
    expect(nomor).toBeDefined();
    expect(kode).toBeDefined();
    await checkScreen(page, 'pengaduan-publik-nomor-kode');

    await page.getByRole('link', { name: 'Lacak pengaduan' }).last().click();
    await page.getByRole('heading', { level: 1, name: 'Lacak pengaduan' }).waitFor();
    // The link names the number, never the code.
    expect(await page.getByLabel('Nomor pengaduan').inputValue()).toBe(nomor);
    expect(page.url()).not.toContain(kode!);
    const lookUp = async (n: string, k: string) => {
      await page.getByLabel('Nomor pengaduan').fill(n);
      await page.getByLabel('Kode rahasia').fill(k);
      await page.getByRole('button', { name: 'Lacak' }).click();
    };
    // Malformed: told what a number and a code look like.
    await lookUp('12345', 'abc');
    await page.getByText('Nomor pengaduan seperti ADU-1A2B-3C4D-5E6F').waitFor();
    await page.getByText('Kode rahasia terdiri dari 12 huruf/angka').waitFor();
    await checkScreen(page, 'pengaduan-lacak-salah');
    // The right number with a wrong code, and an unknown number: the same message.
    const notFound = 'Pengaduan tidak ditemukan. Periksa kembali nomor pengaduan dan kode rahasia yang Anda terima.';
    await lookUp(nomor!, 'AAAA-BBBB-CCCC');
    await page.getByRole('alert').getByText(notFound).waitFor();
    await lookUp('ADU-0000-0000-0000', kode!);
    await page.getByRole('alert').getByText(notFound).waitFor();
    // Both right (typed in lower case): status, steps in WIB, and nothing of who complained.
    // (The view follows the stream a moment later: asked again until it has the complaint.)
    const status = page.getByRole('heading', { level: 2, name: 'Menunggu verifikasi' });
    for (let i = 0; i < 30 && (await status.count()) === 0; i++) {
      await lookUp(nomor!.toLowerCase(), kode!.toLowerCase());
      await page.waitForTimeout(500);
    }
    await status.waitFor({ timeout: 2_000 });
    await page.getByText(/Pengaduan diterima — .* WIB/).waitFor();
    await page.getByText(/Diverifikasi paling lambat .* WIB/).waitFor();
    await checkScreen(page, 'pengaduan-lacak');
    expect(await page.locator('main').innerText()).not.toContain('Rahmat');
  });

  it('the camat of Balongbendo sees the escalated complaints of the kecamatan (never the pungli report) and records an instruction', async () => {
    const late = await submit({
      category: 'pelayanan-lambat',
      summary: 'KK anak belum jadi',
      description: 'Sudah tiga minggu KK anak saya belum jadi.',
      complainant: { name: 'Sulastri Wahyuni', phone: '081355566677' },
    });
    const pungli = await submit({
      category: 'pungutan-liar',
      summary: 'Diminta uang di loket',
      description: 'Petugas loket meminta Rp100.000.',
    });
    // Two weeks later the verification deadlines (3 working days) have passed: the scan escalates both
    // once the view has them.
    clock.offset = 14 * DAY;
    const deadlines = complaints.get(ComplaintDeadlines);
    let escalated = 0;
    for (let i = 0; i < 60 && escalated < 2; i++) {
      escalated += await deadlines.scanOnce();
      if (escalated < 2) await new Promise((r) => setTimeout(r, 500));
    }
    expect(escalated).toBeGreaterThanOrEqual(2);

    page = await chromium.newPage('desktop');
    await signInDirectly(page, web.platform, 'camat.balongbendo');
    await page.goto(`${web.webUrl}/beranda`);
    await page.getByRole('link', { name: 'Pengaduan yang dieskalasi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pengaduan yang dieskalasi kepada camat' }).waitFor();
    const row = page.getByRole('row', { name: /KK anak belum jadi/ });
    for (let i = 0; i < 30 && (await row.count()) === 0; i++) {
      await page.waitForTimeout(500);
      await page.getByRole('button', { name: 'Muat ulang' }).click();
    }
    await row.waitFor({ timeout: 2_000 });
    expect(await row.innerText()).toMatch(/14 hari[\s\S]*Terlewati: .* WIB \(lewat/);
    expect(await page.getByRole('row', { name: /Diminta uang di loket/ }).count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toMatch(/Sulastri|081355566677/);
    await checkScreen(page, 'camat-pengaduan');

    await row.getByRole('button', { name: 'Simpan instruksi' }).click();
    await row
      .getByRole('alert')
      .getByText(/paling sedikit 10 karakter/)
      .waitFor();
    await row.getByLabel(/Instruksi untuk/).fill('Verifikasi hari ini dan hubungi pelapor; laporkan kepada saya besok.');
    await row.getByRole('button', { name: 'Simpan instruksi' }).click();
    await row.getByRole('status').getByText('Instruksi tersimpan.').waitFor();
    // The list shows it once the view has it.
    const given = row.getByText(/diberikan .* WIB/);
    for (let i = 0; i < 30 && (await given.count()) === 0; i++) {
      await page.waitForTimeout(500);
      await page.getByRole('button', { name: 'Muat ulang' }).click();
    }
    await given.waitFor({ timeout: 2_000 });
    expect(await row.innerText()).toContain('Verifikasi hari ini dan hubungi pelapor; laporkan kepada saya besok.');
    await checkScreen(page, 'camat-pengaduan-instruksi');

    // The pungli report was escalated too, but the camat can act on it through no route either.
    const token = await web.platform.token('camat.balongbendo');
    const refused = await fetch(`${web.webUrl}/api/complaints/${pungli.complaintId}/instruction`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ instruction: 'Instruksi atas laporan pungli kantor sendiri.' }),
    });
    expect(refused.status).toBe(403);
    // The petugas pengaduan sees the instruction among the steps of the complaint.
    await page.context().close();
    page = await chromium.newPage('desktop');
    await signInDirectly(page, web.platform, 'pengaduan');
    await page.goto(`${web.webUrl}/petugas-pengaduan/${late.complaintId}`);
    await page.getByText('Instruksi camat: Verifikasi hari ini dan hubungi pelapor; laporkan kepada saya besok.').waitFor();
  });
});
