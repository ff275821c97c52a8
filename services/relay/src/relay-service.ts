import type { Server } from 'node:http';
import { trace } from '@opentelemetry/api';
import { headers as natsHeaders } from 'nats';
import {
  PostgresEventStore,
  encodeWireEvent,
  eventStoreSettingsFromEnv,
  openEventStore,
  type EventStore,
  type RecordedEvent,
} from '@adminduk/event-store';
import {
  DEFAULT_DUPLICATE_WINDOW_MS,
  PipelinedJetStreamPublisher,
  DEFAULT_CONNECT_BACKOFF,
  ManagedNatsConnection,
  RetryAbortedError,
  backoffDelay,
  ensureJetStream,
  eventSubject,
  retry,
  sleep,
  type MessagingLogger,
  type PubAck,
} from '@adminduk/messaging';
import { assertMigrated } from '@adminduk/migrations';
import { SpanKind, contextFromTraceparent, failSpan, traceHeaders, tracer } from '@adminduk/observability';
import { startHealthServer } from './health-server';
import { AdvisoryLeaderLock } from './leader-lock';
import type { RelayConfig } from './relay-config';
import { RelayCheckpointStore } from './relay-checkpoint';
import { RelayMetrics } from './relay-metrics';
import { RelayPipeline } from './relay-pipeline';

type Role = 'starting' | 'standby' | 'active' | 'stopping';

/** The relay process: connects, waits for the lock, then relays until stopped or the lock is lost. */
export class RelayService {
  private readonly stopController = new AbortController();
  private role: Role = 'starting';
  private nats?: ManagedNatsConnection;
  private store?: EventStore;
  private http?: Server;
  private pipeline?: RelayPipeline;
  private readonly metrics: RelayMetrics;
  private running?: Promise<void>;

  constructor(
    private readonly config: RelayConfig,
    private readonly logger: MessagingLogger,
  ) {
    this.metrics = new RelayMetrics(() => this.countBehind());
  }

  async start(): Promise<void> {
    // Health first, so an orchestrator sees "up, not ready" while dependencies are awaited.
    this.http = await startHealthServer(this.config.RELAY_HTTP_PORT, this.metrics.registry, {
      readiness: () => {
        const checks = { nats: this.nats?.isReady() ?? false, store: this.store !== undefined };
        const ready = checks.nats && checks.store && (this.role === 'active' || this.role === 'standby');
        return { ready, role: this.role, checks };
      },
    });
    this.running = this.run();
  }

