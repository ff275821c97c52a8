import type { MigrationInterface, QueryRunner } from 'typeorm';
import { currentSchema, EventStore1765350000000 } from './1765350000000-event-store';

/**
 * The global order's read frontier follows only the transactions that append to this store
 * (decision 0028). Before, readers stopped below pg_snapshot_xmin: the oldest transaction with an
 * xid anywhere on the server (another database, a projection's long transaction, a bench) hid every
 * event committed after it began.
 *
 * Writers: every insert into es_events first takes a shared transaction-level advisory lock whose
 * key names this schema (es_append_guard), BEFORE the transaction has an xid: es_append_events
 * calls it as its first statement, a statement trigger does it for every other INSERT (the
 * adapter's plain INSERTs, tests, tools). A transaction that already has an xid when it first
 * appends is refused (SQLSTATE 55000): its xid could sit below a frontier a reader already passed.
 * The adapter never does that (each append is its own single-statement transaction).
 *
 * Readers (es_read_all, es_pending): frontier = min(xmax of a snapshot S1, the xids of the backends
 * holding that lock), then rows below the frontier are read with a later snapshot S2. Why nothing
 * can still commit below it: a transaction X < xmax(S1) had its xid before S1; if it appends, it
 * took the lock before that, so it holds the lock from before S1 until after its commit or abort
 * is visible (locks are released after the proc array says it ended). If it still ran when the
 * lock holders were listed, the frontier would be <= X; it was not listed, so it had ended, and S2
 * sees its rows (or their absence). Under REPEATABLE READ one snapshot serves the whole
 * transaction, so there the old rule (xmin) stays.
 *
 * Also: two writers racing for one revision get the ordinary outcome ('conflict', or 'retry' for
 * 'any' and 'stream_exists') instead of a unique violation: the first INSERT is ON CONFLICT DO
 * NOTHING on (stream_id, revision), which waits for the other writer, then the head is read again.
 *
 * A later migration that redefines es_append_events keeps `PERFORM <schema>.es_append_guard();`
 * as its first statement (the trigger refuses its inserts otherwise: its xid came first).
 */
export class StoreFrontier1765350000004 implements MigrationInterface {
  name = 'StoreFrontier1765350000004';

  async up(q: QueryRunner): Promise<void> {
    const s = await currentSchema(q);
    const key = await frontierLockKey(q);
    for (const sql of [...guardSql(s, key), ...frontierSql(s, key)]) await q.query(sql);
  }

  /** Only the guard and its trigger as this migration made them (a later migration's down() uses it). */
  async guardUp(q: QueryRunner): Promise<void> {
    const s = await currentSchema(q);
    for (const sql of guardSql(s, await frontierLockKey(q))) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = await currentSchema(q);
    await q.query(`DROP TRIGGER IF EXISTS es_events_append_guard ON ${s}.es_events`);
    await q.query(`DROP FUNCTION IF EXISTS ${s}.es_events_append_guard()`);
    await q.query(`DROP FUNCTION IF EXISTS ${s}.es_read_all(xid8, bigint, bigint)`);
    await q.query(`DROP FUNCTION IF EXISTS ${s}.es_pending()`);
    await q.query(`DROP FUNCTION IF EXISTS ${s}.es_frontier()`);
    // es_append_events calls the guard: the first migration's definition replaces it (its up() is idempotent).
    await new EventStore1765350000000().up(q);
    await q.query(`DROP FUNCTION IF EXISTS ${s}.es_append_guard()`);
  }
}

/** First key of the lock pair: constant ("ESFR"); the second is hashtext(schema). A collision only delays readers. */
export const FRONTIER_LOCK_CLASS = 0x45534652;
const LOCK_CLASS = FRONTIER_LOCK_CLASS;

/** The second key of the lock pair: the schema's. */
export async function frontierLockKey(q: QueryRunner): Promise<number> {
  const rows: { key: number }[] = await q.query('SELECT hashtext(current_schema()) AS key');
  return Number(rows[0].key);
}

/** The transaction-local setting that says this transaction took the lock before its xid. */
export function appendGuardFlag(key: number): string {
  return `adminduk.es_append_${(key >>> 0).toString(16)}`;
}

