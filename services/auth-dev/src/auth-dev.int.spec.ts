import { canActOnDesa, canActOnKecamatan, JwtVerifier, ROLES } from '@adminduk/auth';
import { domainTesting, validateNik } from '@adminduk/domain';
import { eventually } from '@adminduk/testing';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAuthDevApp } from './auth-dev.app';
import { DEMO_PASSWORD, listDemoUsers } from './demo-users';
import { loadOrCreateSigningKey } from './signing-key';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(__dirname, 'main.ts');
const AUDIENCE = 'adminduk';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

async function postToken(base: string, body: string, contentType = 'application/json') {
  const res = await fetch(`${base}/token`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('auth-dev issuer (in process, booted like every service)', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const signingKey = await loadOrCreateSigningKey();
    app = await createAuthDevApp({ signingKey, issuer: base, audience: AUDIENCE, tokenTtlSeconds: 600 });
    await app.listen(port, '127.0.0.1');
  });
  afterAll(() => app.close());

  it('publishes OIDC discovery and a JWKS with one RS256 public key', async () => {
    const discovery = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(discovery.issuer).toBe(base);
    expect(discovery.jwks_uri).toBe(`${base}/.well-known/jwks.json`);
    expect(discovery.token_endpoint).toBe(`${base}/token`);
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: Record<string, string>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0].kid).toEqual(expect.any(String));
    expect(jwks.keys[0]).not.toHaveProperty('d'); // never the private part
  });

  it('issues a token for every demo user that libs/auth verifies into the right principal', async () => {
    const verifier = new JwtVerifier({ jwksUrl: `${base}/.well-known/jwks.json`, issuer: base, audience: AUDIENCE });
    const roles = new Set<string>();
    for (const user of listDemoUsers()) {
      const { status, body } = await postToken(base, JSON.stringify({ username: user.username, password: DEMO_PASSWORD }));
      expect(status).toBe(200);
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 600 });
      const principal = await verifier.verify(body.access_token as string);
      expect(principal).toEqual({
        userId: user.userId,
        role: user.role,
        name: user.name,
        ...(user.kecamatan ? { kecamatan: user.kecamatan } : {}),
        ...(user.desa ? { desa: user.desa } : {}),
        ...(user.nik ? { nik: user.nik } : {}),
      });
      roles.add(principal.role);
    }
    // Every role has a demo user.
    expect([...roles].sort()).toEqual([...ROLES].sort());
  });

  it('accepts the form-encoded OAuth password grant too', async () => {
    const { status, body } = await postToken(
      base,
      'grant_type=password&username=auditor&password=demo',
      'application/x-www-form-urlencoded',
    );
    expect(status).toBe(200);
    expect(body.access_token).toEqual(expect.any(String));
  });

  it('refuses a wrong password, an unknown user and malformed requests', async () => {
    const wrong = await postToken(base, JSON.stringify({ username: 'admin', password: 'admin' }));
    const refusal = 'Nama pengguna atau kata sandi salah.';
    expect(wrong).toEqual({
      status: 401,
      body: { statusCode: 401, error: 'invalid_grant', code: 'INVALID_GRANT', message: refusal, error_description: refusal },
    });
    expect((await postToken(base, JSON.stringify({ username: 'root', password: 'demo' }))).status).toBe(401);
    expect((await postToken(base, '{not json')).status).toBe(400);
    expect((await postToken(base, JSON.stringify({ username: 'admin' }))).status).toBe(400);
    expect((await postToken(base, 'grant_type=client_credentials', 'application/x-www-form-urlencoded')).body.error).toBe(
      'unsupported_grant_type',
    );
  });

  it('answers health checks in the one shape (libs/http health.ts)', async () => {
    expect(await (await fetch(`${base}/health/live`)).json()).toEqual({ status: 'up' });
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: {} });
  });

  it('answers the browser preflight and lets the web UI read the answers', async () => {
    const preflight = await fetch(`${base}/token`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const discovery = await fetch(`${base}/.well-known/openid-configuration`);
    expect(discovery.headers.get('access-control-allow-origin')).toBe('*');
    expect(discovery.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('answers unknown paths and wrong methods in the one error shape', async () => {
    const missing = await fetch(`${base}/api/x`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    const getToken = await fetch(`${base}/token`);
    expect(getToken.status).toBe(405);
    expect(getToken.headers.get('allow')).toBe('OPTIONS, POST');
    expect(await getToken.json()).toMatchObject({ statusCode: 405, code: 'METHOD_NOT_ALLOWED' });
  });
});

describe('demo users', () => {
  // The codes must be real Sidoarjo codes, and each desa must lie in its user's kecamatan.
  const wilayah = JSON.parse(readFileSync(path.join(ROOT, 'libs/domain/data/wilayah-sidoarjo.json'), 'utf8')) as {
    kecamatan: { code: string; name: string; villages: { code: string; name: string }[] }[];
  };

  it('use real kecamatan and desa codes', () => {
    for (const user of listDemoUsers()) {
      if (!user.kecamatan) continue;
      const kec = wilayah.kecamatan.find((k) => k.code === user.kecamatan);
      expect(kec).toBeDefined();
      if (user.desa) expect(kec!.villages.map((v) => v.code)).toContain(user.desa);
    }
    const desa = listDemoUsers().find((u) => u.username === 'desa.bakungpringgodani')!;
    const bal = wilayah.kecamatan.find((k) => k.name === 'Balongbendo')!;
    expect(bal.villages.find((v) => v.code === desa.desa)?.name).toBe('Bakungpringgodani');
  });

  it('give every citizen a valid Sidoarjo NIK: Siti is in the test family, Budi in none', () => {
    for (const user of listDemoUsers()) {
      if (user.role !== 'pemohon') expect(user.nik).toBeUndefined();
      else
        expect({ user: user.username, ok: validateNik(user.nik!).ok, sidoarjo: user.nik!.startsWith('3515') }).toEqual({
          user: user.username,
          ok: true,
          sidoarjo: true,
        });
    }
    const family = domainTesting.family().anggota.map((m) => m.nik);
    const nikOf = (username: string) => listDemoUsers().find((u) => u.username === username)!.nik;
    expect(family).toContain(nikOf('pemohon.siti'));
    expect(family).not.toContain(nikOf('pemohon.budi'));
  });

  it('cover every role, and the two operators are refused in each other’s kecamatan', () => {
    const byName = new Map(listDemoUsers().map((u) => [u.username, { ...u }]));
    const balongbendo = byName.get('operator.balongbendo')!;
    const tarik = byName.get('operator.tarik')!;
    expect(canActOnKecamatan(balongbendo, '35.15.12')).toBe(true);
    expect(canActOnKecamatan(balongbendo, tarik.kecamatan!)).toBe(false);
    expect(canActOnKecamatan(tarik, balongbendo.kecamatan!)).toBe(false);
    expect(canActOnDesa(byName.get('desa.bakungpringgodani')!, '35.15.12.2001')).toBe(false);
  });
});

describe('signing key storage', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'auth-dev-keys-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates once, stores the key readable by the owner only, and reloads the same key', async () => {
    const first = await loadOrCreateSigningKey(dir);
    const second = await loadOrCreateSigningKey(dir);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.kid).toBe(first.kid);
    expect(statSync(path.join(dir, 'signing-key.pem')).mode & 0o777).toBe(0o600);
  });
});

