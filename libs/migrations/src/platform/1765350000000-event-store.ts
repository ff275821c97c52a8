import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PostgreSQL event store (es_events and its append function), in the connection's current
 * schema. Idempotent, because databases from before the migration runner already have these
 * objects (the store used to create them on open).
 *
 * Global order for readers is (transaction_id, position), read only below the oldest transaction
 * still running (pg_snapshot_xmin). A bare bigserial is handed out before commit, so a reader that
 * followed it alone would skip a slow transaction's rows; no transaction below xmin can still
 * commit, so that prefix of the order never changes once read. (Migration 1765350000004 moves the
 * readers' stop to the oldest transaction appending to this store: decision 0028.)
 */
export class EventStore1765350000000 implements MigrationInterface {
  name = 'EventStore1765350000000';

  async up(q: QueryRunner): Promise<void> {
    const s = await currentSchema(q);
    await q.query(`
CREATE TABLE IF NOT EXISTS ${s}.es_events (
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  position bigserial NOT NULL,
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  event_id uuid NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  CONSTRAINT es_events_global_order PRIMARY KEY (transaction_id, position),
  CONSTRAINT es_events_stream_revision UNIQUE (stream_id, revision),
  CONSTRAINT es_events_event_id UNIQUE (event_id)
)`);
    // The first releases' function returned one column less; CREATE OR REPLACE cannot change that.
    await q.query(`DROP FUNCTION IF EXISTS ${s}.es_append_events(text, text, bigint, jsonb)`);
    await q.query(appendFunctionSql(s));
  }

  async down(q: QueryRunner): Promise<void> {
    const s = await currentSchema(q);
    await q.query(`DROP FUNCTION IF EXISTS ${s}.es_append_events(text, text, bigint, jsonb)`);
    await q.query(`DROP TABLE IF EXISTS ${s}.es_events`);
  }
}

export async function currentSchema(q: QueryRunner): Promise<string> {
  const rows: { schema: string | null }[] = await q.query('SELECT current_schema() AS schema');
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('migrations: the search_path names no existing schema');
  return `"${schema.replace(/"/g, '""')}"`;
}

// Any append in one round trip: read the head, check the expected state, insert, link the hash.
// (The adapter sends the common case, one event on a known head, as a plain INSERT instead.)
// Outcomes: 'appended'; 'duplicate' (every event id already in the stream: a no-op);
// 'conflict' (expected state wrong, nothing written); 'retry' (for 'any'/'stream_exists' the
// writer guessed the head wrong, so its content hashes carry wrong revisions: recompute, call again).
// The chain starts at the genesis hash, 64 zeros (libs/event-store hash-chain.ts).
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
BEGIN
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

  FOR v_event IN SELECT x FROM jsonb_array_elements(p_events) x LOOP
    v_head := v_head + 1;
    v_hash := encode(sha256(decode(v_prev, 'hex') || decode(v_event->>'contentHash', 'hex')), 'hex');
    INSERT INTO ${s}.es_events (stream_id, revision, event_id, type, data, metadata, prev_hash, hash)
      VALUES (p_stream, v_head, (v_event->>'id')::uuid, v_event->>'type', v_event->'data', v_event->'metadata', v_prev, v_hash)
      RETURNING position INTO v_pos;
    v_prev := v_hash;
  END LOOP;
  RETURN QUERY SELECT 'appended'::text, v_head, v_xid, v_pos, v_prev;
END
$fn$;
`;
}
