import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createServiceApp, RETRY_AFTER_SECONDS } from '@adminduk/http';
import { createLogger } from '@adminduk/observability';
import { StatisticsModule } from './statistics.module';

describe('statistics with its database down', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    // Port 1 on the loopback: nothing listens, every connection is refused (as while PostgreSQL restarts).
    const module = StatisticsModule.forRoot('postgres://postgres@127.0.0.1:1/adminduk_absent');
    app = await createServiceApp({ name: 'gateway-statistics', module, logger: createLogger({ service: 'gateway', level: 'silent' }) });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers the one 503 for a dependency down, DEPENDENCY_UNAVAILABLE with Retry-After, in Indonesian', async () => {
    const r = await fetch(`${base}/api/public/statistik`);
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(await r.json()).toMatchObject({
      statusCode: 503,
      code: 'DEPENDENCY_UNAVAILABLE',
      message: expect.stringContaining('tidak tersedia'),
    });
  });
});
