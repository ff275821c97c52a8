import type { JsMsg } from 'nats';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { deadLetterSubject, headersToRecord, type DeadLetterRecord } from './dead-letter-record';
import type { JetStreamPublisher } from './jetstream-publisher';
import type { DurableConsumerSpec } from './jetstream-setup';
import type { MessagingLogger } from './logger';
import { retry } from './retry';

/**
 * Parks a message in the dead-letter stream (original subject, data, headers, the error) and then
 * `term`s it so the consumer moves on. If the record cannot be stored after a few tries the message
 * is nak'ed instead: nothing is dropped without a record.
 */
export async function deadLetterMessage(
  msg: JsMsg,
  error: string,
  o: { publisher: JetStreamPublisher; consumer: DurableConsumerSpec; deadLetterSubjectPrefix: string; logger: MessagingLogger },
): Promise<void> {
  const { durable, stream } = o.consumer;
  const record: DeadLetterRecord = {
    consumer: durable,
    stream,
    streamSequence: msg.info.streamSequence,
    subject: msg.subject,
    data: Buffer.from(msg.data).toString('base64'),
    headers: headersToRecord(msg.headers),
    error,
    deliveryCount: msg.info.deliveryCount,
    failedAt: new Date().toISOString(),
  };
  const subject = deadLetterSubject(o.deadLetterSubjectPrefix, durable);
  try {
    await retry(
      async () => {
        // The msg id makes a repeated attempt store one record.
        await o.publisher.publishJson(subject, record, { msgId: `${stream}:${durable}:${record.streamSequence}`, injectTrace: true });
        // No reason text: NATS 2.9 only understands a bare +TERM.
        msg.term();
      },
      { backoff: { baseMs: 200, maxMs: 3000 }, maxAttempts: 5 },
    );
  } catch (publishError) {
    o.logger.error(
      { consumer: durable, streamSequence: record.streamSequence, err: errorText(publishError) },
      'Dead-letter publish failed; leaving the message unacknowledged',
    );
    msg.nak();
    return;
  }
  o.logger.error(
    { consumer: durable, subject: msg.subject, streamSequence: record.streamSequence, deliveryCount: record.deliveryCount, err: error },
    'Message moved to the dead-letter stream',
  );
}

export interface FailedMessageOptions {
  publisher: JetStreamPublisher;
  consumer: DurableConsumerSpec;
  deadLetterSubjectPrefix: string;
  logger: MessagingLogger;
  nakBackoff: BackoffPolicy;
}

/**
 * What a handler's error may say about retrying (duck-typed, so a lib's own error class needs no
 * import of this one): `permanent: true`, retrying cannot help, dead-letter it now; `retryAfterMs`,
 * retry after exactly that delay (e.g. when another instance's lease on the work ends).
 */
export interface RetryHint {
  permanent?: boolean;
  retryAfterMs?: number;
}

/**
 * A message whose handler failed: dead-lettered on its last allowed delivery or when the error is
 * permanent (resolves undefined), otherwise nak'ed with the error's `retryAfterMs` or a delay growing
 * with its delivery count (resolves that delay).
 */
export async function nakOrDeadLetter(msg: JsMsg, e: unknown, o: FailedMessageOptions): Promise<number | undefined> {
  const { maxDeliver } = o.consumer;
  const hint = (typeof e === 'object' && e !== null ? e : {}) as RetryHint;
  if (hint.permanent === true || (maxDeliver > 0 && msg.info.deliveryCount >= maxDeliver)) {
    await deadLetterMessage(msg, errorText(e), o);
    return undefined;
  }
  const delay =
    typeof hint.retryAfterMs === 'number' && hint.retryAfterMs >= 0
      ? Math.ceil(hint.retryAfterMs)
      : backoffDelay(msg.info.deliveryCount, o.nakBackoff);
  msg.nak(delay);
  return delay;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
