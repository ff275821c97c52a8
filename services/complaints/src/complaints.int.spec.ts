import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { startTestIssuer, type TestIssuer } from '@adminduk/documents/testing';
import { complaintStreamId } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { createLogger } from '@adminduk/observability';
import { catchUpInTransaction, ComplaintViewProjection, createReadModelDataSource } from '@adminduk/read-models';
import { createTestSchema, eventually, testRateLimitEnv, type TestSchema } from '@adminduk/testing';
import type { DataSource } from 'typeorm';
import { ComplaintDeadlines } from './complaint/complaint-deadlines';
import { createComplaintsApp } from './complaints.app';
import { loadComplaintsConfig } from './complaints.config';
import { ComplaintsDependencies } from './complaints-dependencies';
import { startLaporStandIn, type LaporStandIn } from './testing/lapor-stand-in';

const BALONGBENDO = '35.15.12';
// Tuesday 1 December 2026, 09:00 WIB.
const T0 = new Date('2026-12-01T02:00:00.000Z');

const pungliBySms = {
  trackingNumber: 'LAPOR-4471203',
  channel: 'sms-1708',
  submittedAt: '2026-11-30T19:12:00+07:00',
  kind: 'pengaduan',
  category: 'pungutan-liar',
  title: 'Diminta uang untuk KK',
  content: 'Petugas di kecamatan meminta Rp50.000 agar KK cepat selesai.',
  kecamatan: BALONGBENDO,
  reporter: { name: 'Warsito Pelapor', phone: '081299887766', email: 'warsito@example.id' },
};

