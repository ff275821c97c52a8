import { randomUUID } from 'node:crypto';
import { applicationStreamId, domainTesting } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { createDevPki, Pkcs12Signer, startFakeTteServer, type FakeTteServer } from '@adminduk/kk-document';
import { eventually } from '@adminduk/testing';
import { ApiClient, counterSubmission, startInProcessPlatform, type InProcessPlatform } from '@adminduk/gateway/testing';
import { signedKkObjectKey } from './kk-signing-batch';

const REQUIREMENTS = [...domainTesting.DOCUMENT_REQUIREMENTS, 'nomor-telepon-email'];
const NIK_SIGNER = '3515010101700001';

/** Counter submission verified complete through the gateway; the verification service then assigns the NIK. */
async function verifiedAtCounter(operator: ApiClient, newbornName: string): Promise<string> {
  const body = counterSubmission();
  body.newborn.namaLengkap = newbornName;
  const submitted = await operator.post('/api/applications', body);
  expect(submitted.status).toBe(201);
  const id = submitted.body.applicationId as string;
  await eventually(async () => {
    const v = await operator.get(`/api/applications/${id}`);
    if (v.status !== 200) throw new Error('not projected yet');
  }, 10_000);
  for (const req of REQUIREMENTS) expect((await operator.post(`/api/applications/${id}/requirements/${req}/accept`)).status).toBe(200);
  expect((await operator.post(`/api/applications/${id}/data/verify`)).status).toBe(200);
  expect((await operator.post(`/api/applications/${id}/verification/complete`)).status).toBe(200);
  return id;
}

async function streamOf(store: PostgresEventStore, id: string) {
  return (await store.readStream(applicationStreamId(id))).map((e) => ({ type: e.type, data: e.data as Record<string, unknown> }));
}

const publicStatus = async (signingUrl: string, documentId: string) => {
  const r = await fetch(`${signingUrl}/api/public/verifikasi/${documentId}`);
  return { status: r.status, body: (await r.json()) as Record<string, any>, cache: r.headers.get('cache-control') };
};
const uploadCheck = async (signingUrl: string, pdf: Buffer, documentId?: string) => {
  const q = documentId ? `?documentId=${documentId}` : '';
  const r = await fetch(`${signingUrl}/api/public/verifikasi/unggah${q}`, {
    method: 'POST',
    headers: { 'content-type': 'application/pdf' },
    body: pdf,
  });
  expect(r.status).toBe(200);
  return (await r.json()) as Record<string, any>;
};

