import { randomUUID } from 'node:crypto';
import { Client, type QueryResult } from 'pg';
import { createTestSchema, eventually, type TestSchema } from '@adminduk/testing';
import type { NewEvent } from '../envelope/event-envelope';
import { WrongExpectedStateError } from '../errors';
import { PostgresEventStore } from './postgres-event-store';
import { appendPayload } from './postgres-statements';

jest.setTimeout(60000);

/**
 * The read frontier follows only transactions that append to this store (migration
 * 1765350000004, decision 0028): a long transaction elsewhere on the server no longer hides new
 * events, a transaction that wrote before appending is refused, and a lost race for a revision is
 * an ordinary conflict.
 */
describe('PostgresEventStore read frontier', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let other: Client;
  let sql: Client;
  let watch: Client;
  let otherPid: number;

  beforeAll(async () => {
    schema = await createTestSchema('es_frontier');
    store = await PostgresEventStore.create({ connectionString: schema.url, max: 4 });
    [other, sql, watch] = [1, 2, 3].map(() => new Client({ connectionString: schema.url }));
    await Promise.all([other.connect(), sql.connect(), watch.connect()]);
    otherPid = (await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    await sql.query('CREATE TABLE frontier_elsewhere (id serial PRIMARY KEY, note text)');
  });
  afterAll(async () => {
    await other?.end();
    await sql?.end();
    await watch?.end();
    await store?.close();
    await schema?.drop();
  });

  it('a long transaction that does not append does not hide events committed after it began', async () => {
    await other.query('BEGIN');
    try {
      await other.query(`INSERT INTO frontier_elsewhere (note) VALUES ('long')`);
      const { rows } = await other.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
      const longXid = BigInt(rows[0].xid);
      const stream = `frontier-${randomUUID()}`;
      const appended = await store.appendToStream(stream, [probe('after the long one')], 'no_stream');

      // The scenario: the old rule (below the server's oldest running xid) would hide this event.
      expect(appended.position.commit).toBeGreaterThan(longXid);
      const xmin = (await sql.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin')).rows[0].xmin;
      expect(BigInt(xmin)).toBeLessThanOrEqual(longXid);

      const read = await store.readAll({ after: { commit: appended.position.commit - 1n, prepare: 0n } });
      expect(read.map((e) => e.streamId)).toContain(stream);
      expect((await sql.query('SELECT es_pending() AS pending')).rows[0].pending).toBe(false);
    } finally {
      await other.query('ROLLBACK');
    }
  });

  it('under REPEATABLE READ (one snapshot for the whole transaction) readers keep the old rule, xmin', async () => {
    // A bystander with an xid keeps xmin below xmax, so the two rules differ.
    await sql.query('BEGIN');
    await sql.query('SELECT pg_current_xact_id()');
    await other.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    try {
      const { rows } = await other.query<{ frontier: string; xmin: string }>(
        'SELECT es_frontier()::text AS frontier, pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
      );
      expect(rows[0].frontier).toBe(rows[0].xmin);
    } finally {
      await other.query('ROLLBACK');
      await sql.query('ROLLBACK');
    }
  });

  it('refuses an append in a transaction that already has an xid, through the function and a plain INSERT', async () => {
    for (const append of [
      (s: string) => other.query(`SELECT * FROM es_append_events($1, 'no_stream', -1, $2::jsonb)`, [s, appendPayload(s, [probe('x')], -1)]),
      (s: string) =>
        other.query(
          `INSERT INTO es_events (stream_id, revision, event_id, type, data, metadata, prev_hash, hash) VALUES ($1, 0, $2, 'T', '{}', '{}', '', '')`,
          [s, randomUUID()],
        ),
    ]) {
      await other.query('BEGIN');
      try {
        await other.query(`INSERT INTO frontier_elsewhere (note) VALUES ('first')`);
        await expect(append(`frontier-refused-${randomUUID()}`)).rejects.toMatchObject({ code: '55000' });
      } finally {
        await other.query('ROLLBACK');
      }
    }
    // Appending first, then writing elsewhere and appending again, is fine: the lock came before the xid.
    const stream = `frontier-first-${randomUUID()}`;
    await other.query('BEGIN');
    await other.query(`SELECT * FROM es_append_events($1, 'no_stream', -1, $2::jsonb)`, [stream, appendPayload(stream, [probe('a')], -1)]);
    await other.query(`INSERT INTO frontier_elsewhere (note) VALUES ('between')`);
    await other.query(`SELECT * FROM es_append_events($1, 'exact', 0, $2::jsonb)`, [stream, appendPayload(stream, [probe('b')], 0)]);
    await other.query('COMMIT');
    expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1]);
    // The same with plain INSERTs: the first takes the lock in the trigger's fast path, the second
    // (the xid came in between) is let through because this transaction holds the lock.
    const plain = `frontier-plain-${randomUUID()}`;
    const insert = (revision: number) =>
      other.query(
        `INSERT INTO es_events (stream_id, revision, event_id, type, data, metadata, prev_hash, hash) VALUES ($1, $2, $3, 'T', '{}', '{}', '', '')`,
        [plain, revision, randomUUID()],
      );
    await other.query('BEGIN');
    await insert(0);
    await other.query(`INSERT INTO frontier_elsewhere (note) VALUES ('between')`);
    await insert(1);
    await other.query('COMMIT');
    expect((await store.readStream(plain)).map((e) => e.revision)).toEqual([0, 1]);

    // An append rolled back to a savepoint let go of the table lock it held since before the xid:
    // the transaction's next append (its xid older than what readers may have passed since) is refused.
    const rolledBack = `frontier-savepoint-${randomUUID()}`;
    await other.query('BEGIN');
    try {
      await other.query('SAVEPOINT first_append');
      await other.query(`SELECT * FROM es_append_events($1, 'no_stream', -1, $2::jsonb)`, [
        rolledBack,
        appendPayload(rolledBack, [probe('undone')], -1),
      ]);
      await other.query('ROLLBACK TO SAVEPOINT first_append');
      await expect(
        other.query(`SELECT * FROM es_append_events($1, 'no_stream', -1, $2::jsonb)`, [
          rolledBack,
          appendPayload(rolledBack, [probe('again')], -1),
        ]),
      ).rejects.toMatchObject({ code: '55000' });
    } finally {
      await other.query('ROLLBACK');
    }
  });

  it('an appender is known to readers by the table lock its INSERT takes before its xid (a fast-path lock)', async () => {
    const stream = `frontier-held-${randomUUID()}`;
    await other.query('BEGIN');
    try {
      await other.query(`SELECT * FROM es_append_events($1, 'no_stream', -1, $2::jsonb)`, [
        stream,
        appendPayload(stream, [probe('held')], -1),
      ]);
      const xid = BigInt((await other.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')).rows[0].xid);
      const { rows: locks } = await sql.query<{ fastpath: boolean }>(
        `SELECT fastpath FROM pg_locks WHERE pid = $1 AND locktype = 'relation' AND relation = 'es_events'::regclass AND mode = 'RowExclusiveLock'`,
        [otherPid],
      );
      expect(locks).toEqual([{ fastpath: true }]);
      // A later append commits; readers stop below the open appender, whose event would sort before it.
      const later = await store.appendToStream(`frontier-later-${randomUUID()}`, [probe('later')], 'no_stream');
      expect(later.position.commit).toBeGreaterThan(xid);
      const frontier = BigInt((await sql.query<{ f: string }>('SELECT es_frontier()::text AS f')).rows[0].f);
      expect(frontier).toBe(xid);
      const read = await store.readAll({ after: { commit: xid - 1n, prepare: 0n } });
      expect(read.filter((e) => e.position.commit >= xid)).toEqual([]);
    } finally {
      await other.query('ROLLBACK');
    }
  });

  it('two writers racing for one revision: one wins, the other gets the ordinary outcome, nothing partial', async () => {
    const stream = `frontier-race-${randomUUID()}`;
    await store.appendToStream(stream, [probe('r0')], 'no_stream');
    const winner = [probe('win1'), probe('win2')];
    await other.query('BEGIN');
    try {
      await other.query(`SELECT * FROM es_append_events($1, 'exact', 0, $2::jsonb)`, [stream, appendPayload(stream, winner, 0)]);
      // The loser read head 0 (the winner is uncommitted) and waits on the winner's revision 1.
      const loser = store.appendToStream(stream, [probe('lose1'), probe('lose2')], { revision: 0 }).catch((e: unknown) => e);
      const raw = sql
        .query<{ outcome: string; head: string }>(`SELECT outcome, head FROM es_append_events($1, 'exact', 0, $2::jsonb)`, [
          stream,
          appendPayload(stream, [probe('lose3')], 0),
        ])
        .catch((e: unknown) => e);
      const waiting = async () => {
        const { rows } = await watch.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
          [otherPid],
        );
        if (rows[0].n < 2) throw new Error('waiting for both losers to wait on the winner');
      };
      await eventually(waiting, 30000, 20);
      await other.query('COMMIT');
      const refused = await loser;
      expect(refused).toBeInstanceOf(WrongExpectedStateError);
      expect((refused as WrongExpectedStateError).actualRevision).toBe(2);
      expect(((await raw) as QueryResult).rows).toEqual([{ outcome: 'conflict', head: '2' }]);
    } finally {
      await other.query('ROLLBACK').catch(() => undefined);
    }
    const labels = (await store.readStream(stream)).map((e) => (e.data as { label: string }).label);
    expect(labels).toEqual(['r0', 'win1', 'win2']);
    // 'any' after losing the race is appended on the new head (the function says 'retry').
    await store.appendToStream(stream, [probe('any1'), probe('any2')], 'any');
    expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
  });
});

function probe(label: string): NewEvent {
  return {
    type: 'FrontierProbe',
    data: { label },
    metadata: { eventId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1, correlationId: label },
  };
}
