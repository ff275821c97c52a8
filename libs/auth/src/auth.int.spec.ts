import { Controller, Get, Module, Param, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createRemoteJWKSet, decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { AuthModule } from './auth.module';
import { CurrentPrincipal, Public, Roles } from './decorators';
import { assertScope } from './errors';
import { InvalidTokenError, JwtVerifier, KeySetUnavailableError, type JwtVerifierOptions } from './jwt-verifier';
import type { Principal } from './principal';
import { canActOnKecamatan } from './scope';

jest.setTimeout(30_000);

const ISSUER = 'http://issuer.test/realms/adminduk';
const AUDIENCE = 'adminduk-api';
const KID = 'test-key-1';

@Controller()
class ProbeController {
  @Public()
  @Get('health/live')
  live() {
    return { status: 'up' };
  }

  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Roles('operator-kecamatan', 'admin')
  @Get('kecamatan/:kode/antrian')
  queue(@CurrentPrincipal() principal: Principal, @Param('kode') kode: string) {
    assertScope(canActOnKecamatan(principal, kode));
    return { kecamatan: kode, items: [] };
  }
}

describe('AuthGuard with a JWKS served over HTTP', () => {
  let jwksServer: Server;
  let jwksUrl: string;
  let privateKey: KeyLike;
  let app: INestApplication;

  const sign = (
    claims: Record<string, unknown>,
    opts: { key?: KeyLike; kid?: string; iss?: string; aud?: string; exp?: string | number } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? KID })
      .setSubject(String(claims.sub ?? 'user-1'))
      .setIssuer(opts.iss ?? ISSUER)
      .setAudience(opts.aud ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '5m')
      .sign(opts.key ?? privateKey);

  const operatorBalongbendo = { sub: 'op-1', role: 'operator-kecamatan', kecamatan: '35.15.12' };
  const operatorTarik = { sub: 'op-2', role: 'operator-kecamatan', kecamatan: '35.15.01' };
  const get = (path: string, token?: string) => {
    const r = request(app.getHttpServer()).get(path);
    return token ? r.set('Authorization', `Bearer ${token}`) : r;
  };

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
    jwksServer = createServer((req, res) => {
      if (req.url !== '/jwks.json') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;

    @Module({ imports: [AuthModule.forRoot({ jwksUrl, issuer: ISSUER, audience: AUDIENCE })], controllers: [ProbeController] })
    class AppModule {}
    app = await NestFactory.create(AppModule, { logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((r) => jwksServer.close(r));
  });

  it('lets a public route through without a token', async () => {
    await get('/health/live').expect(200, { status: 'up' });
  });

  it('refuses a route without a token with 401 and an Indonesian body', async () => {
    const res = await get('/me').expect(401);
    expect(res.body).toEqual({ statusCode: 401, error: 'Tidak Terautentikasi', message: 'Token akses diperlukan.' });
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('accepts a valid token and exposes the principal', async () => {
    const res = await get('/me', await sign({ ...operatorBalongbendo, name: 'Operator Balongbendo' })).expect(200);
    expect(res.body).toEqual({ userId: 'op-1', role: 'operator-kecamatan', kecamatan: '35.15.12', name: 'Operator Balongbendo' });
  });

  it('refuses an expired token', async () => {
    const token = await sign(operatorBalongbendo, { exp: Math.floor(Date.now() / 1000) - 60 });
    const res = await get('/me', token).expect(401);
    expect(res.body).toEqual({ statusCode: 401, error: 'Tidak Terautentikasi', message: 'Token akses sudah kedaluwarsa.' });
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('refuses a token from another issuer or for another audience', async () => {
    await get('/me', await sign(operatorBalongbendo, { iss: 'http://evil.test/' })).expect(401);
    await get('/me', await sign(operatorBalongbendo, { aud: 'another-api' })).expect(401);
  });

  it('refuses a tampered token (payload changed, signature kept)', async () => {
    const [header, , signature] = (await sign(operatorTarik)).split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...operatorTarik, role: 'admin', iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 }),
    ).toString('base64url');
    const res = await get('/me', `${header}.${forgedPayload}.${signature}`).expect(401);
    expect(res.body.message).toBe('Tanda tangan token akses tidak sah.');
  });

  it('refuses a token signed by a key the issuer does not publish, and an unsigned one', async () => {
    const other = await generateKeyPair('RS256');
    await get('/me', await sign(operatorBalongbendo, { key: other.privateKey })).expect(401);
    await get('/me', await sign(operatorBalongbendo, { key: other.privateKey, kid: 'rogue' })).expect(401);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(operatorBalongbendo)).toString('base64url')}.`;
    await get('/me', none).expect(401);
  });

  it('refuses a validly signed token whose claims do not fit the role', async () => {
    const res = await get('/me', await sign({ sub: 'x', role: 'operator-kecamatan' })).expect(401);
    expect(res.body.message).toContain('tanpa klaim kecamatan');
    // A citizen's login is bound to a person: no NIK claim, no access.
    expect((await get('/me', await sign({ sub: 'p', role: 'pemohon' })).expect(401)).body.message).toContain('tanpa klaim NIK');
  });

  it('answers 403 to a role the route does not allow', async () => {
    for (const claims of [
      { sub: 'p', role: 'pemohon', nik: '3515125907900002' },
      { sub: 'a', role: 'auditor' },
      { sub: 'd', role: 'petugas-desa', desa: '35.15.12.2004' },
    ]) {
      const res = await get('/kecamatan/35.15.12/antrian', await sign(claims)).expect(403);
      expect(res.body).toEqual({ statusCode: 403, error: 'Akses Ditolak', message: 'Peran Anda tidak diizinkan untuk tindakan ini.' });
    }
  });

  it('answers 403 to an allowed role outside its kecamatan, 200 inside', async () => {
    await get('/kecamatan/35.15.12/antrian', await sign(operatorBalongbendo)).expect(200, { kecamatan: '35.15.12', items: [] });
    const res = await get('/kecamatan/35.15.12/antrian', await sign(operatorTarik)).expect(403);
    expect(res.body).toEqual({
      statusCode: 403,
      error: 'Akses Ditolak',
      message: 'Data ini berada di luar wilayah kewenangan Anda.',
    });
    await get('/kecamatan/35.15.12/antrian', await sign({ sub: 'adm', role: 'admin' })).expect(200);
  });

  it('reports an unreachable key set as unavailable, not as a bad token', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const verifier = new JwtVerifier({ jwksUrl: `http://127.0.0.1:${port}/jwks.json`, issuer: ISSUER, audience: AUDIENCE });
    await expect(verifier.verify(await sign(operatorBalongbendo))).rejects.toBeInstanceOf(KeySetUnavailableError);
  });

  describe('cache of verified tokens', () => {
    /** A verifier on the test JWKS whose clock the test moves and whose key lookups it counts. */
    function observedVerifier(options: Partial<JwtVerifierOptions> = {}) {
      const remote = createRemoteJWKSet(new URL(jwksUrl));
      const clock = { now: Date.now() };
      const observed = { keyLookups: 0, clock };
      const getKey: JWTVerifyGetKey = (header, token) => {
        observed.keyLookups += 1; // jwtVerify asks for the key once per signature check
        return remote(header, token);
      };
      const verifier = new JwtVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE, getKey, now: () => clock.now, ...options });
      return { verifier, observed };
    }
    const withOtherSignatureChar = (token: string) => {
      const [header, payload, signature] = token.split('.');
      const i = Math.floor(signature.length / 2); // a middle character: all its bits are signature bits
      const changed = signature[i] === 'A' ? 'B' : 'A';
      return `${header}.${payload}.${signature.slice(0, i)}${changed}${signature.slice(i + 1)}`;
    };

    it('checks the signature of a reused token once', async () => {
      const { verifier, observed } = observedVerifier();
      const token = await sign({ ...operatorBalongbendo, name: 'Operator Balongbendo' });
      const first = await verifier.verify(token);
      const second = await verifier.verify(token);
      expect(second).toEqual(first);
      expect(second).toEqual({ userId: 'op-1', role: 'operator-kecamatan', kecamatan: '35.15.12', name: 'Operator Balongbendo' });
      expect(observed.keyLookups).toBe(1);
    });

    it('checks the signature again once the cache max age has passed', async () => {
      const { verifier, observed } = observedVerifier({ cacheMaxAgeMs: 60_000 });
      const token = await sign(operatorBalongbendo);
      await verifier.verify(token);
      observed.clock.now += 59_999;
      await verifier.verify(token);
      expect(observed.keyLookups).toBe(1);
      observed.clock.now += 1;
      await verifier.verify(token);
      expect(observed.keyLookups).toBe(2);
    });

    it('refuses an expired token although it was cached, exactly when verification would', async () => {
      // A max age far beyond the token's lifetime, so only the expiry can end the cached entry.
      const { verifier, observed } = observedVerifier({ cacheMaxAgeMs: 3_600_000, clockToleranceSec: 5 });
      const token = await sign(operatorBalongbendo, { exp: '5m' });
      await verifier.verify(token);
      const refusedFromMs = (decodeJwt(token).exp! + 5) * 1000;
      observed.clock.now = refusedFromMs - 1;
      await expect(verifier.verify(token)).resolves.toMatchObject({ userId: 'op-1' });
      expect(observed.keyLookups).toBe(1);
      observed.clock.now = refusedFromMs;
      const refusal = verifier.verify(token);
      await expect(refusal).rejects.toBeInstanceOf(InvalidTokenError);
      await expect(refusal).rejects.toThrow('Token akses sudah kedaluwarsa.');
    });

    it('refuses a tampered token (one signature character changed) after the genuine one was cached', async () => {
      const { verifier, observed } = observedVerifier();
      const genuine = await sign(operatorTarik);
      await verifier.verify(genuine);
      const refusal = verifier.verify(withOtherSignatureChar(genuine));
      await expect(refusal).rejects.toBeInstanceOf(InvalidTokenError);
      await expect(refusal).rejects.toThrow('Tanda tangan token akses tidak sah.');
      expect(observed.keyLookups).toBe(2);
      await expect(verifier.verify(genuine)).resolves.toMatchObject({ userId: 'op-2' });
      expect(observed.keyLookups).toBe(2);
    });

    it('never caches a refused token', async () => {
      const { verifier, observed } = observedVerifier();
      const withoutKecamatan = await sign({ sub: 'x', role: 'operator-kecamatan' });
      await expect(verifier.verify(withoutKecamatan)).rejects.toBeInstanceOf(InvalidTokenError);
      await expect(verifier.verify(withoutKecamatan)).rejects.toBeInstanceOf(InvalidTokenError);
      expect(observed.keyLookups).toBe(2);
    });

    it('checks every time with cacheMaxAgeMs 0', async () => {
      const { verifier, observed } = observedVerifier({ cacheMaxAgeMs: 0 });
      const token = await sign(operatorBalongbendo);
      await verifier.verify(token);
      await verifier.verify(token);
      expect(observed.keyLookups).toBe(2);
    });
  });
});
