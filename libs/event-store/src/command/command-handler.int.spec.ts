import { randomUUID } from 'node:crypto';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { IdempotencyKeyReusedError } from '../errors';
import type { EventStore } from '../event-store.port';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { InstrumentedStore } from '../testing/instrumented-store';
import { handleCommand, type CommandEnvelope, type CommandOutcome, type DeciderLike } from './command-handler';

jest.setTimeout(60000);

/** A small aggregate: Create makes the stream (refused once it exists), Touch works on either. */
type Command = { type: 'Create'; name: string } | { type: 'Touch' };
/** Stored events come back with their schema version; the decider sets it so fresh and replayed outcomes compare equal. */
type Event = { schemaVersion: 1 } & (
  | { type: 'Created'; data: { name: string } }
  | { type: 'Flagged'; data: Record<string, never> }
  | { type: 'Touched'; data: Record<string, never> }
);
interface State {
  name?: string;
  touches: number;
  flagged: boolean;
}
interface Context {
  /** Stands for a fact from outside (e.g. a duplicate check) that may change between a command and its retry. */
  flag: boolean;
}

class AlreadyExists extends Error {
  override readonly name = 'AlreadyExists';
}

const decider: DeciderLike<Command, Event, State, Context> = {
  initialState: () => ({ touches: 0, flagged: false }),
  evolve: (s, e) => {
    switch (e.type) {
      case 'Created':
        return { ...s, name: e.data.name };
      case 'Flagged':
        return { ...s, flagged: true };
      case 'Touched':
        return { ...s, touches: s.touches + 1 };
    }
  },
  decide: (c, s, ctx) => {
    const created: Event[] =
      s.name === undefined ? [{ type: 'Created', schemaVersion: 1, data: { name: c.type === 'Create' ? c.name : 'touched' } }] : [];
    if (c.type === 'Create') {
      if (s.name !== undefined) throw new AlreadyExists('exists');
      return ctx.flag ? [...created, { type: 'Flagged', schemaVersion: 1, data: {} }] : created;
    }
    return [...created, { type: 'Touched', schemaVersion: 1, data: {} }];
  },
};

