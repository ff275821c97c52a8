import { signV4 } from 'minio/dist/main/signing.js';
import { diag } from '@opentelemetry/api';
// The instrumentation's own parser of request options (what every traced GET goes through).
import { getRequestInfo } from '@opentelemetry/instrumentation-http/build/src/utils';
import { amzDate, GetSigner, objectPath, S3ObjectReader } from './s3-object-reader';

const credentials = { accessKey: 'AKIAIOSFODNN7EXAMPLE', secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' };

/** The Authorization the minio client computes for the same GET (its own SigV4 implementation). */
function minioAuthorization(host: string, path: string, at: Date, region = credentials.region): string {
  const headers = {
    host,
    'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'x-amz-date': amzDate(at),
  };
  return signV4(
    { method: 'GET', path, headers } as never,
    credentials.accessKey,
    credentials.secretKey,
    region,
    at,
    headers['x-amz-content-sha256'],
  );
}

describe('GetSigner (SigV4 of a GET)', () => {
  it('signs exactly as the minio client does, across days (the signing key is derived per day)', () => {
    const signer = new GetSigner(credentials);
    const days = [new Date('2026-03-03T04:59:59.123Z'), new Date('2026-03-03T23:00:00Z'), new Date('2026-03-04T00:00:01Z')];
    for (const at of days) {
      const path = objectPath('adminduk-documents', 'kk/5f0c/ab12.pdf');
      expect(signer.headers('127.0.0.1:9000', path, at).authorization).toBe(minioAuthorization('127.0.0.1:9000', path, at));
    }
  });

  it('signs the region and host it is given, and a changed path changes the signature', () => {
    const at = new Date('2026-12-01T05:00:00Z');
    const signer = new GetSigner({ ...credentials, region: 'ap-southeast-3' });
    const path = objectPath('b', 'a/b c.pdf');
    const signed = signer.headers('minio.example:443', path, at);
    expect(signed.authorization).toBe(minioAuthorization('minio.example:443', path, at, 'ap-southeast-3'));
    expect(signed.authorization).toContain('Credential=AKIAIOSFODNN7EXAMPLE/20261201/ap-southeast-3/s3/aws4_request');
    expect(signer.headers('minio.example:443', objectPath('b', 'a/b d.pdf'), at).authorization).not.toBe(signed.authorization);
  });

  it('encodes key segments as SigV4 wants (RFC 3986), keeping the slashes', () => {
    expect(objectPath('b', "kk/x y/(1)!*'+é.pdf")).toBe('/b/kk/x%20y/%281%29%21%2A%27%2B%C3%A9.pdf');
    expect(amzDate(new Date('2013-05-24T00:00:00.000Z'))).toBe('20130524T000000Z');
  });
});

describe('S3ObjectReader request options', () => {
  it('parse in the HTTP instrumentation as they are: the object path, not the fallback of an origin that failed to parse', () => {
    for (const endpoint of ['http://127.0.0.1:9000', 'https://minio.example']) {
      const reader = new S3ObjectReader({ endpoint, ...credentials, bucket: 'adminduk-documents' });
      try {
        const options = reader.requestOptions('kk/5f0c/ab12.pdf');
        const info = getRequestInfo(diag, options);
        // With `hostname` and a port the instrumentation built "http://127.0.0.19000", threw, and fell back to "/".
        expect(info.pathname).toBe('/adminduk-documents/kk/5f0c/ab12.pdf');
        expect(info.invalidUrl).toBe(false);
      } finally {
        reader.close();
      }
    }
  });

  it('name an IPv6 endpoint without its URL brackets, as node:http connects to it', () => {
    const reader = new S3ObjectReader({ endpoint: 'http://[::1]:9000', ...credentials, bucket: 'b' });
    const options = reader.requestOptions('k');
    reader.close();
    expect(options).toMatchObject({ host: '::1', port: '9000' });
    // Signed for the Host header node:http sends, brackets included.
    expect(options.headers).toMatchObject({ host: '[::1]:9000' });
  });
});
