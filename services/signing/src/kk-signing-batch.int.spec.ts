import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { applicationStreamId, domainTesting, type ApplicationEvent } from '@adminduk/domain';
import { PostgresEventStore, type NewEvent } from '@adminduk/event-store';
import { createDevPki, Pkcs12Signer, startFakeTteServer, verifySignedPdf, type FakeTteServer } from '@adminduk/kk-document';
import { MinioObjectStorage, startTestS3, type TestS3 } from '@adminduk/storage';
import { createTestSchema, uniqueId, type TestSchema } from '@adminduk/testing';
import { KkSigningBatch, signedKkObjectKey, type KkSigningBatchDeps } from './kk-signing-batch';
import { kkDocumentId } from './document-id';
import { TEST_OFFICE } from './testing/test-office';

const NIK_SIGNER = '3515010101700001';
const office = TEST_OFFICE;
const signerActor = { userId: 'ttd-1', role: 'penandatangan' };

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('KkSigningBatch (PostgreSQL event store, S3 storage, real signatures)', () => {
  let schema: TestSchema;
  let s3: TestS3;
  let store: PostgresEventStore;
  let storage: MinioObjectStorage;
  let tte: FakeTteServer;
  const pki = createDevPki({ passphrase: 'p12' });
  const localSigner = new Pkcs12Signer({ p12: pki.p12, passphrase: 'p12' });

  const deps = (over: Partial<KkSigningBatchDeps> = {}): KkSigningBatchDeps => ({
    store,
    storage,
    signer: localSigner,
    office,
    documentIdSecret: 'batch-test-secret',
    now: () => new Date(Date.now() - 60_000),
    ...over,
  });

  /** Appends a real history (run through the decider) for one application. */
  async function seed(build: (s: InstanceType<typeof domainTesting.KkScenario>) => unknown): Promise<string> {
    const scenario = new domainTesting.KkScenario('daring-mandiri');
    build(scenario);
    const applicationId = randomUUID();
    const events: NewEvent[] = scenario.events.map((e: ApplicationEvent) => ({
      type: e.type,
      data: e.type === 'ApplicationSubmitted' ? { ...e.data, applicationId } : e.data,
      metadata: {
        eventId: randomUUID(),
        occurredAt: new Date().toISOString(),
        schemaVersion: e.schemaVersion,
        correlationId: randomUUID(),
        kecamatan: scenario.state.kecamatan,
      },
    }));
    await store.appendToStream(applicationStreamId(applicationId), events, 'no_stream');
    return applicationId;
  }
  const awaitingSignature = () => seed((s) => s.readyToVerify().verify().assignNik());

  beforeAll(async () => {
    [schema, s3] = await Promise.all([createTestSchema('signing'), startTestS3()]);
    store = await PostgresEventStore.create({ connectionString: schema.url, max: 4 });
    storage = new MinioObjectStorage({
      endpoint: s3.endpoint,
      accessKey: s3.accessKey,
      secretKey: s3.secretKey,
      bucket: uniqueId('kk').replace(/_/g, '-').toLowerCase(),
    });
    await storage.ensureBucket();
    tte = await startFakeTteServer({ signer: localSigner, nik: NIK_SIGNER, passphrase: 'benar', clientId: 'c', clientSecret: 's' });
  });

  afterAll(async () => {
    await tte?.close();
    await store?.close();
    await s3?.close();
    await schema?.drop();
  });

  it('signs each application once: stores the PDF and records KkSigned with its hash; a retried batch signs nothing again', async () => {
    const [a, b] = [await awaitingSignature(), await awaitingSignature()];
    const batch = new KkSigningBatch(deps());
    const first = await batch.sign(signerActor, [a, b], randomUUID());
    expect(first.map((r) => r.outcome)).toEqual(['signed', 'signed']);

    for (const r of first) {
      if (r.outcome !== 'signed') throw new Error('unreachable');
      const pdf = await readAll(await storage.getObject(signedKkObjectKey(r.documentId, r.sha256)));
      const v = verifySignedPdf(pdf, { trustedCertificates: [pki.caCertPem] });
      expect(v.valid).toBe(true);
      expect(v.sha256).toBe(r.sha256);
      const stream = await store.readStream(applicationStreamId(r.applicationId));
      const signedEvents = stream.filter((e) => e.type === 'KkSigned');
      expect(signedEvents).toHaveLength(1);
      expect(signedEvents[0].data).toMatchObject({
        documentId: r.documentId,
        sha256: r.sha256,
        certificateSerial: v.signer?.serial,
        signerSubject: expect.stringContaining('CN='),
        signingTime: v.signingTime?.toISOString(),
        signedBy: { userId: 'ttd-1', role: 'penandatangan' },
      });
      expect(signedEvents[0].metadata.schemaVersion).toBe(2);
    }

    const again = await batch.sign(signerActor, [a, b], randomUUID());
    expect(again).toEqual(first.map((r) => ({ ...r, outcome: 'already-signed' })));
    for (const id of [a, b]) {
      expect((await store.readStream(applicationStreamId(id))).filter((e) => e.type === 'KkSigned')).toHaveLength(1);
    }
  });

  it('a signature stored by an attempt that died before recording it is recorded by the next attempt, not signed again (issue 16)', async () => {
    const id = await awaitingSignature();
    let signatures = 0;
    const counting = { kind: localSigner.kind, sign: (r: Parameters<typeof localSigner.sign>[0]) => (signatures++, localSigner.sign(r)) };
    // The first attempt's append fails as it does while PostgreSQL restarts: after the PDF is stored.
    let failAppend = true;
    const flaky = new Proxy(store, {
      get(target, prop) {
        if (prop === 'appendToStream' && failAppend) {
          return async () => {
            failAppend = false;
            throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
          };
        }
        const v = Reflect.get(target, prop);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    await expect(new KkSigningBatch(deps({ store: flaky, signer: counting })).signOne(signerActor, id, randomUUID())).rejects.toThrow(
      /administrator command/,
    );
    expect(signatures).toBe(1);
    // An object no attempt can use (no signature metadata): passed over, then removed once one is recorded.
    const unusable = signedKkObjectKey(kkDocumentId(id, 'batch-test-secret'), 'e'.repeat(64));
    await storage.putObject(unusable, Readable.from([Buffer.from('%PDF-partial')]), { size: 12, contentType: 'application/pdf' });
    const again = await new KkSigningBatch(deps({ signer: counting })).signOne(signerActor, id, randomUUID());
    expect(again.outcome).toBe('signed');
    expect(signatures).toBe(1);
    if (again.outcome !== 'signed') throw new Error('unreachable');
    const objects = await storage.listObjects(`kk/${again.documentId}/`);
    expect(objects.map((o) => o.key)).toEqual([signedKkObjectKey(again.documentId, again.sha256)]);
    const pdf = await readAll(await storage.getObject(objects[0].key));
    const v = verifySignedPdf(pdf, { trustedCertificates: [pki.caCertPem] });
    const signed = (await store.readStream(applicationStreamId(id))).filter((e) => e.type === 'KkSigned');
    expect(signed).toHaveLength(1);
    expect(signed[0].data).toMatchObject({
      sha256: v.sha256,
      certificateSerial: v.signer?.serial,
      signerSubject: expect.stringContaining('CN='),
      signingTime: v.signingTime?.toISOString(),
    });
  });

  it('two attempts on one application at once sign it once; a stray PDF of a recorded document is removed by the next attempt', async () => {
    const id = await awaitingSignature();
    let signatures = 0;
    const counting = { kind: localSigner.kind, sign: (r: Parameters<typeof localSigner.sign>[0]) => (signatures++, localSigner.sign(r)) };
    const batch = new KkSigningBatch(deps({ signer: counting }));
    const [one, two] = await Promise.all([batch.signOne(signerActor, id, randomUUID()), batch.signOne(signerActor, id, randomUUID())]);
    expect(signatures).toBe(1);
    expect(two).toEqual(one);
    if (one.outcome !== 'signed') throw new Error(`not signed: ${JSON.stringify(one)}`);
    // What a losing attempt in another replica leaves when it dies before removing its PDF.
    const stray = signedKkObjectKey(one.documentId, 'f'.repeat(64));
    await storage.putObject(stray, Readable.from([Buffer.from('%PDF-stray')]), { size: 10, contentType: 'application/pdf' });
    expect(await batch.signOne(signerActor, id, randomUUID())).toMatchObject({ outcome: 'already-signed', sha256: one.sha256 });
    expect((await storage.listObjects(`kk/${one.documentId}/`)).map((o) => o.key)).toEqual([signedKkObjectKey(one.documentId, one.sha256)]);
    expect((await store.readStream(applicationStreamId(id))).filter((e) => e.type === 'KkSigned')).toHaveLength(1);
  });

  it('an upload cut mid-way (an object without a signature) is removed before signing anew, so S3 failing after the signature leaves one PDF (issue 16)', async () => {
    const id = await awaitingSignature();
    const documentId = kkDocumentId(id, 'batch-test-secret');
    // What s3rver keeps of a PUT whose connection dropped: the bytes so far, no metadata.
    const partial = signedKkObjectKey(documentId, 'd'.repeat(64));
    await storage.putObject(partial, Readable.from([Buffer.from('%PDF-1.7 cut')]), { size: 12, contentType: 'application/pdf' });
    // S3 goes away once the new PDF is stored: the clean-up after recording cannot run.
    let down = false;
    const dropping = new Proxy(storage, {
      get(target, prop) {
        const v = Reflect.get(target, prop);
        if (typeof v !== 'function') return v;
        if (prop === 'putObject') return async (...args: unknown[]) => ((down = true), await v.apply(target, args));
        return (...args: unknown[]) => (down ? Promise.reject(new Error('connect ECONNREFUSED')) : v.apply(target, args));
      },
    });
    const result = await new KkSigningBatch(deps({ storage: dropping })).signOne(signerActor, id, randomUUID());
    if (result.outcome !== 'signed') throw new Error(`not signed: ${JSON.stringify(result)}`);
    expect((await storage.listObjects(`kk/${documentId}/`)).map((o) => o.key)).toEqual([signedKkObjectKey(documentId, result.sha256)]);
    expect((await store.readStream(applicationStreamId(id))).filter((e) => e.type === 'KkSigned')).toHaveLength(1);
  });

  it('refuses, without signing, what the decider refuses: unknown, unverified, no newborn NIK', async () => {
    const unverified = await seed((s) => s.readyToVerify());
    const noNik = await seed((s) => s.readyToVerify().verify());
    const results = await new KkSigningBatch(deps()).sign(signerActor, [randomUUID(), unverified, noNik], randomUUID());
    expect(results.map((r) => (r.outcome === 'failed' ? r.code : r.outcome))).toEqual([
      'APPLICATION_NOT_FOUND',
      'SIGN_NOT_VERIFIED',
      'SIGN_NEWBORN_NIK_MISSING',
    ]);
    for (const id of [unverified, noNik]) {
      expect((await store.readStream(applicationStreamId(id))).some((e) => e.type === 'KkSigned')).toBe(false);
    }
  });

  it('with the remote signer, a wrong passphrase fails the first item and stops the batch; the right one signs', async () => {
    const ids = [await awaitingSignature(), await awaitingSignature()];
    const remote = tte.remoteSigner(pki.caCertPem);
    const batch = new KkSigningBatch(deps({ signer: remote }));

    const wrong = await batch.sign(signerActor, ids, randomUUID(), { nik: NIK_SIGNER, passphrase: 'salah' });
    expect(wrong).toEqual([
      { applicationId: ids[0], outcome: 'failed', code: 'BAD_PASSPHRASE', retryable: false },
      { applicationId: ids[1], outcome: 'not-attempted', code: 'BAD_PASSPHRASE' },
    ]);

    tte.behaviour.outage = true;
    const down = await batch.sign(signerActor, ids, randomUUID(), { nik: NIK_SIGNER, passphrase: 'benar' });
    expect(down.map((r) => r.outcome === 'failed' && r.code)).toEqual(['SIGNER_UNREACHABLE', 'SIGNER_UNREACHABLE']);
    tte.behaviour.outage = false;

    const right = await batch.sign(signerActor, ids, randomUUID(), { nik: NIK_SIGNER, passphrase: 'benar' });
    expect(right.map((r) => r.outcome)).toEqual(['signed', 'signed']);

    // Each failed attempt is in the stream with its reason; the signature came after them, once.
    const types = async (id: string) => (await store.readStream(applicationStreamId(id))).filter((e) => e.type.startsWith('KkSign'));
    const first = await types(ids[0]);
    expect(first.map((e) => [e.type, (e.data as { reasonCode?: string }).reasonCode])).toEqual([
      ['KkSigningFailed', 'BAD_PASSPHRASE'],
      ['KkSigningFailed', 'SIGNER_UNREACHABLE'],
      ['KkSigned', undefined],
    ]);
    expect(first[0].data).toMatchObject({ retryable: false, reason: expect.stringMatching(/Passphrase/) });
    expect(first[1].data).toMatchObject({ retryable: true });
    expect(JSON.stringify(first.map((e) => e.data))).not.toContain('salah');
    expect((await types(ids[1])).map((e) => e.type)).toEqual(['KkSigningFailed', 'KkSigned']);
    const again = await batch.sign(signerActor, ids, randomUUID(), { nik: NIK_SIGNER, passphrase: 'benar' });
    expect(again.map((r) => r.outcome)).toEqual(['already-signed', 'already-signed']);
  });
});
