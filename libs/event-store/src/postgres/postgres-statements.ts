import { stripChain } from '../envelope/hash-chain';
import type { NewEvent, RecordedEvent } from '../envelope/event-envelope';
import type { AppendResult } from '../event-store.port';
import { quoteIdent } from './postgres-schema';

/** The SQL of PostgresEventStore and the rows it reads back, kept apart from its append logic. */

export interface AppendRow {
  outcome: 'appended' | 'duplicate' | 'conflict' | 'retry';
  head: string;
  commit_id: string | null;
  last_position: string | null;
  last_hash: string | null;
}

export interface EventRow {
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

/** An INSERT's data ($5) and metadata ($6) as stored and hashed (version 2 says so in its metadata). */
const V2_CONTENT = `SELECT $5::jsonb AS data, $6::jsonb || '{"hashVersion": 2}'::jsonb AS metadata`;

const EVENT_COLUMNS = 'transaction_id::text, position, stream_id, revision, type, data, metadata, prev_hash, hash';

export type EventStoreStatements = ReturnType<typeof eventStoreStatements>;

/** The store's statements on the es_events table of `schema`. */
export function eventStoreStatements(schema: string) {
  const s = quoteIdent(schema);
  const t = `${s}.es_events`;
  const insert = `INSERT INTO ${t} (stream_id, revision, event_id, type, data, metadata, prev_hash, hash)`;
  return {
    // A taken revision or a stored event id fails the INSERT with a unique violation, which the store
    // reads as "not this way" (the function path tells which) and which keeps its connection. Not ON
    // CONFLICT DO NOTHING: its speculative insertion (a probe of each unique index first, a token lock,
    // a confirmation record) cost every append, to spare the rare conflict an error.
    // The hash (version 2, migration 1765350000005) is computed here by the store's own functions,
    // over the metadata as stored: the writer's with "hashVersion": 2.
    insertKnownHead: `${insert}
      SELECT $1, $2::bigint, $3::uuid, $4, x.data, x.metadata, $7, ${s}.es_event_hash($7, ${s}.es_event_content($1, $2::bigint, $4, x.data, x.metadata))
        FROM (${V2_CONTENT}) x
      RETURNING transaction_id::text AS commit_id, position AS last_position, hash AS last_hash`,
    // Head, check and insert in one statement. Safe without the function's ordering guard: in its
    // own transaction the statement's xid is assigned after its snapshot, so after the head's.
    // (Both INSERTs take the store's frontier lock through es_events' statement trigger.)
    insertReadingHead: `${insert}
      SELECT $1, $2::bigint + 1, $3::uuid, $4, x.data, x.metadata, p.hash,
             ${s}.es_event_hash(p.hash, ${s}.es_event_content($1, $2::bigint + 1, $4, x.data, x.metadata))
        FROM (SELECT h.revision, h.hash FROM ${t} h WHERE h.stream_id = $1 ORDER BY h.revision DESC LIMIT 1) p, (${V2_CONTENT}) x
       WHERE p.revision = $2::bigint
      RETURNING transaction_id::text AS commit_id, position AS last_position, hash AS last_hash`,
    appendEvents: `SELECT outcome, head, commit_id::text, last_position, last_hash FROM ${s}.es_append_events($1, $2, $3, $4::jsonb)`,
    // es_read_all reads below the store's frontier (migration 1765350000004): committed rows of
    // transactions that can no longer add any below it. ORDER BY names the xid8 column: a bare
    // `transaction_id` would be the text output column and sort "9999" after "10000".
    readAll: `SELECT ${EVENT_COLUMNS} FROM ${s}.es_read_all($1::text::xid8, $2::bigint, $3) e ORDER BY e.transaction_id, e.position`,
    readForwards: `SELECT ${EVENT_COLUMNS} FROM ${t} WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
    readBackwards: `SELECT ${EVENT_COLUMNS} FROM ${t} WHERE stream_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`,
    pending: `SELECT ${s}.es_pending() AS pending`,
    headRevision: `SELECT max(revision) AS revision FROM ${t} WHERE stream_id = $1`,
    existing: `SELECT transaction_id::text, position, event_id::text FROM ${t} WHERE stream_id = $1 AND event_id = ANY($2::uuid[])`,
  };
}

/** A write's result; the 'duplicate' outcome marks it alreadyStored. */
export function appendResult(head: number, row: Pick<AppendRow, 'commit_id' | 'last_position'>): AppendResult {
  return {
    nextExpectedRevision: head,
    position: { commit: BigInt(row.commit_id!), prepare: BigInt(row.last_position!) },
    alreadyStored: false,
  };
}

/**
 * The es_append_events function's JSON argument: each event's id, type, data and metadata. The
 * function computes the hashes (version 2); the stream and base revision are the call's own.
 */
export function appendPayload(_streamId: string, events: readonly NewEvent[], _base: number): string {
  return JSON.stringify(events.map((e) => ({ id: e.metadata.eventId, type: e.type, data: e.data, metadata: stripChain(e.metadata) })));
}

export function toRecorded(r: EventRow): RecordedEvent {
  return {
    streamId: r.stream_id,
    revision: Number(r.revision),
    position: { commit: BigInt(r.transaction_id), prepare: BigInt(r.position) },
    type: r.type,
    data: r.data,
    metadata: { ...(r.metadata as object), prevHash: r.prev_hash, hash: r.hash } as RecordedEvent['metadata'],
  };
}
