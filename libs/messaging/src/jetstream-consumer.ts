import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { JsMsg, MsgHdrs, NatsConnection } from 'nats';
import { recordConsumed, recordDelivery, watchConsumerLag } from '@adminduk/observability';
import type { BackoffPolicy } from './backoff';
import { BoundedPull } from './bounded-pull';
import { deadLetterMessage, errorText, nakOrDeadLetter, type FailedMessageOptions } from './dead-letter-message';
import { JetStreamPublisher } from './jetstream-publisher';
import type { DurableConsumerSpec } from './jetstream-setup';
import { defaultLogger, type MessagingLogger } from './logger';
import { extractTraceContext } from './nats-trace-headers';
import { whileWorking } from './while-working';

export interface MessageContext {
  subject: string;
  headers: MsgHdrs | undefined;
  msgId: string | undefined;
  streamSequence: number;
  /** 1 on first delivery. */
  deliveryCount: number;
}

export type MessageHandler<T> = (event: T, context: MessageContext) => Promise<void>;

export interface ConsumerRunnerOptions<T> {
  nc: NatsConnection;
  /** The durable consumer (created beforehand by ensureJetStream). */
  consumer: DurableConsumerSpec;
  /** Subject prefix of the dead-letter stream (`dlq` in production). */
  deadLetterSubjectPrefix: string;
  handler: MessageHandler<T>;
  /** Defaults to JSON. A message that cannot be decoded goes straight to the dead letters. */
  decode?: (data: Uint8Array) => T;
  /** Delay before a failed message is redelivered, growing with each delivery. */
  nakBackoff?: BackoffPolicy;
  /** Messages handled at once; 1 (default) keeps them in order. */
  concurrency?: number;
  logger?: MessagingLogger;
}

const tracer = trace.getTracer('@adminduk/messaging');
const decoder = new TextDecoder();

export const DEFAULT_NAK_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, jitter: 0.1 };

/**
 * Runs a durable pull consumer: explicit ack on success, nak with growing delay on failure, and on
 * the last allowed delivery a dead-letter record, then `term` so the consumer moves on.
 */
export class JetStreamConsumerRunner<T = unknown> {
  private pull?: BoundedPull;
  private loop?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly publisher: JetStreamPublisher;
  private readonly logger: MessagingLogger;
  private stopping = false;
  private unwatchLag?: () => void;

  constructor(private readonly opts: ConsumerRunnerOptions<T>) {
    this.publisher = new JetStreamPublisher(opts.nc);
    this.logger = opts.logger ?? defaultLogger();
  }

  async start(): Promise<void> {
    const { stream, durable } = this.opts.consumer;
    const consumer = await this.opts.nc.jetstream().consumers.get(stream, durable);
    this.unwatchLag = watchConsumerLag(durable, () => consumer.info());
    const concurrency = Math.max(1, this.opts.concurrency ?? 1);
    // Pulled only into free room: nothing waits in a buffer, aging against its ack wait.
    this.pull = new BoundedPull(this.opts.nc, this.opts.consumer, {
      room: async () => {
        while (this.inFlight.size >= concurrency) await Promise.race(this.inFlight);
        return concurrency - this.inFlight.size;
      },
      deliver: async (msg) => this.dispatch(msg),
      onFailure: (e) => this.logger.warn({ consumer: durable, err: errorText(e) }, 'Pulling messages failed; retrying'),
    });
    this.loop = this.pull.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.unwatchLag?.();
    this.pull?.stop();
    await this.loop;
    await Promise.all(this.inFlight);
  }

  private dispatch(msg: JsMsg): void {
    if (this.stopping) {
      // Not started: let the server redeliver it to the next runner straight away.
      msg.nak();
      return;
    }
    const p = this.handle(msg).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  private handle(msg: JsMsg): Promise<void> {
    const { durable } = this.opts.consumer;
    const parent = extractTraceContext(msg.headers, ROOT_CONTEXT);
    const messageInfo = messageContext(msg);
    recordDelivery(durable, msg.info.deliveryCount);
    return tracer.startActiveSpan(
      `${msg.subject} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.operation.type': 'process',
          'messaging.destination.name': msg.subject,
          'messaging.consumer.group.name': durable,
          'messaging.message.id': messageInfo.msgId ?? '',
          'messaging.nats.delivery_count': msg.info.deliveryCount,
        },
      },
      parent,
      async (span) => {
        try {
          let event: T;
          try {
            event = (this.opts.decode ?? jsonDecode)(msg.data) as T;
          } catch (e) {
            // Retrying cannot fix a payload; park it at once.
            await this.deadLetter(msg, `undecodable message: ${errorText(e)}`);
            recordConsumed(durable, 'dead_lettered');
            span.setStatus({ code: SpanStatusCode.ERROR, message: 'undecodable message' });
            return;
          }
          await whileWorking([msg], this.opts.consumer.ackWaitMs, () => this.opts.handler(event, messageInfo));
          msg.ack();
          recordConsumed(durable, 'acked');
        } catch (e) {
          span.recordException(e instanceof Error ? e : new Error(String(e)));
          span.setStatus({ code: SpanStatusCode.ERROR, message: errorText(e) });
          await this.onFailure(msg, e);
        } finally {
          span.end();
        }
      },
    );
  }

  private async onFailure(msg: JsMsg, e: unknown): Promise<void> {
    const delay = await nakOrDeadLetter(msg, e, this.failedMessageOptions());
    recordConsumed(this.opts.consumer.durable, delay === undefined ? 'dead_lettered' : 'retried');
    if (delay === undefined) return;
    this.logger.warn(
      {
        consumer: this.opts.consumer.durable,
        subject: msg.subject,
        streamSequence: msg.info.streamSequence,
        deliveryCount: msg.info.deliveryCount,
        retryInMs: delay,
        err: errorText(e),
      },
      'Message handler failed; will retry',
    );
  }

  private deadLetter(msg: JsMsg, error: string): Promise<void> {
    return deadLetterMessage(msg, error, this.failedMessageOptions());
  }

  private failedMessageOptions(): FailedMessageOptions {
    const { consumer, deadLetterSubjectPrefix, nakBackoff = DEFAULT_NAK_BACKOFF } = this.opts;
    return { publisher: this.publisher, consumer, deadLetterSubjectPrefix, logger: this.logger, nakBackoff };
  }
}

/** What a handler learns about the message besides its payload. */
export function messageContext(msg: JsMsg): MessageContext {
  return {
    subject: msg.subject,
    headers: msg.headers,
    msgId: msg.headers?.get('Nats-Msg-Id') || undefined,
    streamSequence: msg.info.streamSequence,
    deliveryCount: msg.info.deliveryCount,
  };
}

export function jsonDecode(data: Uint8Array): unknown {
  return JSON.parse(decoder.decode(data));
}