describe('signing in the platform: auto-sign (development), public verification, supersession', () => {
  let platform: InProcessPlatform;
  let operator: ApiClient;
  let store: PostgresEventStore;

  beforeAll(async () => {
    platform = await startInProcessPlatform({ signing: { autoSign: true } });
    operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
    store = await PostgresEventStore.create({ connectionString: platform.schema.url, max: 2 });
  });
  afterAll(async () => {
    await store?.close();
    await platform?.close();
  });

  const signedDocument = (id: string) =>
    eventually(async () => {
      const signed = (await streamOf(store, id)).filter((e) => e.type === 'KkSigned');
      if (signed.length === 0) throw new Error('not signed yet');
      return signed;
    }, 20_000);
  const statusOnceProjected = (documentId: string, want: string) =>
    eventually(async () => {
      const s = await publicStatus(platform.signing!.url, documentId);
      if (s.body.status !== want) throw new Error(`status ${s.body.status}`);
      return s;
    }, 10_000);

  it('verified -> NIK -> signed automatically -> public page says valid; the upload check finds the registered file, one changed byte fails', async () => {
    const id = await verifiedAtCounter(operator, 'BAYI TTE PERTAMA');
    const signed = await signedDocument(id);
    expect(signed).toHaveLength(1);
    const { documentId, sha256, certificateSerial, signingTime } = signed[0].data as Record<string, string>;
    expect(certificateSerial).toMatch(/^[0-9A-F]+$/);

    const s = await statusOnceProjected(documentId, 'valid');
    expect(s.cache).toBe('no-store');
    expect(s.body).toMatchObject({
      documentId,
      namaKepalaKeluarga: 'B**I S*****O',
      sha256,
      sertifikat: { serial: certificateSerial },
      ditandatanganiPada: signingTime,
      digantiOleh: null,
    });
    expect(s.body.dikeluarkanTanggal).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(s.body.ditandatanganiOleh).toBeTruthy();
    const body = counterSubmission();
    const personal = [
      body.family.noKk,
      body.family.namaKepalaKeluarga,
      ...body.family.anggota.map((m) => m.nik),
      ...body.family.anggota.map((m) => m.namaLengkap),
    ];
    for (const p of personal) expect(JSON.stringify(s.body)).not.toContain(p);

    // The page the QR code opens: exactly <base>/verifikasi/<documentId>.
    const page = await fetch(`${platform.signing!.url}/verifikasi/${documentId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-status="valid"');
    expect(html).toContain('B**I S*****O');
    for (const p of personal) expect(html).not.toContain(p);

    const pdf = await platform.signing!.readAll(signedKkObjectKey(documentId, sha256));
    expect(await uploadCheck(platform.signing!.url, pdf, documentId)).toMatchObject({
      sah: true,
      terdaftar: true,
      berlaku: true,
      sha256,
      dokumen: { status: 'valid' },
    });
    expect(await uploadCheck(platform.signing!.url, pdf)).toMatchObject({ sah: true, terdaftar: true, dokumen: { documentId } });
    const changed = Buffer.from(pdf);
    changed[Math.floor(pdf.length / 3)] ^= 0x01;
    const bad = await uploadCheck(platform.signing!.url, changed, documentId);
    expect(bad).toMatchObject({ sah: false, terdaftar: false, dokumen: null });
    expect(bad.masalah.length).toBeGreaterThan(0);

    const unknown = await publicStatus(platform.signing!.url, '00000000-0000-8000-8000-000000000000');
    expect(unknown).toMatchObject({ status: 404, body: { status: 'unknown', namaKepalaKeluarga: null } });
  });

  it('a newer KK for the same family (same No. KK) supersedes the earlier one; each is signed once', async () => {
    const first = await verifiedAtCounter(operator, 'BAYI KEMBAR SATU');
    const [firstSigned] = await signedDocument(first);
    const firstDoc = firstSigned.data.documentId as string;
    await statusOnceProjected(firstDoc, 'valid');

    const second = await verifiedAtCounter(operator, 'ANAK KETIGA SEKALI');
    const [secondSigned] = await signedDocument(second);
    const secondDoc = secondSigned.data.documentId as string;
    await statusOnceProjected(secondDoc, 'valid');
    const old = await statusOnceProjected(firstDoc, 'superseded');
    expect(old.body.digantiOleh).toEqual({
      dikeluarkanTanggal: (await publicStatus(platform.signing!.url, secondDoc)).body.dikeluarkanTanggal,
    });
    expect(JSON.stringify(old.body)).not.toContain(secondDoc);
    const html = await (await fetch(`${platform.signing!.url}/verifikasi/${firstDoc}`)).text();
    expect(html).toContain('data-status="superseded"');
    expect(html).toMatch(/sudah diganti dengan Kartu Keluarga yang lebih baru/);

    // The old file is still a genuine, registered KK, and the check says it was replaced.
    const oldPdf = await platform.signing!.readAll(signedKkObjectKey(firstDoc, firstSigned.data.sha256 as string));
    expect(await uploadCheck(platform.signing!.url, oldPdf, firstDoc)).toMatchObject({
      sah: true,
      terdaftar: true,
      berlaku: false,
      dokumen: { status: 'superseded' },
    });
    for (const id of [first, second]) expect((await streamOf(store, id)).filter((e) => e.type === 'KkSigned')).toHaveLength(1);
  });

  it('the penandatangan revokes a signed KK once: the public answer says revoked without the internal reason; the upload check finds a valid signature on a revoked KK', async () => {
    const signingUrl = platform.signing!.url;
    const penandatangan = new ApiClient(signingUrl, await platform.token('penandatangan'));
    const id = await verifiedAtCounter(operator, 'BAYI KK DICABUT');
    const [signed] = await signedDocument(id);
    const { documentId, sha256 } = signed.data as Record<string, string>;
    await statusOnceProjected(documentId, 'valid');
    const reason = 'Salah cetak: tanggal lahir anggota keluarga keliru';
    const path = `/api/signing/revocations/${id}`;

    // Refused: another role, no Idempotency-Key, a bad body, an unknown application.
    expect((await new ApiClient(signingUrl, await platform.token('operator.balongbendo')).post(path, { reason })).status).toBe(403);
    const noKey = await fetch(`${signingUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await platform.token('penandatangan')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason }),
    });
    expect(noKey.status).toBe(400);
    expect(((await noKey.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['header.Idempotency-Key']);
    const tooShort = await penandatangan.post(path, { reason: ' x ' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
    expect((await penandatangan.post(path, { reason, extra: true })).status).toBe(400);
    expect(await penandatangan.post(`/api/signing/revocations/${randomUUID()}`, { reason })).toMatchObject({
      status: 404,
      body: { code: 'APPLICATION_NOT_FOUND' },
    });
    expect((await streamOf(store, id)).some((e) => e.type === 'KkRevoked')).toBe(false);

    const key = randomUUID();
    const first = await penandatangan.post(path, { reason }, key);
    expect(first).toMatchObject({
      status: 200,
      body: { applicationId: id, events: ['KkRevoked'], replayed: false, status: { code: 'signed' } },
    });
    expect(first.body.status.detail).toMatch(/dicabut/);
    // A retry with the same key returns the first outcome; a new revocation is refused.
    expect(await penandatangan.post(path, { reason }, key)).toMatchObject({ status: 200, body: { events: ['KkRevoked'], replayed: true } });
    // The same key for another request (another reason) is refused, not replayed.
    expect(await penandatangan.post(path, { reason: 'Alasan lain untuk kunci yang sama' }, key)).toMatchObject({
      status: 422,
      body: { code: 'IDEMPOTENCY_KEY_REUSED' },
    });
    expect(await penandatangan.post(path, { reason: 'Dicabut lagi' })).toMatchObject({
      status: 409,
      body: { code: 'REVOKE_ALREADY_REVOKED' },
    });
    const revoked = (await streamOf(store, id)).filter((e) => e.type === 'KkRevoked');
    expect(revoked).toHaveLength(1);
    expect(revoked[0].data).toMatchObject({ documentId, reason, revokedBy: { role: 'penandatangan' } });

    // Public: revoked, with the generic Indonesian text, never the internal reason.
    const s = await statusOnceProjected(documentId, 'revoked');
    expect(s.body).toMatchObject({
      documentId,
      sha256,
      digantiOleh: null,
      keterangan: expect.stringMatching(/telah dicabut .* tidak berlaku/),
    });
    expect(JSON.stringify(s.body)).not.toContain('tanggal lahir');
    const html = await (await fetch(`${signingUrl}/verifikasi/${documentId}`)).text();
    expect(html).toContain('data-status="revoked"');
    expect(html).not.toContain('tanggal lahir anggota');

    // The file is still genuinely signed and registered, but no longer in force.
    const pdf = await platform.signing!.readAll(signedKkObjectKey(documentId, sha256));
    for (const check of [await uploadCheck(signingUrl, pdf, documentId), await uploadCheck(signingUrl, pdf)]) {
      expect(check).toMatchObject({ sah: true, terdaftar: true, berlaku: false, sha256, dokumen: { documentId, status: 'revoked' } });
      expect(check.keterangan).toMatch(/^Tanda tangan elektronik sah .* telah dicabut/);
      expect(JSON.stringify(check)).not.toContain('tanggal lahir');
    }
  });
});

describe('signing in the platform: the remote TTE fails, the failure is recorded, a retry signs once', () => {
  let platform: InProcessPlatform;
  let operator: ApiClient;
  let signer: ApiClient;
  let store: PostgresEventStore;
  let tte: FakeTteServer;

  beforeAll(async () => {
    const pki = createDevPki({ passphrase: 'p12' });
    tte = await startFakeTteServer({
      signer: new Pkcs12Signer({ p12: pki.p12, passphrase: 'p12' }),
      nik: NIK_SIGNER,
      passphrase: 'benar',
      clientId: 'c',
      clientSecret: 's',
    });
    const remote = tte.remoteSigner(pki.caCertPem);
    platform = await startInProcessPlatform({ signing: { signer: remote, caCertPem: pki.caCertPem } });
    operator = new ApiClient(platform.gatewayUrl, await platform.token('operator.balongbendo'));
    signer = new ApiClient(platform.signing!.url, await platform.token('penandatangan'));
    store = await PostgresEventStore.create({ connectionString: platform.schema.url, max: 2 });
  });
  afterAll(async () => {
    await store?.close();
    await platform?.close();
    await tte?.close();
  });

  it('bad passphrase and an unreachable signer each append KkSigningFailed; the queue shows it; the right passphrase signs; a retry signs nothing again', async () => {
    const id = await verifiedAtCounter(operator, 'BAYI TTE JARAK JAUH');
    await eventually(async () => {
      if (!(await streamOf(store, id)).some((e) => e.type === 'NewbornNikAssigned')) throw new Error('no NIK yet');
    }, 10_000);
    const batch = (passphrase: string) =>
      signer.post('/api/signing/batches', { applicationIds: [id], credentials: { nik: NIK_SIGNER, passphrase } });

    expect((await batch('salah')).body.results).toEqual([
      {
        applicationId: id,
        outcome: 'failed',
        code: 'BAD_PASSPHRASE',
        retryable: false,
        reason: 'Passphrase penandatangan ditolak; penandatangan perlu memasukkannya kembali.',
      },
    ]);
    tte.behaviour.outage = true;
    expect((await batch('benar')).body.results).toEqual([
      {
        applicationId: id,
        outcome: 'failed',
        code: 'SIGNER_UNREACHABLE',
        retryable: true,
        reason: 'Layanan tanda tangan elektronik tidak dapat dihubungi; penandatanganan dapat diulang nanti.',
      },
    ]);
    tte.behaviour.outage = false;

    const failures = (await streamOf(store, id)).filter((e) => e.type === 'KkSigningFailed');
    expect(failures.map((e) => [e.data.reasonCode, e.data.retryable])).toEqual([
      ['BAD_PASSPHRASE', false],
      ['SIGNER_UNREACHABLE', true],
    ]);
    const queued = await eventually(async () => {
      const q = await signer.get('/api/signing/queue');
      const item = q.body.items.find((i: { applicationId: string }) => i.applicationId === id);
      if (!item || item.signingFailures !== 2) throw new Error('queue not updated yet');
      return item;
    }, 10_000);
    expect(queued.lastSigningFailure).toMatchObject({ reasonCode: 'SIGNER_UNREACHABLE', retryable: true });

    const ok = (await batch('benar')).body.results[0];
    expect(ok).toMatchObject({ applicationId: id, outcome: 'signed' });
    expect((await batch('benar')).body.results[0]).toMatchObject({
      outcome: 'already-signed',
      documentId: ok.documentId,
      sha256: ok.sha256,
    });
    expect((await streamOf(store, id)).filter((e) => e.type === 'KkSigned')).toHaveLength(1);

    await eventually(async () => {
      const s = await publicStatus(platform.signing!.url, ok.documentId);
      if (s.body.status !== 'valid') throw new Error(s.body.status);
    }, 10_000);
    await eventually(async () => {
      const q = await signer.get('/api/signing/queue');
      if (q.body.items.some((i: { applicationId: string }) => i.applicationId === id)) throw new Error('still queued');
    }, 10_000);
  });
});
