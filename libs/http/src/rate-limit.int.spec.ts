import { Controller, Get, HttpCode, Module, Post, type INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { Public } from '@adminduk/auth';
import { ConfigError, loadConfig } from '@adminduk/config';
import { createLogger } from '@adminduk/observability';
import { HealthModule } from './health';
import { rateLimitEnv, type RateLimitSettings } from './rate-limit';
import { createServiceApp } from './service-bootstrap';

@Controller()
class ProbeController {
  @Public()
  @Get('verifikasi/:id')
  page() {
    return { status: 'unknown' };
  }

  @Public()
  @Post('api/public/check')
  @HttpCode(200)
  check() {
    return { sah: false };
  }

  @Get('api/things')
  list() {
    return { items: [] };
  }

  @Post('api/things')
  create() {
    return { created: true };
  }
}

@Module({ imports: [HealthModule.forRoot()], controllers: [ProbeController] })
class ProbeModule {}

async function start(rateLimits: RateLimitSettings): Promise<{ app: INestApplication; url: string }> {
  const app = await createServiceApp({
    name: 'limits',
    module: ProbeModule,
    logger: createLogger({ service: 'limits', level: 'silent' }),
    rateLimits,
  });
  await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

const call = async (url: string, method = 'GET', headers: Record<string, string> = {}) => {
  const res = await fetch(url, { method, headers });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, unknown> };
};

/** Issue 9, item 11, at the level every service shares (createServiceApp); real HTTP, own low limits. */
describe('rate limits (createServiceApp)', () => {
  describe('public endpoints: per client address', () => {
    let app: INestApplication;
    let url: string;
    beforeAll(
      async () =>
        ({ app, url } = await start({
          userWritesPerMinute: 1000,
          addressWritesPerMinute: 1000,
          publicPerMinute: 3,
          trustProxy: ['loopback'],
        })),
    );
    afterAll(() => app?.close());

    it('the 4th call in a minute from one address: 429 RATE_LIMITED with Retry-After, across public routes and methods; another address is unaffected', async () => {
      const from = (address: string) => ({ 'x-forwarded-for': address });
      expect((await call(`${url}/verifikasi/a`, 'GET', from('203.0.113.7'))).status).toBe(200);
      expect((await call(`${url}/verifikasi/b`, 'GET', from('203.0.113.7'))).status).toBe(200);
      expect((await call(`${url}/api/public/check`, 'POST', from('203.0.113.7'))).status).toBe(200);
      const refused = await call(`${url}/verifikasi/c`, 'GET', from('203.0.113.7'));
      expect(refused).toEqual({
        status: 429,
        retryAfter: expect.stringMatching(/^\d+$/),
        body: {
          statusCode: 429,
          error: 'Too Many Requests',
          code: 'RATE_LIMITED',
          message: expect.stringMatching(/^Terlalu banyak permintaan/),
        },
      });
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(20); // one call regained in 60 s / 3
      expect((await call(`${url}/api/public/check`, 'POST', from('203.0.113.7'))).status).toBe(429);
      expect((await call(`${url}/verifikasi/a`, 'GET', from('198.51.100.9'))).status).toBe(200);
    });

    it('never throttles the health probes, nor authenticated reads', async () => {
      for (let i = 0; i < 10; i++) {
        expect((await call(`${url}/health/live`, 'GET', { 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
        expect((await call(`${url}/api/things`, 'GET', { 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
      }
    });
  });

  describe('writes: per client address too (and per user, see the documents service test)', () => {
    let app: INestApplication;
    let url: string;
    beforeAll(async () => ({ app, url } = await start({ userWritesPerMinute: 1000, addressWritesPerMinute: 2, publicPerMinute: 1000 })));
    afterAll(() => app?.close());

    it('the 3rd write from one address is refused; X-Forwarded-For is not believed unless a proxy is trusted', async () => {
      expect((await call(`${url}/api/things`, 'POST')).status).toBe(201);
      expect((await call(`${url}/api/things`, 'POST', { 'x-forwarded-for': '198.51.100.1' })).status).toBe(201);
      expect((await call(`${url}/api/things`, 'POST', { 'x-forwarded-for': '198.51.100.2' })).status).toBe(429);
      expect((await call(`${url}/api/things`, 'GET')).status).toBe(200);
    });
  });

  it('takes its settings from the environment, validated like every variable', () => {
    const env = { ADMINDUK_ENV: 'production' };
    expect(loadConfig(rateLimitEnv, env)).toEqual({
      ...env,
      RATE_LIMIT_USER_WRITES_PER_MIN: 30,
      RATE_LIMIT_ADDRESS_WRITES_PER_MIN: 300,
      RATE_LIMIT_PUBLIC_PER_MIN: 30,
    });
    expect(loadConfig(rateLimitEnv, { ...env, HTTP_TRUST_PROXY: '10.0.0.0/8, loopback' }).HTTP_TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      'loopback',
    ]);
    expect(loadConfig(rateLimitEnv, { ...env, HTTP_TRUST_PROXY: '1' }).HTTP_TRUST_PROXY).toBe(1);
    const lines: string[] = [];
    const bad = () =>
      loadConfig(
        rateLimitEnv,
        { ...env, RATE_LIMIT_USER_WRITES_PER_MIN: '0', RATE_LIMIT_PUBLIC_PER_MIN: 'banyak', HTTP_TRUST_PROXY: 'semua' },
        {
          exit: (() => undefined) as never,
          write: (l) => lines.push(l),
        },
      );
    expect(bad).toThrow(ConfigError);
    expect(lines).toEqual([
      expect.stringMatching(
        /^config error: RATE_LIMIT_USER_WRITES_PER_MIN must be a positive integer; RATE_LIMIT_PUBLIC_PER_MIN must be a positive integer; HTTP_TRUST_PROXY must be/,
      ),
    ]);
  });
});
