import type { JsMsg } from 'nats';
import { backoffDelay, sleep } from './backoff';
import { deadLetterSubject, headersToRecord, type DeadLetterRecord } from './dead-letter-record';
import type { JetStreamPublisher } from './jetstream-publisher';
import type { DurableConsumerSpec } from './jetstream-setup';
import type { MessagingLogger } from './logger';

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
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      // The msg id makes a repeated attempt store one record.
      await o.publisher.publishJson(subject, record, { msgId: `${stream}:${durable}:${record.streamSequence}`, injectTrace: true });
      // No reason text: NATS 2.9 only understands a bare +TERM.
      msg.term();
      o.logger.error(
        { consumer: durable, subject: msg.subject, streamSequence: record.streamSequence, deliveryCount: record.deliveryCount, err: error },
        'Message moved to the dead-letter stream',
      );
      return;
    } catch (publishError) {
      if (attempt === 5) {
        o.logger.error({ consumer: durable, streamSequence: record.streamSequence, err: errorText(publishError) }, 'Dead-letter publish failed; leaving the message unacknowledged');
        msg.nak();
        return;
      }
      await sleep(backoffDelay(attempt, { baseMs: 200, maxMs: 3000 }));
    }
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
