import { randomUUID } from 'node:crypto';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { InstrumentedStore } from '../testing/instrumented-store';
import { handleCommand, type DeciderLike, type KnownState } from './command-handler';

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

describe('handleCommand with known (the caller knows the stream at a revision)', () => {
  let schema: TestSchema;
  let pg: PostgresEventStore;

  beforeAll(async () => {
    schema = await createTestSchema('es_known');
    pg = await PostgresEventStore.create({ connectionString: schema.url, max: 4 });
  });
  afterAll(async () => {
    await pg?.close();
    await schema?.drop();
  });

  const add = (store: InstrumentedStore | PostgresEventStore, streamId: string, n: number, known?: KnownState<{ total: number }>) =>
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
        known,
      },
      () => ({}),
    );
  /** What a caller knows after a command: its outcome's state at its revision. */
  const after = (o: { state: { total: number }; nextExpectedRevision: number }) => ({ state: o.state, revision: o.nextExpectedRevision });
  const stored = async (s: string) => (await pg.readStream(s)).map((e) => (e.data as { n: number }).n);

  it('decides on what the caller knows (its last outcome), without reading, one command after another', async () => {
    const s = `counter-${randomUUID()}`;
    const store = new InstrumentedStore(pg);
    const first = await add(store, s, 4);
    expect(store.reads).toBe(1);
    const second = await add(store, s, 5, after(first));
    const third = await add(store, s, 1, after(second));
    expect(store.reads).toBe(1);
    expect(third.state.total).toBe(10);
    expect(third.nextExpectedRevision).toBe(2);
    expect(await stored(s)).toEqual([4, 5, 1]);
  });

  it('a write since is not overlooked: the append is refused, the stream read, and decided on it', async () => {
    const s = `counter-${randomUUID()}`;
    const stale = after(await add(pg, s, 4));
    await add(pg, s, 5); // another writer: total 9
    const store = new InstrumentedStore(pg);
    await expect(add(store, s, 2, stale)).rejects.toThrow('over the limit (9 + 2)');
    expect(store.reads).toBe(1);
    expect(await stored(s)).toEqual([4, 5]);
  });

  it('a refusal on what the caller knows is judged again on the stream', async () => {
    const s = `counter-${randomUUID()}`;
    const first = await add(pg, s, 4);
    const store = new InstrumentedStore(pg);
    // The caller's idea (total 9) refuses 5 more; the stream (total 4) accepts them.
    const outcome = await add(store, s, 5, { state: { total: 9 }, revision: first.nextExpectedRevision });
    expect(store.reads).toBe(1);
    expect(outcome.state.total).toBe(9);
    expect(await stored(s)).toEqual([4, 5]);
  });

  it('with a store that cannot tell a re-append from a write, reads as before', async () => {
    const s = `counter-${randomUUID()}`;
    const first = await add(pg, s, 4);
    const store = new InstrumentedStore(pg, false);
    await add(store, s, 5, after(first));
    expect(store.reads).toBe(1);
    expect(await stored(s)).toEqual([4, 5]);
  });
});
