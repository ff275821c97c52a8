import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { applicationStreamId, domainTesting, type ApplicationEvent } from '@adminduk/domain';
import { readAccessLog } from '@adminduk/application-commands';
import { PostgresEventStore, type NewEvent } from '@adminduk/event-store';
import { createDevPki, Pkcs12Signer } from '@adminduk/kk-document';
import { createLogger } from '@adminduk/observability';
import { MinioObjectStorage, startTestS3, type TestS3 } from '@adminduk/storage';
import { createReadModelDataSource } from '@adminduk/read-models';
import { createTestSchema, uniqueId, type TestSchema, testRateLimits } from '@adminduk/testing';
import { startTestIssuer, type TestIssuer } from '@adminduk/documents/testing';
import { signedKkObjectKey } from './kk-signing-batch';
import { createSigningApp, type SigningApp } from './signing-app';
import { TEST_OFFICE } from './testing/test-office';

describe('signing service over HTTP (batch approval, public upload check)', () => {
  let schema: TestSchema;
  let s3: TestS3;
  let issuer: TestIssuer;
  let signing: SigningApp;
  let store: PostgresEventStore;
  let storage: MinioObjectStorage;
  let base: string;
  const pki = createDevPki({ passphrase: 'p' });
  const bucket = uniqueId('kk-http').replace(/_/g, '-').toLowerCase();

  async function seedAwaitingSignature(withNik = true): Promise<string> {
    const verified = new domainTesting.KkScenario('daring-mandiri').readyToVerify().verify();
    const scenario = withNik ? verified.assignNik() : verified;
    const applicationId = randomUUID();
    const events: NewEvent[] = scenario.events.map((e: ApplicationEvent) => ({
      type: e.type,
      data: e.type === 'ApplicationSubmitted' ? { ...e.data, applicationId } : e.data,
      metadata: {
        eventId: randomUUID(),
        occurredAt: new Date().toISOString(),
        schemaVersion: e.schemaVersion,
        correlationId: randomUUID(),
      },
    }));
    await store.appendToStream(applicationStreamId(applicationId), events, 'no_stream');
    return applicationId;
  }

  beforeAll(async () => {
    [schema, s3, issuer] = await Promise.all([createTestSchema('signing_http'), startTestS3(), startTestIssuer()]);
    // The read-model tables (the projections service runs these migrations in production).
    await (await createReadModelDataSource(schema.url).initialize()).destroy();
    const storageConfig = { endpoint: s3.endpoint, accessKey: s3.accessKey, secretKey: s3.secretKey, bucket };
    signing = await createSigningApp({
      databaseUrl: schema.url,
      auth: { jwksUrl: issuer.jwksUrl, issuer: issuer.issuer, audience: issuer.audience },
      storage: storageConfig,
      signer: new Pkcs12Signer({ p12: pki.p12, passphrase: 'p' }),
      trustedCertificates: [pki.caCertPem],
      office: TEST_OFFICE,
      documentIdSecret: 'http-test-secret-0001',
      logger: createLogger({ service: 'signing-test', level: 'silent' }),
      rateLimits: testRateLimits,
    });
    await signing.app.listen(0, '127.0.0.1');
    await signing.runtime.started();
    base = `http://127.0.0.1:${(signing.app.getHttpServer().address() as AddressInfo).port}`;
    store = await PostgresEventStore.create({ connectionString: schema.url, max: 2 });
    storage = new MinioObjectStorage(storageConfig);
  });

  afterAll(async () => {
    await signing?.close();
    await store?.close();
    await Promise.all([s3?.close(), issuer?.close()]);
    await schema?.drop();
  });

  const postJson = (path: string, body: unknown, token?: string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it('only a penandatangan may sign; the signed KK passes the public upload check, a changed byte does not', async () => {
    const id = await seedAwaitingSignature();
    const operator = await issuer.token({ sub: 'op-1', role: 'operator-kecamatan', kecamatan: '35.15.12' });
    expect((await postJson('/api/signing/batches', { applicationIds: [id] }, operator)).status).toBe(403);
    expect((await postJson('/api/signing/batches', { applicationIds: [id] })).status).toBe(401);

    const signer = await issuer.token({ sub: 'ttd-1', role: 'penandatangan' });
    const res = await postJson('/api/signing/batches', { applicationIds: [id] }, signer);
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: Array<{ outcome: string; documentId: string; sha256: string }> };
    expect(results).toEqual([expect.objectContaining({ applicationId: id, outcome: 'signed' })]);

    const chunks: Buffer[] = [];
    for await (const c of await storage.getObject(signedKkObjectKey(results[0].documentId, results[0].sha256))) chunks.push(c as Buffer);
    const pdf = Buffer.concat(chunks);

    const check = async (bytes: Buffer) => {
      const r = await fetch(`${base}/api/public/verifikasi/unggah`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: bytes,
      });
      expect(r.status).toBe(200);
      return (await r.json()) as { sah: boolean; sha256: string; masalah: string[]; penandatangan: { serialSertifikat: string } | null };
    };
    const ok = await check(pdf);
    // No projection runs in this suite: the signature is valid, but the file is not (yet) a registered KK.
    expect(ok).toMatchObject({ sah: true, terdaftar: false, sha256: results[0].sha256, masalah: [], dokumen: null });
    const family = domainTesting.family();
    for (const personal of [family.noKk, ...family.anggota.map((m) => m.nik), ...family.anggota.map((m) => m.namaLengkap)]) {
      expect(JSON.stringify(ok)).not.toContain(personal);
    }

    const changed = Buffer.from(pdf);
    changed[1500] ^= 0x01;
    const bad = await check(changed);
    expect(bad.sah).toBe(false);
    expect(bad.masalah).toContain('isi dokumen tidak sesuai dengan tanda tangan');
  });

  it('validates the batch body and refuses a non-PDF upload', async () => {
    const signer = await issuer.token({ sub: 'ttd-1', role: 'penandatangan' });
    expect((await postJson('/api/signing/batches', { applicationIds: [] }, signer)).status).toBe(400);
    const r = await fetch(`${base}/api/public/verifikasi/unggah`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(r.status).toBe(400);
  });

  it('previews the unsigned KK to a penandatangan only: a PDF never cached, not signed, its read recorded; 409 before the NIK', async () => {
    const id = await seedAwaitingSignature();
    const get = (appId: string, token?: string) =>
      fetch(`${base}/api/signing/previews/${appId}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const operator = await issuer.token({ sub: 'op-1', role: 'operator-kecamatan', kecamatan: '35.15.12' });
    expect((await get(id, operator)).status).toBe(403);
    expect((await get(id)).status).toBe(401);

    const signer = await issuer.token({ sub: 'ttd-1', role: 'penandatangan' });
    const res = await get(id, signer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toContain('no-store');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.includes('/ByteRange')).toBe(false); // no signature dictionary: a preview, not a KK
    const records = await readAccessLog(store, id);
    expect(records).toEqual([expect.objectContaining({ viewer: expect.objectContaining({ userId: 'ttd-1', role: 'penandatangan' }) })]);

    const noNik = await seedAwaitingSignature(false);
    const early = await get(noNik, signer);
    expect(early.status).toBe(409);
    expect(((await early.json()) as { code: string }).code).toBe('PREVIEW_NOT_READY');
    expect((await get(randomUUID(), signer)).status).toBe(404);
    expect((await get('bukan-uuid', signer)).status).toBe(400);
  });
});
