import type { ClientBase } from 'pg';
import { GENESIS_HASH } from '@adminduk/event-store';
import { checkStreams, type StreamState } from './chain-check';
import type { Finding } from './finding';
import { toRow, type RawRow } from './postgres-log-reader';

/**
 * The chain check of `adminduk audit verify`, in PostgreSQL (decision 0029). Two scans find the
 * streams that need a closer look; only those are read into Node, where checkEvent names what is
 * wrong exactly as it always has:
 * - content: every event of hash version 2 hashed by the store's own es_event_hash over
 *   es_event_content (C code, parallel workers); a stream with an event that fails, or with an
 *   event of version 1 (canonical JSON, which only Node computes), is suspect;
 * - links: each stream's events in global order, each after the one before (revision + 1, prevHash
 *   = its hash), the first at revision 0 from the genesis hash; a stream where one is not, is suspect.
 * Nothing but the suspects' ids comes back: an intact log of version 2 sends no event to Node.
 */

/** Which events: those after a global position (verification resumed at a checkpoint), or one stream's. */
export interface ChainScope {
  after: string | null;
  streamId?: string;
}

const V2 = `e.metadata->'hashVersion' = '2'::jsonb`;
const HASH_V2 = `es_event_hash(e.prev_hash, es_event_content(e.stream_id, e.revision, e.type, e.data, e.metadata))`;
// decode() raises on a prevHash that is not hex: tampering, named by checkEvent, never a failed verify.
const HEX_PREV = `length(e.prev_hash) = 64 AND ltrim(e.prev_hash, '0123456789abcdefABCDEF') = ''`;
const INVALID_PARAMETER_VALUE = '22023';

/** True when the schema has the version-2 hash functions (migration 1765350000005); before it every event is version 1. */
export async function hasHashV2(db: ClientBase): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(
    `SELECT to_regprocedure(quote_ident(current_schema()) || '.es_event_content(text, bigint, text, jsonb, jsonb)') IS NOT NULL AS ok`,
  );
  return rows[0].ok;
}

function scopeWhere(scope: ChainScope, values: unknown[]): string {
  const [commit, prepare] = scope.after ? scope.after.split('/') : ['0', '-1'];
  values.push(commit, prepare);
  const [c, p] = [`$${values.length - 1}::text::xid8`, `$${values.length}::bigint`];
  // The bound on transaction_id alone helps the planner's estimate of a row comparison's range.
  let where = `e.transaction_id >= ${c} AND (e.transaction_id, e.position) > (${c}, ${p})`;
  if (scope.streamId !== undefined) {
    values.push(scope.streamId);
    where += ` AND e.stream_id = $${values.length}`;
  }
  return where;
}

/** Streams with an event whose content is not intact, or of version 1 (checked in Node). */
export async function contentSuspects(db: ClientBase, scope: ChainScope, v2: boolean): Promise<string[]> {
  const values: unknown[] = [];
  const where = scopeWhere(scope, values);
  const sql = (failing: string) => `SELECT e.stream_id FROM es_events e WHERE ${where} AND ${failing} GROUP BY e.stream_id`;
  if (!v2) return (await db.query<{ stream_id: string }>(sql('true'), values)).rows.map((r) => r.stream_id);
  const fast = sql(`CASE WHEN ${V2} THEN ${HASH_V2} <> e.hash ELSE true END`);
  const guarded = sql(`CASE WHEN ${V2} THEN CASE WHEN ${HEX_PREV} THEN ${HASH_V2} <> e.hash ELSE true END ELSE true END`);
  const { rows } = await withFallback(
    db,
    INVALID_PARAMETER_VALUE,
    () => db.query<{ stream_id: string }>(fast, values),
    () => db.query<{ stream_id: string }>(guarded, values),
  );
  return rows.map((r) => r.stream_id);
}

/** Streams whose events do not follow on from each other in global order. */
export async function linkSuspects(db: ClientBase, scope: ChainScope): Promise<string[]> {
  const values: unknown[] = [];
  const where = scopeWhere(scope, values);
  // Resumed at a checkpoint, a stream's first event there is taken as it stands (its predecessor is before the start).
  // COLLATE "C": the partitions only need equal ids together; byte order sorts faster than the database's collation.
  const first = scope.after ? 'false' : `x.revision <> 0 OR x.prev_hash <> '${GENESIS_HASH}'`;
  const { rows } = await db.query<{ stream_id: string }>(
    `SELECT DISTINCT x.stream_id FROM (
       SELECT e.stream_id, e.revision, e.prev_hash,
              lag(e.revision) OVER w AS before_revision, lag(e.hash) OVER w AS before_hash
         FROM es_events e WHERE ${where}
       WINDOW w AS (PARTITION BY e.stream_id COLLATE "C" ORDER BY e.transaction_id, e.position)) x
      WHERE CASE WHEN x.before_revision IS NULL THEN ${first}
                 ELSE x.revision <> x.before_revision + 1 OR x.prev_hash <> x.before_hash END`,
    values,
  );
  return rows.map((r) => r.stream_id);
}

const RECHECK_BATCH = 500;

/** The suspect streams read in full (in batches of streams) and checked event by event: the findings. */
export async function recheckStreams(db: ClientBase, streams: readonly string[], scope: ChainScope, v2: boolean): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (let i = 0; i < streams.length; i += RECHECK_BATCH) {
    const values: unknown[] = [streams.slice(i, i + RECHECK_BATCH)];
    const where = scopeWhere({ ...scope, streamId: undefined }, values);
    const ok = v2 ? `CASE WHEN ${V2} THEN CASE WHEN ${HEX_PREV} THEN ${HASH_V2} = e.hash ELSE false END END` : 'NULL::boolean';
    const { rows } = await db.query<RawRow>({
      text: `SELECT e.transaction_id::text, e.position::text, e.stream_id, e.revision::int, e.event_id::text, e.type, e.data, e.metadata,
                    e.prev_hash, e.hash, ${ok} AS content_ok
               FROM es_events e WHERE e.stream_id = ANY($1) AND ${where}
              ORDER BY e.stream_id, e.transaction_id, e.position`,
      values,
      rowMode: 'array',
    });
    findings.push(...checkStreams(rows.map(toRow), scope.after !== null, new Map<string, StreamState>()));
  }
  return findings;
}

/** Runs `fast`; when it fails with `code`, rolls back to before it and runs `slow` instead. */
export async function withFallback<T>(db: ClientBase, code: string, fast: () => Promise<T>, slow: () => Promise<T>): Promise<T> {
  await db.query('SAVEPOINT adminduk_fast');
  try {
    const result = await fast();
    await db.query('RELEASE SAVEPOINT adminduk_fast');
    return result;
  } catch (e) {
    if ((e as { code?: string }).code !== code) throw e;
    await db.query('ROLLBACK TO SAVEPOINT adminduk_fast');
    return slow();
  }
}
