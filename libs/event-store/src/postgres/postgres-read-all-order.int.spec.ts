import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { PostgresEventStore } from './postgres-event-store';

/**
 * Global order is numeric in the transaction id. Rows are written with chosen ids on both sides of
 * a digit boundary (9999 / 10000): a text sort would put 10000 first, and a reader resuming after
 * 9999 would skip it or read it twice. (Seen in the relay e2e suite when the server's xids passed 9999.)
 */
describe('PostgresEventStore.readAll order across a digit boundary of the transaction id', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;

  beforeAll(async () => {
    schema = await createTestSchema('readallorder');
    const db = new Client({ connectionString: schema.url });
    await db.connect();
    try {
      // A row's xid at or above the server's next one sorts after every running transaction and is
      // not read yet: on a young cluster (a fresh CI machine) use up xids past the chosen ones first.
      const next = async () => BigInt((await db.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')).rows[0].xid);
      while ((await next()) <= 10_001n);
      for (const [xid, revision] of [
        ['9998', 0],
        ['9999', 1],
        ['10000', 2],
        ['10001', 3],
      ] as const) {
        await db.query(
          `INSERT INTO es_events (transaction_id, stream_id, revision, event_id, type, data, metadata, prev_hash, hash)
           VALUES ($1::xid8, 'order-1', $2, $3, 'Ordered', '{}', '{}', '', '')`,
          [xid, revision, randomUUID()],
        );
      }
    } finally {
      await db.end();
    }
    store = await PostgresEventStore.create({ connectionString: schema.url });
  });
  afterAll(async () => {
    await store?.close();
    await schema?.drop();
  });

  it('reads them in numeric order, and resumes after 9999 at 10000', async () => {
    const all = await store.readAll();
    expect(all.map((e) => e.position.commit)).toEqual([9998n, 9999n, 10000n, 10001n]);
    const after9999 = await store.readAll({ after: all[1].position, maxCount: 1 });
    expect(after9999.map((e) => e.revision)).toEqual([2]);
  });
});
