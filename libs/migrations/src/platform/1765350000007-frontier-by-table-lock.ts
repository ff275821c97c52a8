import type { MigrationInterface, QueryRunner } from 'typeorm';
import { currentSchema } from './1765350000000-event-store';
import { appendGuardFlag, frontierLockKey, StoreFrontier1765350000004 } from './1765350000004-store-frontier';
import { ContentHashV21765350000005 } from './1765350000005-content-hash-v2';
import { AppendGuardFastPath1765350000006 } from './1765350000006-append-guard-fast-path';

/**
 * The read frontier of decision 0028 with the lock every INSERT already takes instead of an
 * advisory lock of its own (issue 10: the advisory lock cost 12-17% of the append rate at 8 and 32
 * writers; appends were 0.61-0.67 of a raw INSERT against 0.70-0.72 before decision 0028).
 *
 * An INSERT into es_events takes ROW EXCLUSIVE on the table when the statement is parsed or its
 * cached plan is locked, before it writes a row, hence before the transaction gets an xid from that
 * row; it holds the lock until its end is visible. That is the property the advisory lock gave, at
 * no cost: the lock is in the backend's fast-path slots (no shared lock table, no partition LWLock),
 * and pg_locks lists fast-path locks too. So:
 *
 * - Readers (es_frontier): the appenders are the backends holding ROW EXCLUSIVE on es_events
 *   (nothing else takes that mode: readers take ACCESS SHARE; the table is never updated).
 * - Writers (the statement trigger): an append whose transaction had an xid before the statement
 *   began is refused (SQLSTATE 55000) unless that transaction appended before (rows of its xid are
 *   in the table: then it has held the lock since before its xid). The WHEN clause is one C call
 *   that is false for every append of the adapter (one statement, one transaction, no xid yet).
 * - es_append_events no longer asks for the xid before its first INSERT (that would give it an xid
 *   before the lock); it takes the xid the INSERT stored (RETURNING transaction_id) for its
 *   ordering check. The advisory lock and pg_locks in the guard are gone; the transaction-local
 *   flag is set only by the function's second pass after a lost race.
 *
 * Savepoints keep this sound: a subtransaction rolled back releases the lock it took and removes the
 * rows it wrote, so a later append of that transaction finds no rows of its xid and is refused.
 */
export class FrontierByTableLock1765350000007 implements MigrationInterface {
  name = 'FrontierByTableLock1765350000007';

  async up(q: QueryRunner): Promise<void> {
    const s = await currentSchema(q);
    const flag = appendGuardFlag(await frontierLockKey(q));
    for (const sql of [...guardSql(s, flag), frontierSql(s), appendFunctionSql(s, flag)]) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = await currentSchema(q);
    // Back to 1765350000006: the advisory frontier and guard of 0004, the append function of 0005, the fast path of 0006.
    await new StoreFrontier1765350000004().up(q);
    await new ContentHashV21765350000005().up(q);
    await new AppendGuardFastPath1765350000006().up(q);
    await q.query(`DROP FUNCTION IF EXISTS ${s}.es_may_append()`);
  }
}

function guardSql(s: string, flag: string): string[] {
  return [
    // True when an append now cannot sit below a frontier a reader already passed: no xid yet (the
    // INSERT's lock comes first), es_append_events says its lock came first (the transaction-local
    // flag), or rows of this xid already stored (the lock came before the xid).
    `CREATE OR REPLACE FUNCTION ${s}.es_may_append() RETURNS boolean LANGUAGE sql VOLATILE AS $fn$
  SELECT pg_current_xact_id_if_assigned() IS NULL
      OR coalesce(current_setting('${flag}', true), '') = 'on'
      OR EXISTS (SELECT 1 FROM ${s}.es_events e WHERE e.transaction_id = pg_current_xact_id_if_assigned())
$fn$`,
    `CREATE OR REPLACE FUNCTION ${s}.es_append_guard() RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF NOT ${s}.es_may_append() THEN
    RAISE EXCEPTION 'es_events: append in a transaction that already has a transaction id'
      USING ERRCODE = '55000', HINT = 'Append first in the transaction, or in a transaction of its own: readers of the global order only wait for transactions that locked es_events before their xid.';
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
       FOR EACH STATEMENT WHEN (pg_current_xact_id_if_assigned() IS NOT NULL)
       EXECUTE FUNCTION ${s}.es_events_append_guard()`,
  ];
}

// As 1765350000004's, with the holders of ROW EXCLUSIVE on es_events (granted or waiting: waiting is
// on the safe side) in place of the advisory lock's.
function frontierSql(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.es_frontier() RETURNS xid8 LANGUAGE plpgsql VOLATILE AS $fn$
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
            WHERE l.locktype = 'relation' AND l.relation = '${s}.es_events'::regclass AND l.mode = 'RowExclusiveLock'
              AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())) h;
  RETURN v_frontier::text::xid8;
END
$fn$`;
}

// es_append_events of 1765350000005, with no guard call and no xid asked for before the first INSERT
// (the trigger checks the rule; the xid comes from the row). A lost race gives the transaction its xid
// without a row (the INSERT's column default): the second pass says by the flag that its lock came
// first, when the transaction had no xid as the call began. Rare, so the flag costs appends nothing.
function appendFunctionSql(s: string, flag: string): string {
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
  v_meta jsonb;
  v_fresh boolean := pg_current_xact_id_if_assigned() IS NULL;
BEGIN
  -- A second pass only after losing the race for the first revision: the winner has committed (ON
  -- CONFLICT waited for it), so this statement's snapshot shows the head moved.
  FOR v_pass IN 1..2 LOOP
    IF v_pass = 2 AND v_fresh THEN
      PERFORM set_config('${flag}', 'on', true);
    END IF;
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

    v_first := true;
    FOR v_event IN SELECT x FROM jsonb_array_elements(p_events) x LOOP
      v_head := v_head + 1;
      v_meta := (v_event->'metadata') || '{"hashVersion": 2}'::jsonb;
      v_hash := ${s}.es_event_hash(v_prev, ${s}.es_event_content(p_stream, v_head, v_event->>'type', v_event->'data', v_meta));
      INSERT INTO ${s}.es_events (stream_id, revision, event_id, type, data, metadata, prev_hash, hash)
        VALUES (p_stream, v_head, (v_event->>'id')::uuid, v_event->>'type', v_event->'data', v_meta, v_prev, v_hash)
        ON CONFLICT (stream_id, revision) DO NOTHING
        RETURNING position, transaction_id INTO v_pos, v_xid;
      IF NOT FOUND AND v_first THEN
        EXIT;
      ELSIF NOT FOUND THEN
        -- A later revision taken although this transaction holds the one before: not a race on the
        -- head. The statement fails whole (nothing partial); the adapter calls again.
        RAISE EXCEPTION 'stream %: revision % taken during the append; retry it', p_stream, v_head USING ERRCODE = '40001';
      END IF;
      -- Inside a longer explicit transaction the xid may predate the head's; this event would then sort
      -- before its predecessor in the global order. Refuse it as a serialization failure (retryable).
      IF v_first AND v_head_xid IS NOT NULL AND v_head_xid > v_xid THEN
        RAISE EXCEPTION 'stream %: transaction % is older than the stream head''s %; retry it', p_stream, v_xid, v_head_xid
          USING ERRCODE = '40001';
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
