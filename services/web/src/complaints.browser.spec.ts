import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { createComplaintsApp, loadComplaintsConfig } from '@adminduk/complaints/testing';
import { startNotifications, type NotificationsUnderTest } from '@adminduk/notifications-service/testing';
import { createLogger } from '@adminduk/observability';
import { freePort } from '@adminduk/testing';
import { checkScreen, launchChromium, signInDirectly, startWebPlatform, type TestBrowser, type WebPlatform } from './testing';

// Complaints in Chromium: the public form (anonymous), the LAPOR file import, the queue by deadline
// with its filters, the handling steps on the detail page, recording a call (its caller mailed the
// number and code, which open the public lookup), and the operator's read-only view without the
// complainant's identity. Real PostgreSQL, NATS, projections, SMTP, browser.

const BALONGBENDO = '35.15.12';
/** The complainants' tracking-code key, one value for the complaints and the notifications service. */
const trackingKey = randomBytes(32).toString('base64url');
const pungliReport = {
  trackingNumber: 'LAPOR-7730001',
  channel: 'sms-1708',
  submittedAt: '2026-11-30T19:12:00+07:00',
  kind: 'pengaduan',
  category: 'pungutan-liar',
  title: 'Diminta uang untuk KK',
  content: 'Petugas meminta Rp50.000 agar KK cepat selesai.',
  kecamatan: BALONGBENDO,
  reporter: { name: 'Warsito Pelapor', phone: '081299887766' },
};

/** The view follows the streams a moment later: "Muat ulang" until the row is there. */
async function untilShown(page: Page, row: ReturnType<Page['getByRole']>): Promise<void> {
  for (let i = 0; i < 30 && (await row.count()) === 0; i++) {
    await page.waitForTimeout(500);
    await page.getByRole('button', { name: 'Muat ulang' }).click();
  }
  await row.waitFor({ timeout: 2_000 });
}