describe('handleCommand with expectNewStream (creation without a read)', () => {
  let schema: TestSchema;
  let pg: PostgresEventStore;
  let context: Context;

  beforeAll(async () => {
    schema = await createTestSchema('es_cmd');
    pg = await PostgresEventStore.create({ connectionString: schema.url, max: 4 });
  });
  afterAll(async () => {
    await pg?.close();
    await schema?.drop();
  });
  beforeEach(() => {
    context = { flag: false };
  });

  const newStream = () => `thing-${randomUUID()}`;
  const envelope = (command: Command, idempotencyKey: string, expectNewStream: boolean): CommandEnvelope<Command, State> => ({
    command,
    idempotencyKey,
    actor: { userId: 'u-1', role: 'operator-kecamatan' },
    correlationId: `corr-${idempotencyKey}`,
    now: new Date(),
    expectNewStream,
  });
  const run = (store: EventStore, streamId: string, command: Command, key: string, expectNewStream = true) =>
    handleCommand(store, streamId, decider, envelope(command, key, expectNewStream), () => context);
  const storedTypes = async (streamId: string) => (await pg.readStream(streamId)).map((e) => e.type);
  const withoutStream = <E, S>({ streamId: _, ...rest }: CommandOutcome<E, S>) => rest;

  it('the PostgreSQL store declares that it reports already stored appends', () => {
    expect(pg.reportsAlreadyStored).toBe(true);
  });

  it('creates a new stream without reading it and returns what the normal path returns', async () => {
    const store = new InstrumentedStore(pg);
    const [fast, normal] = [newStream(), newStream()];
    const outcome = await run(store, fast, { type: 'Create', name: 'A' }, 'key-1');
    expect(store.reads).toBe(0);
    expect(outcome).toEqual({
      streamId: fast,
      events: [{ type: 'Created', schemaVersion: 1, data: { name: 'A' } }],
      state: { name: 'A', touches: 0, flagged: false },
      nextExpectedRevision: 0,
      replayed: false,
    });
    expect(await storedTypes(fast)).toEqual(['Created']);
    expect(withoutStream(await run(pg, normal, { type: 'Create', name: 'A' }, 'key-1', false))).toEqual(withoutStream(outcome));
  });

  it('a retry (same key) reads the stream and returns the first outcome, replayed, writing nothing', async () => {
    const store = new InstrumentedStore(pg);
    const s = newStream();
    const first = await run(store, s, { type: 'Create', name: 'A' }, 'key-1');
    const retry = await run(store, s, { type: 'Create', name: 'A' }, 'key-1');
    expect(store.reads).toBeGreaterThanOrEqual(1);
    expect(retry).toEqual({ ...first, replayed: true });
    expect(await storedTypes(s)).toEqual(['Created']);
  });

  it('a retry whose decision now would differ (more events, or a refusal) still returns the first outcome', async () => {
    const s = newStream();
    const first = await run(pg, s, { type: 'Create', name: 'A' }, 'key-1');
    context = { flag: true };
    expect(await run(pg, s, { type: 'Create', name: 'A' }, 'key-1')).toEqual({ ...first, replayed: true });
    // Other data under the same key is another request, not a retry (idempotency-key-reuse.int.spec.ts).
    await expect(run(pg, s, { type: 'Create', name: 'changed' }, 'key-1')).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await storedTypes(s)).toEqual(['Created']);
  });

  it('the same command sent twice at once is written once; one of the two is a replay', async () => {
    const s = newStream();
    const both = await Promise.all([1, 2].map(() => run(pg, s, { type: 'Create', name: 'A' }, 'key-1')));
    expect(both.map((o) => o.replayed).sort()).toEqual([false, true]);
    expect(both[0].events).toEqual(both[1].events);
    expect(await storedTypes(s)).toEqual(['Created']);
  });

  describe('another command (other key) on a stream that exists takes the normal path', () => {
    /** Two streams with the same history: one gets the command with expectNewStream, the other without. */
    async function twins(command: Command) {
      const [fast, normal] = [newStream(), newStream()];
      for (const s of [fast, normal]) await run(pg, s, { type: 'Create', name: 'A' }, 'key-1', false);
      const store = new InstrumentedStore(pg);
      return {
        store,
        fast: () => run(store, fast, command, 'key-2', true).then(withoutStream),
        normal: () => run(pg, normal, command, 'key-2', false).then(withoutStream),
        streams: [fast, normal],
      };
    }

    it('and is refused as the normal path refuses it', async () => {
      const { fast, normal, streams } = await twins({ type: 'Create', name: 'B' });
      await expect(fast()).rejects.toBeInstanceOf(AlreadyExists);
      await expect(normal()).rejects.toBeInstanceOf(AlreadyExists);
      for (const s of streams) expect(await storedTypes(s)).toEqual(['Created']);
    });

    it('and is accepted as the normal path accepts it', async () => {
      const { store, fast, normal, streams } = await twins({ type: 'Touch' });
      const outcome = await fast();
      expect(outcome).toEqual({
        events: [{ type: 'Touched', schemaVersion: 1, data: {} }],
        state: { name: 'A', touches: 1, flagged: false },
        nextExpectedRevision: 1,
        replayed: false,
      });
      expect(await normal()).toEqual(outcome);
      expect(store.reads).toBeGreaterThanOrEqual(1);
      for (const s of streams) expect(await storedTypes(s)).toEqual(['Created', 'Touched']);
    });
  });

  it('a refusal on a new stream is the decider’s, and nothing is written', async () => {
    const s = newStream();
    const refusing: DeciderLike<Command, Event, State, Context> = {
      ...decider,
      decide: () => {
        throw new AlreadyExists('refused');
      },
    };
    await expect(handleCommand(pg, s, refusing, envelope({ type: 'Create', name: 'A' }, 'key-1', true), () => context)).rejects.toThrow(
      'refused',
    );
    expect(await pg.readStream(s)).toEqual([]);
  });

  it('with a store that cannot tell a re-append from a write, reads first as before', async () => {
    const store = new InstrumentedStore(pg, false);
    const s = newStream();
    const first = await run(store, s, { type: 'Create', name: 'A' }, 'key-1');
    expect(store.reads).toBe(1);
    expect(first.replayed).toBe(false);
    expect(await run(store, s, { type: 'Create', name: 'A' }, 'key-1')).toEqual({ ...first, replayed: true });
  });
});
