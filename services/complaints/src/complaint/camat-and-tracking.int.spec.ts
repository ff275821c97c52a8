import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { startTestIssuer, type TestIssuer } from '@adminduk/documents/testing';
import { PostgresEventStore } from '@adminduk/event-store';
import { createLogger } from '@adminduk/observability';
import { catchUpInTransaction, ComplaintViewProjection, createReadModelDataSource } from '@adminduk/read-models';
import { createTestSchema, testRateLimitEnv, type TestSchema } from '@adminduk/testing';
import type { DataSource } from 'typeorm';
import { createComplaintsApp } from '../complaints.app';
import { loadComplaintsConfig } from '../complaints.config';
import { ComplaintsDependencies } from '../complaints-dependencies';
import { ComplaintDeadlines } from './complaint-deadlines';

// The camat's routes and the complainant's lookup over HTTP: who may call them, what they refuse,
// and what they never show. Real PostgreSQL; an injected clock moves past the verification deadline.

const BALONGBENDO = '35.15.12';
const TARIK = '35.15.01';
// Tuesday 1 December 2026, 09:00 WIB.
const T0 = new Date('2026-12-01T02:00:00.000Z');

describe('complaints: the camat’s routes and the public lookup (HTTP, PostgreSQL)', () => {
  let schema: TestSchema;
  let issuer: TestIssuer;
  let app: INestApplication;
  let url: string;
  let store: PostgresEventStore;
  let ds: DataSource;
  const clock = { at: T0, now: () => clock.at };
  const logLines: string[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    schema = await createTestSchema('complaints_camat');
    issuer = await startTestIssuer();
    const config = loadComplaintsConfig({
      ADMINDUK_ENV: 'test',
      PORT: '0',
      DATABASE_URL: schema.url,
      AUTH_JWKS_URL: issuer.jwksUrl,
      AUTH_ISSUER: issuer.issuer,
      AUTH_AUDIENCE: issuer.audience,
      NATS_URL: 'nats://127.0.0.1:1',
      DEADLINE_SCAN_INTERVAL_MS: '3600000',
      ...testRateLimitEnv,
    });
    const logger = createLogger({ service: 'complaints', destination: { write: (l: string) => void logLines.push(l) } });
    app = await createComplaintsApp(config, logger, clock);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer() as { address(): AddressInfo }).address().port}`;
    await app.get(ComplaintsDependencies).started();
    store = await PostgresEventStore.create({ connectionString: schema.url, max: 2 });
    ds = await createReadModelDataSource(schema.url).initialize();
    tokens.camat = await issuer.token({ sub: 'camat-balongbendo', role: 'camat', kecamatan: BALONGBENDO });
    tokens.camatTarik = await issuer.token({ sub: 'camat-tarik', role: 'camat', kecamatan: TARIK });
    tokens.operator = await issuer.token({ sub: 'op-balongbendo', role: 'operator-kecamatan', kecamatan: BALONGBENDO });
    tokens.petugas = await issuer.token({ sub: 'pengaduan-1', role: 'petugas-pengaduan' });
  });
  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
    await store?.close();
    await issuer?.close();
    await schema?.drop();
  });

  const call = async (method: string, path: string, who?: string, body?: unknown) => {
    const headers: Record<string, string> = { 'idempotency-key': randomUUID() };
    if (who) headers.authorization = `Bearer ${tokens[who]}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    return { status: r.status, headers: r.headers, body: text ? JSON.parse(text) : undefined };
  };
  const project = () => catchUpInTransaction(ds, new ComplaintViewProjection(), store, 'end');
  const submit = (body: Record<string, unknown>) =>
    call('POST', '/api/public/pengaduan', undefined, {
      kind: 'pengaduan',
      category: 'pelayanan-lambat',
      summary: 'KK belum selesai',
      description: 'Sudah tiga minggu KK anak saya belum selesai.',
      kecamatan: BALONGBENDO,
      ...body,
    });

  let late: { complaintId: string; trackingNumber: string; trackingCode: string };
  let pungliId: string;

  it('the public form gives a tracking number and code; the lookup needs both and shows no identity', async () => {
    const sent = await submit({ complainant: { name: 'Sumarni Lestari', phone: '081244455566' } });
    expect(sent.status).toBe(201);
    expect(sent.headers.get('cache-control')).toBe('no-store');
    late = sent.body;
    expect(late.trackingNumber).toBe(`ADU-${late.complaintId.replace(/-/g, '').slice(0, 12).toUpperCase().match(/.{4}/g)!.join('-')}`);
    expect(late.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await project();

    const found = await call('POST', '/api/public/pengaduan/lacak', undefined, { nomor: late.trackingNumber, kode: late.trackingCode });
    expect(found.status).toBe(200);
    expect(found.headers.get('cache-control')).toBe('no-store');
    expect(found.body).toEqual({
      nomor: late.trackingNumber,
      kind: 'pengaduan',
      category: 'pelayanan-lambat',
      status: 'received',
      receivedAt: T0.toISOString(),
      verifyBy: '2026-12-04T02:00:00.000Z',
      answerBy: null,
      answer: null,
      forwardedTo: null,
      closedAt: null,
      steps: [{ type: 'ComplaintReceived', at: T0.toISOString() }],
    });
    expect(JSON.stringify(found.body)).not.toMatch(/Sumarni|0812|complaintId/);

    const wrongCode = await call('POST', '/api/public/pengaduan/lacak', undefined, { nomor: late.trackingNumber, kode: 'AAAA-BBBB-CCCC' });
    const unknown = await call('POST', '/api/public/pengaduan/lacak', undefined, { nomor: 'ADU-0000-0000-0000', kode: late.trackingCode });
    expect(wrongCode.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrongCode.body).toMatchObject({ code: 'COMPLAINT_TRACKING_NOT_FOUND' });
    expect({ ...wrongCode.body, correlationId: undefined, timestamp: undefined }).toEqual({
      ...unknown.body,
      correlationId: undefined,
      timestamp: undefined,
    });
    const malformed = await call('POST', '/api/public/pengaduan/lacak', undefined, { nomor: late.complaintId, kode: 'x' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kode', 'nomor']);
    // A number alone is not enough.
    expect((await call('POST', '/api/public/pengaduan/lacak', undefined, { nomor: late.trackingNumber })).status).toBe(400);
    // The code never reaches a log line.
    expect(logLines.join('\n')).not.toContain(late.trackingCode);
  });

  it('the camat lists the escalated complaints of their kecamatan only, never a pungli report, and instructs a follow-up', async () => {
    pungliId = (await submit({ category: 'pungutan-liar', summary: 'Diminta uang', description: 'Petugas loket meminta Rp100.000.' })).body
      .complaintId;
    const fresh = (await submit({ summary: 'Belum lewat tenggat' })).body.complaintId;
    await project();
    // Before any escalation: nothing, and no instruction possible.
    expect((await call('GET', '/api/complaints/camat', 'camat')).body).toMatchObject({ items: [], total: 0 });
    expect(
      (await call('POST', `/api/complaints/${late.complaintId}/instruction`, 'camat', { instruction: 'Segera verifikasi.' })).body,
    ).toMatchObject({
      code: 'COMPLAINT_NOT_ESCALATED',
    });

    clock.at = new Date('2026-12-04T02:00:01.000Z');
    expect(await app.get(ComplaintDeadlines).scanOnce()).toBe(3);
    await project();
    const list = await call('GET', '/api/complaints/camat', 'camat');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { complaintId: string }) => i.complaintId).sort()).toEqual([late.complaintId, fresh].sort());
    expect(list.body.items[0]).toMatchObject({ escalations: 1, escalatedDueAt: '2026-12-04T02:00:00.000Z', camatInstruction: null });
    expect(JSON.stringify(list.body)).not.toMatch(/Sumarni|0812|complainant|channelReference/);
    expect((await call('GET', '/api/complaints/camat', 'camatTarik')).body.items).toEqual([]);
    for (const who of ['operator', 'petugas', undefined])
      expect((await call('GET', '/api/complaints/camat', who)).status).toBe(who ? 403 : 401);

    const instruction = 'Verifikasi hari ini dan hubungi pelapor.';
    const done = await call('POST', `/api/complaints/${late.complaintId}/instruction`, 'camat', { instruction });
    expect(done).toMatchObject({ status: 200, body: { events: ['ComplaintFollowUpInstructed'] } });
    expect((await call('POST', `/api/complaints/${late.complaintId}/instruction`, 'camat', { instruction: 'kurang' })).status).toBe(400);
    expect((await call('POST', `/api/complaints/${late.complaintId}/instruction`, 'camatTarik', { instruction })).status).toBe(403);
    expect((await call('POST', `/api/complaints/${pungliId}/instruction`, 'camat', { instruction })).status).toBe(403);
    expect((await call('POST', `/api/complaints/${late.complaintId}/instruction`, 'petugas', { instruction })).status).toBe(403);
    await project();
    expect((await call('GET', '/api/complaints/camat', 'camat')).body.items).toContainEqual(
      expect.objectContaining({ complaintId: late.complaintId, camatInstruction: instruction, camatInstructedAt: clock.at.toISOString() }),
    );
    // The petugas reads it among the steps; the complainant sees that a step happened, not its text.
    const detail = await call('GET', `/api/complaints/${late.complaintId}`, 'petugas');
    // The petugas can tell the complainant the number and code again; an operator never sees the code.
    expect(detail.body).toMatchObject({ trackingNumber: late.trackingNumber, trackingCode: late.trackingCode });
    expect(JSON.stringify((await call('GET', `/api/complaints/${late.complaintId}`, 'operator')).body)).not.toContain(late.trackingCode);
    expect(detail.body.steps).toContainEqual(expect.objectContaining({ type: 'ComplaintFollowUpInstructed', role: 'camat', instruction }));
    const tracked = await call('POST', '/api/public/pengaduan/lacak', undefined, { nomor: late.trackingNumber, kode: late.trackingCode });
    expect(tracked.body.steps.map((s: { type: string }) => s.type)).toEqual([
      'ComplaintReceived',
      'ComplaintEscalated',
      'ComplaintFollowUpInstructed',
    ]);
    expect(JSON.stringify(tracked.body)).not.toContain(instruction);
  });
});
