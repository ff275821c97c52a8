import type { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { formatWibDateTimeIso } from '@adminduk/calendar';
import { applicationStreamId, domainTesting } from '@adminduk/domain';
import { jpegBytes, pdfBytes } from '@adminduk/documents/testing';
import { PostgresEventStore } from '@adminduk/event-store';
import { ApiClient } from '@adminduk/gateway/testing';
import { createLogger } from '@adminduk/observability';
import { createPrintingApp, loadPrintingConfig } from '@adminduk/printing/testing';
import { DEV_SELF_PRINT_SEED, selfPrintSigningKey, selfPrintUrl, signSelfPrintToken } from '@adminduk/self-print-token';
import { eventually, freePort, namespacedPlatformEnv, testBusEnv, testRateLimitEnv } from '@adminduk/testing';
import { checkScreen, launchChromium, loginAs, signInDirectly, startWebPlatform, type TestBrowser, type WebPlatform } from './testing';

// The citizen's (pemohon) and village officer's (petugas desa) screens in Chromium, through the one
// origin, against the in-process platform with the documents service (scans go to a real S3 server) and
// the signing service signing each verified application at once.

/** An online submission body (the counter fixture without the counter's checklist). */
function onlineSubmission() {
  const { family, applicant, newborn } = domainTesting;
  return { kecamatan: '35.15.12', applicant: applicant(), family: family(), newborn: newborn(), memilikiIjazah: false };
}

/** The form's values under the API's field names ("family.anggota.0.nik"), as the wizard keys them. */
function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) out[prefix] = String(value);
  return out;
}

/** Fills what the current step shows of `values` (inputs by their API name; selects by value). */
async function fillStep(page: Page, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const field = page.locator(`[name="${name}"]`);
    if ((await field.count()) === 0) continue;
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
}

/** Walks the five steps with `values` (members added as needed) and sends the application. */
async function fillWizard(page: Page, values: Record<string, string>, members: number, screens?: string): Promise<void> {
  await page.getByRole('heading', { name: 'Langkah 1 dari 5: Pemohon' }).waitFor();
  await fillStep(page, values);
  if (screens) await checkScreen(page, `${screens}-langkah-pemohon`);
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await page.getByRole('heading', { name: 'Langkah 2 dari 5: Keluarga' }).waitFor();
  await fillStep(page, values);
  if (screens) await checkScreen(page, `${screens}-langkah-keluarga`);
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await page.getByRole('heading', { name: 'Langkah 3 dari 5: Anggota keluarga' }).waitFor();
  const shown = await page.locator('fieldset.anggota').count();
  for (let i = shown; i < members; i++) await page.getByRole('button', { name: 'Tambah anggota keluarga' }).click();
  await fillStep(page, values);
  if (screens) await checkScreen(page, `${screens}-langkah-anggota`);
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await page.getByRole('heading', { name: 'Langkah 4 dari 5: Bayi' }).waitFor();
  await fillStep(page, values);
  if (screens) await checkScreen(page, `${screens}-langkah-bayi`);
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await page.getByRole('heading', { name: 'Langkah 5 dari 5: Persyaratan' }).waitFor();
  await page.getByText('Hasil Scan Kartu Keluarga Asli').waitFor(); // the channel's requirements, from the catalog
  if (screens) await checkScreen(page, `${screens}-langkah-persyaratan`);
  await page.getByRole('button', { name: 'Kirim permohonan' }).click();
}

/** Waits until the application's read model has every scan and the file is complete (waiting for verification). */
async function allScansIn(client: ApiClient, id: string): Promise<void> {
  await eventually(async () => {
    const detail = (await client.get(`/api/applications/${id}`)).body;
    expect(
      detail.requirements.filter(
        (r: { kind: string; applicable: boolean; presented: boolean }) => r.kind === 'document' && r.applicable && !r.presented,
      ),
    ).toEqual([]);
    expect(detail.status).toEqual({ code: 'submitted', label: 'Menunggu verifikasi' });
  }, 15_000);
}