describe('complaint screens in the browser', () => {
  let web: WebPlatform;
  let complaints: INestApplication;
  let notifications: NotificationsUnderTest;
  let chromium: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    const complaintsPort = await freePort();
    web = await startWebPlatform({ complaintsUrl: `http://127.0.0.1:${complaintsPort}` });
    complaints = await createComplaintsApp(
      loadComplaintsConfig({ ...web.platform.envFor('complaints'), PORT: String(complaintsPort), COMPLAINT_TRACKING_KEY: trackingKey }),
      createLogger({ service: 'complaints', level: 'warn', destination: { write: () => undefined } }),
    );
    await complaints.listen(complaintsPort, '127.0.0.1');
    notifications = await startNotifications({
      namespace: web.platform.commandSubjectPrefix,
      databaseUrl: web.platform.schema.url,
      env: { SELF_PRINT_BASE_URL: web.webUrl, COMPLAINT_TRACKING_KEY: trackingKey },
    });
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await notifications?.close();
    await complaints?.close();
    await web?.close();
  });
  afterEach(() => page?.context().close());

  it('a citizen sends an anonymous complaint on the public form, after being told what is missing', async () => {
    page = await chromium.newPage('phone');
    await page.goto(`${web.webUrl}/`);
    await page.getByRole('link', { name: /Pengaduan, saran dan apresiasi/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Pengaduan, saran dan apresiasi' }).waitFor();
    await page.getByText('Telepon 031-8971003').waitFor();
    await checkScreen(page, 'pengaduan-publik');
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    await page.getByRole('alert').getByText('Data tidak valid').waitFor();
    await checkScreen(page, 'pengaduan-publik-salah');
    await page.getByLabel('Saran').check();
    await page.getByLabel('Kategori').selectOption('sistem-aplikasi');
    await page.getByLabel('Judul singkat').fill('Tambahkan pengingat');
    await page.getByLabel('Uraian').fill('Mohon ada pengingat lewat email saat KK selesai dicetak.');
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    await page.getByRole('heading', { name: 'Terima kasih, pengaduan Anda sudah kami terima' }).waitFor();
    await checkScreen(page, 'pengaduan-publik-terkirim');
  });

  it('the petugas imports a LAPOR file, finds the pungli report in Balongbendo’s queue with its deadline, and handles it to the end', async () => {
    page = await chromium.newPage('desktop');
    await signInDirectly(page, web.platform, 'pengaduan');
    await page.goto(`${web.webUrl}/petugas-pengaduan/lapor`);
    await page.getByRole('heading', { level: 1, name: 'SP4N-LAPOR' }).waitFor();
    const file = { name: 'lapor.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${JSON.stringify(pungliReport)}\n`) };
    await page.getByLabel('Berkas laporan SP4N-LAPOR (.jsonl)').setInputFiles(file);
    await page.getByRole('button', { name: 'Impor berkas' }).click();
    await page.getByText('Selesai: 1 laporan baru diimpor, 0 sudah ada sebelumnya').waitFor();
    await checkScreen(page, 'pengaduan-lapor');
    // The same file again: nothing new.
    await page.getByLabel('Berkas laporan SP4N-LAPOR (.jsonl)').setInputFiles(file);
    await page.getByRole('button', { name: 'Impor berkas' }).click();
    await page.getByText('Selesai: 0 laporan baru diimpor, 1 sudah ada sebelumnya').waitFor();

    await page.goto(`${web.webUrl}/petugas-pengaduan`);
    await page.getByLabel('Kategori').selectOption('pungutan-liar');
    const row = page.getByRole('row', { name: /Diminta uang untuk KK/ });
    await untilShown(page, row);
    expect(await row.innerText()).toMatch(/Balongbendo[\s\S]*Menunggu verifikasi[\s\S]*Verifikasi: /);
    await page.getByRole('img', { name: /Pengaduan terbuka menurut umur/ }).waitFor();
    await checkScreen(page, 'pengaduan-antrean');

    await row.getByRole('link', { name: 'Diminta uang untuk KK' }).click();
    await page.getByRole('heading', { level: 1, name: 'Diminta uang untuk KK' }).waitFor();
    await page.getByText('Warsito Pelapor · 081299887766').waitFor();
    await checkScreen(page, 'pengaduan-rincian');
    await page.getByLabel('Tingkat penanganan').selectOption('ringan');
    await page.getByRole('button', { name: 'Simpan verifikasi' }).click();
    await page.getByText('Terverifikasi, menunggu jawaban').waitFor();
    await page.getByLabel('Unit tujuan disposisi').fill('Inspektorat Kabupaten Sidoarjo');
    await page.getByRole('button', { name: 'Disposisikan' }).click();
    await page.getByText('Unit: Inspektorat Kabupaten Sidoarjo').waitFor();
    await page.getByLabel('Jawaban kepada pelapor').fill('Petugas yang bersangkutan telah diperiksa Inspektorat.');
    await page.getByRole('button', { name: 'Kirim jawaban' }).click();
    await page.getByLabel('Kepuasan pelapor atas penanganan').selectOption('puas');
    await checkScreen(page, 'pengaduan-dijawab');
    await page.getByRole('button', { name: 'Tutup pengaduan' }).click();
    await page.getByText('Kepuasan pelapor: Puas').waitFor();
    expect(await page.locator('ol.langkah > li strong').allInnerTexts()).toEqual([
      'Diterima',
      'Diverifikasi',
      'Didisposisikan',
      'Dijawab',
      'Ditutup',
    ]);
  });

  it('a call recorded by the petugas is read by the Balongbendo operator without the caller’s identity; the pungli report is not shown to them', async () => {
    // A title of this attempt's own: a retried attempt must not find the first attempt's complaint too.
    const title = `KK belum selesai ${Date.now() % 100_000}`;
    page = await chromium.newPage('desktop');
    await signInDirectly(page, web.platform, 'pengaduan');
    await page.goto(`${web.webUrl}/petugas-pengaduan/baru`);
    await page.getByLabel('Kategori').selectOption('pelayanan-lambat');
    await page.getByLabel('Kanal', { exact: true }).selectOption('telepon');
    await page.getByLabel('Rujukan kanal (nomor surat, subjek email, tautan unggahan)').fill('Telepon dari 081377788899');
    await page.getByLabel('Judul singkat').fill(title);
    await page.getByLabel('Uraian').fill('Sudah tiga minggu KK anak saya belum selesai.');
    await page.getByLabel('Kecamatan yang diadukan (boleh dikosongkan)').selectOption(BALONGBENDO);
    await page.getByLabel('Nama').fill('Sumiati Rahayu');
    await page.getByLabel('Nomor telepon').fill('081377788899');
    await page.getByLabel('Email', { exact: true }).fill('sumiati@example.id');
    await checkScreen(page, 'pengaduan-catat');
    await page.getByRole('button', { name: 'Catat pengaduan' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.context().close();
    // The caller left an e-mail: told that the complaint was received (real NATS, relay, SMTP), without their name or phone.
    const [mail] = await notifications.smtp.waitFor((m) => m.subject.startsWith('Pengaduan diterima'), 1, 30_000);
    expect(mail.to).toEqual(['sumiati@example.id']);
    expect(mail.text).toMatch(/diverifikasi paling lambat/);
    expect(`${mail.subject}${mail.text}`).not.toMatch(/Sumiati|081377788899/);
    // The mail is enough to follow the complaint: its link fills in the number, the code is typed from it
    // (the complaints and notifications services share the configured key, not the development one).
    const nomor = /Nomor pengaduan: (ADU-\S+)/.exec(mail.text)?.[1];
    const kode = /Kode rahasia: (\S+)/.exec(mail.text)?.[1];
    expect(mail.subject).toBe(`Pengaduan diterima [${nomor}]`);
    expect(mail.text).toContain(`${web.webUrl}/pengaduan/lacak?nomor=${nomor}`);
    page = await chromium.newPage('desktop');
    await page.goto(`${web.webUrl}/pengaduan/lacak?nomor=${nomor}`);
    expect(await page.getByLabel('Nomor pengaduan').inputValue()).toBe(nomor);
    await page.getByLabel('Kode rahasia').fill(kode!);
    const status = page.getByRole('heading', { level: 2, name: 'Menunggu verifikasi' });
    for (let i = 0; i < 30 && (await status.count()) === 0; i++) {
      await page.getByRole('button', { name: 'Lacak' }).click();
      await page.waitForTimeout(500);
    }
    await status.waitFor({ timeout: 2_000 });
    await page.context().close();

    page = await chromium.newPage('desktop');
    await signInDirectly(page, web.platform, 'operator.balongbendo');
    await page.goto(`${web.webUrl}/operator/pengaduan`);
    const row = page.getByRole('row', { name: new RegExp(title) });
    await untilShown(page, row);
    expect(await page.getByRole('row', { name: /Diminta uang untuk KK/ }).count()).toBe(0);
    await checkScreen(page, 'pengaduan-operator');
    await row.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await checkScreen(page, 'pengaduan-operator-rincian');
    const text = await page.locator('main').innerText();
    for (const secret of ['Sumiati', '081377788899', 'Pelapor', 'Warsito']) expect(text).not.toContain(secret);
    expect(await page.getByRole('button', { name: 'Simpan verifikasi' }).count()).toBe(0);
  });
});
