import { randomUUID } from 'node:crypto';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { InstrumentedStore } from '../testing/instrumented-store';
import { handleCommand, type DeciderLike } from './command-handler';

jest.setTimeout(60000);

/** A counter that may not pass a limit: the decision depends on the whole history. */
type Command = { type: 'Add'; n: number };
type Event = { type: 'Added'; schemaVersion: 1; data: { n: number } };
const LIMIT = 10;

const decider: DeciderLike<Command, Event, { total: number }, unknown> = {
  initialState: () => ({ total: 0 }),
  evolve: (s, e) => ({ total: s.total + e.data.n }),
  decide: (c, s) => {
    if (s.total + c.n > LIMIT) throw new Error(`over the limit (${s.total} + ${c.n})`);
    return [{ type: 'Added', schemaVersion: 1, data: { n: c.n } }];
  },
};

describe('handleCommand with justRead (the caller read the stream a moment ago)', () => {
  let schema: TestSchema;
  let pg: PostgresEventStore;

  beforeAll(async () => {
    schema = await createTestSchema('es_justread');
    pg = await PostgresEventStore.create({ connectionString: schema.url, max: 4 });
  });
  afterAll(async () => {
    await pg?.close();
    await schema?.drop();
  });

  const add = (
    store: InstrumentedStore | PostgresEventStore,
    streamId: string,
    n: number,
    justRead?: Awaited<ReturnType<typeof pg.readStream>>,
  ) =>
    handleCommand(
      store,
      streamId,
      decider,
      {
        command: { type: 'Add', n },
        idempotencyKey: randomUUID(),
        actor: { userId: 'u-1', role: 'system' },
        correlationId: 'corr-1',
        now: new Date(),
        justRead,
      },
      () => ({}),
    );

  it('decides on what the caller read, without reading again', async () => {
    const s = `counter-${randomUUID()}`;
    await add(pg, s, 4);
    const read = await pg.readStream(s);
    const store = new InstrumentedStore(pg);
    const outcome = await add(store, s, 5, read);
    expect(store.reads).toBe(0);
    expect(outcome.state.total).toBe(9);
    expect(outcome.nextExpectedRevision).toBe(1);
  });

  it('a write since the read is not overlooked: the append is refused, the stream read again, and decided on it', async () => {
    const s = `counter-${randomUUID()}`;
    await add(pg, s, 4);
    const stale = await pg.readStream(s);
    await add(pg, s, 5); // another writer: total 9
    const store = new InstrumentedStore(pg);
    await expect(add(store, s, 2, stale)).rejects.toThrow('over the limit (9 + 2)');
    expect(store.reads).toBe(1);
    expect((await pg.readStream(s)).map((e) => (e.data as { n: number }).n)).toEqual([4, 5]);
  });
});