  /** Settles when the relay stops; rejects on an error it cannot recover from. */
  get done(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  get httpPort(): number {
    const addr = this.http?.address();
    return typeof addr === 'object' && addr ? addr.port : this.config.RELAY_HTTP_PORT;
  }

  async stop(): Promise<void> {
    this.role = 'stopping';
    this.stopController.abort();
    await this.running?.catch(() => undefined);
    await this.store?.close().catch(() => undefined);
    await this.nats?.close().catch(() => undefined);
    await new Promise<void>((resolve) => (this.http ? this.http.close(() => resolve()) : resolve()));
  }

  private async run(): Promise<void> {
    const stop = this.stopController.signal;
    const c = this.config;
    this.nats = await ManagedNatsConnection.connect({
      url: c.NATS_URL,
      name: 'relay',
      nkeySeed: c.NATS_NKEY_SEED,
      logger: this.logger,
      signal: stop,
      // Async traces allocate an Error per request: a third of the relay's CPU per event.
      options: { noAsyncTraces: true },
    });
    await untilDone('JetStream stream setup', this.logger, stop, () =>
      ensureJetStream(this.nats!.connection, {
        streams: [
          { name: c.RELAY_EVENTS_STREAM, subjects: [`${c.RELAY_SUBJECT_PREFIX}.>`], duplicateWindowMs: DEFAULT_DUPLICATE_WINDOW_MS },
        ],
      }),
    );
    this.store = await untilDone('event store connect', this.logger, stop, () =>
      process.env.EVENT_STORE === 'kurrentdb'
        ? openEventStore(eventStoreSettingsFromEnv(process.env, c.DATABASE_URL))
        : PostgresEventStore.create({
            connectionString: c.DATABASE_URL,
            pollIntervalMs: c.RELAY_STORE_POLL_MS,
            subscriptionBatchSize: c.RELAY_STORE_BATCH,
          }),
    );
    if (!this.store || stop.aborted) return;
    const publisher = new PipelinedJetStreamPublisher(this.nats.connection);
    const checkpoints = new RelayCheckpointStore(c.RELAY_NAME);
    const lock = new AdvisoryLeaderLock(c.DATABASE_URL, c.RELAY_NAME, c.RELAY_LOCK_POLL_MS, this.logger);

    for (let failures = 0; !stop.aborted;) {
      this.role = 'standby';
      const session = await lock.acquire(stop);
      if (!session) return;
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
        await assertMigrated(session.client); // the schema is `npm run migrate`'s, never the relay's
        const after = await checkpoints.load(session.client);
        this.pipeline = new RelayPipeline({
          store: this.store,
          publish: (e) => publishTraced(publisher, eventSubject(e, c.RELAY_SUBJECT_PREFIX), e),
          saveCheckpoint: (p) => checkpoints.save(session.client, p),
          onAcked: (e, ack) => this.onAcked(e, ack.duplicate),
          maxInFlight: c.RELAY_MAX_IN_FLIGHT,
          checkpointIntervalMs: c.RELAY_CHECKPOINT_INTERVAL_MS,
          catchUpPageSize: c.RELAY_STORE_BATCH,
        });
        await this.pipeline.run(after, runStop.signal);
        failures = 0;
      } catch (e) {
        failures++;
        this.metrics.publishFailures.inc();
        this.logger.error(
          { relay: c.RELAY_NAME, err: e instanceof Error ? e.message : String(e) },
          'Relay run failed; restarting from the last checkpoint',
        );
      } finally {
        session.lost.removeEventListener('abort', onLost);
        stop.removeEventListener('abort', onStop);
        this.metrics.active.set(0);
        await session.release();
      }
      if (failures > 0) await sleep(backoffDelay(failures, { baseMs: 200, maxMs: 10_000, jitter: 0.2 }), stop);
    }
    publisher.close();
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
}

/**
 * Publishes inside a PRODUCER span whose parent is the span that appended the event (its stored
 * traceparent), and puts that span in the headers: the consumer's trace then runs append → relay →
 * consumer. Without a tracer provider the span is a no-op and the stored traceparent passes as is.
 */
function publishTraced(publisher: PipelinedJetStreamPublisher, subject: string, e: RecordedEvent): Promise<PubAck> {
  const parent = contextFromTraceparent(e.metadata.traceparent);
  const span = tracer().startSpan(
    `${subject} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject, 'messaging.message.id': e.metadata.eventId },
    },
    parent,
  );
  const h = natsHeaders();
  for (const [k, v] of Object.entries(traceHeaders(trace.setSpan(parent, span)))) h.set(k, v);
  if (!h.has('tracestate') && e.metadata.tracestate) h.set('tracestate', e.metadata.tracestate);
  h.set('Adminduk-Event-Type', e.type);
  h.set('Adminduk-Stream-Id', e.streamId);
  return publisher.publish(subject, encodeWireEvent(e), { msgId: e.metadata.eventId, headers: h }).then(
    (ack) => {
      span.end();
      return ack;
    },
    (err: unknown) => {
      failSpan(span, err);
      span.end();
      throw err;
    },
  );
}

/** Retries a start-up step until it passes; undefined when the relay is stopped first. */
async function untilDone<T>(what: string, logger: MessagingLogger, stop: AbortSignal, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await retry(fn, {
      backoff: DEFAULT_CONNECT_BACKOFF,
      signal: stop,
      onFailure: (e) =>
        logger.warn({ step: what, err: e instanceof Error ? e.message : String(e) }, `${what} failed; retrying with backoff`),
    });
  } catch (e) {
    if (e instanceof RetryAbortedError) return undefined;
    throw e;
  }
}
