import { randomUUID } from 'node:crypto';
import { everyServiceUrl, startInProcessPlatform, type InProcessPlatform } from './testing/in-process-platform';

/**
 * One error shape on every service (decision 0009): whatever answers an error, on whichever port,
 * it is `{statusCode, error, code, message}` with an Indonesian message. No Express or Nest default
 * (`Cannot GET /api/x`) and no other shape (the signing service's, auth-dev's, the relay's) remains.
 */
describe('every service answers errors in the one shape, in Indonesian', () => {
  let platform: InProcessPlatform;
  let urls: Record<string, string>;
  let operator: string;

  beforeAll(async () => {
    platform = await startInProcessPlatform({ documents: true, signing: {} });
    operator = await platform.token('operator.balongbendo');
    urls = everyServiceUrl(platform);
  });
  afterAll(() => platform?.close());

  async function call(url: string, method: string, init: { body?: string; headers?: Record<string, string> } = {}) {
    const res = await fetch(url, { method, body: init.body, headers: init.headers });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${method} ${url} -> ${res.status}, not JSON: ${text.slice(0, 200)}`);
    }
    return { status: res.status, allow: res.headers.get('allow'), text, json };
  }

  function expectShape(r: Awaited<ReturnType<typeof call>>, status: number, code?: string) {
    expect({ status: r.status, body: r.json }).toEqual({
      status,
      body: expect.objectContaining({
        statusCode: status,
        error: expect.any(String),
        code: code ?? expect.any(String),
        message: expect.any(String),
      }),
    });
    expect(r.text).not.toMatch(/Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /);
    // Indonesian, not a framework's English default.
    expect(r.json.message).not.toMatch(/^(Not Found|Forbidden|Unauthorized|Bad Request|Internal server error|Method Not Allowed)$/i);
  }

  it('an unknown route: 404 ROUTE_NOT_FOUND on the gateway, documents, signing and every internal Nest service', async () => {
    for (const service of ['gateway', 'documents', 'signing', 'intake', 'verification', 'projections']) {
      for (const [method, path] of [
        ['GET', '/api/x'],
        ['POST', '/api/applications/x/y/z'],
        ['DELETE', '/nope'],
        ['GET', '/health/tidak-ada'],
      ]) {
        const r = await call(`${urls[service]}${path}`, method, { headers: { authorization: `Bearer ${operator}` } });
        expectShape(r, 404, 'ROUTE_NOT_FOUND');
        expect([service, r.json.message]).toEqual([service, 'Alamat tidak ditemukan']);
      }
    }
  });

  it('a known path with a method it does not take: 405 METHOD_NOT_ALLOWED with Allow', async () => {
    const cases: Array<[string, string, string, string]> = [
      ['gateway', 'DELETE', '/api/applications', 'GET, HEAD, POST'],
      ['gateway', 'PUT', `/api/applications/${randomUUID()}/withdraw`, 'POST'],
      ['documents', 'GET', `/api/applications/${randomUUID()}/documents/kartu-keluarga`, 'POST'],
      ['signing', 'GET', '/api/signing/batches', 'POST'],
      ['signing', 'DELETE', '/api/public/verifikasi/abc', 'GET, HEAD'],
      ['projections', 'POST', '/health/live', 'GET, HEAD'],
      ['intake', 'PUT', '/health/ready', 'GET, HEAD'],
      ['verification', 'PATCH', '/health/live', 'GET, HEAD'],
    ];
    for (const [service, method, path, allow] of cases) {
      const r = await call(`${urls[service]}${path}`, method, { headers: { authorization: `Bearer ${operator}` } });
      expectShape(r, 405, 'METHOD_NOT_ALLOWED');
      expect([service, path, r.allow]).toEqual([service, path, allow]);
    }
  });

  it('the signing service: no token, a bad body, an unknown document, all in the shape', async () => {
    expectShape(
      await call(`${urls.signing}/api/signing/batches`, 'POST', { body: '{}', headers: { 'content-type': 'application/json' } }),
      401,
    );
    const signer = await platform.token('penandatangan');
    const json = { authorization: `Bearer ${signer}`, 'content-type': 'application/json' };
    const bad = await call(`${urls.signing}/api/signing/batches`, 'POST', {
      body: JSON.stringify({ applicationIds: [randomUUID()], extra: 1 }),
      headers: json,
    });
    expectShape(bad, 400, 'VALIDATION_FAILED');
    expect(bad.json.errors).toEqual([{ field: 'extra', message: 'Kolom tidak dikenal' }]);
    expectShape(
      await call(`${urls.signing}/api/signing/batches`, 'POST', { body: '{"applicationIds":', headers: json }),
      400,
      'MALFORMED_JSON',
    );
    const unknown = await call(`${urls.signing}/api/public/verifikasi/${randomUUID()}`, 'GET');
    expectShape(unknown, 404, 'DOCUMENT_NOT_FOUND');
    expect(unknown.json.status).toBe('unknown'); // the public verification fields stay
    expectShape(
      await call(`${urls.signing}/api/public/verifikasi/unggah`, 'POST', { body: 'x', headers: { 'content-type': 'text/plain' } }),
      400,
    );
  });

  it('documents and gateway: no token, bad ids', async () => {
    expectShape(await call(`${urls.documents}/api/applications/${randomUUID()}/documents/kartu-keluarga`, 'POST', { body: 'x' }), 401);
    expectShape(await call(`${urls.gateway}/api/applications`, 'GET'), 401);
    expectShape(
      await call(`${urls.gateway}/api/applications/bukan-uuid`, 'GET', { headers: { authorization: `Bearer ${operator}` } }),
      400,
    );
  });

  it('the relay and auth-dev (booted like every service) answer in the same shape', async () => {
    expectShape(await call(`${urls.relay}/api/x`, 'GET'), 404, 'ROUTE_NOT_FOUND');
    const relayPost = await call(`${urls.relay}/health/live`, 'POST');
    expectShape(relayPost, 405, 'METHOD_NOT_ALLOWED');
    expect(relayPost.allow).toBe('GET, HEAD');
    expectShape(await call(`${urls.auth}/api/x`, 'GET'), 404, 'ROUTE_NOT_FOUND');
    const getToken = await call(`${urls.auth}/token`, 'GET');
    expectShape(getToken, 405, 'METHOD_NOT_ALLOWED');
    expect(getToken.allow).toBe('OPTIONS, POST');
    const wrong = await call(`${urls.auth}/token`, 'POST', {
      body: JSON.stringify({ username: 'admin', password: 'salah' }),
      headers: { 'content-type': 'application/json' },
    });
    expectShape(wrong, 401, 'INVALID_GRANT');
    expect(wrong.json.error).toBe('invalid_grant'); // OAuth 2.0 clients read `error` (RFC 6749, 5.2)
  });
});
