import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import { startTestIssuer, type TestIssuer } from '@adminduk/documents/testing';
import { domainTesting } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { signedKkObjectKey } from '@adminduk/kk-document';
import { createLogger } from '@adminduk/observability';
import { allProjections, catchUpInTransaction, createReadModelDataSource, printableKkOf, readModelsTesting } from '@adminduk/read-models';
import { MinioObjectStorage, startTestS3, type TestS3 } from '@adminduk/storage';
import { createTestSchema, eventually, testRateLimitEnv, type TestSchema } from '@adminduk/testing';
import { createPrintingApp } from './printing.app';
import { loadPrintingConfig } from './printing.config';

/** A signed application of Balongbendo whose KK is `bytes` (only the object key and hash matter to printing). */
function signedHistory(documentId: string, sha256: string) {
  const s = new domainTesting.KkScenario('tatap-muka').readyToVerify().verify().assignNik();
  s.run({ type: 'RecordSignature', actor: domainTesting.actors.signer, data: domainTesting.signatureData(documentId, sha256, s.now) });
  return s.events;
}

describe('printing service on real PostgreSQL and S3: the signed KK route', () => {
  let schema: TestSchema;
  let s3: TestS3;
  let issuer: TestIssuer;
  let storage: MinioObjectStorage;
  let app: INestApplication;
  let url: string;
  const logLines: string[] = [];
  const bucket = `printing-${randomBytes(3).toString('hex')}`;

  const config = (s3Env: Record<string, string>) =>
    loadPrintingConfig({
      ADMINDUK_ENV: 'test',
      PORT: '0',
      DATABASE_URL: schema.url,
      AUTH_JWKS_URL: issuer.jwksUrl,
      AUTH_ISSUER: issuer.issuer,
      AUTH_AUDIENCE: issuer.audience,
      PUBLIC_BASE_URL: 'https://layanan.example.go.id',
      // No bus here: the self-print consumer stays unready, the print routes do not need it.
      NATS_URL: 'nats://127.0.0.1:1',
      ...s3Env,
      ...testRateLimitEnv,
    });
  const start = async (s3Env: Record<string, string>) => {
    const a = await createPrintingApp(
      config(s3Env),
      createLogger({ service: 'printing', destination: { write: (l: string) => void logLines.push(l) } }),
    );
    await a.listen(0, '127.0.0.1');
    return { app: a, url: `http://127.0.0.1:${(a.getHttpServer().address() as AddressInfo).port}` };
  };
  const get = async (base: string, path: string, token: string) => {
    const r = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
  };

  /** A signed application with its KK stored (or not), projected into the read models. */
  async function seed(bytes: Buffer | null): Promise<{ applicationId: string; sha256: string }> {
    const sha256 = createHash('sha256')
      .update(bytes ?? randomBytes(8))
      .digest('hex');
    const documentId = `kk-${randomUUID()}`;
    if (bytes) await storage.putObject(signedKkObjectKey(documentId, sha256), Readable.from([bytes]), { size: bytes.length });
    const applicationId = randomUUID();
    const store = await PostgresEventStore.create({ connectionString: schema.url, max: 1 });
    await readModelsTesting.appendHistory(store, applicationId, signedHistory(documentId, sha256));
    const ds = await createReadModelDataSource(schema.url).initialize();
    const pool = new Pool({ connectionString: schema.url, max: 1 });
    // The store may hold back an append that just committed (its global order); catch up until the view has it.
    await eventually(async () => {
      await catchUpInTransaction(ds, allProjections(), store, 'end');
      if (!(await printableKkOf(pool, applicationId))?.documentId) throw new Error('not projected yet');
    }, 10_000);
    await ds.destroy();
    await pool.end();
    await store.close();
    return { applicationId, sha256 };
  }

  beforeAll(async () => {
    schema = await createTestSchema('printing_app');
    s3 = await startTestS3();
    issuer = await startTestIssuer();
    const s3Env = { S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey, S3_BUCKET: bucket };
    storage = new MinioObjectStorage({ endpoint: s3.endpoint, accessKey: s3.accessKey, secretKey: s3.secretKey, bucket });
    await storage.ensureBucket();
    ({ app, url } = await start(s3Env));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await issuer?.close();
    await s3?.close();
    await schema?.drop();
  });

  const operator = () => issuer.token({ sub: 'op-1', role: 'operator-kecamatan', kecamatan: '35.15.12' });

  it('streams a large signed PDF byte for byte, and names the route, never the id, in metrics', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(6 * 1024 * 1024)]);
    const { applicationId, sha256 } = await seed(pdf);
    const r = await eventually(async () => {
      const x = await get(url, `/api/printing/applications/${applicationId}/kk.pdf`, await operator());
      if (x.status === 503) throw new Error('not up yet');
      return x;
    }, 20_000);
    expect(r.status).toBe(200);
    expect(r.bytes.equals(pdf)).toBe(true);
    expect(r.headers.get('x-sha256')).toBe(sha256);
    // The object's length as Content-Length, not chunked: the operator's browser shows the progress.
    expect(r.headers.get('content-length')).toBe(String(pdf.length));
    expect(r.headers.get('transfer-encoding')).toBeNull();
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('/api/printing/applications/:applicationId/kk.pdf');
    expect(metrics).not.toContain(applicationId);
  });

  it('answers 404 SIGNED_KK_MISSING, logged with ids only, when the object is not in the bucket', async () => {
    const { applicationId } = await seed(null);
    const r = await get(url, `/api/printing/applications/${applicationId}/kk.pdf`, await operator());
    expect(r.status).toBe(404);
    expect(JSON.parse(r.bytes.toString())).toMatchObject({ code: 'SIGNED_KK_MISSING' });
    const line = logLines.find((l) => l.includes('signed KK missing from object storage') && l.includes(applicationId));
    expect(line).toBeDefined();
    const family = domainTesting.family();
    for (const personal of [family.noKk, family.namaKepalaKeluarga, ...family.anggota.map((m) => m.nik)])
      expect(logLines.join('\n')).not.toContain(personal);
  });

  it('stays live and answers 503 (never hangs) while the object storage is down', async () => {
    const { applicationId } = await seed(Buffer.from('%PDF-1.7 small'));
    const down = await start({ S3_ENDPOINT: 'http://127.0.0.1:1', S3_BUCKET: bucket });
    try {
      expect((await fetch(`${down.url}/health/live`)).status).toBe(200);
      const ready = await fetch(`${down.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { checks: Record<string, string> }).checks['object-storage']).toBe('failing');
      const r = await get(down.url, `/api/printing/applications/${applicationId}/kk.pdf`, await operator());
      expect(r.status).toBe(503);
      // When to come back (issue 16: a 503 while a dependency is down always carries Retry-After).
      expect(r.headers.get('retry-after')).toBe('5');
    } finally {
      await down.app.close();
    }
  });
});
