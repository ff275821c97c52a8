import type { EventStore, GlobalPosition, RecordedEvent, Subscription } from '@adminduk/event-store';
import type { PubAck } from '@adminduk/messaging';

export interface RelayPipelineDeps {
  store: EventStore;
  /** Publishes one event; resolves with the stream's ack. Called in store order. */
  publish(event: RecordedEvent): Promise<PubAck>;
  saveCheckpoint(position: GlobalPosition): Promise<void>;
  onAcked?(event: RecordedEvent, ack: PubAck): void;
  /** Publishes awaiting their ack at once; the store subscription waits beyond this. */
  maxInFlight: number;
  checkpointIntervalMs: number;
}

interface InFlight {
  event: RecordedEvent;
  ack: Promise<PubAck>;
}

/**
 * Store → JetStream. Publishes are pipelined: sent in store order without waiting, acks taken in
 * the same order, and the checkpoint moves (in batches) only up to the last event whose ack, and
 * every ack before it, has arrived. A failed publish stops the run; the caller restarts from
 * `lastAcked`, and JetStream drops what was already stored by msg id.
 */
export class RelayPipeline {
  private queue: InFlight[] = [];
  private lastAckedPosition: GlobalPosition | null = null;
  private savedPosition: GlobalPosition | null = null;
  private failure: Error | null = null;
  private wakeDrainer: (() => void) | null = null;
  private spaceWaiters: Array<() => void> = [];
  private drained = false;

  constructor(private readonly deps: RelayPipelineDeps) {}

  /** Last position acked by JetStream (may be ahead of the saved checkpoint). */
  get lastAcked(): GlobalPosition | null {
    return this.lastAckedPosition;
  }

  /** Runs until `stop` aborts (then flushes and resolves) or a publish fails (rejects). */
  async run(after: GlobalPosition, stop: AbortSignal): Promise<void> {
    this.lastAckedPosition = after;
    this.savedPosition = after;
    this.drained = false;
    let subscriptionError: Error | null = null;
    const subscription: Subscription = this.deps.store.subscribeToAll({
      after,
      onEvent: (e) => this.enqueue(e),
      onError: (e) => {
        subscriptionError = e;
        this.fail(e);
      },
    });
    const checkpointTimer = setInterval(() => void this.checkpoint().catch((e: Error) => this.fail(e)), this.deps.checkpointIntervalMs);
    const onStop = () => this.wakeDrainer?.();
    stop.addEventListener('abort', onStop, { once: true });
    try {
      await this.drain(stop);
    } finally {
      clearInterval(checkpointTimer);
      stop.removeEventListener('abort', onStop);
      // Nothing published from here on: it would not be drained, hence not checkpointed.
      this.drained = true;
      const closing = subscription.close();
      this.releaseWaiters();
      await closing;
    }
    // Drained: every enqueued publish settled. Save what got acked, even after a failure.
    await this.checkpoint();
    if (this.failure) throw subscriptionError ?? this.failure;
  }

  private async enqueue(event: RecordedEvent): Promise<void> {
    while (this.queue.length >= this.deps.maxInFlight && !this.failure && !this.drained) {
      await new Promise<void>((resolve) => this.spaceWaiters.push(resolve));
    }
    if (this.failure) throw this.failure;
    if (this.drained) return;
    const ack = this.deps.publish(event);
    ack.catch(() => undefined); // observed by the drainer, in order
    this.queue.push({ event, ack });
    this.wakeDrainer?.();
  }

  /** Takes acks in order until stopped (then waits for what is in flight) or failed. */
  private async drain(stop: AbortSignal): Promise<void> {
    for (;;) {
      const head = this.queue[0];
      if (!head) {
        if (stop.aborted || this.failure) return;
        await new Promise<void>((resolve) => (this.wakeDrainer = resolve));
        this.wakeDrainer = null;
        continue;
      }
      try {
        const ack = await head.ack;
        this.queue.shift();
        if (!this.failure) {
          this.lastAckedPosition = head.event.position;
          this.deps.onAcked?.(head.event, ack);
        }
      } catch (e) {
        this.queue.shift();
        this.fail(e instanceof Error ? e : new Error(String(e)));
      }
      this.spaceWaiters.shift()?.();
    }
  }

  private fail(e: Error): void {
    // Keep the first cause; later acks no longer move the checkpoint (order would break).
    this.failure ??= e;
    this.releaseWaiters();
    this.wakeDrainer?.();
  }

  private releaseWaiters(): void {
    const waiters = this.spaceWaiters;
    this.spaceWaiters = [];
    waiters.forEach((w) => w());
  }

  private async checkpoint(): Promise<void> {
    const p = this.lastAckedPosition;
    if (!p || p === this.savedPosition) return;
    await this.deps.saveCheckpoint(p);
    this.savedPosition = p;
  }
}
