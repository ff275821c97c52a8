import { domainTesting } from '@adminduk/domain';
import { eventually } from '@adminduk/testing';
import { ApiClient, counterSubmission, startInProcessPlatform, type InProcessPlatform } from '../testing';

const BALONGBENDO = '35.15.12';
const TARIK = '35.15.01';

/** Today as a WIB calendar date (UTC + 7 h), computed here rather than with the code under test. */
const wibToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

describe('statistics over HTTP: public figures, the staff dashboard by role, the CSV export', () => {
  let platform: InProcessPlatform;
  let operator: ApiClient;

  beforeAll(async () => {
    platform = await startInProcessPlatform({ logLevel: 'warn' });
    operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
    // Two applications at the Balongbendo counter, none in Tarik.
    for (const name of ['Bayi Satu', 'Bayi Dua']) {
      const body = counterSubmission();
      const submitted = await operator.post('/api/applications', { ...body, newborn: { ...body.newborn, namaLengkap: name } });
      expect(submitted.status).toBe(201);
    }
    await eventually(async () => {
      const r = await fetch(`${platform.gatewayUrl}/api/public/statistik`);
      const body = (await r.json()) as { today: { received: number } };
      if (body.today.received !== 2) throw new Error(`received ${body.today.received}, not projected yet`);
    }, 15_000);
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('the public figures count today, this month and this year by kecamatan and channel, with no personal data', async () => {
    const r = await fetch(`${platform.gatewayUrl}/api/public/statistik`);
    expect(r.status).toBe(200);
    const text = await r.text();
    const body = JSON.parse(text);
    expect(body.asOf).toBe(wibToday());
    for (const period of ['today', 'month', 'year']) expect(body[period]).toMatchObject({ received: 2, completed: 0, slaCompliance: null });
    expect(body.byKecamatan).toHaveLength(18);
    expect(body.byKecamatan.find((k: { kecamatan: string }) => k.kecamatan === BALONGBENDO)).toMatchObject({
      name: 'Balongbendo',
      received: 2,
    });
    expect(body.byKecamatan.find((k: { kecamatan: string }) => k.kecamatan === TARIK)).toMatchObject({ received: 0 });
    expect(body.byChannel.find((c: { channel: string }) => c.channel === 'tatap-muka')).toMatchObject({ received: 2 });
    expect(body.perMonth).toHaveLength(12);
    // Nothing of the applicants: no NIK, no KK number, no name.
    const { applicant, family, newborn } = counterSubmission();
    for (const secret of [applicant.nik, family.noKk, applicant.namaLengkap, newborn.nikIbu, domainTesting.family().namaKepalaKeluarga]) {
      expect(text).not.toContain(secret);
    }
  });

  it('staff see their scope: an operator their own kecamatan only, the auditor the regency or one kecamatan; a citizen is refused', async () => {
    const own = await operator.get('/api/statistik');
    expect(own.status).toBe(200);
    expect(own.body.scope).toEqual({ kecamatan: BALONGBENDO });
    expect(own.body.byKecamatan.map((k: { kecamatan: string }) => k.kecamatan)).toEqual([BALONGBENDO]);
    expect(own.body.perDay).toHaveLength(30);
    expect(own.body.perDay[29]).toMatchObject({ period: wibToday(), received: 2 });
    expect(own.body.openComplaintsByAge).toBeNull(); // a per-kecamatan count could reveal a pungli report

    const other = await operator.get(`/api/statistik?kecamatan=${TARIK}`);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('AUTH_KECAMATAN');

    const auditor = new ApiClient(platform.gatewayUrl, await platform.token('auditor'));
    const regency = await auditor.get('/api/statistik');
    expect(regency.body).toMatchObject({ scope: { kecamatan: null }, today: { received: 2 } });
    expect(regency.body.openComplaintsByAge.map((b: { bucket: string; count: number }) => [b.bucket, b.count])).toEqual([
      ['0-3', 0],
      ['4-7', 0],
      ['8-14', 0],
      ['15-30', 0],
      ['>30', 0],
    ]);
    expect((await auditor.get(`/api/statistik?kecamatan=${TARIK}`)).body).toMatchObject({
      scope: { kecamatan: TARIK },
      today: { received: 0 },
    });
    const bad = await auditor.get('/api/statistik?kecamatan=tarik');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('kecamatan');

    const citizen = new ApiClient(platform.gatewayUrl, await platform.token('pemohon.siti'));
    expect((await citizen.get('/api/statistik')).status).toBe(403);
  });

  it('exports the day rows as CSV with Indonesian headers and WIB dates; a reversed range is a 400 naming the field', async () => {
    const token = await platform.token('operator.balongbendo');
    const r = await fetch(`${platform.gatewayUrl}/api/statistik/csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="statistik-351512-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await r.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Tanggal (WIB),Kode Kecamatan,Kecamatan,Jalur,Layanan,Diterima,Selesai (KK ditandatangani),Selesai Tepat Waktu (SLA 3 hari kerja),Rata-rata Hari Kerja Penyelesaian,Ditutup Tanpa KK',
    );
    expect(lines.slice(1)).toEqual([`${wibToday()},35.15.12,Balongbendo,Datang ke kantor kecamatan,kk-tambah-anggota-kelahiran,2,0,0,,0`]);

    const reversed = await operator.get('/api/statistik/csv?dari=2025-03-01&sampai=2025-02-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'sampai' }] });
  });
});
