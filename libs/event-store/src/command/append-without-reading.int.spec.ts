import { randomUUID } from 'node:crypto';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { verifyChain } from '../envelope/hash-chain';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { InstrumentedStore } from '../testing/instrumented-store';
import { handleCommand, type DeciderLike } from './command-handler';

jest.setTimeout(60000);

/** A record-only stream, as the access log: each command records one event; the history decides nothing. */
type Command = { type: 'Record'; what: string };
type Event = { type: 'Recorded'; schemaVersion: 1; data: { what: string } };

const decider: DeciderLike<Command, Event, { records: number }, unknown> = {
  initialState: () => ({ records: 0 }),
  evolve: (s) => ({ records: s.records + 1 }),
  decide: (c) => {
    if (c.what === '') throw new Error('nothing to record');
    return [{ type: 'Recorded', schemaVersion: 1, data: { what: c.what } }];
  },
};

describe('handleCommand with appendWithoutReading (record-only streams)', () => {
  let schema: TestSchema;
  let pg: PostgresEventStore;

  beforeAll(async () => {
    schema = await createTestSchema('es_blind');
    pg = await PostgresEventStore.create({ connectionString: schema.url, max: 4 });
  });
  afterAll(async () => {
    await pg?.close();
    await schema?.drop();
  });

  const record = (
    store: InstrumentedStore | PostgresEventStore,
    streamId: string,
    what: string,
    key: string = randomUUID(),
    blind = true,
  ) =>
    handleCommand(
      store,
      streamId,
      decider,
      {
        command: { type: 'Record', what },
        idempotencyKey: key,
        keyNames: 'step',
        actor: { userId: 'u-1', role: 'auditor' },
        correlationId: 'corr-1',
        now: new Date(),
        appendWithoutReading: blind,
      },
      () => ({}),
    );
  const whats = async (streamId: string) => (await pg.readStream(streamId)).map((e) => (e.data as { what: string }).what);

  it('appends at the head of a stream it never read (another process wrote it), one hash chain, no read', async () => {
    const s = `rec-${randomUUID()}`;
    for (const what of ['a', 'b', 'c']) await record(pg, s, what, undefined, false);
    // A second process: its store has seen nothing of this stream.
    const other = await PostgresEventStore.create({ connectionString: schema.url, max: 2 });
    try {
      const store = new InstrumentedStore(other);
      const first = await record(store, s, 'd');
      const second = await record(store, s, 'e');
      expect(store.reads).toBe(0);
      expect([first.nextExpectedRevision, second.nextExpectedRevision]).toEqual([3, 4]);
      expect(first.replayed).toBe(false);
    } finally {
      await other.close();
    }
    const stored = await pg.readStream(s);
    expect(stored.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    expect(await whats(s)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(verifyChain(stored)).toBeNull();
  });

  it('loses no record when writers race on one stream (each takes its own revision)', async () => {
    const s = `rec-${randomUUID()}`;
    const other = await PostgresEventStore.create({ connectionString: schema.url, max: 4 });
    try {
      const writes = Array.from({ length: 16 }, (_, i) => record(i % 2 ? pg : other, s, `r${i}`));
      await Promise.all(writes);
    } finally {
      await other.close();
    }
    const stored = await pg.readStream(s);
    expect(stored.map((e) => e.revision)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect((await whats(s)).sort()).toEqual(Array.from({ length: 16 }, (_, i) => `r${i}`).sort());
    expect(verifyChain(stored)).toBeNull();
  });

  it('a retry under the same key is read and replayed, appending nothing', async () => {
    const s = `rec-${randomUUID()}`;
    await record(pg, s, 'before');
    const store = new InstrumentedStore(pg);
    const first = await record(store, s, 'x', 'key-1');
    expect(store.reads).toBe(0);
    const retry = await record(store, s, 'x', 'key-1');
    expect(store.reads).toBeGreaterThanOrEqual(1);
    expect(retry.replayed).toBe(true);
    expect(retry.events).toEqual(first.events);
    expect(await whats(s)).toEqual(['before', 'x']);
  });

  it('a refusal writes nothing', async () => {
    const s = `rec-${randomUUID()}`;
    await record(pg, s, 'kept');
    await expect(record(pg, s, '')).rejects.toThrow('nothing to record');
    expect(await whats(s)).toEqual(['kept']);
  });
});
