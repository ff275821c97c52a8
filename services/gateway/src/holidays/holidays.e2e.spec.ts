import { fromWib, holidayYearStatus } from '@adminduk/calendar';
import { eventually } from '@adminduk/testing';
import { randomUUID } from 'node:crypto';
import { ApiClient } from '../testing/api-client';
import { startInProcessPlatform, type InProcessPlatform } from '../testing/in-process-platform';
import { counterSubmission } from '../testing/submission-fixture';

/** The platform's clock: real time moved to 29 December 2026 for the submission. */
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

/** A made-up 2027 list (not the real SKB): Tahun Baru and a cuti bersama on Monday 4 January. */
const decree = { number: 'SKB uji 2027 (bukan data resmi)', date: '2026-09-15' };
const list2027 = [
  { date: '2027-01-01', kind: 'libur-nasional', name: 'Tahun Baru Masehi' },
  { date: '2027-01-04', kind: 'cuti-bersama', name: 'Cuti bersama (uji)' },
];

describe('holiday calendar administered through the API, over the real bus and store', () => {
  let platform: InProcessPlatform;
  let admin: ApiClient;
  let operator: ApiClient;
  let adminToken: string;

  beforeAll(async () => {
    platform = await startInProcessPlatform({ clock });
    adminToken = await platform.token('admin');
    admin = new ApiClient(platform.gatewayUrl, adminToken);
    operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
  });
  afterAll(() => platform?.close());

  const put = async (path: string, body: unknown) => {
    const res = await fetch(`${platform.gatewayUrl}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const dueOf = (id: string, check: (v: { slaDueAt: string | null; slaDueAtProvisional: boolean }) => boolean) =>
    eventually(async () => {
      const v = (await operator.get(`/api/applications/${id}`)).body;
      if (!check(v)) throw new Error(`not yet: ${v.slaDueAt} provisional=${v.slaDueAtProvisional}`);
      return v;
    }, 15_000);
  const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  it('a file completed on 29 Dec 2026 is due provisionally, then finally once 2027 is published, and moves with a correction', async () => {
    clock.offsetMs = fromWib(2026, 12, 29, 10).getTime() - Date.now();
    const body = counterSubmission();
    body.newborn.namaLengkap = 'BAYI AKHIR TAHUN';
    const submitted = await operator.post('/api/applications', body);
    expect(submitted.status).toBe(201);
    const id = submitted.body.applicationId as string;

    // Before: Wed 30, Thu 31 Dec, then 1 Jan (fixed-date holiday), the weekend, Mon 4 Jan -> due 5 Jan 00:00 WIB, provisional.
    await dueOf(id, (v) => v.slaDueAt === fromWib(2027, 1, 5).toISOString() && v.slaDueAtProvisional);
    const before = await admin.get('/api/holidays/2027');
    expect(before.body).toMatchObject({ year: 2027, published: false, source: 'fixed-dates', final: false });

    const published = await admin.post('/api/holidays/2027', { decree, days: list2027 });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ year: 2027, published: true, events: ['HolidayYearPublished'] });
    // 4 Jan is cuti bersama: the third working day is Tue 5 Jan -> due 6 Jan 00:00 WIB, final.
    await dueOf(id, (v) => v.slaDueAt === fromWib(2027, 1, 6).toISOString() && !v.slaDueAtProvisional);
    expect((await admin.post('/api/holidays/2027', { decree, days: list2027 })).status).toBe(409);

    const corrected = await put('/api/holidays/2027', {
      decree,
      days: [...list2027, { date: '2027-01-05', kind: 'cuti-bersama', name: 'Cuti bersama tambahan (uji)' }],
      reason: 'Cuti bersama ditambah (uji)',
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ corrections: 1, events: ['HolidayYearCorrected'] });
    await dueOf(id, (v) => v.slaDueAt === fromWib(2027, 1, 7).toISOString() && !v.slaDueAtProvisional);

    const after = await admin.get('/api/holidays/2027');
    expect(after.body).toMatchObject({ published: true, source: 'published', corrections: 1, decree });
    expect(after.body.days.map((d: { date: string }) => d.date)).toEqual(['2027-01-01', '2027-01-04', '2027-01-05']);
    // The shipped years count as published.
    expect((await admin.get('/api/holidays/2026')).body).toMatchObject({ published: true, source: 'shipped' });
  });

  it('only the admin reads and changes the holiday calendar', async () => {
    expect((await operator.get('/api/holidays/2028')).status).toBe(403);
    expect((await operator.get('/api/holidays/status')).status).toBe(403);
    const refused = await operator.post('/api/holidays/2028', { decree, days: list2027 });
    expect(refused.status).toBe(403);
  });

  it('bad input is a 400 naming the field, from the edge and from the domain', async () => {
    const badKind = await admin.post('/api/holidays/2028', {
      decree,
      days: [{ date: '2028-01-01', kind: 'libur-tambahan', name: 'Tahun Baru' }],
    });
    expect(badKind.status).toBe(400);
    expect(fields(badKind.body).join()).toMatch(/days.*0.*kind/);
    const outsideYear = await admin.post('/api/holidays/2028', {
      decree,
      days: [
        { date: '2027-12-31', kind: 'libur-nasional', name: 'Bukan tahun ini' },
        { date: '2028-01-01', kind: 'libur-nasional', name: 'Tahun Baru Masehi' },
        { date: '2028-01-01', kind: 'cuti-bersama', name: 'Ganda' },
      ],
    });
    expect(outsideYear.status).toBe(400);
    expect(fields(outsideYear.body)).toEqual(['days[0].date', 'days[2].date']);
    expect(outsideYear.body.message).toMatch(/tidak valid/);
    const badYear = await admin.post('/api/holidays/20x8', { decree, days: list2027 });
    expect(badYear.status).toBe(400);
    expect(fields(badYear.body)).toEqual(['year']);
    const noReason = await put('/api/holidays/2027', { decree, days: list2027 });
    expect(noReason.status).toBe(400);
    expect(fields(noReason.body).join()).toMatch(/reason/);
  });

  it('tells the admin whether the year that matters now is published, with the warning from 1 October', async () => {
    const status = await admin.get('/api/holidays/status');
    expect(status.status).toBe(200);
    const covered = async (y: number) => (await admin.get(`/api/holidays/${y}`)).body.published as boolean;
    const now = new Date();
    const years = new Map<number, boolean>();
    for (const y of [now.getUTCFullYear() - 1, now.getUTCFullYear(), now.getUTCFullYear() + 1, now.getUTCFullYear() + 2]) {
      years.set(y, await covered(y));
    }
    expect(status.body).toEqual(holidayYearStatus(now, (y) => years.get(y) === true));
    // At start (no year published yet but the shipped ones) the gateway logged the same warning, once.
    const atStart = holidayYearStatus(now, (y) => y === 2025 || y === 2026);
    const warnings = platform.logLines.filter((l) => l.includes('holiday list not published'));
    expect(warnings).toHaveLength(atStart.warning ? 1 : 0);
    if (atStart.warning) expect(JSON.parse(warnings[0])).toMatchObject({ level: 'warn', year: atStart.year });
  });
});
