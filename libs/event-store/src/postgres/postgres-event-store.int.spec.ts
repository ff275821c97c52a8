import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestSchema, eventually, type TestSchema } from '@adminduk/testing';
import { eventStoreContract } from '../contract/event-store.contract';
import type { NewEvent } from '../envelope/event-envelope';
import { verifyChain } from '../envelope/hash-chain';
import { WrongExpectedStateError } from '../errors';
import { PostgresEventStore } from './postgres-event-store';
import { PostgresListener, PostgresNotifier } from './postgres-wake';

jest.setTimeout(60000);

describe('PostgresEventStore contract', () => {
  eventStoreContract(async () => {
    const schema = await createTestSchema('es_contract');
    const store = await PostgresEventStore.create({ connectionString: schema.url, max: 8, pollIntervalMs: 200 });
    return { store, dispose: () => schema.drop() };
  });
});

describe('PostgresEventStore specifics', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let sql: Client;

  beforeAll(async () => {
    schema = await createTestSchema('es_pg');
    // Several processes opening at once on the schema the migration runner made (createTestSchema).
    const stores = await Promise.all([1, 2, 3].map(() => PostgresEventStore.create({ connectionString: schema.url, max: 4 })));
    await Promise.all(stores.slice(1).map((s) => s.close()));
    store = stores[0];
    sql = new Client({ connectionString: schema.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await store?.close();
    await schema?.drop();
  });

  it('declares that it reports a re-append as already stored (the contract checks the reports)', () => {
    expect(store.reportsAlreadyStored).toBe(true);
  });

  it('uses the table in the connection search_path schema (where the migration runner made it)', async () => {
    const { rows } = await sql.query(`SELECT to_regclass('es_events')::text AS resolved, to_regclass($1)::text AS qualified`, [
      `"${schema.schema}".es_events`,
    ]);
    expect(rows[0].qualified).not.toBeNull();
    expect(rows[0].resolved).toBe(rows[0].qualified);
  });

  it('a revision taken by another writer is an ordinary conflict that keeps the store its connection', async () => {
    const app = `es-conflict-${randomUUID().slice(0, 8)}`;
    const one = await PostgresEventStore.create({ connectionString: schema.url, max: 1, application_name: app });
    try {
      const s = `conflict-${randomUUID()}`;
      await one.appendToStream(s, [event('first')], 'no_stream');
      await store.appendToStream(s, [event('theirs')], { revision: 0 });
      const backends = async () =>
        (await sql.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1 ORDER BY pid', [app])).rows;
      // The pool's one connection and the notifier's (connected by the first append's wake).
      await eventually(async () => expect(await backends()).toHaveLength(2));
      const before = await backends();
      // `one` knows revision 0's hash: its INSERT of revision 1 meets the unique key, then the function says 'conflict'.
      await expect(one.appendToStream(s, [event('mine')], { revision: 0 })).rejects.toBeInstanceOf(WrongExpectedStateError);
      await one.appendToStream(s, [event('after')], { revision: 1 });
      expect(await backends()).toEqual(before); // without: the pool closed the connection on the error and forked another
      expect((await one.readStream(s)).map((e) => (e.data as { label: string }).label)).toEqual(['first', 'theirs', 'after']);
    } finally {
      await one.close();
    }
  });

  it('a hash chain computed in SQL verifies in Node, and an event altered in the table fails it', async () => {
    const s = `tamper-${randomUUID()}`;
    await store.appendToStream(s, [event('A'), event('B')], 'no_stream');
    await store.appendToStream(s, [event('C')], { revision: 1 });
    expect(verifyChain(await store.readStream(s))).toBeNull();

    await sql.query(`UPDATE es_events SET data = jsonb_set(data, '{label}', '"forged"') WHERE stream_id = $1 AND revision = 1`, [s]);
    expect(verifyChain(await store.readStream(s))).toEqual({ kind: 'altered', revision: 1 });
  });

  it('two stores (processes) appending to one stream keep one chain, each refused on a head it has not seen', async () => {
    const other = await PostgresEventStore.create({ connectionString: schema.url, max: 2 });
    try {
      const s = `shared-${randomUUID()}`;
      await store.appendToStream(s, [event('A')], 'no_stream');
      // The other store has never seen this stream: it reads the head inside its INSERT.
      await other.appendToStream(s, [event('B')], { revision: 0 });
      // This store still knows revision 0 as its latest: refused, nothing written.
      await expect(store.appendToStream(s, [event('stale')], { revision: 0 })).rejects.toMatchObject({
        name: 'WrongExpectedStateError',
        actualRevision: 1,
      });
      await store.appendToStream(s, [event('C')], { revision: 1 });
      await other.appendToStream(s, [event('D')], { revision: 2 });
      const events = await store.readStream(s);
      expect(events.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
      expect(verifyChain(events)).toBeNull();
    } finally {
      await other.close();
    }
  });

  it('wakes listeners of another process through NOTIFY after an append', async () => {
    const { rows } = await sql.query<{ db: string }>('SELECT current_database() AS db');
    const channel = `es_events_${createHash('sha1').update(`${rows[0].db}\0${schema.schema}`).digest('hex').slice(0, 24)}`;
    // No warm-up polling: every wake counted here is a NOTIFY (or the one at connect).
    const listener = new PostgresListener({ connectionString: schema.url }, channel, 1000, 0);
    let wakes = 0;
    listener.onWake(() => wakes++);
    try {
      await eventually(() => expect(wakes).toBe(1)); // listening
      const s = `notify-${randomUUID()}`;
      let revision = -1;
      // Writers re-check for listeners once a second, so keep appending until one notifies.
      await eventually(
        async () => {
          await store.appendToStream(s, [event(`E${revision + 1}`)], revision < 0 ? 'no_stream' : { revision });
          revision++;
          expect(wakes).toBeGreaterThan(1);
        },
        10000,
        100,
      );
    } finally {
      await listener.close();
    }
  });

  it('a wake while the last check found nobody listening is sent at the next check, not dropped', async () => {
    const channel = `wake_test_${randomUUID().replace(/-/g, '')}`;
    // Checks 5 s apart: the listener below starts well inside the window in which the writer still
    // believes nobody listens.
    const notifier = new PostgresNotifier({ connectionString: schema.url }, channel, 10, 5000);
    const listener = new PostgresListener({ connectionString: schema.url }, channel, 1000, 0); // no warm-up: a wake is a NOTIFY
    let wakes = 0;
    try {
      notifier.wake(); // checks: nobody listens
      await new Promise((r) => setTimeout(r, 300));
      listener.onWake(() => wakes++);
      await eventually(() => expect(wakes).toBe(1)); // listening (the wake at connect)
      notifier.wake(); // one append, no other after it
      await eventually(() => expect(wakes).toBe(2), 10_000);
    } finally {
      await listener.close();
      await notifier.close();
    }
  });

  it('delivers live events to a subscriber whose poll is an hour away', async () => {
    const hourPoll = await PostgresEventStore.create({ connectionString: schema.url, max: 2, pollIntervalMs: 3_600_000 });
    const s = `live-${randomUUID()}`;
    const seen: string[] = [];
    const subscription = hourPoll.subscribeToAll({ onEvent: async (e) => void (e.streamId === s && seen.push(e.type)) });
    try {
      for (let i = 0; i < 5; i++) {
        await store.appendToStream(s, [event(`E${i}`)], i === 0 ? 'no_stream' : { revision: i - 1 });
        await eventually(() => expect(seen).toEqual(Array.from({ length: i + 1 }, (_, j) => `E${j}`)), 10000);
      }
    } finally {
      await subscription.close();
      await hourPoll.close();
    }
  });
});

function event(label: string): NewEvent {
  return {
    type: label,
    data: { label },
    metadata: { eventId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1, correlationId: label },
  };
}