describe('complaints service through HTTP (real PostgreSQL, a LAPOR stand-in over HTTP, an injected clock)', () => {
  let schema: TestSchema;
  let issuer: TestIssuer;
  let lapor: LaporStandIn;
  let app: INestApplication;
  let url: string;
  let store: PostgresEventStore;
  let ds: DataSource;
  const clock = { at: T0, now: () => clock.at };
  const logLines: string[] = [];
  const tokens: Record<string, string> = {};
  let config: ReturnType<typeof loadComplaintsConfig>;
  const logger = createLogger({ service: 'complaints', destination: { write: (l: string) => void logLines.push(l) } });
  const start = async () => {
    app = await createComplaintsApp(config, logger, clock);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer() as { address(): AddressInfo }).address().port}`;
    await app.get(ComplaintsDependencies).started();
  };

  beforeAll(async () => {
    schema = await createTestSchema('complaints');
    issuer = await startTestIssuer();
    lapor = await startLaporStandIn([pungliBySms]);
    config = loadComplaintsConfig({
      ADMINDUK_ENV: 'test',
      PORT: '0',
      DATABASE_URL: schema.url,
      AUTH_JWKS_URL: issuer.jwksUrl,
      AUTH_ISSUER: issuer.issuer,
      AUTH_AUDIENCE: issuer.audience,
      NATS_URL: 'nats://127.0.0.1:1',
      DEADLINE_SCAN_INTERVAL_MS: '3600000',
      LAPOR_API_URL: lapor.url,
      ...testRateLimitEnv,
    });
    await start();
    store = await PostgresEventStore.create({ connectionString: schema.url, max: 2 });
    ds = await createReadModelDataSource(schema.url).initialize();
    tokens.petugas = await issuer.token({ sub: 'pengaduan-1', role: 'petugas-pengaduan' });
    tokens.auditor = await issuer.token({ sub: 'auditor-1', role: 'auditor' });
    tokens.operator = await issuer.token({ sub: 'op-balongbendo', role: 'operator-kecamatan', kecamatan: BALONGBENDO });
  });
  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
    await store?.close();
    await lapor?.close();
    await issuer?.close();
    await schema?.drop();
  });

  const call = async (method: string, path: string, who?: string, body?: unknown) => {
    const headers: Record<string, string> = { 'idempotency-key': randomUUID() };
    if (who) headers.authorization = `Bearer ${tokens[who]}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    return { status: r.status, text, body: text ? JSON.parse(text) : undefined };
  };
  const project = () => catchUpInTransaction(ds, new ComplaintViewProjection(), store, 'end');
  const streamOf = async (id: string) => store.readStream(complaintStreamId(id));

  let pungliId: string;

  it('a pungli report received by SMS 1708 through the LAPOR import appears in Balongbendo’s complaint view with its deadlines; re-import appends nothing', async () => {
    const first = await call('POST', '/api/complaints/lapor/sync', 'petugas');
    expect(first).toMatchObject({ status: 200, body: { imported: 1, alreadyPresent: 0, statusesSent: 0 } });
    pungliId = first.body.complaintIds[0];
    expect((await call('POST', '/api/complaints/lapor/sync', 'petugas')).body).toMatchObject({ imported: 0, alreadyPresent: 1 });
    const file = JSON.stringify(pungliBySms);
    expect((await call('POST', '/api/complaints/lapor/import', 'petugas', { content: `${file}\n\n` })).body).toMatchObject({
      imported: 0,
      alreadyPresent: 1,
    });
    expect((await streamOf(pungliId)).map((e) => e.type)).toEqual(['ComplaintReceived']);

    await project();
    const view = await call('GET', `/api/complaints?kecamatan=${BALONGBENDO}`, 'petugas');
    expect(view.status).toBe(200);
    expect(view.body.items).toEqual([
      expect.objectContaining({
        complaintId: pungliId,
        category: 'pungutan-liar',
        channel: 'lapor-sms-1708',
        laporTrackingNumber: 'LAPOR-4471203',
        kecamatan: BALONGBENDO,
        status: 'received',
        // Three working days after it was received: Wed, Thu, Fri.
        verifyBy: '2026-12-04T02:00:00.000Z',
        nextDueAt: '2026-12-04T02:00:00.000Z',
        nextDueStage: 'verification',
      }),
    ]);
    // Never shown to the staff of the kecamatan it accuses.
    expect((await call('GET', '/api/complaints', 'operator')).body.items).toEqual([]);
    expect((await call('GET', `/api/complaints/${pungliId}`, 'operator')).status).toBe(404);
  });

  it('verified, disposed, escalated to the camat when the answer deadline passes (once), answered, closed; LAPOR told the status', async () => {
    clock.at = new Date('2026-12-02T03:00:00.000Z');
    const verified = await call('POST', `/api/complaints/${pungliId}/verify`, 'petugas', { outcome: 'valid', tier: 'ringan' });
    // Tier "ringan": 5 working days after Wednesday 2 Dec: 3, 4, 7, 8, 9 Dec.
    expect(verified).toMatchObject({ status: 200, body: { status: 'verified', answerBy: '2026-12-09T03:00:00.000Z' } });
    expect(
      (await call('POST', `/api/complaints/${pungliId}/dispose`, 'petugas', { unit: 'Inspektorat Kabupaten Sidoarjo' })).body,
    ).toMatchObject({
      status: 'disposed',
    });
    await project();
    const deadlines = app.get(ComplaintDeadlines);
    expect(await deadlines.scanOnce()).toBe(0);

    clock.at = new Date('2026-12-09T03:00:01.000Z');
    expect(await deadlines.scanOnce()).toBe(1);
    await project();
    expect(await deadlines.scanOnce()).toBe(0);
    const detail = await call('GET', `/api/complaints/${pungliId}`, 'petugas');
    expect(detail.body).toMatchObject({ escalations: 1, status: 'disposed', unit: 'Inspektorat Kabupaten Sidoarjo' });
    expect(detail.body.steps.map((s: { type: string }) => s.type)).toEqual([
      'ComplaintReceived',
      'ComplaintVerified',
      'ComplaintDisposed',
      'ComplaintEscalated',
    ]);
    expect(detail.body.steps[3]).toMatchObject({ stage: 'answer', dueAt: '2026-12-09T03:00:00.000Z' });

    await call('POST', `/api/complaints/${pungliId}/answer`, 'petugas', {
      answer: 'Petugas yang bersangkutan telah diperiksa Inspektorat.',
    });
    const closed = await call('POST', `/api/complaints/${pungliId}/close`, 'petugas', { satisfaction: 'puas' });
    expect(closed.body).toMatchObject({ status: 'closed' });
    await project();
    expect((await call('GET', '/api/complaints', 'petugas')).body.items.map((i: { complaintId: string }) => i.complaintId)).not.toContain(
      pungliId,
    );

    await call('POST', '/api/complaints/lapor/sync', 'petugas');
    expect(lapor.statusPushes.at(-1)?.statuses).toEqual([
      expect.objectContaining({
        trackingNumber: 'LAPOR-4471203',
        status: 'selesai',
        answer: 'Petugas yang bersangkutan telah diperiksa Inspektorat.',
      }),
    ]);
    const exported = await fetch(`${url}/api/complaints/lapor/export`, { headers: { authorization: `Bearer ${tokens.petugas}` } });
    expect(exported.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    expect(JSON.parse((await exported.text()).trim())).toMatchObject({ trackingNumber: 'LAPOR-4471203', status: 'selesai' });
  });

  it('the complainant’s identity is absent from every operator response; auditors see it, and their read is logged', async () => {
    const recorded = await call('POST', '/api/complaints', 'petugas', {
      kind: 'pengaduan',
      category: 'pelayanan-lambat',
      channel: 'telepon',
      channelReference: 'Telepon masuk dari 081377788899',
      summary: 'KK belum selesai',
      description: 'Sudah tiga minggu KK anak saya belum selesai.',
      kecamatan: BALONGBENDO,
      complainant: { name: 'Sumiati Rahayu', phone: '081377788899', email: 'sumiati@example.id' },
    });
    expect(recorded.status).toBe(201);
    const id = recorded.body.complaintId;
    await project();

    const operatorResponses = [
      await call('GET', '/api/complaints', 'operator'),
      await call('GET', `/api/complaints?kecamatan=${BALONGBENDO}&closed=true`, 'operator'),
      await call('GET', `/api/complaints/${id}`, 'operator'),
    ];
    expect(operatorResponses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(operatorResponses[0].body.items.map((i: { complaintId: string }) => i.complaintId)).toEqual([id]);
    for (const r of operatorResponses) {
      for (const secret of ['Sumiati', '081377788899', 'sumiati@example.id', 'Warsito', '081299887766', 'complainant', 'channelReference'])
        expect(r.text).not.toContain(secret);
    }
    expect((await call('POST', `/api/complaints/${id}/verify`, 'operator', { outcome: 'valid', tier: 'ringan' })).status).toBe(403);

    const audited = await call('GET', `/api/complaints/${id}`, 'auditor');
    expect(audited.body).toMatchObject({ complainant: { name: 'Sumiati Rahayu', phone: '081377788899' } });
    const access = await store.readStream(`access-${id}`);
    expect(access.map((e) => [e.type, (e.data as { viewer: { role: string } }).viewer.role])).toEqual([['PersonalDataViewed', 'auditor']]);
    // Personal data never reaches the logs; metrics name the route template, never the complaint.
    expect(logLines.join('\n')).not.toMatch(/Sumiati|081377788899|Warsito/);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('/api/complaints/:complaintId');
    expect(metrics).not.toContain(id);
    expect(metrics).not.toMatch(/Sumiati|081377788899/);
  });

  it('an anonymous complaint on the public web form, without logging in; bad input is refused field by field and stores nothing', async () => {
    const sent = await call('POST', '/api/public/pengaduan', undefined, {
      kind: 'saran',
      category: 'sistem-aplikasi',
      summary: 'Tambahkan pengingat',
      description: 'Mohon ada pengingat lewat email saat KK selesai.',
      complainant: { name: '', email: '' },
    });
    expect(sent).toMatchObject({ status: 201, body: { status: 'received' } });
    await project();
    const detail = await call('GET', `/api/complaints/${sent.body.complaintId}`, 'petugas');
    expect(detail.body).toMatchObject({ channel: 'web-adminduk', kind: 'saran', complainant: null });

    const before = Number((await ds.query(`SELECT count(*) AS n FROM es_events`))[0].n);
    const bad = await call('POST', '/api/public/pengaduan', undefined, {
      kind: 'pengaduan',
      category: 'tidak-ada',
      summary: 'x',
      description: 'Terlalu singkat',
      complainant: { email: 'bukan-email' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['category', 'summary', 'complainant.email']);
    expect(Number((await ds.query(`SELECT count(*) AS n FROM es_events`))[0].n)).toBe(before);

    const contacts = await call('GET', '/api/public/pengaduan');
    expect(contacts.body.contacts).toMatchObject({ telephone: '031-8971003', email: 'balongbendo@sidoarjokab.go.id' });
  });

  it('a LAPOR file with one bad report is refused whole, naming the report and field', async () => {
    const good = { ...pungliBySms, trackingNumber: 'LAPOR-5550001' };
    const bad = { ...pungliBySms, trackingNumber: 'LAPOR-5550002', category: 'entah' };
    const r = await call('POST', '/api/complaints/lapor/import', 'petugas', {
      content: [good, bad].map((x) => JSON.stringify(x)).join('\n'),
    });
    expect(r.status).toBe(400);
    expect(r.text).toContain('laporan 2.category');
    expect((await call('POST', '/api/complaints/lapor/import', 'petugas', { content: 'bukan json' })).status).toBe(400);
    const rows = await ds.query(
      `SELECT count(*) AS n FROM es_events WHERE stream_id LIKE 'complaint-%' AND data->>'laporTrackingNumber' = 'LAPOR-5550001'`,
    );
    expect(Number(rows[0].n)).toBe(0);
  });

  it('a deadline that passed while the service was down is escalated when it starts again, once', async () => {
    // Thursday 10 December, 09:00 WIB: verification due Tuesday 15 December (3 working days).
    clock.at = new Date('2026-12-10T02:00:00.000Z');
    const recorded = await call('POST', '/api/complaints', 'petugas', {
      kind: 'pengaduan',
      category: 'persyaratan',
      channel: 'email',
      channelReference: 'Surel 10 Desember',
      summary: 'Persyaratan tidak jelas',
      description: 'Di loket diminta surat pengantar RT yang tidak ada di standar.',
      kecamatan: BALONGBENDO,
    });
    expect(recorded.body).toMatchObject({ status: 'received', verifyBy: '2026-12-15T02:00:00.000Z' });
    const id = recorded.body.complaintId;
    await project();
    await app.close();

    clock.at = new Date('2026-12-16T02:00:00.000Z');
    await start(); // its first scan runs at start
    await eventually(
      async () => expect((await streamOf(id)).map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintEscalated']),
      10_000,
    );
    await project();
    expect(await app.get(ComplaintDeadlines).scanOnce()).toBe(0);
    expect((await streamOf(id)).filter((e) => e.type === 'ComplaintEscalated')).toHaveLength(1);
  });
});
