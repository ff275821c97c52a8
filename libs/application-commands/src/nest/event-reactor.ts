import { decodeWireEvent, type RecordedEvent } from '@adminduk/event-store';
import { topologyFrom, type ServiceEnv } from '@adminduk/http';
import { ensureJetStream, JetStreamConsumerRunner, type BackoffPolicy, type ManagedNatsConnection } from '@adminduk/messaging';
import type { Logger } from '@adminduk/observability';

export interface ReactorSpec {
  /** Durable consumer name: one per reaction, shared by the service's replicas. */
  durable: string;
  /** Event types this reaction handles, e.g. "ApplicationVerified" (one filter subject per consumer). */
  category: string;
  /** `*`: every event of the category (the handler skips what it does not need). */
  eventType: string;
  handler: (event: RecordedEvent) => Promise<void>;
  /** Defaults: 8 deliveries, 30 s ack wait, one message at a time, the messaging backoff. */
  delivery?: { maxDeliver?: number; ackWaitMs?: number; concurrency?: number; nakBackoff?: BackoffPolicy };
}

/**
 * Starts a durable JetStream consumer that reacts to one event type: the process flow between
 * services is driven by events, never by one service calling the next. Failures are retried with
 * backoff and end in the dead-letter stream (libs/messaging).
 */
export async function startEventReactor(
  nats: ManagedNatsConnection,
  env: ServiceEnv,
  spec: ReactorSpec,
  logger: Logger,
): Promise<JetStreamConsumerRunner<RecordedEvent>> {
  const topology = topologyFrom(env);
  const consumer = {
    stream: topology.events.name,
    durable: spec.durable,
    filterSubject: `${env.EVENTS_SUBJECT_PREFIX}.*.${spec.category}.${spec.eventType}`,
    maxDeliver: spec.delivery?.maxDeliver ?? 8,
    ackWaitMs: spec.delivery?.ackWaitMs ?? 30_000,
  };
  await ensureJetStream(nats.connection, { streams: [topology.events, topology.deadLetters], consumers: [consumer] });
  const runner = new JetStreamConsumerRunner<RecordedEvent>({
    nc: nats.connection,
    consumer,
    deadLetterSubjectPrefix: topology.deadLetters.subjectPrefix,
    decode: decodeWireEvent,
    nakBackoff: spec.delivery?.nakBackoff,
    concurrency: spec.delivery?.concurrency,
    logger,
    handler: spec.handler,
  });
  await runner.start();
  return runner;
}
