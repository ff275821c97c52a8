import { eventually } from '@adminduk/testing';
import { comparePositions, type GlobalPosition, type RecordedEvent } from '../envelope/event-envelope';
import type { AppendResult, EventStore, ExpectedState } from '../event-store.port';

/** What the global-order part of the contract needs from eventStoreContract's set-up. */
export interface ContractContext {
  /** The store under test (opened in the contract's beforeAll). */
  store(): EventStore;
  newStream(name: string): string;
  append(stream: string, expected: ExpectedState, ...names: string[]): Promise<AppendResult>;
  types(events: readonly RecordedEvent[]): string[];
}

/** The contract's global order: reading all after a position, and subscriptions. */
export function globalOrderContract(c: ContractContext): void {
  const { newStream, append, types } = c;

  describe('the global order', () => {
    it('reads all after a position, page by page with a max count', async () => {
      const [a, b] = [newStream('allA'), newStream('allB')];
      const mark = (await append(a, 'no_stream', 'Mark')).position;
      await append(b, 'no_stream', 'B0');
      await append(a, { revision: 0 }, 'A1', 'A2');
      const last = (await append(b, { revision: 0 }, 'B1')).position;

      const seen = await eventually(async () => {
        const pages = await readAllPaged(c.store(), mark, last, 1);
        expect(pages.every((p) => p.length <= 1)).toBe(true);
        const mine = pages.flat().filter((e) => e.streamId === a || e.streamId === b);
        expect(mine.map((e) => e.type)).toEqual(['B0', 'A1', 'A2', 'B1']);
        return mine;
      }, 20000);
      expectStrictlyIncreasing(seen.map((e) => e.position));
      expect(comparePositions(seen[0].position, mark)).toBeGreaterThan(0);
      expect(seen[seen.length - 1].position).toEqual(last);
    });

    it('subscribes from a checkpoint: catches up, then goes live, one event at a time, until closed', async () => {
      const s = newStream('sub');
      const mark = (await append(newStream('subMark'), 'no_stream', 'Mark')).position;
      await append(s, 'no_stream', 'Old0', 'Old1');

      const received: RecordedEvent[] = [];
      let inFlight = 0;
      let maxInFlight = 0;
      const errors: Error[] = [];
      const subscription = c.store().subscribeToAll({
        after: mark,
        onEvent: async (e) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((r) => setImmediate(r));
          if (e.streamId === s) received.push(e);
          inFlight--;
        },
        onError: (e) => errors.push(e),
      });
      try {
        await eventually(() => expect(types(received)).toEqual(['Old0', 'Old1']), 20000);
        await append(s, { revision: 1 }, 'New2');
        await append(s, { revision: 2 }, 'New3', 'New4');
        await eventually(() => expect(types(received)).toEqual(['Old0', 'Old1', 'New2', 'New3', 'New4']), 20000);
      } finally {
        await subscription.close();
      }
      expect(maxInFlight).toBe(1);
      expect(errors).toEqual([]);
      expectStrictlyIncreasing(received.map((e) => e.position));

      // After close() returns, nothing more arrives: a second subscription sees the next event, the closed one does not.
      await append(s, { revision: 4 }, 'AfterClose');
      const witness: string[] = [];
      const second = c.store().subscribeToAll({ after: mark, onEvent: async (e) => void (e.streamId === s && witness.push(e.type)) });
      try {
        await eventually(() => expect(witness).toContain('AfterClose'), 20000);
      } finally {
        await second.close();
      }
      expect(types(received)).not.toContain('AfterClose');
    });
    it('ends the subscription through onError when the handler fails, delivering nothing after', async () => {
      const s = newStream('subFail');
      const mark = (await append(newStream('subFailMark'), 'no_stream', 'Mark')).position;
      await append(s, 'no_stream', 'First', 'Second');
      const delivered: string[] = [];
      const errors: Error[] = [];
      const subscription = c.store().subscribeToAll({
        after: mark,
        onEvent: async (e) => {
          if (e.streamId !== s) return;
          delivered.push(e.type);
          throw new Error('handler failed');
        },
        onError: (e) => errors.push(e),
      });
      try {
        await eventually(() => expect(errors.map((e) => e.message)).toEqual(['handler failed']), 20000);
      } finally {
        await subscription.close();
      }
      expect(delivered).toEqual(['First']);
    });
  });
}

/** Reads the global order from `after` up to and including `until`, `pageSize` events at a time. */
async function readAllPaged(store: EventStore, after: GlobalPosition, until: GlobalPosition, pageSize: number): Promise<RecordedEvent[][]> {
  const pages: RecordedEvent[][] = [];
  let from = after;
  for (;;) {
    const page = await store.readAll({ after: from, maxCount: pageSize });
    pages.push(page);
    if (page.length === 0) throw new Error('the global order ended before the last appended event was visible');
    from = page[page.length - 1].position;
    if (comparePositions(from, until) >= 0) return pages;
  }
}

function expectStrictlyIncreasing(positions: GlobalPosition[]) {
  for (let i = 1; i < positions.length; i++) expect(comparePositions(positions[i - 1], positions[i])).toBeLessThan(0);
}
