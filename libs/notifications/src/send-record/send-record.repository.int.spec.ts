import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import type { SendIdentity } from '../send-key';
import { NOTIFICATIONS_MIGRATIONS } from './1765600000000-notification-sends';
import { SendRecordRepository } from './send-record.repository';

const identity = (eventId: string): SendIdentity => ({
  applicationId: 'app-1',
  template: 'submission-received',
  eventId,
  channel: 'email',
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Applies the lib's migrations to the schema the way a TypeORM runner does (not on connect). */
async function migrate(url: string): Promise<void> {
  const ds = new DataSource({
    type: 'postgres',
    url,
    migrations: NOTIFICATIONS_MIGRATIONS,
    migrationsTableName: 'migrations',
    logging: false,
  });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

describe('send record in PostgreSQL', () => {
  let schema: TestSchema;
  let poolA: Pool;
  let poolB: Pool;

  beforeAll(async () => {
    schema = await createTestSchema('notif', { migrate: false });
    await migrate(schema.url);
    poolA = new Pool({ connectionString: schema.url, max: 10 });
    poolB = new Pool({ connectionString: schema.url, max: 10 });
  });
  afterAll(async () => {
    await poolA?.end();
    await poolB?.end();
    await schema?.drop();
  });

  it('lets exactly one of many concurrent claims of a key through, from two service instances', async () => {
    const a = new SendRecordRepository(poolA);
    const b = new SendRecordRepository(poolB);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).claim(identity('evt-race'))));
    expect(results.filter((r) => r.outcome === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'in-progress')).toHaveLength(39);
    const { rows } = await poolA.query(
      `SELECT count(*)::int AS n, max(attempts) AS attempts FROM notification_sends WHERE event_id = 'evt-race'`,
    );
    expect(rows[0]).toEqual({ n: 1, attempts: 1 });
  });

  it('never claims a sent key again and remembers its Message-ID', async () => {
    const repo = new SendRecordRepository(poolA);
    const first = await repo.claim(identity('evt-sent'));
    expect(first).toMatchObject({ outcome: 'claimed', attempt: 1 });
    await repo.markSent(first.key, '<abc@adminduk.test>');
    const again = await Promise.all([repo.claim(identity('evt-sent')), repo.claim(identity('evt-sent'))]);
    for (const r of again) expect(r).toMatchObject({ outcome: 'already-sent', messageId: '<abc@adminduk.test>' });
    expect(await repo.find(first.key)).toMatchObject({ attempts: 1, lastError: null, messageId: '<abc@adminduk.test>' });
  });

  it('releases the claim on a recorded failure so the retry claims at once', async () => {
    const repo = new SendRecordRepository(poolA);
    const first = await repo.claim(identity('evt-fail'));
    await repo.markFailed(first.key, 'SMTP server refused the message (451): try later');
    await expect(repo.claim(identity('evt-fail'))).resolves.toMatchObject({ outcome: 'claimed', attempt: 2 });
    expect(await repo.find(first.key)).toMatchObject({
      attempts: 2,
      lastError: 'SMTP server refused the message (451): try later',
      sentAt: null,
    });
  });

  it('takes over the claim of a sender that crashed, once its lease has expired', async () => {
    const repo = new SendRecordRepository(poolA, { leaseMs: 300 });
    await expect(repo.claim(identity('evt-crash'))).resolves.toMatchObject({ outcome: 'claimed', attempt: 1 });
    // The sender died here (sent or not, nothing recorded): the key is held until the lease ends.
    await expect(repo.claim(identity('evt-crash'))).resolves.toMatchObject({ outcome: 'in-progress' });
    await sleep(400);
    await expect(repo.claim(identity('evt-crash'))).resolves.toMatchObject({ outcome: 'claimed', attempt: 2 });
  });

  it('keeps one row per key: channels and triggering events are separate sends', async () => {
    const repo = new SendRecordRepository(poolA);
    await repo.claim({ ...identity('evt-multi'), channel: 'email' });
    await repo.claim({ ...identity('evt-multi'), channel: 'sms' });
    await repo.claim({ ...identity('evt-multi-2'), channel: 'email' });
    const rows = (await repo.forApplication('app-1')).filter((r) => r.eventId.startsWith('evt-multi'));
    expect(rows.map((r) => r.key).sort()).toEqual([
      'app-1/submission-received/evt-multi-2/email',
      'app-1/submission-received/evt-multi/email',
      'app-1/submission-received/evt-multi/sms',
    ]);
  });

  it('migrates idempotently (a second run changes nothing)', async () => {
    const ds = new DataSource({ type: 'postgres', url: schema.url, logging: false });
    await ds.initialize();
    try {
      const runner = ds.createQueryRunner();
      await new NOTIFICATIONS_MIGRATIONS[0]().up(runner);
      await runner.release();
    } finally {
      await ds.destroy();
    }
    const { rows } = await poolA.query(`SELECT count(*)::int AS n FROM notification_sends`);
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
