import type { RecordedEvent } from '../envelope/event-envelope';
import { pollingSubscription, type PollingSubscriptionDeps } from './postgres-subscription';

const event = { streamId: 's', type: 'E', position: { commit: '1', prepare: '1' } } as unknown as RecordedEvent;

/** A subscription's store with an hour between polls: only a wake-up or a pending look reads again soon. */
function hourPollDeps(
  o: Pick<PollingSubscriptionDeps, 'readAll' | 'hasPending'> & Partial<PollingSubscriptionDeps>,
): PollingSubscriptionDeps {
  return { wake: { onWake: () => () => undefined }, pollIntervalMs: 3_600_000, batchSize: 10, ...o };
}

/** The event types the subscription handed over within `ms` (fake timers). */
async function seenWithin(deps: PollingSubscriptionDeps, ms: number): Promise<string[]> {
  const seen: string[] = [];
  const subscription = pollingSubscription(deps, { onEvent: async (e) => void seen.push(e.type) });
  await jest.advanceTimersByTimeAsync(ms);
  await subscription.close();
  return seen;
}

describe('pollingSubscription', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('looks again at least every second while committed events wait behind an open transaction, even with an hour between polls', async () => {
    let pendingChecks = 0;
    // Invisible for the first 20 looks (another writer's transaction open), then readable.
    const deps = hourPollDeps({
      readAll: async () => (pendingChecks >= 20 ? [event] : []),
      hasPending: async () => (pendingChecks++ < 20 ? true : false),
    });
    // 10, 20, ... 640 ms, then 1 s each: about 14 s for 20 looks (doubling to the poll: hours).
    expect(await seenWithin(deps, 20_000)).toEqual(['E']);
  });

  it('keeps looking every 10 ms while each look finds events, though other appends are still open (a burst)', async () => {
    let next = 0;
    // One event becomes readable per look; the burst's other writers stay open until the 30th.
    const deps = hourPollDeps({
      readAll: async () => (next < 30 ? [{ ...event, type: `E${++next}` }] : []),
      hasPending: async () => next < 30,
    });
    // Doubling on every pending look would take 10 + 20 + ... + 1000 ms a look: 24 s for 30.
    expect(await seenWithin(deps, 1000)).toHaveLength(30);
  });

  it('woken while it asks whether events are pending, reads the announced append at once instead of a poll interval later', async () => {
    let wake: () => void = () => undefined;
    let appended = false;
    const deps = hourPollDeps({
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
        onWake: (l) => {
          wake = l;
          return () => undefined;
        },
      },
    });
    expect(await seenWithin(deps, 1000)).toEqual(['E']);
  });
});
