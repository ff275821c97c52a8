import type { MigrationInterface, QueryRunner } from 'typeorm';
import { currentSchema } from './1765350000000-event-store';
import { StoreFrontier1765350000004 } from './1765350000004-store-frontier';

/**
 * Content hash version 2 (decision 0029): the store computes every event's hash itself, in C,
 * over PostgreSQL's own text of the stored jsonb, so `adminduk audit verify` can check the whole
 * log in SQL instead of reading every event into Node to re-serialise it.
 *
 *   es_event_content(stream, revision, type, data, metadata) =
 *     '{"data": ' || data::text || ', "metadata": ' || metadata::text || ', "revision": ' || revision
 *       || ', "streamId": ' || to_json(stream) || ', "type": ' || to_json(type) || '}'
 *   es_event_hash(prev, content) = hex(SHA-256(bytes(prev) || SHA-256(UTF-8 of content)))
 *
 * The link is version 1's; only the content's bytes differ (libs/event-store jsonb-text.ts is the
 * same definition in Node). Every event so hashed says so inside its hashed metadata,
 * `"hashVersion": 2` (added here, whatever the writer sent); events without it stay version 1
 * (canonical JSON computed by the writer) and are verified that way. Writers no longer send a
 * content hash: es_append_events ignores one, and the adapter's INSERTs compute the hash with
 * these functions in the same statement. An INSERT of a version-1 row (an older adapter during a
 * rolling upgrade) still stores a consistent version-1 event.
 *
 * es_append_events is migration 1765350000004's, with the content hash computed here.
 */
export class ContentHashV21765350000005 implements MigrationInterface {
  name = 'ContentHashV21765350000005';

  async up(q: QueryRunner): Promise<void> {
    const s = await currentSchema(q);
    for (const sql of hashFunctionsSql(s)) await q.query(sql);
    await q.query(appendFunctionSql(s));
  }

  async down(q: QueryRunner): Promise<void> {
    const s = await currentSchema(q);
    // The previous append function (it takes the writer's version-1 content hash) comes back first.
    await new StoreFrontier1765350000004().up(q);
    await q.query(`DROP FUNCTION IF EXISTS ${s}.es_event_hash(text, text)`);
    await q.query(`DROP FUNCTION IF EXISTS ${s}.es_event_content(text, bigint, text, jsonb, jsonb)`);
  }
}

// Plain SQL functions of one expression: the planner inlines them, so a scan hashes at C speed.
// STABLE (not IMMUTABLE) because to_json and convert_to are; PARALLEL SAFE for parallel scans.
function hashFunctionsSql(s: string): string[] {
  return [
    `CREATE OR REPLACE FUNCTION ${s}.es_event_content(p_stream text, p_revision bigint, p_type text, p_data jsonb, p_metadata jsonb)
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
  SELECT '{"data": ' || p_data::text || ', "metadata": ' || p_metadata::text || ', "revision": ' || p_revision::text
      || ', "streamId": ' || to_json(p_stream)::text || ', "type": ' || to_json(p_type)::text || '}'
$fn$`,
    `CREATE OR REPLACE FUNCTION ${s}.es_event_hash(p_prev text, p_content text)
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
  SELECT encode(sha256(decode(p_prev, 'hex') || sha256(convert_to(p_content, 'UTF8'))), 'hex')
$fn$`,
  ];
}

// es_append_events of 1765350000004 (the guard first, a lost race read again as a moved head), hashing
// version 2 here: the writer's contentHash, if sent, is ignored.
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
  v_meta jsonb;
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
      v_meta := (v_event->'metadata') || '{"hashVersion": 2}'::jsonb;
      v_hash := ${s}.es_event_hash(v_prev, ${s}.es_event_content(p_stream, v_head, v_event->>'type', v_event->'data', v_meta));
      INSERT INTO ${s}.es_events (stream_id, revision, event_id, type, data, metadata, prev_hash, hash)
        VALUES (p_stream, v_head, (v_event->>'id')::uuid, v_event->>'type', v_event->'data', v_meta, v_prev, v_hash)
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
