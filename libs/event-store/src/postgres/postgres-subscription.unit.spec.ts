import type { RecordedEvent } from '../envelope/event-envelope';
import { pollingSubscription } from './postgres-subscription';

describe('pollingSubscription while committed events wait behind an open transaction', () => {
  afterEach(() => jest.useRealTimers());

  it('looks again at least every second, even with an hour between polls', async () => {
    jest.useFakeTimers();
    const event = { streamId: 's', type: 'E', position: { commit: '1', prepare: '1' } } as unknown as RecordedEvent;
    let pendingChecks = 0;
    // Invisible for the first 20 looks (another writer's transaction open), then readable.
    const deps = {
      readAll: async () => (pendingChecks >= 20 ? [event] : []),
      hasPending: async () => (pendingChecks++ < 20 ? true : false),
      wake: { onWake: () => () => undefined },
      pollIntervalMs: 3_600_000,
      batchSize: 10,
    };
    const seen: string[] = [];
    const subscription = pollingSubscription(deps, { onEvent: async (e) => void seen.push(e.type) });
    // 10, 20, ... 640 ms, then 1 s each: about 14 s for 20 looks (doubling to the poll: hours).
    await jest.advanceTimersByTimeAsync(20_000);
    expect(seen).toEqual(['E']);
    await subscription.close();
  });
});

describe('pollingSubscription woken while it asks whether events are pending', () => {
  afterEach(() => jest.useRealTimers());

  it('reads the announced append at once instead of a poll interval later', async () => {
    jest.useFakeTimers();
    const event = { streamId: 's', type: 'E', position: { commit: '1', prepare: '1' } } as unknown as RecordedEvent;
    let wake: () => void = () => undefined;
    let appended = false;
    const deps = {
      readAll: async () => (appended ? [event] : []),
      // The append commits and its NOTIFY arrives while this query runs (after the empty read).
      hasPending: async () => {
        if (!appended) {
          appended = true;
          wake();
        }
        return false;
      },
      wake: {
        onWake: (l: () => void) => {
          wake = l;
          return () => undefined;
        },
      },
      pollIntervalMs: 3_600_000,
      batchSize: 10,
    };
    const seen: string[] = [];
    const subscription = pollingSubscription(deps, { onEvent: async (e) => void seen.push(e.type) });
    await jest.advanceTimersByTimeAsync(1000);
    expect(seen).toEqual(['E']);
    await subscription.close();
  });
});
