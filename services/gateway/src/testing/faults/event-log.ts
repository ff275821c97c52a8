import { Pool } from 'pg';
import { applicationStreamId } from '@adminduk/domain';
import { positionFromString, type GlobalPosition } from '@adminduk/event-store';
import { slowestCheckpoint } from '@adminduk/read-models';

/**
 * The suite's read-only view of the store and the checkpoints, straight from PostgreSQL (the
 * store's own tables), so it needs none of the services it breaks. Queries fail while PostgreSQL
 * restarts; callers retry.
 */
export class EventLog {
  private readonly pool: Pool;
  private readonly asks: Array<{ stream: string; type: string; done: (has: boolean) => void; fail: (e: unknown) => void }> = [];
  private flushing?: Promise<void>;

  constructor(databaseUrl: string) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 4 });
    // A restart of PostgreSQL ends idle connections: the pool opens new ones.
    this.pool.on('error', () => undefined);
  }

  /**
   * Whether the application's stream holds a `type` event. Hundreds of applications of the load wait
   * for their signature at once: their questions go to PostgreSQL together, one query per 100 ms
   * (asked one by one they kept a pool of 4 connections, and the suite's process, busy).
   */
  has(applicationId: string, type: string): Promise<boolean> {
    return new Promise((done, fail) => {
      this.asks.push({ stream: applicationStreamId(applicationId), type, done, fail });
      this.flushing ??= sleep(100).then(() => this.answerAsks());
    });
  }

  private async answerAsks(): Promise<void> {
    const asks = this.asks.splice(0);
    try {
      const { rows } = await this.pool.query<{ stream_id: string; type: string }>(
        'SELECT DISTINCT stream_id, type FROM es_events WHERE stream_id = ANY($1) AND type = ANY($2)',
        [[...new Set(asks.map((a) => a.stream))], [...new Set(asks.map((a) => a.type))]],
      );
      const found = new Set(rows.map((r) => `${r.stream_id} ${r.type}`));
      for (const a of asks) a.done(found.has(`${a.stream} ${a.type}`));
    } catch (e) {
      for (const a of asks) a.fail(e);
    } finally {
      this.flushing = this.asks.length > 0 ? sleep(100).then(() => this.answerAsks()) : undefined;
    }
  }

  /** Each application stream's event types and how often, in one read. */
  async typeCounts(): Promise<Map<string, Record<string, number>>> {
    const { rows } = await this.pool.query<{ stream_id: string; type: string; n: string }>(
      `SELECT stream_id, type, count(*) AS n FROM es_events GROUP BY stream_id, type`,
    );
    const out = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const counts = out.get(r.stream_id) ?? {};
      counts[r.type] = Number(r.n);
      out.set(r.stream_id, counts);
    }
    return out;
  }

  /** Events of the given types: for the exactly-once checks that look inside (document ids, download ids). */
  async eventsOfType(type: string): Promise<Array<{ streamId: string; data: Record<string, any> }>> {
    const { rows } = await this.pool.query<{ stream_id: string; data: Record<string, any> }>(
      'SELECT stream_id, data FROM es_events WHERE type = $1',
      [type],
    );
    return rows.map((r) => ({ streamId: r.stream_id, data: r.data }));
  }

  /**
   * Where the store's last event, the slowest projection and the relay stand. Cheap enough to poll
   * every 20-50 ms: the head is one step down the primary key, the checkpoints are small tables.
   * (Counting the store on every poll, as before, was a scan of every event each time, and much of
   * the database's CPU in a run of 1,000 applications.)
   */
  async positions(): Promise<{ head: GlobalPosition | null; projected: GlobalPosition | null; relayed: GlobalPosition | null }> {
    // The checkpoints are the read models' own table: read through libs/read-models (decision 0014).
    const projected = await slowestCheckpoint(this.pool);
    const { rows } = await this.pool.query<{ head: string | null; relayed: string | null }>(
      `SELECT (SELECT transaction_id::text || '/' || position FROM es_events ORDER BY transaction_id DESC, position DESC LIMIT 1) AS head,
              (SELECT position FROM relay_checkpoint LIMIT 1) AS relayed`, // the suite runs one relay name
    );
    const at = (s: string | null) => (s ? positionFromString(s) : null);
    return { head: at(rows[0].head), projected, relayed: at(rows[0].relayed) };
  }

  /** How many events lie after `from` (nothing applied: null) up to and including `to`. */
  async eventsBetween(from: GlobalPosition | null, to: GlobalPosition | null): Promise<number> {
    if (!to) return 0;
    const f = from && from.commit >= 0n ? from : { commit: 0n, prepare: -1n }; // '-1/-1': nothing applied
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM es_events
        WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint) AND (transaction_id, position) <= ($3::text::xid8, $4::bigint)`,
      [f.commit.toString(), f.prepare.toString(), to.commit.toString(), to.prepare.toString()],
    );
    return Number(rows[0].n);
  }

  query<R extends Record<string, any>>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.pool.query<R>(sql, params).then((r) => r.rows);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
