import { createHash } from 'node:crypto';
import { Pool, type ClientBase, type PoolConfig } from 'pg';
import type { GlobalPosition, NewEvent, RecordedEvent } from '../envelope/event-envelope';
import { START } from '../envelope/event-envelope';
import { canonicalContent, contentHash, GENESIS_HASH, stripChain } from '../envelope/hash-chain';
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
import { migrate, quoteIdent } from './postgres-schema';
import { pollingSubscription } from './postgres-subscription';
import { PostgresListener, PostgresNotifier } from './postgres-wake';

export interface PostgresEventStoreOptions extends PoolConfig {
  /** Fallback poll of live subscriptions when no NOTIFY arrives. Default 500 ms. */
  pollIntervalMs?: number;
  /** At most one NOTIFY per this interval while appends keep coming. Default 10 ms. */
  notifyIntervalMs?: number;
  /** Page size of subscription catch-up. Default 500. */
  subscriptionBatchSize?: number;
}

interface AppendRow {
  outcome: 'appended' | 'duplicate' | 'conflict' | 'retry';
  head: string;
  commit_id: string | null;
  last_position: string | null;
}

interface EventRow {
  transaction_id: string;
  position: string;
  stream_id: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const MAX_RETRIES = 20;
const SERIALIZATION_FAILURE = '40001';
const UNIQUE_VIOLATION = '23505';

/**
 * Event store on PostgreSQL (see postgres-schema.ts for the table and the append function).
 * An append is one statement, hence one round trip and its own transaction.
 */
export class PostgresEventStore implements EventStore {
  private readonly t: string;
  private readonly appendSql: string;
  private readonly readAllSql: string;
  private readonly appendOneSql: string;
  private readonly statementSuffix: string;
  private readonly subscriptions = new Set<Subscription>();

  private constructor(
    private readonly pool: Pool,
    schema: string,
    private readonly notifier: PostgresNotifier,
    private readonly listener: PostgresListener,
    private readonly options: Required<Pick<PostgresEventStoreOptions, 'pollIntervalMs' | 'subscriptionBatchSize'>>,
  ) {
    const s = quoteIdent(schema);
    // Named (prepared) statements are per connection; a caller's client may serve several stores.
    this.statementSuffix = createHash('sha1').update(schema).digest('hex').slice(0, 12);
    this.t = `${s}.es_events`;
    this.appendSql = `SELECT outcome, head, commit_id::text, last_position FROM ${s}.es_append($1, $2, $3, $4::jsonb)`;
    // Head, check and insert in one statement. Safe without the function's ordering guard: in its
    // own transaction, this statement's xid is assigned after its snapshot, so after the head's.
    this.appendOneSql = `INSERT INTO ${this.t} (stream_id, revision, event_id, type, data, metadata, prev_hash, hash)
      SELECT $1, $2::bigint + 1, $3::uuid, $4, $5::jsonb, $6::jsonb, p.hash,
             encode(sha256(decode(p.hash, 'hex') || decode($7, 'hex')), 'hex')
        FROM (SELECT coalesce(h.revision, -1) AS revision, coalesce(h.hash, '${GENESIS_HASH}') AS hash
                FROM (SELECT 1) one
                LEFT JOIN (SELECT e.revision, e.hash FROM ${this.t} e WHERE e.stream_id = $1 ORDER BY e.revision DESC LIMIT 1) h ON true) p
       WHERE p.revision = $2::bigint
      RETURNING transaction_id::text AS commit_id, position AS last_position`;
    this.readAllSql = `SELECT transaction_id::text, position, stream_id, revision, type, data, metadata, prev_hash, hash
      FROM ${this.t}
      WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
        AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY transaction_id, position
      LIMIT $3`;
  }