describe('auth-dev as a process', () => {
  const baseEnv = () => ({ PATH: process.env.PATH, HOME: process.env.HOME });

  const refusal = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['-r', '@swc-node/register', MAIN], {
      cwd: ROOT,
      env: { ...baseEnv(), PORT: '0', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('refuses to start in production, or whenever the environment is not an explicit development or test', () => {
    const expected = {
      production: 'config error: ADMINDUK_ENV must be development or test: auth-dev is a development-only issuer with demo passwords',
      prod: 'config error: ADMINDUK_ENV must be one of development, test, production',
      unset: 'config error: ADMINDUK_ENV is required',
    };
    for (const [value, line] of Object.entries(expected)) {
      // NODE_ENV decides nothing: "development" there does not let the issuer start.
      const run = refusal({ NODE_ENV: 'development', ...(value === 'unset' ? {} : { ADMINDUK_ENV: value }) });
      expect({ value, status: run.status, stdout: run.stdout, stderr: run.stderr.trim().split('\n') }).toEqual({
        value,
        status: 1,
        stdout: '',
        stderr: [line],
      });
    }
  });

  it('starts, becomes ready, serves tokens, and stops on SIGTERM', async () => {
    const keyDir = mkdtempSync(path.join(tmpdir(), 'auth-dev-proc-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', MAIN], {
      cwd: ROOT,
      env: { ...baseEnv(), ADMINDUK_ENV: 'development', PORT: String(port), AUTH_DEV_KEY_DIR: keyDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const base = `http://127.0.0.1:${port}`;
      await eventually(async () => expect((await fetch(`${base}/health/ready`)).status).toBe(200), 30_000, 100);
      const { status, body } = await postToken(base, JSON.stringify({ username: 'operator.tarik', password: 'demo' }));
      expect(status).toBe(200);
      const verifier = new JwtVerifier({ jwksUrl: `${base}/.well-known/jwks.json`, issuer: base, audience: AUDIENCE });
      expect(await verifier.verify(body.access_token as string)).toMatchObject({ role: 'operator-kecamatan', kecamatan: '35.15.01' });
      // JSON log lines, and the issued token never reaches them.
      const lines = output
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['signing key ready', 'token issued']));
      expect(output).not.toContain(body.access_token as string);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      rmSync(keyDir, { recursive: true, force: true });
    }
  });
});
