import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import {
  eventStoreSettings,
  latestPosition,
  openEventStore,
  wirePosition,
  type EventStore,
  type GlobalPosition,
  type RecordedEvent,
} from '@adminduk/event-store';
import { isDependencyUnavailable, ReadinessRegistry, retryUntilUp, topologyFrom } from '@adminduk/http';
import { ensureJetStream, JetStreamBatchConsumerRunner, ManagedNatsConnection, retry } from '@adminduk/messaging';
import { assertMigrated } from '@adminduk/migrations/schema-check';
import { recordProjectionApplied, SpanKind, withSpan, type Logger } from '@adminduk/observability';
import {
  applyEvents,
  catchUpInTransaction,
  createReadModelDataSource,
  rebuildChangedProjections,
  REBUILD_SLICE,
  type FoldSession,
  type Projection,
} from '@adminduk/read-models';
import type { ProjectionsConfig } from './projections.config';

export const PROJECTIONS_CONFIG = Symbol('PROJECTIONS_CONFIG');
export const PROJECTIONS = Symbol('PROJECTIONS');
export const LOGGER = Symbol('LOGGER');

/** Events per transaction, and most bus messages handled at once. */
const MAX_BATCH = 200;
/**
 * A message waits at most this long for others to share its transaction. Under a steady trickle
 * (hundreds of submissions a second) this turns one transaction per event into one per dozen; the
 * views stay well within the one second operators expect.
 */
const LINGER_MS = 50;

/**
 * A batch that failed because PostgreSQL is away is tried again in place, every quarter second at
 * most, for about 18 s (well inside the consumer's 30 s ack wait): it goes through as soon as the
 * database is back. Nak'ed instead, it came back only after its growing redelivery delay (1, 2,
 * 4 s...), and the read models lagged seconds behind a restarted database (issue 16).
 */
const DEPENDENCY_RETRY = { backoff: { baseMs: 50, maxMs: 250, jitter: 0.2 }, maxAttempts: 75 };

/**
 * Runs `work` until it passes, again while it fails for a dependency that is away; any other error
 * (or the last, or a shutdown's abort) is thrown and the batch is nak'ed as before.
 */
async function whileDependencyAway(work: () => Promise<void>, signal: AbortSignal): Promise<void> {
  const failed = await retry(
    () =>
      work().then(
        () => undefined,
        (e: unknown) => {
          if (isDependencyUnavailable(e)) throw e;
          return { error: e };
        },
      ),
    { ...DEPENDENCY_RETRY, signal },
  );
  if (failed) throw failed.error;
}

/** One durable consumer drives every projection of this service (each keeps its own checkpoint). */
const CONSUMER_NAME = 'projections';

/** A span per projection and batch, inside the batch's CONSUMER span; the newest event applied feeds its checkpoint age. */
function traced(p: Projection): Projection {
  const applyBatch = (events: RecordedEvent[], em: EntityManager) =>
    withSpan(
      `projection ${p.name} apply`,
      SpanKind.INTERNAL,
      async () => {
        await applyEvents(p, events, em);
        recordProjectionApplied(p.name, events[events.length - 1]?.metadata.occurredAt);
      },
      { 'adminduk.projection': p.name, 'adminduk.event.count': events.length },
    );
  const session = p.forRebuild?.bind(p);
  return {
    name: p.name,
    version: p.version,
    reset: (em) => p.reset(em),
    apply: (e, em) => applyBatch([e], em),
    applyBatch,
    // A far-behind catch-up folds through the projection's session, traced the same way.
    ...(session && {
      forRebuild: (): FoldSession => {
        const s = session();
        return { ...traced(s), flush: (em) => s.flush(em) };
      },
    }),
  };
}

/**
 * One durable JetStream consumer for all projections, taking messages in batches. A batch brings
 * every projection up to the newest position it names, reading the events once from the store in
 * global order and applying each slice with the checkpoints in one transaction (decisions 0006,
 * 0010); the messages are acked only after that commit.
 * Dependencies may be down at start: the service stays live and becomes ready when they come up.
 */
