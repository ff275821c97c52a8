import type { INestApplication } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { createLogger } from '@adminduk/observability';
import { buildWebAssets, type BuiltAssets } from '../tools/build-assets';
import { createWebApp } from './web.app';
import { loadWebConfig } from './web.config';

// The development edge against real HTTP upstreams that record what reached them.
interface Seen {
  upstream: string;
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  sha256?: string;
}

/** A GET that keeps the body as sent (fetch would decompress it). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: IncomingMessage['headers']; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('web edge: one origin over the services', () => {
  const seen: Seen[] = [];
  const upstreams: Server[] = [];
  let web: INestApplication;
  let base: string;
  let assets: BuiltAssets;
  let dir: string;

  /** An upstream that records each request and its body's hash; /cached names its own caching, /first-chunk answers early. */
  async function upstream(name: string): Promise<string> {
    const server = createServer((req, res) => {
      const entry: Seen = { upstream: name, method: req.method!, url: req.url!, headers: req.headers };
      seen.push(entry);
      if (req.url === '/api/first-chunk') {
        // Answers on the first bytes: only a proxy that streams lets the client see this before it has sent everything.
        req.once('data', () => res.end('pertama'));
        return;
      }
      const hash = createHash('sha256');
      req.on('data', (c) => hash.update(c));
      req.on('end', () => {
        entry.sha256 = hash.digest('hex');
        if (req.url?.startsWith('/api/cached')) res.setHeader('cache-control', 'public, max-age=60');
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ upstream: name }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    upstreams.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'web-edge-'));
    assets = await buildWebAssets(dir);
    const config = loadWebConfig({
      ADMINDUK_ENV: 'test',
      PORT: '0',
      WEB_ASSETS_DIR: dir,
      GATEWAY_URL: await upstream('gateway'),
      AUTH_URL: await upstream('auth'),
      DOCUMENTS_URL: await upstream('documents'),
      SIGNING_URL: await upstream('signing'),
      PRINTING_URL: 'http://127.0.0.1:9', // nothing listens: the edge answers 502
      OIDC_ISSUER: 'https://sso.example.go.id/realms/adminduk',
    });
    web = await createWebApp(config, createLogger({ service: 'web', level: 'silent' }));
    await web.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(web.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await web.close();
    for (const s of upstreams) await new Promise((r) => s.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const last = () => seen[seen.length - 1];

  it('routes each path to its service, with the query, the correlation id and the forwarded address', async () => {
    const cases: [string, string, string, string][] = [
      ['GET', '/api/applications?antrean=verifikasi&halaman=2', 'gateway', '/api/applications?antrean=verifikasi&halaman=2'],
      ['GET', '/api/applications/abc', 'gateway', '/api/applications/abc'],
      ['POST', '/api/applications/abc/documents/kartu-keluarga', 'documents', '/api/applications/abc/documents/kartu-keluarga'],
      ['GET', '/api/documents/d1', 'documents', '/api/documents/d1'],
      ['GET', '/verifikasi/KK-123', 'signing', '/verifikasi/KK-123'],
      ['GET', '/api/public/verifikasi/KK-123', 'signing', '/api/public/verifikasi/KK-123'],
      ['POST', '/api/signing/batches', 'signing', '/api/signing/batches'],
      ['GET', '/auth/.well-known/openid-configuration', 'auth', '/.well-known/openid-configuration'],
      ['POST', '/auth/token', 'auth', '/token'],
    ];
    for (const [method, pathAndQuery, service, forwarded] of cases) {
      const res = await fetch(`${base}${pathAndQuery}`, {
        method,
        headers: { 'x-correlation-id': 'korelasi-1' },
        body: method === 'POST' ? 'x' : undefined,
      });
      expect({ pathAndQuery, status: res.status, body: await res.json() }).toEqual({
        pathAndQuery,
        status: 200,
        body: { upstream: service },
      });
      expect({ pathAndQuery, url: last().url, correlation: last().headers['x-correlation-id'] }).toEqual({
        pathAndQuery,
        url: forwarded,
        correlation: 'korelasi-1',
      });
      expect(last().headers['x-forwarded-for']).toBe('127.0.0.1');
      expect(last().headers['x-forwarded-host']).toBe(new URL(base).host);
    }
  });

  it('makes a correlation id when the browser sends none', async () => {
    await fetch(`${base}/api/applications`);
    expect(last().headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('marks answers no-store unless the service names its caching', async () => {
    expect((await fetch(`${base}/api/applications/abc`)).headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${base}/api/cached`)).headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('passes an upload through byte for byte', async () => {
    const scan = randomBytes(3 * 1024 * 1024);
    const res = await fetch(`${base}/api/applications/abc/documents/ktp-el-orang-tua`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: scan,
    });
    expect(res.status).toBe(200);
    expect(last()).toMatchObject({ upstream: 'documents', sha256: createHash('sha256').update(scan).digest('hex') });
    expect(last().headers['content-type']).toBe('application/pdf');
  });

  it('streams the request body: the service answers on the first chunk while the rest is unsent', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const req = request(`${base}/api/first-chunk`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          req.destroy();
          resolve(text);
        });
      });
      req.on('error', reject);
      req.write('{"awal":'); // and nothing more until the answer is in
    });
    expect(answer).toBe('pertama');
  });

  it('answers 502 in the one error shape, in Indonesian, when a service is down', async () => {
    const res = await fetch(`${base}/cetak/token-apa-saja`);
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({
      statusCode: 502,
      error: 'Bad Gateway',
      code: 'UPSTREAM_UNAVAILABLE',
      message: 'Layanan sedang tidak dapat dihubungi. Silakan coba lagi beberapa saat lagi.',
    });
  });

  it('serves hashed assets as immutable and every page path as index.html, revalidated', async () => {
    const js = await fetch(`${base}${assets.entryJs}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const page of ['/', '/lacak', '/layanan/kk-tambah-anggota-kelahiran', '/masuk/kembali']) {
      const res = await fetch(`${base}${page}`);
      expect({ page, status: res.status, cache: res.headers.get('cache-control') }).toEqual({ page, status: 200, cache: 'no-cache' });
      expect(await res.text()).toContain(`<script type="module" src="${assets.entryJs}">`);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self' 'sha256-");
      expect(csp).toContain("connect-src 'self' https://sso.example.go.id;");
      expect(csp).toContain("frame-ancestors 'none'");
    }
    expect((await fetch(`${base}/assets/tidak-ada-123.js`)).status).toBe(404);
  });

  it('names each lazy page’s chunks in index.html, so the boot script fetches them with the entry', async () => {
    const html = await (await fetch(`${base}/beranda`)).text();
    expect(html).toMatch(/\["\/beranda",\["\/assets\/c\/signed-in-home-[A-Z0-9]+\.js"/);
  });

  it('sends the precompressed bundle to a browser that takes gzip, the plain one otherwise', async () => {
    const gz = await rawGet(`${base}${assets.entryJs}`, { 'accept-encoding': 'gzip, deflate, br' });
    const plain = await rawGet(`${base}${assets.entryJs}`, {});
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(gz.body.length).toBeLessThan(plain.body.length);
  });

  it('tells the browser which OIDC provider to use, and keeps its own health', async () => {
    expect(await (await fetch(`${base}/config.json`)).json()).toEqual({
      oidc: { issuer: 'https://sso.example.go.id/realms/adminduk', clientId: 'adminduk-web' },
    });
    expect(await (await fetch(`${base}/health/live`)).json()).toEqual({ status: 'up' });
  });
});
