import { Client } from 'pg';
import {
  createTestSchema,
  eventually,
  freePort,
  httpStatus,
  namespacedPlatformEnv,
  ServiceProcess,
  testBusEnv,
  testEnv,
  uniqueId,
  type TestSchema,
} from '@adminduk/testing';
import { runMigrations } from './run-migrations';

/**
 * Services never create schema: started on a database nobody migrated, they stay live but not
 * ready, say why in their log, create nothing, and become ready once `npm run migrate` has run,
 * without a restart (so a Kubernetes Job finishing after the rollout heals it).
 */
describe('services on an unmigrated database (separate processes)', () => {
  let schema: TestSchema;
  const procs: ServiceProcess[] = [];

  beforeAll(async () => {
    schema = await createTestSchema('unmigrated', { migrate: false });
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await schema?.drop();
  });

  it('projections and relay report "run npm run migrate", stay unready, then become ready after the runner', async () => {
    const ns = uniqueId('unmig');
    const start = async (name: string) => {
      const port = await freePort();
      const env = {
        ...namespacedPlatformEnv(ns),
        ...testBusEnv(name),
        DATABASE_URL: schema.url,
        NATS_URL: testEnv.natsUrl,
        PORT: String(port),
      };
      const proc = ServiceProcess.start(name, `services/${name}/src/main.ts`, env);
      procs.push(proc);
      return { proc, ready: `http://127.0.0.1:${port}/health/ready` };
    };
    const services = [await start('projections'), await start('relay')];

    for (const { proc, ready } of services) {
      await eventually(() => expect(proc.lines('npm run migrate').length).toBeGreaterThan(0), 60_000, 200);
      expect(await httpStatus(ready)).toBe(503);
    }
    expect(await tablesIn(schema.url)).toEqual([]);

    await runMigrations(schema.url);

    for (const { ready } of services) {
      await eventually(async () => expect(await httpStatus(ready)).toBe(200), 60_000, 200);
    }
  });
});

async function tablesIn(url: string): Promise<string[]> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query<{ t: string }>('SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema()')).rows.map((r) => r.t);
  } finally {
    await db.end();
  }
}
