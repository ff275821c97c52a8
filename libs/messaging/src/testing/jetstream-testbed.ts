import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { connect, type NatsConnection } from 'nats';
import { testNatsOptions } from '@adminduk/testing';
import { JetStreamPublisher } from '../jetstream-publisher';
import { messagingTopology } from '../jetstream-setup';
import type { MessagingLogger } from '../logger';

export const quietLogger: MessagingLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * For a messaging integration suite: streams named after `id` (deleted afterwards), a NATS
 * connection, a publisher, in-memory tracing with W3C propagation, and runners stopped at the end.
 * Registers its own beforeAll/afterAll; read `nc` and `publisher` inside tests.
 */
export function jetStreamTestbed(id: string, names: { events: string; deadLetters: string }) {
  const topology = messagingTopology({
    eventsStream: names.events,
    eventsSubjectPrefix: `${id}.evt`,
    deadLetterStream: names.deadLetters,
    deadLetterSubjectPrefix: `${id}.dlq`,
  });
  const exporter = new InMemorySpanExporter();
  const contextManager = new AsyncLocalStorageContextManager();
  const bed = {
    topology,
    exporter,
    runners: [] as Array<{ stop(): Promise<void> }>,
    nc: undefined as unknown as NatsConnection,
    publisher: undefined as unknown as JetStreamPublisher,
  };

  beforeAll(async () => {
    contextManager.enable();
    context.setGlobalContextManager(contextManager);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    bed.nc = await connect(testNatsOptions());
    bed.publisher = new JetStreamPublisher(bed.nc);
  });

  afterAll(async () => {
    await Promise.all(bed.runners.map((r) => r.stop()));
    const jsm = await bed.nc.jetstreamManager();
    await jsm.streams.delete(topology.events.name).catch(() => undefined);
    await jsm.streams.delete(topology.deadLetters.name).catch(() => undefined);
    await bed.nc.drain();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  return bed;
}
