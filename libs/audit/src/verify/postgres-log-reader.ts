import type { ClientBase } from 'pg';
import type { LogRow } from './chain-check';

const COLUMNS = `transaction_id::text, position::text, stream_id, revision::int, event_id::text, type, data, metadata, prev_hash, hash`;

/** The COLUMNS in order, and optionally whether PostgreSQL found the content hash right (chain-scan). */
export type RawRow = [string, string, string, number, string, string, unknown, Record<string, unknown>, string, string, (boolean | null)?];

export const toRow = (r: RawRow): LogRow => ({
  commit: BigInt(r[0]),
  prepare: BigInt(r[1]),
  streamId: r[2],
  revision: r[3],
  eventId: r[4],
  type: r[5],
  data: r[6],
  metadata: r[7],
  prevHash: r[8],
  hash: r[9],
  contentOk: r[10] ?? undefined,
});

export interface ReadLogOptions {
  /** Only events after this global position (commit/prepare)… */
  after?: string | null;
  /** …and up to and including this one. */
  upTo?: string | null;
  /** Only this stream, by revision (a chain check without the global checkpoints). */
  streamId?: string;
  batchSize?: number;
}

/**
 * The event log read straight from es_events, in pages by key (global order, or one stream's
 * revisions), with the next page read while the caller works on the current one. Call inside a
 * REPEATABLE READ transaction so all pages see one snapshot.
 */
export async function* readLog(db: ClientBase, o: ReadLogOptions = {}): AsyncGenerator<LogRow[]> {
  const batch = o.batchSize ?? 5000;
  const read = async (cursor: LogRow | null): Promise<LogRow[]> => {
    const { rows } = o.streamId
      ? await db.query<RawRow>({
          text: `SELECT ${COLUMNS} FROM es_events WHERE stream_id = $1 AND revision > $2 ORDER BY revision LIMIT $3`,
          values: [o.streamId, cursor?.revision ?? -1, batch],
          rowMode: 'array',
        })
      : await db.query<RawRow>({
          text: `SELECT ${COLUMNS} FROM es_events e WHERE (e.transaction_id, e.position) > ($1::text::xid8, $2::bigint)
                   AND (e.transaction_id, e.position) <= ($4::text::xid8, $5::bigint)
                 ORDER BY e.transaction_id, e.position LIMIT $3`,
          values: [...(cursor ? [String(cursor.commit), String(cursor.prepare)] : startOf(o.after)), batch, ...endOf(o.upTo)],
          rowMode: 'array',
        });
    return rows.map(toRow);
  };
  let next = read(null);
  for (;;) {
    const page = await next;
    if (page.length === batch) next = read(page[page.length - 1]);
    if (page.length) yield page;
    if (page.length < batch) return;
  }
}

function startOf(after: string | null | undefined): [string, string] {
  return after ? parsePosition(after) : ['0', '-1'];
}

function endOf(upTo: string | null | undefined): [string, string] {
  // The largest xid8 and bigint: no upper bound.
  return upTo ? parsePosition(upTo) : ['18446744073709551615', '9223372036854775807'];
}

function parsePosition(p: string): [string, string] {
  const m = /^(\d+)\/(-?\d+)$/.exec(p);
  if (!m) throw new RangeError(`not a global position (commit/prepare): ${p}`);
  return [m[1], m[2]];
}

/** An estimate of the events in the log, for the progress bar (planner statistics: no scan). */
export async function estimatedEventCount(db: ClientBase): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = to_regclass(quote_ident(current_schema()) || '.es_events')`,
  );
  return Math.round(rows[0]?.n ?? 0);
}