/** Width and height from a JPEG's start-of-frame marker. */
function jpegSize(jpeg: Buffer): { width: number; height: number } {
  for (let at = 2; at + 9 < jpeg.length; at += 2 + jpeg.readUInt16BE(at + 2)) {
    const marker = jpeg[at + 1];
    if (jpeg[at] === 0xff && marker >= 0xc0 && marker <= 0xc3)
      return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) };
  }
  throw new Error('no JPEG frame');
}

const applicationIdOf = (page: Page) => new URL(page.url()).pathname.split('/')[2];

describe('citizen and village officer screens in the browser', () => {
  let web: WebPlatform;
  let printing: INestApplication;
  let store: PostgresEventStore;
  let chromium: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    // The printing service (self-print links and /cetak) behind the same origin, on a port chosen first.
    const printingPort = await freePort();
    web = await startWebPlatform({ documents: true, signing: { autoSign: true }, printingUrl: `http://127.0.0.1:${printingPort}` });
    const config = loadPrintingConfig({
      ADMINDUK_ENV: 'test',
      PORT: String(printingPort),
      DATABASE_URL: web.platform.schema.url,
      ...namespacedPlatformEnv(web.platform.commandSubjectPrefix),
      ...testBusEnv('printing'),
      ...testRateLimitEnv,
      ...web.platform.signing!.storageEnv,
      AUTH_JWKS_URL: `${web.platform.serviceUrls.auth}/.well-known/jwks.json`,
      AUTH_ISSUER: `${web.webUrl}/auth`,
      AUTH_AUDIENCE: 'adminduk',
      PUBLIC_BASE_URL: web.webUrl,
    });
    printing = await createPrintingApp(
      config,
      createLogger({ service: 'printing', level: 'warn', destination: { write: () => undefined } }),
    );
    await printing.listen(printingPort, '127.0.0.1');
    store = await PostgresEventStore.create({ connectionString: web.platform.schema.url, max: 2 });
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await store?.close();
    await printing?.close();
    await web?.close();
  });
  beforeEach(async () => (page = await chromium.newPage('phone')));
  afterEach(() => page.context().close());

  it('a citizen submits online in steps (a field error shown beside its field), uploads every scan with progress (a large photo shrunk first), and sees the status', async () => {
    const body = onlineSubmission();
    const values = flatten(body);
    await loginAs(page, web.webUrl, 'pemohon.siti', '/beranda');
    await page.getByRole('link', { name: 'Ajukan KK baru (kelahiran)' }).click();

    // A phone number the API refuses: the wizard returns to the applicant step with the API's message beside the field.
    await fillWizard(page, { ...values, 'applicant.telepon': '12345' }, body.family.anggota.length, 'pemohon-ajukan');
    await page.getByRole('heading', { name: 'Langkah 1 dari 5: Pemohon' }).waitFor();
    const phone = page.getByLabel('Nomor handphone');
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-applicant-telepon-salah').innerText()).toBe('Nomor handphone tidak valid (contoh: 081234567890)');
    await checkScreen(page, 'pemohon-ajukan-kesalahan');

    await fillWizard(page, values, body.family.anggota.length);
    await page.waitForURL(/\/permohonan\/[0-9a-f-]{36}\?baru=1$/);
    const id = applicationIdOf(page);
    await page.getByRole('heading', { name: 'Unggah persyaratan' }).waitFor();
    const toUpload = domainTesting.DOCUMENT_REQUIREMENTS;
    for (const req of toUpload) await page.locator(`#unggah-${req}-berkas`).waitFor();
    expect(await page.locator('#unggah-ijazah-berkas').count()).toBe(0); // no ijazah declared: not asked
    await checkScreen(page, 'pemohon-permohonan-unggah');

    // One scan on a slow uplink: the progress bar shows while it goes.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 50,
      downloadThroughput: -1,
      uploadThroughput: 150 * 1024,
    });
    await page
      .locator('#unggah-kartu-keluarga-berkas')
      .setInputFiles({ name: 'kk.pdf', mimeType: 'application/pdf', buffer: pdfBytes(600_000, 41) });
    await page.locator('#unggah-kartu-keluarga-kemajuan').waitFor();
    expect(await page.locator('#unggah-kartu-keluarga-keadaan').innerText()).toMatch(/Mengunggah \d+%/);
    await page.getByText('Terunggah: kk.pdf').waitFor({ timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    // A 7.7 MP phone photo of the KTP-el goes at 2000 px on its long side (checked on the stored scan below).
    const photo = jpegBytes(3200, 2400);
    for (const [i, req] of toUpload.slice(1).entries()) {
      const file =
        req === 'ktp-el-orang-tua'
          ? { name: 'ktp.jpg', mimeType: 'image/jpeg', buffer: photo }
          : i % 2
            ? { name: `${req}.pdf`, mimeType: 'application/pdf', buffer: pdfBytes(3_000 + i, 50 + i) }
            : { name: `${req}.jpg`, mimeType: 'image/jpeg', buffer: jpegBytes(80 + i, 60) };
      await page.locator(`#unggah-${req}-berkas`).setInputFiles(file);
      await page.getByText(`Terunggah: ${file.name}`).waitFor();
    }

    // Complete: the status is the platform's, nothing is missing any more.
    const citizen = new ApiClient(web.platform.gatewayUrl, await web.platform.token('pemohon.siti'));
    await allScansIn(citizen, id);
    const ktp = (await citizen.get(`/api/applications/${id}`)).body.requirements.find((r: { id: string }) => r.id === 'ktp-el-orang-tua');
    const stored = await fetch(`${web.webUrl}/api/documents/${ktp.documents[0].documentId}`, {
      headers: { authorization: `Bearer ${await web.platform.token('pemohon.siti')}` },
    });
    const scan = Buffer.from(await stored.arrayBuffer());
    expect(jpegSize(scan)).toEqual({ width: 2000, height: 1500 });
    expect(scan.length).toBeLessThan(photo.length);
    await page.goto(`${web.webUrl}/permohonan/${id}`);
    await page.getByRole('heading', { name: 'Persyaratan', exact: true }).waitFor();
    expect(await page.locator('.status-permohonan').innerText()).toBe('Menunggu verifikasi');
    const main = await page.locator('main').innerText();
    expect(main).not.toContain('Belum diunggah');
    expect(main).not.toContain('Unggah persyaratan');
    await checkScreen(page, 'pemohon-permohonan-status');

    await page.goto(`${web.webUrl}/permohonan`);
    await page.locator(`a[href="/permohonan/${id}"]`).waitFor();
    await checkScreen(page, 'pemohon-daftar');
  });

  it('a correction flagged by the operator is fixed before the deadline shown in WIB (12.00) and counting down', async () => {
    const citizen = new ApiClient(web.platform.gatewayUrl, await web.platform.token('pemohon.siti'));
    const operator = new ApiClient(web.platform.gatewayUrl, await web.platform.token('operator.balongbendo'));
    const submitted = await citizen.post('/api/applications', onlineSubmission());
    expect(submitted.status).toBe(201);
    const id = submitted.body.applicationId as string;
    for (const [i, req] of domainTesting.DOCUMENT_REQUIREMENTS.entries())
      expect((await citizen.upload(web.platform.documentsUrl!, id, req, pdfBytes(2_000 + i, 60 + i))).status).toBe(201);
    await allScansIn(operator, id);
    const reason = 'Pindaian KK buram, nomor KK tidak terbaca';
    expect((await operator.post(`/api/applications/${id}/requirements/kartu-keluarga/reject`, { reason })).status).toBe(200);
    const dataReason = 'Tempat lahir tidak sesuai surat kelahiran';
    const issues = [{ field: 'newborn.tempatLahir', reason: dataReason }];
    expect((await operator.post(`/api/applications/${id}/data/reject`, { issues })).status).toBe(200);
    expect((await operator.post(`/api/applications/${id}/correction-request`)).status).toBe(200);
    let dueAt = '';
    await eventually(async () => {
      const detail = (await citizen.get(`/api/applications/${id}`)).body;
      expect(detail.status.code).toBe('correction-requested');
      dueAt = detail.status.correctionDueAt;
    }, 15_000);

    await signInDirectly(page, web.platform, 'pemohon.siti');
    await page.goto(`${web.webUrl}/permohonan/${id}`);
    await page.getByRole('heading', { name: 'Perbaikan diminta' }).waitFor();
    const deadline = await page.locator('.tenggat').innerText();
    expect(deadline).toContain('pukul 12.00 WIB');
    expect(deadline).toContain(`Batas waktu perbaikan: ${formatWibDateTimeIso(dueAt)}`); // the platform's deadline, in WIB
    expect(deadline).toMatch(/\(sisa \d+ (hari|jam|menit)/); // still before the deadline: counting down
    expect(await page.locator('.perbaikan').innerText()).toContain(reason);
    await checkScreen(page, 'pemohon-perbaikan');

    await page
      .locator('#unggah-kartu-keluarga-berkas')
      .setInputFiles({ name: 'kk-jelas.jpg', mimeType: 'image/jpeg', buffer: jpegBytes(200, 140) });
    await page.getByText('Terunggah: kk-jelas.jpg').waitFor();
    // The refused data field, with its reason, starts from what was submitted.
    const birthPlace = page.getByLabel(`Bayi: Tempat lahir (alasan: ${dataReason})`);
    expect(await birthPlace.inputValue()).toBe('SIDOARJO');
    await birthPlace.fill('Mojokerto');
    await page.getByRole('button', { name: 'Kirim perbaikan' }).click();
    await eventually(async () => expect(await page.locator('.status-permohonan').innerText()).toBe('Menunggu verifikasi'), 15_000);
    expect(await page.locator('main').innerText()).toContain('Perbaikan diterima, menunggu verifikasi ulang');
    expect(await page.getByRole('heading', { name: 'Perbaikan diminta' }).count()).toBe(0);
    expect((await citizen.get(`/api/applications/${id}/data`)).body.newborn.tempatLahir).toBe('MOJOKERTO');
  });

  it('once the KK is signed the citizen is told where the self-print link went and cannot withdraw; the mailed link downloads the KK', async () => {
    const citizen = new ApiClient(web.platform.gatewayUrl, await web.platform.token('pemohon.siti'));
    const operator = new ApiClient(web.platform.gatewayUrl, await web.platform.token('operator.balongbendo'));
    const body = onlineSubmission();
    body.newborn.namaLengkap = 'BAYI SUDAH TTE'; // another newborn: no duplicate flag on the way to signing
    const submitted = await citizen.post('/api/applications', body);
    expect(submitted.status).toBe(201);
    const id = submitted.body.applicationId as string;
    for (const [i, req] of domainTesting.DOCUMENT_REQUIREMENTS.entries())
      expect((await citizen.upload(web.platform.documentsUrl!, id, req, pdfBytes(4_000 + i, 70 + i))).status).toBe(201);
    await allScansIn(operator, id);
    for (const req of [...domainTesting.DOCUMENT_REQUIREMENTS, 'nomor-telepon-email'])
      expect((await operator.post(`/api/applications/${id}/requirements/${req}/accept`)).status).toBe(200);
    expect((await operator.post(`/api/applications/${id}/data/verify`)).status).toBe(200);
    expect((await operator.post(`/api/applications/${id}/verification/complete`)).status).toBe(200);
    await eventually(async () => expect((await citizen.get(`/api/applications/${id}`)).body.status.code).toBe('signed'), 30_000);

    await signInDirectly(page, web.platform, 'pemohon.siti');
    await page.goto(`${web.webUrl}/permohonan/${id}`);
    await page.getByRole('heading', { name: 'Unduh KK' }).waitFor();
    expect(await page.locator('.status-permohonan').innerText()).toBe('KK sudah ditandatangani (TTE)');
    expect(await page.locator('main').innerText()).toContain('Tautan cetak mandiri dikirim ke alamat email pemohon');
    expect(await page.getByRole('button', { name: 'Batalkan permohonan' }).count()).toBe(0);
    await checkScreen(page, 'pemohon-kk-siap');

    // The link of the applicant's mail (as the notifications service signs it) downloads the KK on this origin.
    const issued = await eventually(async () => {
      const e = (await store.readStream(applicationStreamId(id))).find((ev) => ev.type === 'SelfPrintLinkIssued');
      if (!e) throw new Error('no self-print link yet');
      return e.data as { linkId: string; expiresAt: string };
    }, 30_000);
    const token = signSelfPrintToken(
      { applicationId: id, linkId: issued.linkId, expiresAt: new Date(issued.expiresAt) },
      selfPrintSigningKey(DEV_SELF_PRINT_SEED),
    );
    const link = selfPrintUrl(web.webUrl, token);
    expect(link.startsWith(`${web.webUrl}/cetak/`)).toBe(true);
    await page.reload();
    await page.getByText('Tautan cetak mandiri sudah dikirim ke email').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.goto(link).catch(() => undefined)]);
    expect(download.suggestedFilename()).toMatch(/^KK-.+\.pdf$/);
    expect(
      readFileSync((await download.path())!)
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    await eventually(async () => expect((await citizen.get(`/api/applications/${id}`)).body.status.code).toBe('self-printed'), 15_000);
    await page.goto(`${web.webUrl}/permohonan/${id}`);
    await page.getByText('KK sudah dicetak mandiri').waitFor();
  });

  it('a village officer is refused a family of another desa (403 in Indonesian) and submits for their own, listed as theirs, then withdraws it', async () => {
    const body = onlineSubmission(); // a family of Desa Wonokupang (35.15.12.2001)
    await signInDirectly(page, web.platform, 'desa.bakungpringgodani'); // officer of 35.15.12.2004
    await page.goto(`${web.webUrl}/beranda`);
    await page.getByRole('link', { name: 'Ajukan KK untuk warga desa' }).click();
    await page.getByRole('heading', { name: 'Langkah 1 dari 5: Pemohon' }).waitFor();
    await page.getByRole('button', { name: 'Lanjut' }).click();
    expect(await page.locator('[name="family.alamat.desa"]').inputValue()).toBe('35.15.12.2004'); // their desa, filled in
    await page.getByRole('button', { name: 'Sebelumnya' }).click();

    await fillWizard(page, flatten(body), body.family.anggota.length, 'petugas-desa-ajukan');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(
      'Petugas registrasi desa hanya dapat mengajukan permohonan untuk keluarga di desanya sendiri.',
    );
    expect(page.url()).toContain('/desa/permohonan/baru'); // nothing was submitted
    await checkScreen(page, 'petugas-desa-ditolak');

    // The same family moved to the officer's own desa is accepted and appears in the officer's list.
    await page.getByRole('button', { name: 'Sebelumnya' }).click();
    await page.getByRole('button', { name: 'Sebelumnya' }).click();
    await page.getByRole('button', { name: 'Sebelumnya' }).click();
    await page.getByRole('heading', { name: 'Langkah 2 dari 5: Keluarga' }).waitFor();
    await page.locator('[name="family.alamat.desa"]').fill('35.15.12.2004');
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByRole('button', { name: 'Kirim permohonan' }).click();
    await page.waitForURL(/\/permohonan\/[0-9a-f-]{36}\?baru=1$/);
    const id = applicationIdOf(page);
    await page.getByRole('heading', { name: 'Unggah persyaratan' }).waitFor();
    await page.goto(`${web.webUrl}/desa/permohonan`);
    await page.locator(`a[href="/permohonan/${id}"]`).waitFor();
    await checkScreen(page, 'petugas-desa-daftar');

    // The officer withdraws it for the family, with a reason, asked twice.
    await page.locator(`a[href="/permohonan/${id}"]`).click();
    await page.getByRole('button', { name: 'Batalkan permohonan' }).click();
    await page.getByLabel('Alasan pembatalan').fill('Keluarga memilih datang ke kantor kecamatan');
    await checkScreen(page, 'petugas-desa-batalkan');
    await page.getByRole('button', { name: 'Ya, batalkan permohonan' }).click();
    await eventually(
      async () => expect(await page.locator('.status-permohonan').innerText()).toBe('Permohonan dibatalkan oleh pemohon'),
      15_000,
    );
    expect(await page.locator('main').innerText()).toContain('Keluarga memilih datang ke kantor kecamatan');
    expect(await page.getByRole('button', { name: 'Batalkan permohonan' }).count()).toBe(0);
  });
});
