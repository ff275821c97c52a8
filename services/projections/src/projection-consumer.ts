import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { comparePositions, decodeWireEvent, eventStoreSettingsFromEnv, openEventStore, type EventStore, type GlobalPosition, type RecordedEvent } from '@adminduk/event-store';
import { ReadinessRegistry, retryUntilUp, topologyFrom } from '@adminduk/http';
import { ensureJetStream, JetStreamBatchConsumerRunner, ManagedNatsConnection } from '@adminduk/messaging';
import { SpanKind, withSpan, type Logger } from '@adminduk/observability';
import { catchUpInTransaction, createReadModelDataSource, type Projection } from '@adminduk/read-models';
import { needsEventStore } from './needs-event-store';
import type { ProjectionsConfig } from './projections.config';

export const PROJECTIONS_CONFIG = Symbol('PROJECTIONS_CONFIG');
export const PROJECTIONS = Symbol('PROJECTIONS');
export const LOGGER = Symbol('LOGGER');

/** Events per transaction, and most bus messages handled at once. */
const MAX_BATCH = 200;

const newest = (positions: GlobalPosition[]) => positions.reduce((a, b) => (comparePositions(a, b) >= 0 ? a : b));

/**
 * One durable JetStream consumer per projection, taking messages in batches. A batch brings the
 * projection up to the newest position it names, reading the events from the store in global order
 * and applying each slice with its checkpoint in one transaction (decision 0006, 0010); the messages
 * are acked only after that commit.
 * Dependencies may be down at start: the service stays live and becomes ready when they come up.
 */
@Injectable()
export class ProjectionConsumers implements OnApplicationBootstrap, OnApplicationShutdown {
  private dataSource?: DataSource;
  private store?: EventStore;
  private nats?: ManagedNatsConnection;
  private readonly runners: JetStreamBatchConsumerRunner<RecordedEvent>[] = [];
  private readonly abort = new AbortController();
  private starting?: Promise<void>;

  constructor(
    @Inject(PROJECTIONS_CONFIG) private readonly config: ProjectionsConfig,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.readiness.register('postgres', async () => this.dataSource?.isInitialized === true && (await this.dataSource.query('SELECT 1')).length === 1);
    this.readiness.register('nats', () => this.nats?.isReady() === true);
    this.readiness.register('consumers', () => this.runners.length === this.projections.length);
    this.starting = this.start().catch((e) => {
      if (!this.abort.signal.aborted) this.logger.error({ err: (e as Error).message }, 'projection consumers failed to start');
    });
  }

  /** Resolves when every consumer runs (tests wait on it). */
  async started(): Promise<void> {
    await this.starting;
  }

  private async start(): Promise<void> {
    const signal = this.abort.signal;
    const ds = createReadModelDataSource(this.config.DATABASE_URL);
    this.dataSource = await retryUntilUp('postgres', () => ds.initialize(), this.logger, undefined, signal);
    this.store = await retryUntilUp('event-store', () => openEventStore(eventStoreSettingsFromEnv(process.env, this.config.DATABASE_URL, 3)), this.logger, undefined, signal);
    for (const p of this.projections) if (needsEventStore(p)) p.attachEventStore(this.store);
    this.nats = await ManagedNatsConnection.connect({ url: this.config.NATS_URL.join(','), name: 'projections', signal, logger: this.logger });
    const topology = topologyFrom(this.config);
    const consumers = this.projections.map((p) => ({
      stream: topology.events.name,
      durable: `projection-${p.name}`,
      filterSubject: `${this.config.EVENTS_SUBJECT_PREFIX}.>`,
      // Never dead-letter: a projection applies events in order, and skipping one would leave the
      // view silently wrong (the checkpoint moves past it). A stuck projection shows as lag instead.
      maxDeliver: -1,
      ackWaitMs: 30_000,
      maxAckPending: MAX_BATCH * 4,
    }));
    await ensureJetStream(this.nats.connection, { streams: [topology.events, topology.deadLetters], consumers });
    for (const [i, projection] of this.projections.entries()) {
      const store = this.store;
      const runner = new JetStreamBatchConsumerRunner<RecordedEvent>({
        nc: this.nats.connection,
        consumer: consumers[i],
        deadLetterSubjectPrefix: topology.deadLetters.subjectPrefix,
        decode: decodeWireEvent,
        logger: this.logger,
        maxBatch: MAX_BATCH,
        // The messages only say how far to go; the events come from the store in its global order.
        handler: (items) =>
          withSpan(`projection ${projection.name} apply`, SpanKind.INTERNAL, () => catchUpInTransaction(ds, projection, store, newest(items.map((m) => m.event.position)), MAX_BATCH), {
            'adminduk.projection': projection.name,
            'messaging.batch.message_count': items.length,
          }).then(() => undefined),
      });
      await runner.start();
      this.runners.push(runner);
    }
    this.logger.info({ projections: this.projections.map((p) => p.name) }, 'projection consumers running');
  }

  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await this.starting;
    await Promise.all(this.runners.map((r) => r.stop()));
    await this.nats?.close();
    if (this.dataSource?.isInitialized) await this.dataSource.destroy();
    await this.store?.close();
  }
}