  /** Connects, creates the schema objects if missing (in the search_path's first schema) and returns the store. */
  static async create(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const { pollIntervalMs = 500, notifyIntervalMs = 10, subscriptionBatchSize = 500, ...poolConfig } = options;
    const pool = new Pool(poolConfig);
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    try {
      const schema = await migrate(pool);
      const db = (await pool.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
      const channel = `es_events:${db}:${schema}`;
      return new PostgresEventStore(
        pool,
        schema,
        new PostgresNotifier(poolConfig, channel, notifyIntervalMs),
        new PostgresListener(poolConfig, channel, pollIntervalMs),
        { pollIntervalMs, subscriptionBatchSize },
      );
    } catch (e) {
      await pool.end();
      throw e;
    }
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedState): Promise<AppendResult> {
    const result = await this.append(this.pool, streamId, events, expected);
    this.notifier.wake();
    return result;
  }

  /**
   * Appends inside the caller's open transaction (e.g. beside an idempotency record), with the
   * same checks. Readers see the events once that transaction commits. Keep the transaction
   * short: until it ends, no reader of the global order sees anything appended after it began.
   * If the transaction's id predates the stream head's, this raises a serialization failure
   * (SQLSTATE 40001); retry the whole transaction.
   */
  async appendInTransaction(
    client: ClientBase,
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedState,
  ): Promise<AppendResult> {
    return this.append(client, streamId, events, expected, false);
  }

  /** Wakes this store's live subscribers; call after committing an appendInTransaction. */
  notifyAppended(): void {
    this.notifier.wake();
  }

  private async append(
    db: Pool | ClientBase,
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedState,
    autocommit = true,
  ): Promise<AppendResult> {
    if (events.length === 0) return this.checkOnly(db, streamId, expected);
    const kind = typeof expected === 'string' ? expected : 'exact';
    // The writer's guess of the head: exact for 'no_stream' and a revision; for the others a
    // first guess that the function corrects (outcome 'retry') when wrong.
    let base = typeof expected === 'string' ? -1 : expected.revision;
    const fast = autocommit && events.length === 1 && (kind === 'exact' || kind === 'no_stream');
    for (let attempt = 0; ; attempt++) {
      let row: AppendRow | null;
      try {
        // The common case (one event, known head) as a plain INSERT; anything unusual (a wrong
        // head, a re-append) falls through to the function, which tells which it is.
        row = fast && attempt === 0 ? await this.appendOne(streamId, events[0], base) : null;
        row ??= (
          await db.query<AppendRow>({
            name: `es_append_${this.statementSuffix}`,
            text: this.appendSql,
            values: [streamId, kind, base, this.payload(streamId, events, base)],
          })
        ).rows[0];
      } catch (e) {
        const code = (e as { code?: string }).code;
        const constraint = (e as { constraint?: string }).constraint;
        if (code === UNIQUE_VIOLATION && constraint === 'es_events_stream_revision') {
          // A concurrent writer took the same revision first.
          if (kind === 'exact' || kind === 'no_stream' || attempt >= MAX_RETRIES || !autocommit) {
            // Read through the pool: a caller's transaction is aborted by the error.
            throw new WrongExpectedStateError(streamId, expected, await this.headRevision(this.pool, streamId));
          }
          base = await this.headRevision(this.pool, streamId);
          continue;
        }
        if (code === SERIALIZATION_FAILURE && autocommit && attempt < MAX_RETRIES) continue;
        if (code === UNIQUE_VIOLATION && constraint === 'es_events_event_id' && autocommit) {
          const existing = await this.existingResult(db, streamId, events);
          if (existing) return existing;
        }
        throw e;
      }
      const head = Number(row.head);
      switch (row.outcome) {
        case 'appended':
        case 'duplicate':
          return { nextExpectedRevision: head, position: { commit: BigInt(row.commit_id!), prepare: BigInt(row.last_position!) } };
        case 'conflict':
          throw new WrongExpectedStateError(streamId, expected, head);
        case 'retry':
          if (attempt >= MAX_RETRIES) throw new WrongExpectedStateError(streamId, expected, head);
          base = head;
      }
    }
  }

  /** One event onto a stream whose head is `base` (-1: no stream): one INSERT, or null if the head differs. */
  private async appendOne(streamId: string, e: NewEvent, base: number): Promise<AppendRow | null> {
    const metadata = stripChain(e.metadata);
    const content = canonicalContent({ streamId, revision: base + 1, type: e.type, data: e.data, metadata });
    const { rows } = await this.pool.query<{ commit_id: string; last_position: string }>({
      name: `es_append_one_${this.statementSuffix}`,
      text: this.appendOneSql,
      values: [streamId, base, metadata.eventId, e.type, content.data, content.metadata, content.hash],
    });
    return rows.length === 1 ? { outcome: 'appended', head: String(base + 1), ...rows[0] } : null;
  }

  private payload(streamId: string, events: readonly NewEvent[], base: number): string {
    return JSON.stringify(
      events.map((e, i) => {
        const metadata = stripChain(e.metadata);
        return {
          id: metadata.eventId,
          type: e.type,
          data: e.data,
          metadata,
          contentHash: contentHash({ streamId, revision: base + 1 + i, type: e.type, data: e.data, metadata }),
        };
      }),
    );
  }

  /** The event ids are all in this stream already (an append that raced its own retry): a no-op. */
  private async existingResult(db: Pool | ClientBase, streamId: string, events: readonly NewEvent[]): Promise<AppendResult | null> {
    const ids = events.map((e) => e.metadata.eventId);
    const { rows } = await db.query<{ transaction_id: string; position: string; event_id: string }>(
      `SELECT transaction_id::text, position, event_id::text FROM ${this.t} WHERE stream_id = $1 AND event_id = ANY($2::uuid[])`,
      [streamId, ids],
    );
    if (rows.length !== ids.length) return null;
    const last = rows.find((r) => r.event_id === ids[ids.length - 1].toLowerCase())!;
    return {
      nextExpectedRevision: await this.headRevision(db, streamId),
      position: { commit: BigInt(last.transaction_id), prepare: BigInt(last.position) },
    };
  }

  private async checkOnly(db: Pool | ClientBase, streamId: string, expected: ExpectedState): Promise<AppendResult> {
    const [last] = await this.readStreamWith(db, streamId, { direction: 'backwards', maxCount: 1 });
    const head = last ? last.revision : -1;
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && head < 0) ||
      (expected === 'stream_exists' && head >= 0) ||
      (typeof expected === 'object' && expected.revision === head);
    if (!ok) throw new WrongExpectedStateError(streamId, expected, head);
    return { nextExpectedRevision: head, position: last ? last.position : START };
  }

