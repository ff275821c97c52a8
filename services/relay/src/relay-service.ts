import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  PostgresEventStore,
  eventStoreSettings,
  openEventStore,
  type EventStore,
  type GlobalPosition,
  type RecordedEvent,
} from '@adminduk/event-store';
import { ReadinessRegistry } from '@adminduk/http';
import {
  DEFAULT_DUPLICATE_WINDOW_MS,
  PipelinedJetStreamPublisher,
  DEFAULT_CONNECT_BACKOFF,
  ManagedNatsConnection,
  RetryAbortedError,
  ensureJetStream,
  eventSubject,
  retry,
  type MessagingLogger,
} from '@adminduk/messaging';
import { assertMigrated } from '@adminduk/migrations/schema-check';
import { runCheckpointer } from './relay-checkpointer';
import { AdvisoryLeaderLock, type LeaderSession } from './leader-lock';
import { publishTraced } from './publish-traced';
import { RecentAcks } from './recent-acks';
import type { RelayConfig } from './relay.config';
import { RelayCheckpointStore } from './relay-checkpoint';
import { RelayMetrics } from './relay-metrics';
import { RelayPipeline } from './relay-pipeline';

export const RELAY_CONFIG = Symbol('RELAY_CONFIG');
export const RELAY_LOGGER = Symbol('RELAY_LOGGER');

type Role = 'starting' | 'standby' | 'active' | 'stopping';

/** Asking a restarted server what its stream kept: JetStream may still be recovering it. */
const STREAM_INFO_BACKOFF = { baseMs: 100, maxMs: 1000, jitter: 0.2 };
/** After a failed run: restart from the last checkpoint, backing off while runs keep failing. */
const RUN_BACKOFF = { baseMs: 200, maxMs: 10_000, jitter: 0.2 };