function guardSql(s: string, key: number): string[] {
  const flag = appendGuardFlag(key);
  return [
    `CREATE OR REPLACE FUNCTION ${s}.es_append_guard() RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(${LOCK_CLASS}, ${key});
  IF current_setting('${flag}', true) IS DISTINCT FROM 'on' THEN
    IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
      RAISE EXCEPTION 'es_events: append in a transaction that already has a transaction id'
        USING ERRCODE = '55000', HINT = 'Append first in the transaction, or in a transaction of its own: readers of the global order only wait for transactions that took the store''s lock before their xid.';
    END IF;
    PERFORM set_config('${flag}', 'on', true);
  END IF;
END
$fn$`,
    `CREATE OR REPLACE FUNCTION ${s}.es_events_append_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM ${s}.es_append_guard();
  RETURN NULL;
END
$fn$`,
    `DROP TRIGGER IF EXISTS es_events_append_guard ON ${s}.es_events`,
    `CREATE TRIGGER es_events_append_guard BEFORE INSERT ON ${s}.es_events
       FOR EACH STATEMENT EXECUTE FUNCTION ${s}.es_events_append_guard()`,
  ];
}

function frontierSql(s: string, key: number): string[] {
  return [
    // One statement: its snapshot (S1, xmax) is taken before pg_locks and the backends' xids are read.
    // The 32-bit backend_xid becomes an xid8 in xmax's epoch (it is at most 2^31 away from it). A
    // holder without a backend (a prepared transaction) falls back to the old rule, xmin.
    // pg_stat_clear_snapshot: the backends' status is cached per transaction; it must be read after S1.
    `CREATE OR REPLACE FUNCTION ${s}.es_frontier() RETURNS xid8 LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  v_frontier bigint;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RETURN pg_snapshot_xmin(pg_current_snapshot());
  END IF;
  PERFORM pg_stat_clear_snapshot();
  SELECT least(x.xmax, h.holder, h.prepared) INTO v_frontier
    FROM (SELECT pg_snapshot_xmax(c.s)::text::bigint AS xmax, pg_snapshot_xmin(c.s)::text::bigint AS xmin
            FROM pg_current_snapshot() c(s)) x,
         LATERAL (
           SELECT min(x.xmax + ((a.backend_xid::text::bigint - (x.xmax & 4294967295) + 6442450944) % 4294967296 - 2147483648)) AS holder,
                  min(CASE WHEN l.pid IS NULL THEN x.xmin END) AS prepared
             FROM pg_locks l
             LEFT JOIN LATERAL (SELECT a.backend_xid FROM pg_stat_get_activity(l.pid) a WHERE l.pid IS NOT NULL) a ON true
            WHERE l.locktype = 'advisory' AND l.classid = ${LOCK_CLASS}::oid AND l.objid = ${key >>> 0}::bigint::oid AND l.objsubid = 2
              AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())) h;
  RETURN v_frontier::text::xid8;
END
$fn$`,
    // The frontier first (its own statement and snapshot), then the rows with a later snapshot.
    // Cheap cases first (pg_locks takes every lock partition): nothing past \`after\` (an idle poll),
    // or every visible row below xmin, which never exceeds the frontier and needs no lock list.
    `CREATE OR REPLACE FUNCTION ${s}.es_read_all(p_after_commit xid8, p_after_position bigint, p_limit bigint)
RETURNS SETOF ${s}.es_events LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  v_frontier xid8;
  v_newest xid8;
  v_newest_position bigint;
BEGIN
  SELECT e.transaction_id, e.position, pg_snapshot_xmin(pg_current_snapshot()) INTO v_newest, v_newest_position, v_frontier
    FROM ${s}.es_events e ORDER BY e.transaction_id DESC, e.position DESC LIMIT 1;
  IF NOT FOUND OR (v_newest, v_newest_position) <= (p_after_commit, p_after_position) THEN
    RETURN;
  END IF;
  IF v_newest >= v_frontier THEN
    v_frontier := ${s}.es_frontier();
  END IF;
  RETURN QUERY SELECT e.* FROM ${s}.es_events e
   WHERE (e.transaction_id, e.position) > (p_after_commit, p_after_position)
     AND e.transaction_id < v_frontier
   ORDER BY e.transaction_id, e.position
   LIMIT p_limit;
END
$fn$`,
    // Committed rows at or past the frontier: readable soon without a new NOTIFY. None at or past
    // xmin (which never exceeds the frontier): none at all, without the lock list.
    `CREATE OR REPLACE FUNCTION ${s}.es_pending() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  v_frontier xid8;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM ${s}.es_events e WHERE e.transaction_id >= pg_snapshot_xmin(pg_current_snapshot())) THEN
    RETURN false;
  END IF;
  v_frontier := ${s}.es_frontier();
  RETURN EXISTS (SELECT 1 FROM ${s}.es_events e WHERE e.transaction_id >= v_frontier);
END
$fn$`,
    appendFunctionSql(s),
  ];
}

