import { Pool } from 'pg';
import type { Page } from 'playwright-core';
import { applicationStreamId, domainTesting } from '@adminduk/domain';
import { ApiClient, counterSubmission } from '@adminduk/gateway/testing';
import { createDevPki, Pkcs12Signer, startFakeTteServer, type FakeTteServer } from '@adminduk/kk-document';
import { eventually } from '@adminduk/testing';
import { checkScreen, launchChromium, loginAs, startWebPlatform, type TestBrowser, type WebPlatform } from './testing';

// The penandatangan's, auditor's and admin's screens in real Chromium through the one origin. The
// signer is a remote TTE provider (the fake BSrE of libs/kk-document) so a wrong passphrase really fails.
const SIGNER_NIK = '3515010101700001';
const PASSPHRASE = 'passphrase-penandatangan';
const REQUIREMENTS = [...domainTesting.DOCUMENT_REQUIREMENTS, 'nomor-telepon-email'];

describe('staff screens: signing batch, audit timeline, holiday calendar', () => {
  let tte: FakeTteServer;
  let web: WebPlatform;
  let chromium: TestBrowser;
  let operator: ApiClient;
  let ids: string[];

  /** A counter submission verified complete; the verification service then assigns the newborn's NIK. */
  async function verifiedAtCounter(name: string): Promise<string> {
    const body = counterSubmission();
    body.newborn.namaLengkap = name;
    const submitted = await operator.post('/api/applications', body);
    expect(submitted.status).toBe(201);
    const id = submitted.body.applicationId as string;
    await eventually(async () => {
      if ((await operator.get(`/api/applications/${id}`)).status !== 200) throw new Error('not projected yet');
    }, 15_000);
    for (const req of REQUIREMENTS) expect((await operator.post(`/api/applications/${id}/requirements/${req}/accept`)).status).toBe(200);
    expect((await operator.post(`/api/applications/${id}/data/verify`)).status).toBe(200);
    expect((await operator.post(`/api/applications/${id}/verification/complete`)).status).toBe(200);
    return id;
  }

  beforeAll(async () => {
    const pki = createDevPki({ passphrase: 'p12' });
    tte = await startFakeTteServer({
      signer: new Pkcs12Signer({ p12: pki.p12, passphrase: 'p12' }),
      nik: SIGNER_NIK,
      passphrase: PASSPHRASE,
      clientId: 'c',
      clientSecret: 's',
    });
    const signer = tte.remoteSigner(pki.caCertPem);
    web = await startWebPlatform({ signing: { signer, caCertPem: pki.caCertPem } }); // auto-sign off
    chromium = await launchChromium();
    operator = new ApiClient(web.platform.gatewayUrl, await web.platform.token('operator.balongbendo'));
    ids = [await verifiedAtCounter('BAYI TTE SATU'), await verifiedAtCounter('BAYI TTE DUA')];
    const signerApi = new ApiClient(web.webUrl, await web.platform.token('penandatangan'));
    await eventually(async () => {
      const q = await signerApi.get<{ items: { applicationId: string }[] }>('/api/signing/queue');
      if (!ids.every((id) => q.body.items.some((i) => i.applicationId === id))) throw new Error('not in the signing queue yet');
    }, 30_000);
  });
  afterAll(async () => {
    await chromium?.close();
    await web?.close();
    await tte?.close();
  });

  const progressOf = (page: Page) =>
    page
      .locator('#kemajuan')
      .evaluate((p) => ({ value: (p as unknown as { value: number }).value, max: (p as unknown as { max: number }).max }));

  it('signer: previews a KK, a wrong passphrase shows its reason, then both are signed with the progress bar at the end', async () => {
    const page = await chromium.newPage('desktop');
    await loginAs(page, web.webUrl, 'penandatangan', '/tte');
    await page.getByRole('heading', { name: 'Antrean tanda tangan elektronik' }).waitFor();
    await page.getByRole('checkbox').nth(1).waitFor();
    await checkScreen(page, 'penandatangan-antrean');

    // The preview is the unsigned KK, served as a PDF that is never cached.
    await page
      .getByRole('button', { name: /^Lihat KK/ })
      .first()
      .click();
    await page.locator('iframe[data-pratinjau-siap]').waitFor();
    const token = await web.platform.token('penandatangan');
    const preview = await fetch(`${web.webUrl}/api/signing/previews/${ids[0]}`, { headers: { authorization: `Bearer ${token}` } });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toContain('application/pdf');
    expect(preview.headers.get('cache-control')).toContain('no-store');
    expect(
      Buffer.from(await preview.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await page.getByRole('button', { name: 'Tutup pratinjau' }).click();

    for (const box of await page.getByRole('checkbox').all()) await box.check();
    await page.getByLabel('NIK penandatangan').fill(SIGNER_NIK);
    await page.getByLabel('Passphrase tanda tangan elektronik').fill('salah');
    await page.getByRole('button', { name: 'Tandatangani 2 KK' }).click();
    await page.locator('[data-kemajuan="selesai"]').waitFor();
    expect(await progressOf(page)).toEqual({ value: 2, max: 2 });
    const failed = await page.locator('.daftar-hasil').innerText();
    expect(failed).toContain('gagal — Passphrase penandatangan ditolak; penandatangan perlu memasukkannya kembali.');
    expect(failed).toContain('Tidak dicoba. Passphrase penandatangan ditolak');
    await checkScreen(page, 'penandatangan-passphrase-salah');

    await page.getByLabel('Passphrase tanda tangan elektronik').fill(PASSPHRASE);
    // Every progress line the page shows, to see the bar move per KK and not jump from 0 to the end.
    await page.evaluate(`(() => {
      window.__kemajuan = [];
      const box = document.querySelector('.hasil-tte');
      new MutationObserver(() => {
        const line = box.querySelector('[data-kemajuan]')?.textContent;
        if (line && window.__kemajuan.at(-1) !== line) window.__kemajuan.push(line);
      }).observe(box, { subtree: true, childList: true, characterData: true });
    })()`);
    await page.getByRole('button', { name: 'Tandatangani 2 KK' }).click();
    await page.getByText('selesai: 2 ditandatangani').waitFor({ timeout: 60_000 });
    expect(await progressOf(page)).toEqual({ value: 2, max: 2 });
    expect(await page.locator('.daftar-hasil .berhasil').count()).toBe(2);
    expect(await page.evaluate<string[]>('window.__kemajuan')).toEqual(
      expect.arrayContaining(['0 dari 2 diproses…', '1 dari 2 diproses…', '2 dari 2 diproses — selesai: 2 ditandatangani']),
    );
    await page.getByText('Tidak ada KK yang menunggu tanda tangan.').waitFor();
    await checkScreen(page, 'penandatangan-selesai');
    await page.close();
  });

  it('auditor: the signed application’s timeline in WIB with who, what and why, the chain intact, the preview read logged; an altered event is named', async () => {
    const page = await chromium.newPage('desktop');
    await loginAs(page, web.webUrl, 'auditor', '/audit');
    await page.getByRole('heading', { name: 'Pemeriksaan riwayat permohonan' }).waitFor();
    // Region names from GET /api/public/wilayah, not the code 35.15.12.
    await page.getByRole('cell', { name: 'Balongbendo' }).first().waitFor();
    expect(await page.getByRole('table').innerText()).not.toContain('35.15.12');
    await checkScreen(page, 'auditor-daftar');
    await page.getByLabel('ID permohonan').fill(ids[0]);
    await page.getByRole('button', { name: 'Buka riwayat' }).click();
    await page.waitForURL(`${web.webUrl}/audit/permohonan/${ids[0]}`);
    await page.locator('[data-rantai="utuh"]').waitFor();

    // A requirement by the label the application was held to (counter: "Kartu Keluarga"), not its id.
    await page.locator('.garis-waktu p.apa', { hasText: 'Persyaratan diterima — Kartu Keluarga' }).first().waitFor();
    const timeline = await page.locator('.garis-waktu').innerText();
    expect(timeline).not.toContain('kartu-keluarga');
    expect(timeline).toContain('Permohonan diajukan');
    expect(timeline).toContain('KK ditandatangani secara elektronik');
    expect(timeline).toContain('Alasan: Passphrase penandatangan ditolak; penandatangan perlu memasukkannya kembali.');
    expect(timeline).toContain('Oleh demo-penandatangan (Pejabat penandatangan)');
    expect(timeline).toMatch(/(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WIB/);
    // Read twice: the signer's preview in the browser, and this test's own GET of it.
    await page.getByText('Pratinjau KK (belum ditandatangani)').first().waitFor();
    expect(await page.getByText('Pratinjau KK (belum ditandatangani)').count()).toBe(2);
    expect(await page.getByRole('table').last().innerText()).toContain('penandatangan (Pejabat penandatangan)');
    // Every event marked with its hash status; the auditor sees the personal data, and that read is itself recorded.
    const events = await page.locator('.garis-waktu li').count();
    expect(await page.locator('.garis-waktu [data-tanda-hash="ok"]').count()).toBe(events);
    expect(await page.locator('.garis-waktu li[data-jenis="ApplicationSubmitted"] .data-pribadi').innerText()).toMatch(
      /^Pemohon: .+ \(NIK \d{16}\)/,
    );
    expect(await page.locator('.garis-waktu li[data-jenis="NewbornNikAssigned"] .data-pribadi').innerText()).toMatch(/^NIK bayi: \d{16}$/);
    await page.getByText('Riwayat permohonan beserta data pribadi').first().waitFor();
    await checkScreen(page, 'auditor-riwayat');

    // Someone with database access rewrites the recorded failure's reason: the chain names that event.
    const sql = new Pool({ connectionString: web.platform.schema.url, max: 1 });
    try {
      const { rows } = await sql.query<{ revision: string }>(
        `UPDATE es_events SET data = jsonb_set(data, '{reason}', '"tidak ada masalah"') WHERE stream_id = $1 AND type = 'KkSigningFailed' RETURNING revision`,
        [applicationStreamId(ids[0])],
      );
      expect(rows).toHaveLength(1);
      await page.reload();
      const verdict = page.locator('[data-rantai="rusak"]');
      await verdict.waitFor();
      expect(await verdict.innerText()).toBe(
        `Rantai hash tidak utuh: kejadian ke-${Number(rows[0].revision) + 1} (Penandatanganan KK gagal) telah diubah setelah dicatat.`,
      );
      expect(await page.locator('.garis-waktu li.diubah').innerText()).toContain('Penandatanganan KK gagal');
      // The event itself is marked, by its id; the others keep their own mark.
      const altered = page.locator('.garis-waktu li[data-hash="altered"]');
      expect(await altered.count()).toBe(1);
      const { rows: failed } = await sql.query<{ event_id: string }>(
        `SELECT event_id::text FROM es_events WHERE stream_id = $1 AND type = 'KkSigningFailed'`,
        [applicationStreamId(ids[0])],
      );
      expect(await altered.innerText()).toContain(
        `Hash tidak cocok: isi kejadian ini diubah setelah dicatat (id kejadian ${failed[0].event_id})`,
      );
      expect(await page.locator('.garis-waktu [data-tanda-hash="ok"]').count()).toBe(events - 1);
      await checkScreen(page, 'auditor-rantai-rusak');
    } finally {
      await sql.end();
    }
    await page.close();
  });

  it('auditor: who opened whose personal data - the report for one NIK and the search by officer, with a chart', async () => {
    const auditorApi = new ApiClient(web.webUrl, await web.platform.token('auditor'));
    // The streams are the source of truth: every read recorded on both files of this family.
    const recorded = async () => {
      let n = 0;
      for (const id of ids) n += ((await auditorApi.get(`/api/applications/${id}/access-log`)).body.records as unknown[]).length;
      return n;
    };
    const page = await chromium.newPage('desktop');
    await loginAs(page, web.webUrl, 'auditor', '/audit/akses-data');
    await page.getByRole('heading', { name: 'Catatan akses data pribadi' }).waitFor();
    await page.getByRole('textbox', { name: 'NIK', exact: true }).fill(domainTesting.newborn().nikIbu);
    const expected = await recorded();
    expect(expected).toBeGreaterThan(2);
    await eventually(async () => {
      await page.getByRole('button', { name: 'Buat laporan' }).click();
      const shown = await page.locator('[data-jumlah-akses]').getAttribute('data-jumlah-akses');
      if (shown !== String(expected)) throw new Error(`report shows ${shown}, the streams hold ${expected}`);
    }, 15_000);
    expect(await page.locator('[data-jumlah-akses]').innerText()).toMatch(new RegExp(`^${expected} kali dibuka oleh \\d+ petugas`));
    await page.getByRole('img', { name: 'Jumlah akses per petugas' }).waitFor();
    const table = await page.getByRole('table').innerText();
    expect(table).toContain('Pratinjau KK (belum ditandatangani)');
    expect(table).toContain('Riwayat permohonan beserta data pribadi');
    expect(table).not.toContain(domainTesting.newborn().nikIbu);
    await checkScreen(page, 'auditor-akses-nik');

    await page.getByLabel('Id pengguna petugas').fill('demo-penandatangan');
    await page.getByRole('button', { name: 'Cari catatan' }).click();
    await page.getByRole('heading', { name: 'Hasil pencarian' }).waitFor();
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain('demo-penandatangan (Pejabat penandatangan)');
    await checkScreen(page, 'auditor-akses-petugas');

    await page.getByRole('textbox', { name: 'NIK', exact: true }).fill('12345');
    await page.getByRole('button', { name: 'Buat laporan' }).click();
    await page.getByRole('alert').waitFor();
    await page.close();
  });

  it('admin: the 1 October warning for 2027, then the 2027 list published from the form', async () => {
    const page = await chromium.newPage('desktop');
    await loginAs(page, web.webUrl, 'admin', '/admin/hari-libur');
    const warning = page.locator('.peringatan-besar');
    const status = await (
      await fetch(`${web.webUrl}/api/holidays/status`, { headers: { authorization: `Bearer ${await web.platform.token('admin')}` } })
    ).json();
    const year = (status as { year: number }).year;
    if ((status as { warning: string | null }).warning) {
      await warning.waitFor();
      expect(await warning.innerText()).toContain(`daftar hari libur ${year} belum diterbitkan`);
    }
    await page.getByLabel('Tahun').fill('2027');
    await page.getByLabel('Tahun').dispatchEvent('change');
    await page.getByRole('heading', { name: 'Terbitkan daftar 2027' }).waitFor();
    await checkScreen(page, 'admin-hari-libur');

    await page.getByLabel('Nomor SKB').fill('1497/2026, 2/2026, 5/2026');
    await page.getByLabel('Tanggal SKB').fill('2026-10-14');
    const rows = await page.locator('.baris-libur .baris').count();
    await page.getByRole('button', { name: 'Tambah hari' }).click();
    await page.getByLabel(`Tanggal hari ke-${rows + 1}`).fill('2027-03-10');
    await page.getByLabel(`Nama hari ke-${rows + 1}`).fill('Hari Raya Idul Fitri 1448 H');
    await page.getByRole('button', { name: 'Tambah hari' }).click();
    await page.getByLabel(`Tanggal hari ke-${rows + 2}`).fill('2027-03-11');
    await page.getByLabel(`Jenis hari ke-${rows + 2}`).selectOption('cuti-bersama');
    await page.getByLabel(`Nama hari ke-${rows + 2}`).fill('Cuti Bersama Idul Fitri 1448 H');
    await page.getByRole('button', { name: 'Terbitkan daftar 2027' }).click();
    await page.getByText('Daftar hari libur 2027 diterbitkan.').waitFor();
    await page.getByRole('heading', { name: 'Koreksi daftar 2027' }).waitFor();

    const table = await page.getByRole('table').innerText();
    expect(table).toContain('10 Maret 2027');
    expect(table).toContain('Cuti bersama');
    expect(table).toContain('Cuti Bersama Idul Fitri 1448 H');
    expect(await page.getByText('SKB nomor 1497/2026, 2/2026, 5/2026 tanggal 14 Oktober 2026').count()).toBe(1);
    if (year === 2027) await warning.waitFor({ state: 'detached' });
    await checkScreen(page, 'admin-hari-libur-terbit');

    // A correction needs its reason: refused without one (the field's message shown), saved with one.
    await page.getByLabel(`Nama hari ke-${rows + 2}`).fill('Cuti Bersama Hari Raya Idul Fitri 1448 H');
    await page.getByRole('button', { name: 'Simpan koreksi' }).click();
    await page.locator('#alasan ~ .salah').waitFor();
    await page.getByLabel('Alasan koreksi').fill('Nama cuti bersama disamakan dengan lampiran SKB');
    await page.getByRole('button', { name: 'Simpan koreksi' }).click();
    await page.getByText('Koreksi daftar hari libur 2027 tersimpan.').waitFor();
    await page.getByText(/dikoreksi 1 kali/).waitFor();
    expect(await page.getByRole('table').innerText()).toContain('Cuti Bersama Hari Raya Idul Fitri 1448 H');
    await page.close();
  });
});
