import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createDevPki, Pkcs12Signer } from '@adminduk/kk-document';
import { createLogger } from '@adminduk/observability';
import { createReadModelDataSource } from '@adminduk/read-models';
import { startTestS3, type TestS3 } from '@adminduk/storage';
import { createTestSchema, uniqueId, type TestSchema } from '@adminduk/testing';
import { startTestIssuer, type TestIssuer } from '@adminduk/documents/testing';
import { createSigningApp, type SigningApp } from './signing-app';
import { TEST_OFFICE } from './testing/test-office';

/**
 * Issue 9, item 11: the public verification (the QR page, its JSON, the upload check) is throttled
 * per client address. This instance has a low limit of its own and trusts the loopback proxy, so
 * the test can speak from two addresses.
 */
describe('public verification: per-address rate limit', () => {
  let schema: TestSchema;
  let s3: TestS3;
  let issuer: TestIssuer;
  let signing: SigningApp;
  let base: string;

  beforeAll(async () => {
    [schema, s3, issuer] = await Promise.all([createTestSchema('signing_limits'), startTestS3(), startTestIssuer()]);
    await (await createReadModelDataSource(schema.url).initialize()).destroy();
    const pki = createDevPki({ passphrase: 'p' });
    signing = await createSigningApp({
      databaseUrl: schema.url,
      auth: { jwksUrl: issuer.jwksUrl, issuer: issuer.issuer, audience: issuer.audience },
      storage: {
        endpoint: s3.endpoint,
        accessKey: s3.accessKey,
        secretKey: s3.secretKey,
        bucket: uniqueId('kk-limits').replace(/_/g, '-').toLowerCase(),
      },
      signer: new Pkcs12Signer({ p12: pki.p12, passphrase: 'p' }),
      trustedCertificates: [pki.caCertPem],
      office: TEST_OFFICE,
      documentIdSecret: 'limits-test-secret-0001',
      logger: createLogger({ service: 'signing-test', level: 'silent' }),
      rateLimits: { userWritesPerMinute: 1000, addressWritesPerMinute: 1000, publicPerMinute: 4, trustProxy: ['loopback'] },
    });
    await signing.app.listen(0, '127.0.0.1');
    await signing.runtime.started();
    base = `http://127.0.0.1:${(signing.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await signing?.close();
    await Promise.all([s3?.close(), issuer?.close()]);
    await schema?.drop();
  });

  const from = (address: string, path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-forwarded-for': address } });

  it('the page, the JSON and the upload check share one budget per address: then 429 with Retry-After; another address is unaffected', async () => {
    const id = randomUUID();
    const answers = [
      await from('203.0.113.50', `/verifikasi/${id}`),
      await from('203.0.113.50', `/api/public/verifikasi/${id}`),
      await from('203.0.113.50', '/api/public/verifikasi/unggah', {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: '%PDF-1.7\n',
      }),
      await from('203.0.113.50', `/verifikasi/${id}`),
    ];
    // Unknown document 404, a broken PDF 200 with "not valid": answered, not throttled.
    expect(answers.map((r) => r.status)).toEqual([404, 404, 200, 404]);

    for (const [path, init] of [
      [`/verifikasi/${id}`, {}],
      ['/api/public/verifikasi/unggah', { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.7\n' }],
    ] as const) {
      const refused = await from('203.0.113.50', path, init);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await refused.json()).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/^Terlalu banyak permintaan/),
      });
    }
    expect((await from('198.51.100.60', `/api/public/verifikasi/${id}`)).status).toBe(404);
    expect((await from('203.0.113.50', '/health/ready')).status).not.toBe(429);
  });
});
