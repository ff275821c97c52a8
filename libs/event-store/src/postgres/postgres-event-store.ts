import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { GlobalPosition, NewEvent, RecordedEvent } from '../envelope/event-envelope';
import { START } from '../envelope/event-envelope';
import { GENESIS_HASH, stripChain } from '../envelope/hash-chain';
import { WrongExpectedStateError } from '../errors';
import type {
  AppendResult,
  EventStore,
  ExpectedState,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import type { PostgresEventStoreOptions } from './postgres-options';
import { requireSchema } from './postgres-schema';
import {
  appendPayload,
  appendResult,
  eventStoreStatements,
  toRecorded,
  type AppendRow,
  type EventRow,
  type EventStoreStatements,
} from './postgres-statements';
import { withHeldClient } from './postgres-held-client';
import { createPool } from './postgres-pool';
import { pollingSubscription } from './postgres-subscription';
import { PostgresListener, PostgresNotifier } from './postgres-wake';
import { StreamHeadCache } from './stream-head-cache';

export type { PostgresEventStoreOptions } from './postgres-options';

const MAX_RETRIES = 20;
const SERIALIZATION_FAILURE = '40001';
const UNIQUE_VIOLATION = '23505';

/**
 * Event store on PostgreSQL (libs/migrations creates its table and append function).
 *
 * Every append is one statement, hence one round trip and its own transaction. The common case,
 * one event with a known expected head, is a plain INSERT: for 'no_stream' the predecessor is
 * GENESIS, and for an exact revision whose hash this store has seen (it appended or read that
 * event) no head read is needed; the unique (stream_id, revision) key refuses a concurrent writer.
 * 'any' on a head whose hash this store knows takes the same INSERT. Without the hash at hand the
 * INSERT reads the head itself; anything unusual (a wrong head, a re-append, several events, 'any'
 * on an unknown head) goes through the es_append_events function, which tells which.
 */
export class PostgresEventStore implements EventStore {
  /** Every re-append ends in the 'duplicate' outcome or existingResult(), both of which say so. */
  readonly reportsAlreadyStored = true;
  private readonly sql: EventStoreStatements;
  /** Named statements are prepared per connection; the suffix keeps apart stores of several schemas on one server. */
  private readonly statementSuffix: string;
  private readonly subscriptions = new Set<Subscription>();
  private readonly heads: StreamHeadCache;

  private constructor(
    private readonly pool: Pool,
    schema: string,
    private readonly notifier: PostgresNotifier,
    private readonly listener: PostgresListener,
    private readonly options: Required<Pick<PostgresEventStoreOptions, 'pollIntervalMs' | 'subscriptionBatchSize' | 'streamHeadCacheSize'>>,
  ) {
    this.statementSuffix = createHash('sha1').update(schema).digest('hex').slice(0, 12);
    this.heads = new StreamHeadCache(options.streamHeadCacheSize);
    this.sql = eventStoreStatements(schema);
  }

  /** Connects, checks the schema objects exist (in the search_path's first schema) and returns the store. */
  static async create(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const {
      pollIntervalMs = 500,
      notifyIntervalMs = 25,
      subscriptionBatchSize = 500,
      streamHeadCacheSize = 10_000,
      ...poolConfig
    } = options;
    const pool = createPool(poolConfig);
    try {
      const schema = await requireSchema(pool);
      const db = (await pool.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
      // NOTIFY channels are identifiers (at most 63 bytes): name it by a digest of database and schema.
      const channel = `es_events_${createHash('sha1').update(`${db}\0${schema}`).digest('hex').slice(0, 24)}`;
      return new PostgresEventStore(
        pool,
        schema,
        new PostgresNotifier(poolConfig, channel, notifyIntervalMs),
        new PostgresListener(poolConfig, channel, pollIntervalMs),
        { pollIntervalMs, subscriptionBatchSize, streamHeadCacheSize },
      );
    } catch (e) {
      await pool.end();
      throw e;
    }
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedState): Promise<AppendResult> {
    const result = await this.append(streamId, events, expected);
    this.notifier.wake();
    return result;
  }

  private async append(streamId: string, events: readonly NewEvent[], expected: ExpectedState): Promise<AppendResult> {
    if (events.length === 0) return this.checkOnly(streamId, expected);
    const kind = typeof expected === 'string' ? expected : 'exact';
    // The writer's idea of the head: exact for 'no_stream' and a revision; for 'any' and
    // 'stream_exists' a first guess that the function corrects (outcome 'retry') when wrong.
    let base = typeof expected === 'object' ? expected.revision : kind === 'no_stream' ? -1 : (this.heads.latestRevision(streamId) ?? -1);
    // One event on an exact head, or at 'any' head this store knows the hash of (a record-only stream
    // it appended to before): a plain INSERT; a head moved on by another writer falls through to the function.
    const knownHead = kind === 'exact' || kind === 'no_stream' || (kind === 'any' && this.heads.hashAt(streamId, base) !== undefined);
    if (events.length === 1 && knownHead) {
      const done = await this.appendOne(streamId, events[0], base);
      if (done) return done;
    }
    for (let attempt = 0; ; attempt++) {
      let row: AppendRow;
      try {
        row = (
          await this.query<AppendRow>('append_events', this.sql.appendEvents, [streamId, kind, base, appendPayload(streamId, events, base)])
        ).rows[0];
      } catch (e) {
        // A concurrent writer taking the same revision is the function's 'conflict' or 'retry' outcome.
        const { code, constraint } = e as { code?: string; constraint?: string };
        if (code === SERIALIZATION_FAILURE && attempt < MAX_RETRIES) continue;
        if (code === UNIQUE_VIOLATION && constraint === 'es_events_event_id') {
          const existing = await this.existingResult(streamId, events);
          if (existing) return existing;
          // Some ids stored, others not, on a head the writer did not expect: the expected state is
          // what is wrong (e.g. a retried command that now decides more events than it first did).
          const head = await this.headRevision(streamId);
          if ((kind === 'exact' || kind === 'no_stream') && head !== base) throw new WrongExpectedStateError(streamId, expected, head);
        }
        throw e;
      }
      const head = Number(row.head);
      switch (row.outcome) {
        case 'appended':
          this.heads.remember(streamId, head, row.last_hash!);
          return appendResult(head, row);
        case 'duplicate':
          return { ...appendResult(head, row), alreadyStored: true };
        case 'conflict':
          throw new WrongExpectedStateError(streamId, expected, head);
        case 'retry':
          if (attempt >= MAX_RETRIES) throw new WrongExpectedStateError(streamId, expected, head);
          base = head;
      }
    }
  }

  /** One event on a head of `base` (-1: no stream) as one INSERT; null when that is not the head (or on a re-append). */
  private async appendOne(streamId: string, e: NewEvent, base: number): Promise<AppendResult | null> {
    const metadata = stripChain(e.metadata);
    const revision = base + 1;
    const prevHash = base < 0 ? GENESIS_HASH : this.heads.hashAt(streamId, base);
    // The statement hashes (version 2, over PostgreSQL's text of the stored jsonb, whatever the key
    // order sent) and returns the hash for the head cache: plain JSON.stringify, as appendPayload.
    const event = [metadata.eventId, e.type, JSON.stringify(e.data ?? null), JSON.stringify(metadata)];
    // No row (another head) or a unique violation (a taken revision, a known event id): the function
    // path tells a conflict from a re-append.
    const rows = prevHash
      ? await this.insertOrNull<AppendRow>('insert_known_head', this.sql.insertKnownHead, [streamId, revision, ...event, prevHash])
      : await this.insertOrNull<AppendRow>('insert_reading_head', this.sql.insertReadingHead, [streamId, base, ...event]);
    if (!rows || rows.length === 0) return null;
    this.heads.remember(streamId, revision, rows[0].last_hash!);
    return appendResult(revision, rows[0]);
  }

  /** The event ids are all in this stream already (an append that raced its own retry): a no-op. */
  private async existingResult(streamId: string, events: readonly NewEvent[]): Promise<AppendResult | null> {
    const ids = events.map((e) => e.metadata.eventId.toLowerCase());
    const { rows } = await this.query<{ transaction_id: string; position: string; event_id: string }>('existing', this.sql.existing, [
      streamId,
      ids,
    ]);
    if (rows.length !== ids.length) return null;
    const last = rows.find((r) => r.event_id === ids[ids.length - 1])!;
    return {
      nextExpectedRevision: await this.headRevision(streamId),
      position: { commit: BigInt(last.transaction_id), prepare: BigInt(last.position) },
      alreadyStored: true,
    };
  }

  private async checkOnly(streamId: string, expected: ExpectedState): Promise<AppendResult> {
    const [last] = await this.readStreamWith(streamId, { direction: 'backwards', maxCount: 1 });
    const head = last ? last.revision : -1;
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && head < 0) ||
      (expected === 'stream_exists' && head >= 0) ||
      (typeof expected === 'object' && expected.revision === head);
    if (!ok) throw new WrongExpectedStateError(streamId, expected, head);
    return { nextExpectedRevision: head, position: last ? last.position : START };
  }

  private async headRevision(streamId: string): Promise<number> {
    const { rows } = await this.query<{ revision: string | null }>('head_revision', this.sql.headRevision, [streamId]);
    return rows[0].revision === null ? -1 : Number(rows[0].revision);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events = await this.readStreamWith(streamId, options);
    // What a command handler just read is what it appends after: remember the newest hash.
    const newest = options.direction === 'backwards' ? events[0] : events[events.length - 1];
    if (newest) this.heads.remember(streamId, newest.revision, newest.metadata.hash);
    return events;
  }

  private async readStreamWith(streamId: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const { rows } = await this.query<EventRow>(
      backwards ? 'read_backwards' : 'read_forwards',
      backwards ? this.sql.readBackwards : this.sql.readForwards,
      [streamId, from, options.maxCount ?? null],
    );
    return rows.map(toRecorded);
  }

  /**
   * Events strictly after `after`, in global order, only below the store's frontier (older than every
   * transaction still appending to this store; other transactions on the server do not count): a
   * later call never returns an event that sorts before one already returned.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after: GlobalPosition = options.after ?? START;
    // xid8 has no negative values; (0, -1) sorts before every stored row.
    const start = after.commit < 0n;
    const { rows } = await this.query<EventRow>('read_all', this.sql.readAll, [
      start ? '0' : after.commit.toString(),
      start ? '-1' : after.prepare.toString(),
      options.maxCount ?? null,
    ]);
    return rows.map(toRecorded);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    const inner = pollingSubscription(
      {
        readAll: (o) => this.readAll(o),
        hasPending: async () => (await this.query<{ pending: boolean }>('pending', this.sql.pending, [])).rows[0].pending,
        wake: this.listener,
        pollIntervalMs: this.options.pollIntervalMs,
        batchSize: this.options.subscriptionBatchSize,
      },
      options,
    );
    const subscription: Subscription = {
      close: async () => {
        this.subscriptions.delete(subscription);
        await inner.close();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.notifier.close();
    await this.listener.close();
    await this.pool.end();
  }

  /** An INSERT whose unique violation is an outcome (null), not an error: the connection is kept (pool.query() would close it and the next query fork a new backend). */
  private insertOrNull<R extends object>(name: string, text: string, values: unknown[]): Promise<R[] | null> {
    return withHeldClient(this.pool, async (client) => {
      try {
        return (await client.query<R>({ name: `es_${name}_${this.statementSuffix}`, text, values })).rows;
      } catch (e) {
        if ((e as { code?: string }).code === UNIQUE_VIOLATION) return null;
        throw e;
      }
    });
  }

  private query<R extends object>(name: string, text: string, values: unknown[]) {
    return this.pool.query<R>({ name: `es_${name}_${this.statementSuffix}`, text, values });
  }
}
