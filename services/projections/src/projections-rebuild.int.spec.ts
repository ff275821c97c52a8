import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { domainTesting } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { createLogger } from '@adminduk/observability';
import { readModelsTesting } from '@adminduk/read-models';
import { createTestSchema, namespacedPlatformEnv, testBusEnv, uniqueId, type TestSchema } from '@adminduk/testing';
import { ProjectionConsumers } from './projection-consumer';
import { createProjectionsApp } from './projections.app';
import { loadProjectionsConfig } from './projections.config';

describe('projections service: a projection whose stored version differs rebuilds itself at start (real PostgreSQL, NATS)', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let db: Client;
  const logLines: string[] = [];

  beforeAll(async () => {
    schema = await createTestSchema('projrebuild');
    store = await PostgresEventStore.create({ connectionString: schema.url });
    db = new Client({ connectionString: schema.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await store?.close();
    await schema?.drop();
  });

  const env = {
    ADMINDUK_ENV: 'test',
    PORT: '0',
    ...namespacedPlatformEnv(uniqueId('proj')),
    ...testBusEnv('projections'),
  };
  async function runProjections(): Promise<void> {
    const logger = createLogger({ service: 'projections', level: 'info', destination: { write: (l: string) => void logLines.push(l) } });
    const app: INestApplication = await createProjectionsApp(loadProjectionsConfig({ ...env, DATABASE_URL: schema.url }), logger);
    try {
      await app.listen(0, '127.0.0.1');
      await app.get(ProjectionConsumers).started();
    } finally {
      await app.close();
    }
  }
  const read = async () => ({
    view: (await db.query(`SELECT * FROM application_view ORDER BY application_id`)).rows,
    signed: (await db.query(`SELECT * FROM signed_document_view ORDER BY application_id`)).rows,
    checkpoints: (await db.query(`SELECT * FROM projection_checkpoints ORDER BY projection`)).rows,
  });

  it('clears and refills only that projection, with the same rows', async () => {
    const s = () => new domainTesting.KkScenario('daring-mandiri');
    await readModelsTesting.appendHistory(store, randomUUID(), s().submit().uploadAll().acceptAll().verify().events);
    await readModelsTesting.appendHistory(store, randomUUID(), s().submit().events);
    await runProjections();
    const before = await read();
    expect(before.view).toHaveLength(2);
    expect(before.signed).toHaveLength(2);

    // As after deploying code of another version of application-view: its rows are of another shape.
    await db.query(`UPDATE projection_checkpoints SET version = version + 1 WHERE projection = 'application-view'`);
    await db.query(`UPDATE application_view SET status_label = 'bentuk lama'`);
    await runProjections();

    const after = await read();
    expect(after.view).toEqual(before.view);
    expect(after.signed).toEqual(before.signed);
    expect(after.checkpoints).toEqual(
      before.checkpoints.map((c) => (c.projection === 'application-view' ? { ...c, updated_at: expect.any(Date) } : c)),
    );
    const rebuilding = logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'projections rebuilding: their version changed');
    expect(rebuilding.map((l) => l.projections)).toEqual([['application-view']]);
  });
});