  private async headRevision(db: Pool | ClientBase, streamId: string): Promise<number> {
    const { rows } = await db.query<{ revision: string }>(`SELECT max(revision) AS revision FROM ${this.t} WHERE stream_id = $1`, [streamId]);
    return rows[0].revision === null ? -1 : Number(rows[0].revision);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.readStreamWith(this.pool, streamId, options);
  }

  private async readStreamWith(db: Pool | ClientBase, streamId: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const limit = options.maxCount ?? null;
    const { rows } = await db.query<EventRow>(
      `SELECT transaction_id::text, position, stream_id, revision, type, data, metadata, prev_hash, hash
         FROM ${this.t}
        WHERE stream_id = $1 AND revision ${backwards ? '<=' : '>='} $2
        ORDER BY revision ${backwards ? 'DESC' : 'ASC'}
        LIMIT $3`,
      [streamId, from, limit],
    );
    return rows.map(toRecorded);
  }

  /**
   * Events strictly after `after`, in global order, only from transactions older than every one
   * still running: a later call never returns an event that sorts before one already returned.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after: GlobalPosition = options.after ?? START;
    // xid8 has no negative values; (0, -1) sorts before every stored row.
    const commit = after.commit < 0n ? '0' : after.commit.toString();
    const prepare = after.commit < 0n ? '-1' : after.prepare.toString();
    const { rows } = await this.pool.query<EventRow>({
      name: `es_read_all_${this.statementSuffix}`,
      text: this.readAllSql,
      values: [commit, prepare, options.maxCount ?? null],
    });
    return rows.map(toRecorded);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    const inner = pollingSubscription(
      {
        readAll: (o) => this.readAll(o),
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
}

function toRecorded(r: EventRow): RecordedEvent {
  return {
    streamId: r.stream_id,
    revision: Number(r.revision),
    position: { commit: BigInt(r.transaction_id), prepare: BigInt(r.position) },
    type: r.type,
    data: r.data,
    metadata: { ...(r.metadata as object), prevHash: r.prev_hash, hash: r.hash } as RecordedEvent['metadata'],
  };
}
