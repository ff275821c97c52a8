import { randomUUID } from 'node:crypto';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { IdempotencyKeyReusedError } from '../errors';
import type { EventStore } from '../event-store.port';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { InstrumentedStore } from '../testing/instrumented-store';
import { handleCommand, type CommandEnvelope, type DeciderLike } from './command-handler';
import { deterministicUuid } from './deterministic-id';
import { requestFingerprint } from './request-fingerprint';

jest.setTimeout(60000);

/** A counter: Open creates the stream, Add adds an amount, Close ends it. */
type Command =
  | { type: 'Open'; data: { label: string }; actor?: { userId: string } }
  | { type: 'Add'; data: { amount: number } }
  | { type: 'Close'; data: { reason: string } };
type Event =
  { type: 'Opened'; data: { label: string } } | { type: 'Added'; data: { amount: number } } | { type: 'Closed'; data: { reason: string } };
interface State {
  open: boolean;
  total: number;
}

const decider: DeciderLike<Command, Event, State, unknown> = {
  initialState: () => ({ open: false, total: 0 }),
  evolve: (s, e) =>
    e.type === 'Opened' ? { ...s, open: true } : e.type === 'Added' ? { ...s, total: s.total + e.data.amount } : { ...s, open: false },
  decide: (c, s) => {
    if (c.type === 'Open') return s.open ? [] : [{ type: 'Opened', data: { label: c.data.label } }];
    if (!s.open) throw new Error('not open');
    return c.type === 'Add' ? [{ type: 'Added', data: { amount: c.data.amount } }] : [{ type: 'Closed', data: { reason: c.data.reason } }];
  },
};

