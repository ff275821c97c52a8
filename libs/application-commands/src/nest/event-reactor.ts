import { decodeWireEvent, type RecordedEvent } from '@adminduk/event-store';
import { BackgroundDependency, topologyFrom, type ServiceEnv } from '@adminduk/http';
import { ensureJetStream, JetStreamConsumerRunner, ManagedNatsConnection, type BackoffPolicy } from '@adminduk/messaging';
import type { Logger } from '@adminduk/observability';

/** What a reactor needs of the service's configuration: the bus and the event topology. */
export type ReactorBusEnv = Pick<
  ServiceEnv,
  'NATS_NKEY_SEED' | 'EVENTS_STREAM' | 'EVENTS_SUBJECT_PREFIX' | 'DEAD_LETTER_STREAM' | 'DEAD_LETTER_SUBJECT_PREFIX'
> & { NATS_URL: string | string[] };

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
 * Starts durable JetStream consumers on one connection, each reacting to one event type: the
 * process flow between services is driven by events, never by one service calling the next.
 * Failures are retried with backoff and end in the dead-letter stream (libs/messaging). If one
 * consumer fails to start, those already started are stopped before the error is rethrown.
 */
export async function startEventReactors(
  nats: ManagedNatsConnection,
  env: ReactorBusEnv,
  reactions: readonly ReactorSpec[],
  logger: Logger,
): Promise<JetStreamConsumerRunner<RecordedEvent>[]> {
  const topology = topologyFrom(env);
  const consumers = reactions.map((spec) => ({
    stream: topology.events.name,
    durable: spec.durable,
    filterSubject: `${env.EVENTS_SUBJECT_PREFIX}.*.${spec.category}.${spec.eventType}`,
    maxDeliver: spec.delivery?.maxDeliver ?? 8,
    ackWaitMs: spec.delivery?.ackWaitMs ?? 30_000,
  }));
  await ensureJetStream(nats.connection, { streams: [topology.events, topology.deadLetters], consumers });
  const runners: JetStreamConsumerRunner<RecordedEvent>[] = [];
  try {
    for (const [i, spec] of reactions.entries()) {
      const runner = new JetStreamConsumerRunner<RecordedEvent>({
        nc: nats.connection,
        consumer: consumers[i],
        deadLetterSubjectPrefix: topology.deadLetters.subjectPrefix,
        decode: decodeWireEvent,
        nakBackoff: spec.delivery?.nakBackoff,
        concurrency: spec.delivery?.concurrency,
        logger,
        handler: spec.handler,
      });
      await runner.start();
      runners.push(runner);
    }
  } catch (e) {
    await Promise.all(runners.map((r) => r.stop()));
    throw e;
  }
  return runners;
}

export type EventReactorDependency = BackgroundDependency<{
  nats: ManagedNatsConnection;
  runners: JetStreamConsumerRunner<RecordedEvent>[];
}>;

export interface BackgroundReactorOptions {
  /** The dependency's name in logs and readiness, e.g. "nats-events" beside a command connection. */
  name: string;
  /** The NATS connection's name: the service's. */
  connectionName: string;
  env: ReactorBusEnv;
  /** The service's reactions, one durable consumer each, all on the one connection. */
  reactions: readonly ReactorSpec[];
  logger: Logger;
}

/**
 * A service's event reactors on ONE NATS connection of their own, connected in the background
 * (BackgroundDependency): the service is live at once and ready when the bus is (one readiness
 * check for all its consumers). close() stops every consumer (each finishes the events in hand),
 * then closes the connection; a failed start closes the connection before retrying.
 */
export function backgroundEventReactor(o: BackgroundReactorOptions): EventReactorDependency {
  const url = Array.isArray(o.env.NATS_URL) ? o.env.NATS_URL.join(',') : o.env.NATS_URL;
  return new BackgroundDependency(
    o.name,
    async () => {
      const nats = await ManagedNatsConnection.connect({ url, name: o.connectionName, nkeySeed: o.env.NATS_NKEY_SEED, logger: o.logger });
      try {
        return { nats, runners: await startEventReactors(nats, o.env, o.reactions, o.logger) };
      } catch (e) {
        await nats.close();
        throw e;
      }
    },
    o.logger,
    async ({ nats, runners }) => {
      await Promise.all(runners.map((r) => r.stop()));
      await nats.close();
    },
  );
}
