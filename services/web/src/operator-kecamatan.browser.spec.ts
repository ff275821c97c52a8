import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { domainTesting } from '@adminduk/domain';
import { ApiClient, counterSubmission } from '@adminduk/gateway/testing';
import { createLogger } from '@adminduk/observability';
import { createPrintingApp, loadPrintingConfig } from '@adminduk/printing/testing';
import { eventually, freePort } from '@adminduk/testing';
import { checkScreen, launchChromium, loginAs, startWebPlatform, type TestBrowser, type WebPlatform } from './testing';

const { DOCUMENT_REQUIREMENTS } = domainTesting;
const ALL_REQUIREMENTS = [...DOCUMENT_REQUIREMENTS, 'nomor-telepon-email'];
type Submission = ReturnType<typeof counterSubmission>;

/**
 * Issue 12, the operator of a kecamatan at the desktop counter, in real Chromium through the one
 * origin: counter intake (an incomplete file returned at once; a complete one verified and its tanda
 * terima printed), verifying an online application beside its scans (requirements accepted, a data
 * field flagged, correction requested), and the print, reprint and hand-over of a signed KK.
 */
describe('operator kecamatan screens', () => {
  let web: WebPlatform;
  let printing: INestApplication;
  let chromium: TestBrowser;
  let page: Page;
  let operator: ApiClient;

  beforeAll(async () => {
    // The printing service is not in the in-process platform: its port is chosen first so the edge
    // can route to it, and it starts once the platform (its database, bus and issuer) is up.
    const printingPort = await freePort();
    web = await startWebPlatform({ documents: true, signing: { autoSign: true }, printingUrl: `http://127.0.0.1:${printingPort}` });
    const p = web.platform;
    const config = loadPrintingConfig({
      ...p.envFor('printing'),
      PORT: String(printingPort),
      PUBLIC_BASE_URL: web.webUrl,
      ...p.signing!.storageEnv,
    });
    printing = await createPrintingApp(config, createLogger({ service: 'printing', level: 'warn' }));
    await printing.listen(printingPort, '127.0.0.1');
    expect((printing.getHttpServer().address() as AddressInfo).port).toBe(printingPort);
    operator = new ApiClient(p.gatewayUrl, await p.token('operator.balongbendo'));
    chromium = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await chromium?.close();
    await printing?.close();
    await web?.close();
  });
  beforeEach(async () => {
    page = await chromium.newPage('desktop');
    await loginAs(page, web.webUrl, 'operator.balongbendo', '/operator/antrean');
  });
  afterEach(() => page.context().close());

  /** The first bytes of a protected file through the one origin, as the screen fetched it. */
  const pdfHeader = async (path: string) => {
    const r = await fetch(`${web.webUrl}${path}`, {
      headers: { authorization: `Bearer ${await web.platform.token('operator.balongbendo')}` },
    });
    return Buffer.from(await r.arrayBuffer())
      .subarray(0, 5)
      .toString();
  };
  const detail = async (id: string) => (await operator.get(`/api/applications/${id}`)).body;
  const waitForBucket = (id: string, bucket: string) =>
    eventually(async () => {
      const d = await detail(id);
      if (d.bucket !== bucket) throw new Error(`bucket ${d.bucket}, waiting for ${bucket}`);
      return d;
    }, 20_000);

  it('counter intake: an incomplete file is returned at once with what is missing', async () => {
    await page.getByRole('link', { name: 'Terima berkas di loket' }).click();
    await page.getByRole('heading', { name: 'Penerimaan berkas di loket' }).waitFor();
    const fixture = counterSubmission();
    fixture.newborn.namaLengkap = 'BAYI BERKAS KURANG';
    await fillCounterForm(page, fixture, ['kartu-keluarga', 'surat-kelahiran']);
    await checkScreen(page, 'operator-loket');
    // A mistyped NIK: the API's message beside the field, the form kept for the fix.
    await page.locator('#anggota-1-nik').fill('35151259079');
    await page.getByRole('button', { name: 'Terima berkas' }).click();
    await page.locator('#anggota-1-nik-salah').filter({ hasText: 'Harus 16 digit angka' }).waitFor();
    expect(await page.locator('#anggota-1-nik').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#anggota-1-nik').fill(fixture.family.anggota[1].nik);
    await page.getByRole('button', { name: 'Terima berkas' }).click();
    await page.getByRole('heading', { name: 'Berkas dikembalikan' }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Berkas kurang lengkap');
    expect(text).toContain('Surat Pengantar RT, RW'); // a missing document named
    await checkScreen(page, 'operator-loket-dikembalikan');
  });

  it('counter intake of a complete file: verified at the counter, its tanda terima printed', async () => {
    await page.goto(`${web.webUrl}/operator/loket`);
    const fixture = counterSubmission();
    fixture.newborn.namaLengkap = 'BAYI BERKAS LENGKAP';
    await fillCounterForm(page, fixture, 'all');
    await page.getByRole('button', { name: 'Terima berkas' }).click();
    await page.getByRole('heading', { name: 'Berkas diterima' }).waitFor();
    await page.getByRole('button', { name: 'Lanjut verifikasi' }).click();
    await page.waitForURL(/\/operator\/permohonan\//);
    const id = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: /Verifikasi permohonan/ }).waitFor();
    expect(await page.locator('main').innerText()).toContain('BAYI BERKAS LENGKAP'); // the submitted data shown
    await checkScreen(page, 'operator-verifikasi-loket');
    for (const req of (await detail(id)).requirements.filter((r: { applicable: boolean }) => r.applicable)) {
      await page.getByRole('button', { name: `Sesuai: ${req.label}`, exact: true }).click();
      await page.locator(`[data-persyaratan="${req.id}"] [data-keputusan="accepted"]`).waitFor();
    }
    await page.getByRole('button', { name: 'Data sesuai' }).click();
    await page.getByText('Keadaan: Data sesuai').waitFor();
    await page.getByRole('button', { name: 'Selesai verifikasi' }).click();
    const receiptHeading = page.getByRole('heading', { name: /^Tanda terima / });
    await receiptHeading.waitFor();
    const receiptNumber = await eventually(async () => {
      const n = (await detail(id)).receiptNumber as string | null;
      if (!n) throw new Error('receipt number not projected yet');
      return n;
    }, 10_000);
    expect(await receiptHeading.innerText()).toContain(receiptNumber);

    const pdf = page.waitForResponse((r) => r.url().endsWith(`/api/printing/receipts/${id}.pdf`));
    await page.getByRole('button', { name: 'Cetak tanda terima' }).click();
    const answer = await pdf;
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toBe('application/pdf');
    // The frame shows the PDF from a blob URL (the route needs the token).
    const frame = page.locator(`iframe[title="Tanda terima ${receiptNumber}"]`);
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    expect(await pdfHeader(`/api/printing/receipts/${id}.pdf`)).toBe('%PDF-');
    await checkScreen(page, 'operator-tanda-terima');
  });

  it('a counter file with an invalid document: the requirement rejected with a reason, the file returned at the counter', async () => {
    const submitted = await operator.post('/api/applications', {
      ...counterSubmission(),
      newborn: { ...counterSubmission().newborn, namaLengkap: 'BAYI BERKAS TIDAK SAH' },
    });
    const id = submitted.body.applicationId as string;
    await waitForBucket(id, 'to-verify');
    await page.goto(`${web.webUrl}/operator/permohonan/${id}`);
    await page.getByRole('heading', { name: /Verifikasi permohonan/ }).waitFor();
    const label = (await detail(id)).requirements.find((r: { id: string }) => r.id === 'surat-pengantar-rt-rw').label as string;
    await page.getByRole('button', { name: `Tidak sesuai: ${label}`, exact: true }).click();
    await page.getByLabel(`Alasan «${label}» tidak sesuai`).fill('Tanpa tanda tangan ketua RW');
    await page.getByRole('button', { name: 'Simpan penolakan' }).click();
    await page.locator('[data-persyaratan="surat-pengantar-rt-rw"] [data-keputusan="rejected"]').waitFor();
    await page.getByLabel('Keterangan pengembalian berkas (boleh kosong)').fill('Minta surat pengantar baru');
    await page.getByRole('button', { name: 'Kembalikan berkas' }).click();
    await page.getByRole('status').filter({ hasText: 'Berkas dikembalikan kepada pemohon.' }).waitFor();
    const returned = await eventually(async () => {
      const d = await detail(id);
      if (d.status.code === 'submitted') throw new Error('not returned yet');
      return d;
    }, 10_000);
    expect(returned.status.reason).toContain('Tanpa tanda tangan ketua RW');
    expect(returned.status.reason).toContain('Minta surat pengantar baru');
  });

  it('verifying an online application: scans beside the data, requirements accepted, a data field flagged, correction requested', async () => {
    const citizen = new ApiClient(web.platform.gatewayUrl, await web.platform.token('pemohon.siti'));
    const { presentedRequirementIds: _counterOnly, ...body } = counterSubmission();
    body.newborn.namaLengkap = 'BAYI DARING';
    const submitted = await citizen.post('/api/applications', body);
    expect(submitted.status).toBe(201);
    const id = submitted.body.applicationId as string;
    for (const req of DOCUMENT_REQUIREMENTS) {
      const bytes = req === 'kartu-keluarga' ? await scanImage(page) : await scanPdf(req);
      expect((await citizen.upload(web.platform.documentsUrl!, id, req, bytes)).status).toBe(201);
    }
    await waitForBucket(id, 'to-verify');

    // From the queue (to verify), the row leads to the application.
    await page.goto(`${web.webUrl}/operator/antrean?antrean=to-verify`);
    await page.locator(`a[href="/operator/permohonan/${id}"]`).click();
    await page.getByRole('heading', { name: /Verifikasi permohonan/ }).waitFor();
    // The image scan shown beside the data, fetched with the token as a blob.
    await page.getByRole('button', { name: 'Lihat pindaian Hasil Scan Kartu Keluarga Asli' }).click();
    const img = page.getByRole('img', { name: /Pindaian Hasil Scan Kartu Keluarga Asli/ });
    await img.waitFor();
    expect(await img.getAttribute('src')).toMatch(/^blob:/);
    expect(await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    await checkScreen(page, 'operator-verifikasi-daring');

    for (const req of ALL_REQUIREMENTS) {
      const label = (await detail(id)).requirements.find((r: { id: string }) => r.id === req).label;
      await page.getByRole('button', { name: `Sesuai: ${label}`, exact: true }).click();
      await page.locator(`[data-persyaratan="${req}"] [data-keputusan="accepted"]`).waitFor();
    }
    await page.getByRole('checkbox', { name: 'Tidak sesuai Bayi yang lahir Tempat lahir' }).check();
    await page.getByRole('textbox', { name: 'Alasan Bayi yang lahir Tempat lahir' }).fill('Tidak sama dengan surat keterangan kelahiran');
    await page.getByRole('button', { name: /Simpan data tidak sesuai/ }).click();
    await page.getByText('Keadaan: Data tidak sesuai').waitFor();
    await page.getByRole('button', { name: 'Minta perbaikan' }).click();
    await page.getByRole('status').filter({ hasText: 'Permintaan perbaikan dikirim' }).waitFor();

    const after = await waitForBucket(id, 'awaiting-correction');
    expect(after.correctionDueAt).toBeTruthy();
    const data = (await operator.get(`/api/applications/${id}/data`)).body;
    expect(data.dataVerification).toEqual({
      decision: 'rejected',
      issues: [{ field: 'newborn.tempatLahir', reason: 'Tidak sama dengan surat keterangan kelahiran' }],
    });
    // The queue of files awaiting correction lists it, with its correction deadline in WIB.
    await page.goto(`${web.webUrl}/operator/antrean?antrean=awaiting-correction`);
    const row = page.locator('tr', { has: page.locator(`a[href="/operator/permohonan/${id}"]`) });
    expect(await row.innerText()).toMatch(/Batas perbaikan: .* WIB/);
    await checkScreen(page, 'operator-antrean-perbaikan');
  });

  it('a signed KK: printed, reprinted with a reason, handed over to a member of the KK', async () => {
    const submitted = await operator.post('/api/applications', counterSubmission());
    const id = submitted.body.applicationId as string;
    await waitForBucket(id, 'to-verify');
    for (const req of ALL_REQUIREMENTS)
      expect((await operator.post(`/api/applications/${id}/requirements/${req}/accept`)).status).toBe(200);
    expect((await operator.post(`/api/applications/${id}/data/verify`)).status).toBe(200);
    expect((await operator.post(`/api/applications/${id}/verification/complete`)).status).toBe(200);
    await waitForBucket(id, 'to-print'); // signed by the auto-signer

    await page.goto(`${web.webUrl}/operator/antrean`);
    await page.getByRole('link', { name: 'Siap dicetak' }).click();
    await page.locator(`a[href="/operator/cetak/${id}"]`).click();
    await page.getByRole('heading', { name: /Cetak dan serah terima KK/ }).waitFor();
    const kk = page.waitForResponse((r) => r.url().endsWith(`/api/printing/applications/${id}/kk.pdf`));
    await page.getByRole('button', { name: 'Buka KK untuk dicetak' }).click();
    expect((await kk).status()).toBe(200);
    const kkFrame = page.locator('iframe[title="KK bertanda tangan elektronik"]');
    await kkFrame.waitFor();
    expect(await kkFrame.getAttribute('src')).toMatch(/^blob:/);
    expect(await pdfHeader(`/api/printing/applications/${id}/kk.pdf`)).toBe('%PDF-');
    await page.getByLabel('Nama komputer/loket pencetak').fill('LOKET-1');
    await checkScreen(page, 'operator-cetak');
    // The first answer is lost on the way back (the platform recorded the print): the operator clicks
    // again, the retry carries the same Idempotency-Key and the print is recorded once.
    const keys: string[] = [];
    await page.route(`**/api/printing/applications/${id}/print`, async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (keys.length === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.getByRole('button', { name: 'Catat sudah dicetak' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tidak ada sambungan' }).waitFor();
    await page.getByRole('button', { name: 'Catat sudah dicetak' }).click();
    await page.getByRole('status').filter({ hasText: 'Pencetakan KK dicatat.' }).waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);

    await page.getByLabel('Alasan cetak ulang').selectOption('kertas-rusak');
    await page.getByRole('button', { name: 'Catat cetak ulang' }).click();
    await page.getByRole('status').filter({ hasText: 'Cetak ulang KK dicatat.' }).waitFor();

    // Hand-over: a NIK not on this KK is refused on the screen; a member picked from the list is accepted.
    await page.getByLabel('NIK pengambil (sesuai KTP-el)').fill('3515011505850003');
    await page.getByText('NIK ini tidak terdaftar dalam KK ini').waitFor();
    expect(await page.getByRole('button', { name: 'Serahkan KK' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Pilih SITI AMINAH sebagai pengambil' }).click();
    await page.getByText('Sesuai: SITI AMINAH (ISTRI).').waitFor();
    await checkScreen(page, 'operator-serah-terima');
    await page.getByRole('button', { name: 'Serahkan KK' }).click();
    await page.getByRole('status').filter({ hasText: 'Serah terima KK dicatat.' }).waitFor();

    const history = (await operator.get(`/api/applications/${id}/history`)).body.entries.map((e: { type: string }) => e.type);
    expect(history.filter((t: string) => ['KkPrinted', 'KkReprinted', 'KkCollected'].includes(t))).toEqual([
      'KkPrinted',
      'KkReprinted',
      'KkCollected',
    ]);
  });
});

/** Fills the counter form from a submission body and ticks the documents handed in. */
async function fillCounterForm(page: Page, s: Submission, presented: string[] | 'all'): Promise<void> {
  const fill = async (prefix: string, values: object) => {
    for (const [key, value] of Object.entries(values)) {
      const field = page.locator(`#${prefix}-${key}`);
      if ((await field.count()) === 0) continue; // a field the counter does not ask (e.g. the kecamatan code preset)
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(String(value));
      else await field.fill(String(value));
    }
  };
  const checklist = page.getByRole('group', { name: 'Berkas yang diserahkan' });
  await checklist.getByRole('checkbox').first().waitFor();
  const ids = presented === 'all' ? DOCUMENT_REQUIREMENTS : presented;
  for (const label of await requirementLabels(page, ids)) await checklist.getByRole('checkbox', { name: label }).check();
  await fill('pemohon', s.applicant);
  const { alamat, anggota, ...family } = s.family;
  await fill('keluarga', family);
  await fill('alamat', alamat);
  for (let i = 0; i < anggota.length; i++) {
    if (i > 0) await page.getByRole('button', { name: 'Tambah anggota keluarga' }).click();
    await fill(`anggota-${i}`, anggota[i]);
  }
  await fill('bayi', s.newborn);
}

/** The catalog's labels of the counter's requirements, as the checklist shows them. */
async function requirementLabels(page: Page, ids: readonly string[]): Promise<string[]> {
  const service = await page.evaluate<{ channels: { id: string; requirements: { id: string; label: string }[] }[] }>(
    `fetch('/api/public/layanan/kk-tambah-anggota-kelahiran').then((r) => r.json())`,
  );
  const counter = service.channels.find((c) => c.id === 'tatap-muka')!;
  return ids.map((id) => counter.requirements.find((r) => r.id === id)!.label);
}

async function scanPdf(label: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(`Pindaian uji: ${label}`, { x: 50, y: 780, size: 16, font });
  return Buffer.from(await doc.save());
}

/** A real PNG "photo" of a document: Chromium renders a small page and screenshots it. */
async function scanImage(page: Page): Promise<Buffer> {
  const scratch = await page.context().newPage();
  await scratch.setContent('<body style="margin:0;background:#fff"><h1 style="font:24px sans-serif">KARTU KELUARGA (uji)</h1></body>');
  const png = await scratch.screenshot({ clip: { x: 0, y: 0, width: 400, height: 240 } });
  await scratch.close();
  return png;
}