describe('handleCommand: an idempotency key names one request', () => {
  let schema: TestSchema;
  let pg: PostgresEventStore;

  beforeAll(async () => {
    schema = await createTestSchema('es_idem');
    pg = await PostgresEventStore.create({ connectionString: schema.url, max: 6 });
  });
  afterAll(async () => {
    await pg?.close();
    await schema?.drop();
  });

  const actor = { userId: 'u-1', role: 'operator-kecamatan' };
  const envelope = (
    command: Command,
    idempotencyKey: string,
    extra: Partial<CommandEnvelope<Command, State>> = {},
  ): CommandEnvelope<Command, State> => ({
    command,
    idempotencyKey,
    actor,
    correlationId: `corr-${idempotencyKey}`,
    now: new Date(),
    ...extra,
  });
  const run = (
    streamId: string,
    command: Command,
    key: string,
    extra: Partial<CommandEnvelope<Command, State>> = {},
    store: EventStore = pg,
  ) => handleCommand(store, streamId, decider, envelope(command, key, extra), () => ({}));
  const stored = async (streamId: string) => (await pg.readStream(streamId)).map((e) => [e.type, e.data]);
  /** A stream opened with key 'open', for commands on an existing stream. */
  async function opened(): Promise<string> {
    const s = `counter-${randomUUID()}`;
    await run(s, { type: 'Open', data: { label: 'x' } }, 'open');
    return s;
  }

  it('keeps the request’s fingerprint in the metadata of every event it produced', async () => {
    const s = await opened();
    const add: Command = { type: 'Add', data: { amount: 2 } };
    await run(s, add, 'add-1');
    const events = await pg.readStream(s);
    expect(events.map((e) => e.metadata.requestFingerprint)).toEqual([
      requestFingerprint(s, { type: 'Open', data: { label: 'x' } }),
      requestFingerprint(s, add),
    ]);
  });

  it('same key, same request: the first outcome, replayed, nothing appended', async () => {
    const s = await opened();
    const first = await run(s, { type: 'Add', data: { amount: 2 } }, 'add-1');
    expect(first.replayed).toBe(false);
    expect(await run(s, { type: 'Add', data: { amount: 2 } }, 'add-1')).toMatchObject({
      events: [{ type: 'Added', data: { amount: 2 } }],
      state: first.state,
      replayed: true,
    });
    expect(await stored(s)).toEqual([
      ['Opened', { label: 'x' }],
      ['Added', { amount: 2 }],
    ]);
  });

  it('same key, other data: refused, nothing appended', async () => {
    const s = await opened();
    await run(s, { type: 'Add', data: { amount: 2 } }, 'add-1');
    await expect(run(s, { type: 'Add', data: { amount: 3 } }, 'add-1')).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await stored(s)).toEqual([
      ['Opened', { label: 'x' }],
      ['Added', { amount: 2 }],
    ]);
  });

  it('same key, another command: refused, nothing appended', async () => {
    const s = await opened();
    await run(s, { type: 'Add', data: { amount: 2 } }, 'key-k');
    await expect(run(s, { type: 'Close', data: { reason: 'done' } }, 'key-k')).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await stored(s)).toEqual([
      ['Opened', { label: 'x' }],
      ['Added', { amount: 2 }],
    ]);
  });

  it('same key creating a stream with other data: refused on the creation fast path and on the normal path', async () => {
    for (const store of [new InstrumentedStore(pg), new InstrumentedStore(pg, false)]) {
      const s = `counter-${randomUUID()}`;
      await run(s, { type: 'Open', data: { label: 'family-1' } }, 'submit-a', { expectNewStream: true }, store);
      expect(await run(s, { type: 'Open', data: { label: 'family-1' } }, 'submit-a', { expectNewStream: true }, store)).toMatchObject({
        events: [{ type: 'Opened', data: { label: 'family-1' } }],
        replayed: true,
      });
      await expect(
        run(s, { type: 'Open', data: { label: 'family-2' } }, 'submit-a', { expectNewStream: true }, store),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      expect(await stored(s)).toEqual([['Opened', { label: 'family-1' }]]);
    }
  });

  it('two different requests with one key at the same moment: one is stored, the other refused', async () => {
    for (const store of [new InstrumentedStore(pg), new InstrumentedStore(pg, false)]) {
      for (let round = 0; round < 5; round++) {
        const s = await opened();
        const outcomes = await Promise.allSettled([
          run(s, { type: 'Add', data: { amount: 1 } }, 'race', {}, store),
          run(s, { type: 'Close', data: { reason: 'race' } }, 'race', {}, store),
        ]);
        expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
        const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
        expect(refused.reason).toBeInstanceOf(IdempotencyKeyReusedError);
        expect((await stored(s)).length).toBe(2);
      }
    }
  });

  it('events stored before fingerprints were kept replay for any request with their key, as before', async () => {
    const s = `counter-${randomUUID()}`;
    const id = deterministicUuid(actor.userId, 'legacy', s, '0');
    await pg.appendToStream(
      s,
      [
        {
          type: 'Opened',
          data: { label: 'old' },
          metadata: { eventId: id, occurredAt: new Date().toISOString(), schemaVersion: 1, correlationId: 'c' },
        },
      ],
      'no_stream',
    );
    const replay = await run(s, { type: 'Open', data: { label: 'other' } }, 'legacy', { expectNewStream: true });
    expect(replay).toMatchObject({ replayed: true, events: [{ type: 'Opened', data: { label: 'old' } }] });
    expect(await stored(s)).toEqual([['Opened', { label: 'old' }]]);
  });

  it('a key naming a step (not a request) keeps the first attempt’s outcome whatever the data', async () => {
    const s = await opened();
    const first = await run(s, { type: 'Add', data: { amount: 5 } }, 'step-1', { keyNames: 'step' });
    expect((await pg.readStream(s))[1].metadata.requestFingerprint).toBeUndefined();
    expect(await run(s, { type: 'Add', data: { amount: 6 } }, 'step-1', { keyNames: 'step' })).toMatchObject({
      events: first.events,
      replayed: true,
    });
    expect(await stored(s)).toEqual([
      ['Opened', { label: 'x' }],
      ['Added', { amount: 5 }],
    ]);
  });
});
