import type { EventStore, GlobalPosition, RecordedEvent, SubscribeToAllOptions } from '@adminduk/event-store';
import { START } from '@adminduk/event-store';
import type { PubAck } from '@adminduk/messaging';
import { eventually } from '@adminduk/testing';
import { RelayPipeline } from './relay-pipeline';

function recorded(n: number): RecordedEvent {
  return {
    streamId: `order-${n % 3}`,
    revision: Math.floor(n / 3),
    position: { commit: BigInt(n), prepare: 0n },
    type: 'T',
    data: {},
    metadata: { eventId: `e${n}`, occurredAt: new Date().toISOString(), schemaVersion: 1, correlationId: 'c', prevHash: '', hash: '' },
  };
}

/**
 * The store's read contract: readAll pages after a position; the subscription hands out events after
 * its checkpoint one at a time, in order, including ones added later (`live`).
 */
function storeOf(events: RecordedEvent[], live: RecordedEvent[] = []): EventStore {
  const after = (p: GlobalPosition | undefined) => (x: RecordedEvent) => x.position.commit > (p ?? START).commit;
  return {
    async readAll(o: { after?: GlobalPosition; maxCount?: number } = {}) {
      return events.filter(after(o.after)).slice(0, o.maxCount ?? Infinity);
    },
    subscribeToAll(o: SubscribeToAllOptions) {
      let closed = false;
      const from = o.after ?? START;
      const running = (async () => {
        for (const e of [...events, ...live].filter((x) => x.position.commit > from.commit)) {
          if (closed) return;
          await o.onEvent(e);
        }
      })().catch((e: Error) => o.onError?.(e));
      return {
        async close() {
          closed = true;
          await running;
        },
      };
    },
  } as EventStore;
}

interface Deferred {
  event: RecordedEvent;
  resolve(): void;
  reject(e: Error): void;
}

function harness(events: RecordedEvent[], maxInFlight = 100, live: RecordedEvent[] = [], catchUpPageSize = 2) {
  const sent: Deferred[] = [];
  const saved: GlobalPosition[] = [];
  let outstanding = 0;
  let maxOutstanding = 0;
  const pipeline = new RelayPipeline({
    store: storeOf(events, live),
    publish: (event) => {
      outstanding++;
      maxOutstanding = Math.max(maxOutstanding, outstanding);
      return new Promise<PubAck>((resolve, reject) => {
        sent.push({
          event,
          resolve: () => {
            outstanding--;
            resolve({ stream: 'S', seq: sent.length, duplicate: false, domain: '' });
          },
          reject: (e) => {
            outstanding--;
            reject(e);
          },
        });
      });
    },
    saveCheckpoint: async (p) => {
      saved.push(p);
    },
    maxInFlight,
    checkpointIntervalMs: 5,
    catchUpPageSize,
  });
  return { pipeline, sent, saved, maxOutstanding: () => maxOutstanding };
}

const tick = (ms = 15) => new Promise((r) => setTimeout(r, ms));
const commits = (ps: GlobalPosition[]) => ps.map((p) => Number(p.commit));

describe('RelayPipeline', () => {
  it('publishes in store order without waiting for each ack, and checkpoints only acked prefixes', async () => {
    const events = [1, 2, 3, 4, 5].map(recorded);
    const h = harness(events);
    const stop = new AbortController();
    const run = h.pipeline.run(START, stop.signal);
    await tick();
    // All five are in flight at once, in store order.
    expect(h.sent.map((d) => d.event.metadata.eventId)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);

    // Later acks arrive first: nothing may be checkpointed past the unacked event 1.
    h.sent[2].resolve();
    h.sent[1].resolve();
    await tick();
    expect(h.saved).toEqual([]);

    h.sent[0].resolve();
    await tick();
    expect(commits(h.saved).at(-1)).toBe(3);

    h.sent[3].resolve();
    h.sent[4].resolve();
    stop.abort();
    await run;
    expect(commits(h.saved).at(-1)).toBe(5);
    // Checkpoints never go backwards.
    expect(commits(h.saved)).toEqual([...commits(h.saved)].sort((a, b) => a - b));
  });

  it('stops at a failed publish and keeps the checkpoint before it, even if later ones were acked', async () => {
    const h = harness([1, 2, 3, 4, 5].map(recorded));
    const run = h.pipeline.run(START, new AbortController().signal);
    await tick();
    h.sent[0].resolve();
    h.sent[1].resolve();
    h.sent[3].resolve();
    h.sent[4].resolve();
    h.sent[2].reject(new Error('publish timed out'));
    await expect(run).rejects.toThrow('publish timed out');
    expect(commits(h.saved).at(-1)).toBe(2);
    expect(Number(h.pipeline.lastAcked?.commit)).toBe(2);
  });

  it('resumes after the given checkpoint', async () => {
    const h = harness([1, 2, 3, 4].map(recorded));
    const stop = new AbortController();
    const run = h.pipeline.run({ commit: 2n, prepare: 0n }, stop.signal);
    await tick();
    expect(h.sent.map((d) => d.event.metadata.eventId)).toEqual(['e3', 'e4']);
    h.sent.forEach((d) => d.resolve());
    stop.abort();
    await run;
    expect(commits(h.saved).at(-1)).toBe(4);
  });

  it('holds the store back when too many publishes await their ack', async () => {
    const h = harness(
      Array.from({ length: 20 }, (_, i) => recorded(i + 1)),
      3,
    );
    const stop = new AbortController();
    const run = h.pipeline.run(START, stop.signal);
    await tick();
    expect(h.sent).toHaveLength(3);
    // Ack as they come until all 20 went through.
    for (let i = 0; i < 20; i++) {
      await eventually(() => expect(h.sent.length).toBeGreaterThan(i));
      expect(h.maxOutstanding()).toBeLessThanOrEqual(3);
      h.sent[i].resolve();
    }
    await tick();
    stop.abort();
    await run;
    expect(h.sent).toHaveLength(20);
    expect(h.maxOutstanding()).toBeLessThanOrEqual(3);
    expect(commits(h.saved).at(-1)).toBe(20);
  });

  it('catches up by pages, then follows the subscription from the last event handed out', async () => {
    const h = harness([1, 2, 3, 4, 5].map(recorded), 100, [6, 7].map(recorded), 2);
    const stop = new AbortController();
    const run = h.pipeline.run(START, stop.signal);
    await eventually(() => expect(h.sent).toHaveLength(7));
    expect(h.sent.map((d) => d.event.metadata.eventId)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
    h.sent.forEach((d) => d.resolve());
    await eventually(() => expect(commits(h.saved).at(-1)).toBe(7));
    stop.abort();
    await run;
  });
});