@Injectable()
export class ProjectionConsumers implements OnApplicationBootstrap, OnApplicationShutdown {
  private dataSource?: DataSource;
  private store?: EventStore;
  private nats?: ManagedNatsConnection;
  private runner?: JetStreamBatchConsumerRunner<GlobalPosition>;
  private readonly abort = new AbortController();
  private starting?: Promise<void>;
  /** The start-up catch-up, which may still run when start() failed (shutdown waits for it). */
  private initialCatchUp?: Promise<unknown>;

  constructor(
    @Inject(PROJECTIONS_CONFIG) private readonly config: ProjectionsConfig,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.readiness.register(
      'postgres',
      async () => this.dataSource?.isInitialized === true && (await this.dataSource.query('SELECT 1')).length === 1,
    );
    this.readiness.register('nats', () => this.nats?.isReady() === true);
    this.readiness.register('consumers', () => this.runner !== undefined);
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
    // Until `npm run migrate` has run, this retries (logging why) and readiness stays off.
    const connect = async () => {
      if (!ds.isInitialized) await ds.initialize();
      await assertMigrated(ds);
      return ds;
    };
    this.dataSource = await retryUntilUp('postgres', connect, this.logger, undefined, signal);
    this.store = await retryUntilUp(
      'event-store',
      () => openEventStore(eventStoreSettings(this.config, this.config.DATABASE_URL, 3)),
      this.logger,
      undefined,
      signal,
    );
    // A projection whose version changed clears its rows now; the catch-up below rebuilds it.
    const rebuilt = await rebuildChangedProjections(this.dataSource, this.projections);
    if (rebuilt.length > 0) this.logger.warn({ projections: rebuilt }, 'projections rebuilding: their version changed');
    const store = this.store;
    const projections = this.projections.map(traced);
    // Up to date at start even when no message comes (a rebuild reset the checkpoints, or the bus
    // lost messages): the store has every event. Slices grow while the store has more (after a
    // version bump's reset: the in-place rebuild). It needs only the store, so it begins before the
    // bus is joined: a restarted replica folds its backlog while it connects (about a second under
    // load, issue 16) instead of after. The consumer's batches run beside it; the checkpoint lock
    // orders them.
    const initial = catchUpInTransaction(ds, projections, store, 'end', MAX_BATCH, { growTo: REBUILD_SLICE });
    this.initialCatchUp = initial.catch(() => undefined); // awaited below; a failure while the bus connects is not unhandled
    this.nats = await ManagedNatsConnection.connect({
      url: this.config.NATS_URL.join(','),
      name: 'projections',
      nkeySeed: this.config.NATS_NKEY_SEED,
      signal,
      logger: this.logger,
    });
    const topology = topologyFrom(this.config);
    const consumer = {
      stream: topology.events.name,
      durable: CONSUMER_NAME,
      filterSubject: `${this.config.EVENTS_SUBJECT_PREFIX}.>`,
      // Never dead-letter: the messages only say how far to go, and a batch that fails (a database
      // outage, a projection bug) must come back until it succeeds. A stuck projection shows as lag.
      maxDeliver: -1,
      ackWaitMs: 30_000,
      maxAckPending: MAX_BATCH * 4,
    };
    await ensureJetStream(this.nats.connection, { streams: [topology.events, topology.deadLetters], consumers: [consumer] });
    const runner = new JetStreamBatchConsumerRunner<GlobalPosition>({
      nc: this.nats.connection,
      consumer,
      deadLetterSubjectPrefix: topology.deadLetters.subjectPrefix,
      decode: wirePosition,
      logger: this.logger,
      maxBatch: MAX_BATCH,
      lingerMs: LINGER_MS,
      // The messages only say how far to go; the events come from the store in its global order
      // (usually one event per message: the first read asks for that many).
      handler: (items) =>
        whileDependencyAway(
          () =>
            catchUpInTransaction(ds, projections, store, latestPosition(items.map((m) => m.event)), MAX_BATCH, {
              growTo: REBUILD_SLICE,
              expected: items.length,
            }).then(() => undefined),
          signal,
        ),
    });
    await runner.start();
    this.runner = runner;
    this.logger.info({ applied: (await initial).applied }, 'projections caught up with the event store');
    this.logger.info({ projections: this.projections.map((p) => p.name) }, 'projection consumers running');
  }

  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await this.starting;
    await this.runner?.stop();
    await this.initialCatchUp;
    await this.nats?.close();
    if (this.dataSource?.isInitialized) await this.dataSource.destroy();
    await this.store?.close();
  }
}