/** The relay: connects, waits for the lock, then relays until the app closes; a lost lock means standby again. */
@Injectable()
export class RelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly stopController = new AbortController();
  private role: Role = 'starting';
  private nats?: ManagedNatsConnection;
  private store?: EventStore;
  private pipeline?: RelayPipeline;
  private lock?: AdvisoryLeaderLock;
  readonly metrics = new RelayMetrics(() => this.countBehind());
  private running?: Promise<void>;

  constructor(
    @Inject(RELAY_CONFIG) private readonly config: RelayConfig,
    @Inject(RELAY_LOGGER) private readonly logger: MessagingLogger,
    private readonly readiness: ReadinessRegistry,
  ) {}

  /** HTTP answers first (live, not ready) while the dependencies are awaited in the background. */
  onApplicationBootstrap(): void {
    this.readiness.register('nats', () => this.nats?.isReady() ?? false);
    this.readiness.register('event-store', () => this.store !== undefined);
    // Active or standing by, on a live lock connection: either is a healthy replica. Without one (a
    // PostgreSQL restart) the relay publishes nothing, so it is not ready (issue 16 measures from ready).
    this.readiness.register('leader-lock', () => (this.role === 'active' || this.role === 'standby') && this.lock?.connected === true);
    this.running = this.run();
    this.running.catch((e: unknown) => this.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'Relay failed'));
    const c = this.config;
    this.logger.info({ stream: c.RELAY_EVENTS_STREAM, prefix: c.RELAY_SUBJECT_PREFIX }, 'Relay started');
  }

  /** Settles when the relay stops; rejects on an error it cannot recover from. */
  get done(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async onApplicationShutdown(): Promise<void> {
    this.role = 'stopping';
    this.stopController.abort();
    await this.running?.catch(() => undefined);
    await this.store?.close().catch(() => undefined);
    await this.nats?.close().catch(() => undefined);
  }

  private async run(): Promise<void> {
    const stop = this.stopController.signal;
    const c = this.config;
    this.nats = await ManagedNatsConnection.connect({
      url: c.NATS_URL.join(','),
      name: 'relay',
      nkeySeed: c.NATS_NKEY_SEED,
      logger: this.logger,
      signal: stop,
      // Async traces allocate an Error per request: a third of the relay's CPU per event.
      options: { noAsyncTraces: true },
    });
    await this.untilDone('JetStream stream setup', () =>
      ensureJetStream(this.nats!.connection, {
        streams: [
          {
            name: c.RELAY_EVENTS_STREAM,
            subjects: [`${c.RELAY_SUBJECT_PREFIX}.>`],
            duplicateWindowMs: DEFAULT_DUPLICATE_WINDOW_MS,
            maxAgeMs: c.RELAY_EVENTS_MAX_AGE_DAYS * 24 * 60 * 60 * 1000,
          },
        ],
      }),
    );
    this.store = await this.untilDone('event store connect', () =>
      c.EVENT_STORE === 'kurrentdb'
        ? openEventStore(eventStoreSettings(c, c.DATABASE_URL))
        : PostgresEventStore.create({
            connectionString: c.DATABASE_URL,
            pollIntervalMs: c.RELAY_STORE_POLL_MS,
            subscriptionBatchSize: c.RELAY_STORE_BATCH,
          }),
    );
    if (!this.store || stop.aborted) return;
    const publisher = new PipelinedJetStreamPublisher(this.nats.connection, { inboxPrefix: this.nats.inboxPrefix });
    const lock = new AdvisoryLeaderLock(c.DATABASE_URL, c.RELAY_NAME, c.RELAY_LOCK_POLL_MS, this.logger);
    this.lock = lock;
    try {
      // One leadership per pass: a lost lock ends it cleanly (standby again, no delay); a failed run
      // is retried from the checkpoint with backoff, reset once a run has published (progress).
      while (!stop.aborted) {
        await retry(
          async (_n, attempt) => {
            this.role = 'standby';
            const session = await lock.acquire(stop);
            if (session) await this.relayAsLeader(session, publisher, () => attempt.progress());
          },
          { backoff: RUN_BACKOFF, signal: stop },
        );
      }
    } catch (e) {
      if (!(e instanceof RetryAbortedError)) throw e;
    } finally {
      publisher.close();
    }
  }

  /** Relays while this replica holds the lock; throws when a run fails (reported and counted here). */
  private async relayAsLeader(session: LeaderSession, publisher: PipelinedJetStreamPublisher, progress: () => void): Promise<void> {
    const c = this.config;
    const stop = this.stopController.signal;
    this.role = 'active';
    this.metrics.active.set(1);
    const runStop = new AbortController();
    const onLost = () => {
      this.logger.error({ relay: c.RELAY_NAME }, 'Relay lock connection lost; stopping publishes');
      runStop.abort();
    };
    session.lost.addEventListener('abort', onLost);
    const onStop = () => runStop.abort();
    stop.addEventListener('abort', onStop);
    try {
      const checkpoints = new RelayCheckpointStore(c.RELAY_NAME);
      await assertMigrated(session.client); // the schema is `npm run migrate`'s, never the relay's
      const after = await checkpoints.load(session.client);
      const recent = new RecentAcks(c.RELAY_REWIND_ON_RECONNECT_MS, after);
      let disconnectedAt: number | null = null;
      const stopOnReconnect = this.nats!.onReconnect((at) => {
        disconnectedAt = at;
        runStop.abort();
        // The acks of what the lost connection carried will not come: end the run now.
        publisher.failPending('NATS reconnected before the ack arrived');
      });
      let acked = false;
      this.pipeline = new RelayPipeline({
        store: this.store!,
        publish: (e) => publishTraced(publisher, eventSubject(e, c.RELAY_SUBJECT_PREFIX), e),
        saveCheckpoint: (p) => checkpoints.save(session.client, p),
        onAcked: (e, ack) => {
          if (!acked) {
            acked = true;
            progress(); // this run got going: a later failure backs off from the base again
          }
          recent.add(e.position, Date.now(), ack.seq);
          this.onAcked(e, ack.duplicate);
        },
        maxInFlight: c.RELAY_MAX_IN_FLIGHT,
        checkpointIntervalMs: c.RELAY_CHECKPOINT_INTERVAL_MS,
        catchUpPageSize: c.RELAY_STORE_BATCH,
      });
      // The checkpoints ride on the leadership: one signer, writing on the lock's connection.
      const checkpointing = runCheckpointer(c, this.store!, session.client, runStop.signal, this.logger);
      try {
        // A run ended by a reconnect (its acks failed with it) is no failure: the next pass starts
        // at once from the rewind point, without backing off.
        await this.pipeline.run(after, runStop.signal).catch((e: unknown) => {
          if (disconnectedAt === null) throw e;
        });
      } finally {
        stopOnReconnect();
        runStop.abort();
        await checkpointing;
      }
      const rewindTo = disconnectedAt === null || stop.aborted ? null : await this.rewindPoint(recent, disconnectedAt);
      if (rewindTo) {
        // The next run (this loop's next pass) starts here: saved, so a crash in between keeps it.
        await checkpoints.save(session.client, rewindTo);
        this.metrics.rewinds.inc();
        this.logger.warn({ relay: c.RELAY_NAME }, 'NATS reconnected without messages it had acknowledged: republishing them');
      }
    } catch (e) {
      this.metrics.publishFailures.inc();
      this.logger.error(
        { relay: c.RELAY_NAME, err: e instanceof Error ? e.message : String(e) },
        'Relay run failed; restarting from the last checkpoint',
      );
      throw e;
    } finally {
      session.lost.removeEventListener('abort', onLost);
      stop.removeEventListener('abort', onStop);
      this.metrics.active.set(0);
      await session.release();
    }
  }

  /**
   * After a reconnect: where to republish from. A server killed outright loses the tail of its
   * stream, so after the last event the stream's last sequence still holds (none lost: null, and
   * the next run goes on from the checkpoint). When the stream cannot say (JetStream still
   * recovering), RELAY_REWIND_ON_RECONNECT_MS before the disconnect. Republishing a fixed window
   * every time cost the read models seconds after every NATS restart (issue 16).
   */
  private async rewindPoint(recent: RecentAcks, disconnectedAt: number): Promise<GlobalPosition | null> {
    try {
      const jsm = await this.nats!.connection.jetstreamManager();
      const info = await retry(() => jsm.streams.info(this.config.RELAY_EVENTS_STREAM), { backoff: STREAM_INFO_BACKOFF, maxAttempts: 5 });
      return recent.afterKept(info.state.last_seq);
    } catch (e) {
      this.logger.warn(
        { relay: this.config.RELAY_NAME, err: e instanceof Error ? e.message : String(e) },
        'Stream state unknown after a reconnect; republishing a window',
      );
      return recent.rewindPoint(disconnectedAt);
    }
  }

  private onAcked(e: RecordedEvent, duplicate: boolean): void {
    this.metrics.published.inc();
    if (duplicate) this.metrics.duplicates.inc();
    const appendedAt = Date.parse(e.metadata.occurredAt);
    if (Number.isFinite(appendedAt)) this.metrics.lag.observe(Math.max(0, Date.now() - appendedAt) / 1000);
  }

  private async countBehind(): Promise<number | null> {
    const after = this.pipeline?.lastAcked;
    if (!this.store || !after || this.role !== 'active') return null;
    return (await this.store.readAll({ after, maxCount: 10_000 })).length;
  }

  /** Retries a start-up step until it passes; undefined when the relay is stopped first. */
  private async untilDone<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await retry(fn, {
        backoff: DEFAULT_CONNECT_BACKOFF,
        signal: this.stopController.signal,
        onFailure: (e) =>
          this.logger.warn({ step: what, err: e instanceof Error ? e.message : String(e) }, `${what} failed; retrying with backoff`),
      });
    } catch (e) {
      if (e instanceof RetryAbortedError) return undefined;
      throw e;
    }
  }
}
