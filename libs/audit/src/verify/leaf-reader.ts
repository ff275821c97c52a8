import type { ClientBase } from 'pg';
import { eventLeaf } from '../merkle/merkle-hash';
import type { LinkRow } from './chain-check';
import { withFallback } from './chain-scan';

/** One segment of the log (after `after`, up to and including `upTo`; null: no bound). */
export interface SegmentRange {
  after: string | null;
  upTo: string | null;
}

export interface SegmentLeaves {
  count: number;
  /** The events' Merkle leaves in global order, 32 bytes each. */
  leaves: Buffer;
}

function rangeValues(r: SegmentRange): string[] {
  const [ac, ap] = r.after ? r.after.split('/') : ['0', '-1'];
  // The largest xid8 and bigint: no upper bound.
  const [uc, up] = r.upTo ? r.upTo.split('/') : ['18446744073709551615', '9223372036854775807'];
  return [ac, ap, uc, up];
}

// The bounds on transaction_id alone are implied by the row comparisons, but the planner estimates a
// row comparison's range poorly and scans the whole table for each segment without them.
const RANGE = `e.transaction_id >= $1::text::xid8 AND e.transaction_id <= $3::text::xid8
  AND (e.transaction_id, e.position) > ($1::text::xid8, $2::bigint) AND (e.transaction_id, e.position) <= ($3::text::xid8, $4::bigint)`;

/**
 * A segment's Merkle leaves, SHA-256(0x00 ‖ chain hash), computed by PostgreSQL in one statement
 * and sent as one bytea. A hash column that is not hex (tampering) makes decode() fail: then the
 * segment's hashes are read as text and hashed here (eventLeaf, as the checkpointer hashes them).
 */
export async function segmentLeaves(db: ClientBase, range: SegmentRange): Promise<SegmentLeaves> {
  const values = rangeValues(range);
  return withFallback(
    db,
    '22023',
    async () => {
      const { rows } = await db.query<{ n: number; leaves: Buffer | null }>(
        // In the order of the index scan (the subquery's ORDER BY needs no sort); an aggregate's own
        // ORDER BY would sort again. Out of order, the leaves could only fail to match a checkpoint.
        `SELECT count(*)::int AS n, string_agg(x.leaf, ''::bytea) AS leaves
           FROM (SELECT sha256('\\x00'::bytea || decode(e.hash, 'hex')) AS leaf FROM es_events e WHERE ${RANGE}
                  ORDER BY e.transaction_id, e.position) x`,
        values,
      );
      return { count: rows[0].n, leaves: rows[0].leaves ?? Buffer.alloc(0) };
    },
    async () => {
      const { rows } = await db.query<{ hash: string }>(
        `SELECT e.hash FROM es_events e WHERE ${RANGE} ORDER BY e.transaction_id, e.position`,
        values,
      );
      return { count: rows.length, leaves: Buffer.concat(rows.map((r) => eventLeaf(r.hash))) };
    },
  );
}

/** The events of a segment, to name an inserted one (only asked for a short segment). */
export async function segmentRefs(db: ClientBase, range: SegmentRange): Promise<LinkRow[]> {
  const { rows } = await db.query<{
    t: string;
    p: string;
    stream_id: string;
    revision: number;
    event_id: string;
    prev_hash: string;
    hash: string;
  }>(
    `SELECT e.transaction_id::text AS t, e.position::text AS p, e.stream_id, e.revision::int, e.event_id::text, e.prev_hash, e.hash
       FROM es_events e WHERE ${RANGE} ORDER BY e.transaction_id, e.position`,
    rangeValues(range),
  );
  return rows.map((r) => ({
    commit: BigInt(r.t),
    prepare: BigInt(r.p),
    streamId: r.stream_id,
    revision: r.revision,
    eventId: r.event_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}
