import { randomUUID } from 'node:crypto';
import { uniqueId } from '@adminduk/testing';
import type { NewEvent, RecordedEvent } from '../envelope/event-envelope';
import { GENESIS_HASH, verifyChain } from '../envelope/hash-chain';
import { WrongExpectedStateError } from '../errors';
import type { EventStore, ExpectedState } from '../event-store.port';
import { globalOrderContract } from './global-order.contract';

/**
 * The behaviour every EventStore adapter must show. Each adapter's *.int.spec.ts calls this inside
 * its own describe block with a factory for a fresh store. Tests use streams of their own and,
 * for the global order, only look at their own streams after a position they recorded, so the
 * suite also runs against a shared server.
 */
export interface ContractFixture {
  store: EventStore;
  /** Extra clean-up after the store is closed (e.g. drop the test schema). */
  dispose?: () => Promise<void>;
}

export function eventStoreContract(open: () => Promise<ContractFixture>): void {
  let fixture: ContractFixture;
  let store: EventStore;
  const run = uniqueId('contract').replace(/_/g, '');
  let counter = 0;
  const newStream = (name: string) => `contract-${run}${name}${++counter}`;

  beforeAll(async () => {
    fixture = await open();
    store = fixture.store;
  });
  afterAll(async () => {
    await store?.close();
    await fixture?.dispose?.();
  });

  const types = (events: readonly RecordedEvent[]) => events.map((e) => e.type);
  /**
   * What a re-append of stored events, made after the first append, reports: both adapters tell
   * (reportsAlreadyStored is about a re-append racing the first one, which KurrentDB may not tell).
   */
  const reAppendReport = () => true;
  const append = (stream: string, expected: ExpectedState, ...names: string[]) =>
    store.appendToStream(
      stream,
      names.map((n) => event(n)),
      expected,
    );

  async function expectRefused(stream: string, expected: ExpectedState, actualRevision: number) {
    const before = await store.readStream(stream);
    const attempt = append(stream, expected, 'Refused');
    await expect(attempt).rejects.toBeInstanceOf(WrongExpectedStateError);
    await expect(attempt).rejects.toMatchObject({ streamId: stream, actualRevision });
    expect(await store.readStream(stream)).toEqual(before);
  }

  describe('expected state', () => {
    it('no_stream appends to a new stream and is refused on an existing one', async () => {
      const s = newStream('nostream');
      const result = await append(s, 'no_stream', 'A', 'B');
      expect(result.nextExpectedRevision).toBe(1);
      expect(types(await store.readStream(s))).toEqual(['A', 'B']);
      await expectRefused(s, 'no_stream', 1);
    });

    it('stream_exists is refused on a missing stream and appends to an existing one', async () => {
      const s = newStream('exists');
      await expectRefused(s, 'stream_exists', -1);
      expect(await store.readStream(s)).toEqual([]);
      await append(s, 'no_stream', 'A');
      const result = await append(s, 'stream_exists', 'B', 'C');
      expect(result.nextExpectedRevision).toBe(2);
      expect(types(await store.readStream(s))).toEqual(['A', 'B', 'C']);
    });

    it('any appends whether or not the stream exists', async () => {
      const s = newStream('any');
      expect((await append(s, 'any', 'A')).nextExpectedRevision).toBe(0);
      expect((await append(s, 'any', 'B', 'C')).nextExpectedRevision).toBe(2);
      const events = await store.readStream(s);
      expect(events.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(verifyChain(events)).toBeNull();
    });

    it('an exact 0-based revision appends when it is the head and is refused otherwise', async () => {
      const s = newStream('exact');
      await expectRefused(s, { revision: 0 }, -1);
      await append(s, 'no_stream', 'A');
      expect((await append(s, { revision: 0 }, 'B')).nextExpectedRevision).toBe(1);
      await expectRefused(s, { revision: 0 }, 1);
      await expectRefused(s, { revision: 2 }, 1);
      expect((await append(s, { revision: 1 }, 'C', 'D')).nextExpectedRevision).toBe(3);
      expect(types(await store.readStream(s))).toEqual(['A', 'B', 'C', 'D']);
    });

    it('of concurrent appends expecting the same revision, exactly one wins', async () => {
      const s = newStream('race');
      await append(s, 'no_stream', 'A');
      const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => append(s, { revision: 0 }, `B${i}`)));
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(5);
      lost.forEach((o) => expect(o.reason).toBeInstanceOf(WrongExpectedStateError));
      const events = await store.readStream(s);
      expect(events).toHaveLength(2);
      expect(verifyChain(events)).toBeNull();
    });
  });

  describe('reading a stream', () => {
    let s: string;
    beforeAll(async () => {
      s = newStream('read');
      await append(s, 'no_stream', 'E0', 'E1', 'E2', 'E3', 'E4');
    });

    it('reads forwards from a revision with a max count', async () => {
      expect(types(await store.readStream(s))).toEqual(['E0', 'E1', 'E2', 'E3', 'E4']);
      expect(types(await store.readStream(s, { maxCount: 2 }))).toEqual(['E0', 'E1']);
      expect(types(await store.readStream(s, { fromRevision: 3 }))).toEqual(['E3', 'E4']);
      expect(types(await store.readStream(s, { fromRevision: 1, maxCount: 2 }))).toEqual(['E1', 'E2']);
    });

    it('reads backwards from the end or from a revision with a max count', async () => {
      expect(types(await store.readStream(s, { direction: 'backwards' }))).toEqual(['E4', 'E3', 'E2', 'E1', 'E0']);
      expect(types(await store.readStream(s, { direction: 'backwards', maxCount: 1 }))).toEqual(['E4']);
      expect(types(await store.readStream(s, { direction: 'backwards', fromRevision: 2, maxCount: 2 }))).toEqual(['E2', 'E1']);
    });

    it('returns the recorded envelope', async () => {
      const [first] = await store.readStream(s, { maxCount: 1 });
      expect(first).toMatchObject({
        streamId: s,
        revision: 0,
        type: 'E0',
        data: { name: 'E0', nested: { list: [1, 'two', null], yes: true } },
      });
      expect(first.metadata).toMatchObject({
        schemaVersion: 1,
        correlationId: 'corr-E0',
        actor: { userId: 'u-1', role: 'operator-kecamatan' },
      });
      expect(first.metadata.prevHash).toBe(GENESIS_HASH);
      expect(first.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('reads a missing stream as empty', async () => {
      expect(await store.readStream(newStream('missing'))).toEqual([]);
    });
  });

  globalOrderContract({ store: () => store, newStream, append, types });

  describe('idempotency', () => {
    it('re-appending the same event ids is a no-op returning the current state', async () => {
      const s = newStream('idem');
      const batch = [event('A'), event('B')];
      const first = await store.appendToStream(s, batch, 'no_stream');
      const again = await store.appendToStream(s, batch, 'no_stream');
      expect(again).toEqual({ ...first, alreadyStored: reAppendReport() });
      const c = [event('C')];
      const next = await store.appendToStream(s, c, { revision: 1 });
      expect(await store.appendToStream(s, c, { revision: 1 })).toEqual({ ...next, alreadyStored: reAppendReport() });
      // A retry of an earlier append, once the stream has moved on, still writes nothing.
      expect((await store.appendToStream(s, batch, 'no_stream')).nextExpectedRevision).toBe(2);
      const events = await store.readStream(s);
      expect(types(events)).toEqual(['A', 'B', 'C']);
      expect(verifyChain(events)).toBeNull();
    });

    it('reports a re-append as already stored (if the adapter can tell) and a fresh append as not', async () => {
      const s = newStream('idemReport');
      const batch = [event('A'), event('B')];
      const fresh = await store.appendToStream(s, batch, 'no_stream');
      expect(fresh.alreadyStored).toBeFalsy();
      expect((await store.appendToStream(s, batch, 'no_stream')).alreadyStored).toBe(reAppendReport());
      const one = [event('C')];
      expect((await store.appendToStream(s, one, { revision: 1 })).alreadyStored).toBeFalsy();
      expect((await store.appendToStream(s, one, { revision: 1 })).alreadyStored).toBe(reAppendReport());
      expect(types(await store.readStream(s))).toEqual(['A', 'B', 'C']);
    });

    it('refuses a wrong expected state as such when only some of the events are already stored', async () => {
      const s = newStream('idemPartial');
      const a = event('A');
      await store.appendToStream(s, [a], 'no_stream');
      for (const expected of ['no_stream', { revision: 3 }] as const) {
        const attempt = store.appendToStream(s, [a, event('B')], expected);
        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedStateError);
        await expect(attempt).rejects.toMatchObject({ streamId: s, actualRevision: 0 });
      }
      expect(types(await store.readStream(s))).toEqual(['A']);
    });

    it('is a no-op under "any" as well', async () => {
      const s = newStream('idemAny');
      const batch = [event('A')];
      await store.appendToStream(s, batch, 'any');
      await store.appendToStream(s, batch, 'any');
      expect(types(await store.readStream(s))).toEqual(['A']);
    });
  });

  describe('hash chain', () => {
    it('links every event to its predecessor, across appends, and verifies', async () => {
      const s = newStream('chain');
      await append(s, 'no_stream', 'A', 'B');
      await append(s, { revision: 1 }, 'C');
      await append(s, 'any', 'D');
      const events = await store.readStream(s);
      expect(events.map((e) => e.metadata.prevHash)).toEqual([GENESIS_HASH, ...events.slice(0, -1).map((e) => e.metadata.hash)]);
      expect(verifyChain(events)).toBeNull();
    });

    it('fails on an altered, removed or reordered event', async () => {
      const s = newStream('tamper');
      await append(s, 'no_stream', 'A', 'B', 'C');
      const events = await store.readStream(s);

      const altered = structuredClone(events);
      (altered[1].data as { name: string }).name = 'forged';
      expect(verifyChain(altered)).toEqual({ kind: 'altered', revision: 1 });

      const reattributed = structuredClone(events);
      reattributed[2].metadata.actor = { userId: 'someone-else', role: 'admin' };
      expect(verifyChain(reattributed)).toEqual({ kind: 'altered', revision: 2 });

      const removed = structuredClone(events)
        .filter((e) => e.revision !== 1)
        .map((e, i) => ({ ...e, revision: i }));
      expect(verifyChain(removed)).toEqual({ kind: 'broken-link', revision: 1 });

      const swapped = structuredClone(events);
      [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
      expect(verifyChain(swapped)).not.toBeNull();
    });
  });

  function event(name: string): NewEvent {
    return {
      type: name,
      data: { name, nested: { yes: true, list: [1, 'two', null] } },
      metadata: {
        eventId: randomUUID(),
        occurredAt: new Date().toISOString(),
        schemaVersion: 1,
        correlationId: `corr-${name}`,
        actor: { userId: 'u-1', role: 'operator-kecamatan', kecamatan: '35.15.12' },
        kecamatan: '35.15.12',
      },
    };
  }
}
