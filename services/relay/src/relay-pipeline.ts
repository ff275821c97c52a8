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
  /** Events per catch-up page (default 1000). */
  catchUpPageSize?: number;
}

interface InFlight {
  event: RecordedEvent;
  ack: Promise<PubAck>;
}

/**
 * Store → JetStream. Catches up by reading pages ahead, then follows the store's subscription.
 * Publishes are pipelined: sent in store order without waiting, acks taken in
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
    let subscription: Subscription | null = null;
    const feeding = (async () => {
      const from = await this.catchUp(after, stop);
      if (this.drained || this.failure || stop.aborted) return;
      subscription = this.deps.store.subscribeToAll({ after: from, onEvent: (e) => this.enqueue(e), onError: (e) => this.fail(e) });
    })().catch((e: unknown) => this.fail(e instanceof Error ? e : new Error(String(e))));
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
      this.releaseWaiters();
      await feeding;
      await (subscription as Subscription | null)?.close();
    }
    // Drained: every enqueued publish settled. Save what got acked, even after a failure.
    await this.checkpoint();
    if (this.failure) throw this.failure;
  }

  /**
   * Catch-up by pages with one page read ahead, so reading the store overlaps publishing (the
   * subscription reads a page only after handing out the previous one). Returns the position of
   * the last event handed to the publisher; the live subscription continues from there.
   */
  private async catchUp(after: GlobalPosition, stop: AbortSignal): Promise<GlobalPosition> {
    const pageSize = this.deps.catchUpPageSize ?? 1000;
    let from = after;
    let next = this.deps.store.readAll({ after: from, maxCount: pageSize });
    while (!stop.aborted && !this.failure && !this.drained) {
      const page = await next;
      if (page.length === 0) return from;
      from = page[page.length - 1].position;
      const full = page.length === pageSize;
      if (full) next = this.deps.store.readAll({ after: from, maxCount: pageSize });
      for (const e of page) await this.enqueue(e);
      if (!full) return from;
    }
    // Stopping: a read ahead may still be running; its result is not needed.
    next.catch(() => undefined);
    return from;
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
