import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Link } from '@opentelemetry/api';
import type { JsMsg, NatsConnection } from 'nats';
import { recordConsumed, recordDelivery, watchConsumerLag } from '@adminduk/observability';
import type { BackoffPolicy } from './backoff';
import { BoundedPull } from './bounded-pull';
import { deadLetterMessage, errorText, nakOrDeadLetter, type FailedMessageOptions } from './dead-letter-message';
import { DEFAULT_NAK_BACKOFF, jsonDecode, messageContext, type MessageContext } from './jetstream-consumer';
import { JetStreamPublisher } from './jetstream-publisher';
import type { DurableConsumerSpec } from './jetstream-setup';
import { defaultLogger, type MessagingLogger } from './logger';
import { extractTraceContext } from './nats-trace-headers';
import { whileWorking } from './while-working';

export interface BatchItem<T> {
  event: T;
  context: MessageContext;
}

/** Handles a whole batch; the runner acks every message of it only after this resolves. */
export type BatchHandler<T> = (items: BatchItem<T>[]) => Promise<void>;

export interface BatchConsumerRunnerOptions<T> {
  nc: NatsConnection;
  /** The durable consumer (created beforehand by ensureJetStream); its maxAckPending should be >= 2 x maxBatch. */
  consumer: DurableConsumerSpec;
  /** Subject prefix of the dead-letter stream (`dlq` in production). */
  deadLetterSubjectPrefix: string;
  handler: BatchHandler<T>;
  /** Defaults to JSON. A message that cannot be decoded goes straight to the dead letters. */
  decode?: (data: Uint8Array) => T;
  /** Delay before a failed batch is redelivered, growing with each delivery. */
  nakBackoff?: BackoffPolicy;
  /** Most messages in one batch. Default 200. */
  maxBatch?: number;
  /**
   * How long a message may wait for company before its batch starts (default 0: at once). Trades
   * a bounded delay for fewer, larger batches when messages trickle in faster than one at a time
   * but slower than a batch takes.
   */
  lingerMs?: number;
  logger?: MessagingLogger;
}

const tracer = trace.getTracer('@adminduk/messaging');

/**
 * Runs a durable pull consumer whose handler takes messages in batches: each batch is whatever has
 * arrived while the previous one was handled (up to maxBatch), so an idle consumer handles one
 * message at once with no added delay, and a busy one amortises its per-batch work (one database
 * transaction, say) over many messages. On success every message of the batch is acked; on failure
 * every one is nak'ed with a growing delay (or dead-lettered on its last allowed delivery). The
 * handler must therefore be idempotent and must not rely on delivery order (redeliveries come
 * back out of order).
 *
 * Tracing: one CONSUMER span per batch, a child of its first message's context and linked to every
 * message's, as OpenTelemetry's messaging conventions describe for batch processing.
 */
export class JetStreamBatchConsumerRunner<T = unknown> {
  private pull?: BoundedPull;
  private receiving?: Promise<void>;
  private working?: Promise<void>;
  private readonly queue: JsMsg[] = [];
  /** When each queued message arrived (ms, monotonic), parallel to the queue. */
  private readonly arrivals: number[] = [];
  private readonly publisher: JetStreamPublisher;
  private readonly logger: MessagingLogger;
  private readonly maxBatch: number;
  private wakeWorker?: () => void;
  private wakeReceiver?: () => void;
  private receiverDone = false;
  private stopping = false;
  private unwatchLag?: () => void;

  constructor(private readonly opts: BatchConsumerRunnerOptions<T>) {
    this.publisher = new JetStreamPublisher(opts.nc);
    this.logger = opts.logger ?? defaultLogger();
    this.maxBatch = Math.max(1, opts.maxBatch ?? 200);
  }

  async start(): Promise<void> {
    const { stream, durable } = this.opts.consumer;
    const consumer = await this.opts.nc.jetstream().consumers.get(stream, durable);
    this.unwatchLag = watchConsumerLag(durable, () => consumer.info());
    // Pulled only into the queue's free room (two batches): the next batch is ready when this one is done.
    this.pull = new BoundedPull(this.opts.nc, this.opts.consumer, {
      room: async () => {
        while (this.queue.length >= this.maxBatch * 2 && !this.stopping) await new Promise<void>((r) => (this.wakeReceiver = r));
        return this.maxBatch * 2 - this.queue.length;
      },
      deliver: async (msg) => this.receive(msg),
      onFailure: (e) => this.logger.warn({ consumer: durable, err: errorText(e) }, 'Pulling messages failed; retrying'),
    });
    this.receiving = this.pull.run().finally(() => {
      this.receiverDone = true;
      this.wakeWorker?.();
    });
    this.working = this.work();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.unwatchLag?.();
    this.pull?.stop();
    this.wakeReceiver?.();
    await this.receiving;
    this.wakeWorker?.();
    await this.working;
  }