// es_append_events as in 1765350000000 (outcomes 'appended', 'duplicate', 'conflict', 'retry'),
// with the guard first and a lost race for the revision read again as a moved head.
function appendFunctionSql(s: string): string {
  return `
CREATE OR REPLACE FUNCTION ${s}.es_append_events(p_stream text, p_expected text, p_base bigint, p_events jsonb)
RETURNS TABLE (outcome text, head bigint, commit_id xid8, last_position bigint, last_hash text)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_head bigint;
  v_prev text;
  v_head_xid xid8;
  v_xid xid8;
  v_event jsonb;
  v_hash text;
  v_pos bigint;
  v_count int;
  v_found int;
  v_first boolean;
BEGIN
  PERFORM ${s}.es_append_guard();
  -- A second pass only after losing the race for the first revision: the winner has committed (ON
  -- CONFLICT waited for it), so this statement's snapshot shows the head moved.
  FOR v_pass IN 1..2 LOOP
    SELECT e.revision, e.hash, e.transaction_id INTO v_head, v_prev, v_head_xid
      FROM ${s}.es_events e WHERE e.stream_id = p_stream ORDER BY e.revision DESC LIMIT 1;
    IF NOT FOUND THEN
      v_head := -1;
      v_prev := '${'0'.repeat(64)}';
    END IF;

    IF v_head <> p_base OR (p_expected = 'stream_exists' AND v_head < 0) THEN
      v_count := jsonb_array_length(p_events);
      SELECT count(*) INTO v_found FROM ${s}.es_events e
       WHERE e.stream_id = p_stream
         AND e.event_id IN (SELECT (x->>'id')::uuid FROM jsonb_array_elements(p_events) x);
      IF v_found > 0 AND v_found = v_count THEN
        RETURN QUERY SELECT 'duplicate'::text, v_head, e.transaction_id, e.position, NULL::text FROM ${s}.es_events e
          WHERE e.event_id = (p_events->(v_count - 1)->>'id')::uuid;
        RETURN;
      END IF;
      IF v_found > 0 THEN
        RAISE EXCEPTION 'stream %: some of the appended event ids are already stored, others are not', p_stream
          USING ERRCODE = '23505', CONSTRAINT = 'es_events_event_id';
      END IF;
      IF p_expected IN ('any', 'stream_exists') AND v_head >= 0 THEN
        RETURN QUERY SELECT 'retry'::text, v_head, NULL::xid8, NULL::bigint, NULL::text;
      ELSE
        RETURN QUERY SELECT 'conflict'::text, v_head, NULL::xid8, NULL::bigint, NULL::text;
      END IF;
      RETURN;
    END IF;

    -- Inside a longer explicit transaction the xid may predate the head's; this event would then sort
    -- before its predecessor in the global order. Refuse it as a serialization failure (retryable).
    v_xid := pg_current_xact_id();
    IF v_head_xid IS NOT NULL AND v_head_xid > v_xid THEN
      RAISE EXCEPTION 'stream %: transaction % is older than the stream head''s %; retry it', p_stream, v_xid, v_head_xid
        USING ERRCODE = '40001';
    END IF;

    v_first := true;
    FOR v_event IN SELECT x FROM jsonb_array_elements(p_events) x LOOP
      v_head := v_head + 1;
      v_hash := encode(sha256(decode(v_prev, 'hex') || decode(v_event->>'contentHash', 'hex')), 'hex');
      INSERT INTO ${s}.es_events (stream_id, revision, event_id, type, data, metadata, prev_hash, hash)
        VALUES (p_stream, v_head, (v_event->>'id')::uuid, v_event->>'type', v_event->'data', v_event->'metadata', v_prev, v_hash)
        ON CONFLICT (stream_id, revision) DO NOTHING
        RETURNING position INTO v_pos;
      IF NOT FOUND AND v_first THEN
        EXIT;
      ELSIF NOT FOUND THEN
        -- A later revision taken although this transaction holds the one before: not a race on the
        -- head. The statement fails whole (nothing partial); the adapter calls again.
        RAISE EXCEPTION 'stream %: revision % taken during the append; retry it', p_stream, v_head USING ERRCODE = '40001';
      END IF;
      v_first := false;
      v_prev := v_hash;
    END LOOP;
    IF v_first THEN
      CONTINUE;
    END IF;
    RETURN QUERY SELECT 'appended'::text, v_head, v_xid, v_pos, v_prev;
    RETURN;
  END LOOP;
  RAISE EXCEPTION 'stream %: the head moved twice during the append; retry it', p_stream USING ERRCODE = '40001';
END
$fn$;
`;
}
