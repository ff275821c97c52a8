import { JwtVerifier } from '@adminduk/auth';
import { freePort } from '@adminduk/testing';
import type { INestApplication } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { createAuthDevApp } from '../auth-dev.app';
import { loadOrCreateSigningKey } from '../signing-key';

// The OIDC authorization code flow with PKCE of the development issuer, over real HTTP.
const CLIENT = 'adminduk-web';
const REDIRECT = 'http://127.0.0.1:8080/masuk/kembali';

const verifierAndChallenge = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

describe('auth-dev: authorization code flow with PKCE (S256)', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const signingKey = await loadOrCreateSigningKey(mkdtempSync(path.join(tmpdir(), 'auth-dev-pkce-')));
    app = await createAuthDevApp({
      signingKey,
      issuer: base,
      audience: 'adminduk',
      tokenTtlSeconds: 600,
      clients: [{ clientId: CLIENT, redirectUris: ['https://layanan.example.go.id/masuk/kembali'] }],
    });
    await app.listen(port, '127.0.0.1');
  });
  afterAll(() => app.close());

  const authorizeParams = (challenge: string, extra: Record<string, string> = {}) => ({
    response_type: 'code',
    client_id: CLIENT,
    redirect_uri: REDIRECT,
    scope: 'openid profile',
    state: 'keadaan-1',
    nonce: 'nonce-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  });

  /** Logs in through the form; returns the redirect the browser would follow. */
  async function login(params: Record<string, string>, username = 'pemohon.siti', password = 'demo') {
    const res = await fetch(`${base}/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...params, username, password }).toString(),
    });
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }

  async function codeFor(challenge: string): Promise<string> {
    const { status, location } = await login(authorizeParams(challenge));
    expect(status).toBe(302);
    const back = new URL(location!);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('keadaan-1');
    return back.searchParams.get('code')!;
  }

  const exchange = async (fields: Record<string, string>) => {
    const res = await fetch(`${base}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT, redirect_uri: REDIRECT, ...fields }).toString(),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };

  it('publishes the authorization endpoint and S256 in discovery', async () => {
    const d = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(d).toMatchObject({
      authorization_endpoint: `${base}/authorize`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
    });
    expect(d.grant_types_supported).toContain('authorization_code');
  });

  it('shows an Indonesian login page for a valid request', async () => {
    const res = await fetch(`${base}/authorize?${new URLSearchParams(authorizeParams(verifierAndChallenge().challenge))}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('Nama pengguna');
    expect(html).toContain('Kata sandi');
  });

  it('swaps a code and its verifier for an access token of the user and an id_token for the client with the nonce', async () => {
    const { verifier, challenge } = verifierAndChallenge();
    const { status, body } = await exchange({ code: await codeFor(challenge), code_verifier: verifier });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: 'openid profile' });
    const verifierOfApi = new JwtVerifier({ jwksUrl: `${base}/.well-known/jwks.json`, issuer: base, audience: 'adminduk' });
    expect(await verifierOfApi.verify(body.access_token)).toMatchObject({ role: 'pemohon', nik: '3515125907900002' });
    const id = decodeJwt(body.id_token);
    expect(id).toMatchObject({ iss: base, aud: CLIENT, nonce: 'nonce-1', role: 'pemohon', preferred_username: 'pemohon.siti' });
  });

  it('refuses a wrong verifier, and the code is spent by that attempt', async () => {
    const { verifier, challenge } = verifierAndChallenge();
    const code = await codeFor(challenge);
    const wrong = await exchange({ code, code_verifier: verifierAndChallenge().verifier });
    expect(wrong).toEqual({
      status: 400,
      body: expect.objectContaining({ error: 'invalid_grant', message: 'code_verifier tidak cocok dengan code_challenge.' }),
    });
    expect((await exchange({ code, code_verifier: verifier })).body.error).toBe('invalid_grant');
  });

  it('refuses a reused code', async () => {
    const { verifier, challenge } = verifierAndChallenge();
    const code = await codeFor(challenge);
    expect((await exchange({ code, code_verifier: verifier })).status).toBe(200);
    const again = await exchange({ code, code_verifier: verifier });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid_grant', message: 'Kode otorisasi tidak berlaku: kedaluwarsa atau sudah dipakai.' });
  });

  it('refuses a code presented with another redirect URI or client id', async () => {
    for (const other of [{ redirect_uri: 'http://127.0.0.1:9999/masuk/kembali' }, { client_id: 'aplikasi-lain' }] as Record<
      string,
      string
    >[]) {
      const { verifier, challenge } = verifierAndChallenge();
      const code = await codeFor(challenge);
      const refused = await exchange({ code, code_verifier: verifier, ...other });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        error: 'invalid_grant',
        message: 'Kode otorisasi bukan untuk aplikasi atau alamat kembali ini.',
      });
    }
  });

  it('requires PKCE with S256: plain or no challenge goes back to the client with invalid_request', async () => {
    const { challenge } = verifierAndChallenge();
    for (const extra of [{ code_challenge_method: 'plain' }, { code_challenge: '' }] as Record<string, string>[]) {
      const res = await fetch(`${base}/authorize?${new URLSearchParams(authorizeParams(challenge, extra))}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      const back = new URL(res.headers.get('location')!);
      expect(back.searchParams.get('error')).toBe('invalid_request');
      expect(back.searchParams.get('state')).toBe('keadaan-1');
    }
  });

  it('never redirects to an unregistered URI or for an unknown client: it shows a page', async () => {
    const { challenge } = verifierAndChallenge();
    for (const extra of [{ redirect_uri: 'https://penyerang.example/curi' }, { client_id: 'tidak-dikenal' }] as Record<string, string>[]) {
      const res = await fetch(`${base}/authorize?${new URLSearchParams(authorizeParams(challenge, extra))}`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('Permintaan masuk ditolak');
    }
    // A registered non-loopback URI is accepted.
    const registered = authorizeParams(challenge, { redirect_uri: 'https://layanan.example.go.id/masuk/kembali' });
    expect((await fetch(`${base}/authorize?${new URLSearchParams(registered)}`)).status).toBe(200);
  });

  it('a wrong password stays on the page with the reason, and issues no code', async () => {
    const { challenge } = verifierAndChallenge();
    const { status, location, text } = await login(authorizeParams(challenge), 'pemohon.siti', 'salah');
    expect(status).toBe(401);
    expect(location).toBeNull();
    expect(text).toContain('Nama pengguna atau kata sandi salah.');
  });
});