  /** Moves an arrived message into the queue. */
  private receive(msg: JsMsg): void {
    if (this.stopping) {
      msg.nak(); // not started: let the server hand it to another runner at once
      return;
    }
    this.queue.push(msg);
    this.arrivals.push(performance.now());
    this.wakeWorker?.();
  }

  private async work(): Promise<void> {
    while (!this.stopping) {
      if (this.queue.length === 0) {
        if (this.receiverDone) break;
        await new Promise<void>((r) => (this.wakeWorker = r));
        this.wakeWorker = undefined;
        continue;
      }
      const linger = (this.opts.lingerMs ?? 0) - (performance.now() - this.arrivals[0]);
      if (linger > 0 && this.queue.length < this.maxBatch) {
        await new Promise((r) => setTimeout(r, linger));
        if (this.stopping) break;
      }
      const batch = this.queue.splice(0, this.maxBatch);
      this.arrivals.splice(0, batch.length);
      this.wakeReceiver?.();
      this.wakeReceiver = undefined;
      await this.handle(batch);
    }
    // Stopped with messages still queued: hand them back rather than keep them until ack_wait.
    this.arrivals.length = 0;
    for (const msg of this.queue.splice(0)) msg.nak();
  }

  private async handle(batch: JsMsg[]): Promise<void> {
    const { durable } = this.opts.consumer;
    const items: BatchItem<T>[] = [];
    const decoded: JsMsg[] = [];
    for (const msg of batch) {
      recordDelivery(durable, msg.info.deliveryCount);
      try {
        items.push({ event: (this.opts.decode ?? (jsonDecode as (d: Uint8Array) => T))(msg.data), context: messageContext(msg) });
        decoded.push(msg);
      } catch (e) {
        // Retrying cannot fix a payload; park it at once.
        await deadLetterMessage(msg, `undecodable message: ${errorText(e)}`, this.failedMessageOptions());
        recordConsumed(durable, 'dead_lettered');
      }
    }
    if (items.length === 0) return;
    const contexts = decoded.map((m) => extractTraceContext(m.headers, ROOT_CONTEXT));
    const links: Link[] = contexts
      .map((c) => trace.getSpanContext(c))
      .filter((s) => s !== undefined)
      .map((s) => ({ context: s }));
    await tracer.startActiveSpan(
      `${durable} process`,
      {
        kind: SpanKind.CONSUMER,
        links,
        attributes: {
          'messaging.system': 'nats',
          'messaging.operation.type': 'process',
          'messaging.consumer.group.name': durable,
          'messaging.batch.message_count': items.length,
        },
      },
      contexts[0],
      async (span) => {
        try {
          // The queue behind this batch waits on it: it is beaten too, or a slow batch makes the next one come twice.
          await whileWorking(
            () => [...decoded, ...this.queue],
            this.opts.consumer.ackWaitMs,
            () => this.opts.handler(items),
          );
          for (const msg of decoded) msg.ack();
          recordConsumed(durable, 'acked', decoded.length);
        } catch (e) {
          span.recordException(e instanceof Error ? e : new Error(String(e)));
          span.setStatus({ code: SpanStatusCode.ERROR, message: errorText(e) });
          await this.onFailure(decoded, e);
        } finally {
          span.end();
        }
      },
    );
  }

  private async onFailure(batch: JsMsg[], e: unknown): Promise<void> {
    let retried = 0;
    let delay: number | undefined;
    for (const msg of batch) {
      const d = await nakOrDeadLetter(msg, e, this.failedMessageOptions());
      recordConsumed(this.opts.consumer.durable, d === undefined ? 'dead_lettered' : 'retried');
      if (d === undefined) continue;
      delay = d;
      retried++;
    }
    if (retried > 0)
      this.logger.warn(
        { consumer: this.opts.consumer.durable, messages: retried, retryInMs: delay, err: errorText(e) },
        'Batch handler failed; will retry',
      );
  }

  private failedMessageOptions(): FailedMessageOptions {
    const { consumer, deadLetterSubjectPrefix, nakBackoff = DEFAULT_NAK_BACKOFF } = this.opts;
    return { publisher: this.publisher, consumer, deadLetterSubjectPrefix, logger: this.logger, nakBackoff };
  }
}
