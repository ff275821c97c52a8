import type { MigrationInterface, QueryRunner } from 'typeorm';
import { currentSchema } from './1765350000000-event-store';
import { appendGuardFlag, FRONTIER_LOCK_CLASS, frontierLockKey, StoreFrontier1765350000004 } from './1765350000004-store-frontier';

/**
 * The append guard of migration 1765350000004 (decision 0028), same rule, at a fraction of the
 * cost it added to every append (issue 10: append vs raw INSERT fell from 0.74 to 0.46 at 32
 * writers, two thirds of it the guard):
 *
 * - The trigger's WHEN clause is the guard's fast path, evaluated in C with no PL/pgSQL call and no
 *   setting written: a transaction without an xid takes the (shared, never refused) lock there and
 *   does not fire the trigger. That is every append of the adapter (one statement, one transaction).
 *   Setting the transaction-local flag on every append cost as much as the rest of the guard
 *   (PostgreSQL 15 walks every setting at the commit of a transaction that changed one).
 * - A transaction whose flag says it took the lock before its xid (es_append_events calls the guard
 *   first) does not fire it either.
 * - Anything else fires the trigger, whose guard asks pg_locks whether this transaction holds the
 *   lock (a plain INSERT appending a second time in its transaction): then it sets the flag, else
 *   it refuses the append. Rare, so the lock table's scan is no cost to the common case.
 * - The guard's body is simple expressions instead of PERFORMs (each ran a query through the executor).
 * CASE fixes the order of the fast path's steps (the lock is taken only while there is no xid).
 *
 * What stays: the shared advisory lock is taken before the transaction has an xid, and an append
 * in a transaction that already has one without the lock is refused (SQLSTATE 55000).
 */
export class AppendGuardFastPath1765350000006 implements MigrationInterface {
  name = 'AppendGuardFastPath1765350000006';

  async up(q: QueryRunner): Promise<void> {
    const s = await currentSchema(q);
    const key = await frontierLockKey(q);
    const flag = appendGuardFlag(key);
    const lock = `${FRONTIER_LOCK_CLASS}, ${key}`;
    await q.query(`CREATE OR REPLACE FUNCTION ${s}.es_append_guard() RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  v_ignored text;
BEGIN
  IF current_setting('${flag}', true) = 'on' THEN
    RETURN;
  END IF;
  IF pg_current_xact_id_if_assigned() IS NULL THEN
    v_ignored := pg_advisory_xact_lock_shared(${lock})::text;
  ELSIF NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.pid = pg_backend_pid() AND l.granted
                      AND l.classid = ${FRONTIER_LOCK_CLASS}::oid AND l.objid = ${key >>> 0}::bigint::oid AND l.objsubid = 2) THEN
    RAISE EXCEPTION 'es_events: append in a transaction that already has a transaction id'
      USING ERRCODE = '55000', HINT = 'Append first in the transaction, or in a transaction of its own: readers of the global order only wait for transactions that took the store''s lock before their xid.';
  END IF;
  v_ignored := set_config('${flag}', 'on', true);
END
$fn$`);
    await q.query(`CREATE OR REPLACE FUNCTION ${s}.es_events_append_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  v_ignored text;
BEGIN
  v_ignored := ${s}.es_append_guard()::text;
  RETURN NULL;
END
$fn$`);
    await q.query(`DROP TRIGGER IF EXISTS es_events_append_guard ON ${s}.es_events`);
    // The fast path of the same rule: false (no trigger call) when the lock comes before the xid.
    await q.query(`CREATE TRIGGER es_events_append_guard BEFORE INSERT ON ${s}.es_events
       FOR EACH STATEMENT WHEN (CASE
         WHEN pg_current_xact_id_if_assigned() IS NULL THEN NOT pg_try_advisory_xact_lock_shared(${lock})
         WHEN current_setting('${flag}', true) = 'on' THEN false
         ELSE true
       END)
       EXECUTE FUNCTION ${s}.es_events_append_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    // 1765350000004's guard and trigger, only those: the append function of 1765350000005 stays
    // and calls the guard by name.
    await new StoreFrontier1765350000004().guardUp(q);
  }
}
