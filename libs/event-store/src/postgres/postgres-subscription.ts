import type { GlobalPosition, RecordedEvent } from '../envelope/event-envelope';
import { START } from '../envelope/event-envelope';
import type { ReadAllOptions, SubscribeToAllOptions, Subscription } from '../event-store.port';
import { reportSubscriptionFailure } from '../subscription-failure';

export interface WakeSource {
  /** Registers a listener for "something was appended"; returns a function that removes it. */
  onWake(listener: () => void): () => void;
}

export interface PollingSubscriptionDeps {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Whether committed events exist that readAll does not return yet because an older transaction
   * still appending is open. They need no new NOTIFY to become readable, so the subscription looks again soon.
   */
  hasPending(): Promise<boolean>;
  wake: WakeSource;
  /** Fallback poll when no wake-up arrives (a writer died before notifying, the frontier moved on). */
  pollIntervalMs: number;
  batchSize: number;
}

/**
 * Catch up by paging readAll, then wait for a wake-up (LISTEN/NOTIFY) or the poll interval, and
 * page again. Events reach the handler one at a time, in global order; the checkpoint only moves
 * after the handler's promise resolves.
 */
const MIN_PENDING_DELAY_MS = 10;
/**
 * The longest wait while committed events are pending: they become readable when another writer's
 * transaction ends, which sends no wake-up of its own. Doubling up to the poll interval left a
 * subscriber with a long poll behind a transaction held for seconds (CI: a test's subscriber with an
 * hour's poll waited past its minute while another suite held an append open).
 */
export const MAX_PENDING_DELAY_MS = 1000;

export function pollingSubscription(deps: PollingSubscriptionDeps, options: SubscribeToAllOptions): Subscription {
  let checkpoint: GlobalPosition = options.after ?? START;
  let closed = false;
  let woken = false;
  let wakeUp: (() => void) | null = null;

  const stopListening = deps.wake.onWake(() => {
    woken = true;
    wakeUp?.();
  });

  // A wake-up that came while the loop was not asleep (during hasPending's query) ends the next
  // sleep at once: otherwise the append it announced waited a whole poll interval.
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || closed) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });

  const loop = async () => {
    let pendingDelay = MIN_PENDING_DELAY_MS;
    while (!closed) {
      woken = false;
      const batch = await deps.readAll({ after: checkpoint, maxCount: deps.batchSize });
      for (const event of batch) {
        if (closed) return;
        await options.onEvent(event);
        checkpoint = event.position;
      }
      // A full page means more may be waiting; a wake-up during the read means a newer append.
      if (batch.length === deps.batchSize || woken || closed) continue;
      // The wait grows only while looks find nothing: in a burst of concurrent appends some writer
      // is always still open, and a read that found events shows the frontier moving; doubling on
      // every look there put up to a second between reads of a burst that was flowing.
      if (batch.length > 0) pendingDelay = MIN_PENDING_DELAY_MS;
      if (await deps.hasPending()) {
        await sleep(pendingDelay);
        pendingDelay = Math.min(pendingDelay * 2, MAX_PENDING_DELAY_MS, deps.pollIntervalMs);
      } else {
        pendingDelay = MIN_PENDING_DELAY_MS;
        await sleep(deps.pollIntervalMs);
      }
    }
  };

  const running = loop().catch((e: unknown) => {
    if (closed) return;
    closed = true;
    reportSubscriptionFailure(options, e);
  });

  return {
    async close() {
      closed = true;
      stopListening();
      wakeUp?.();
      await running;
    },
  };
}
