import { Pool } from 'pg';
import { applicationStreamId } from '@adminduk/domain';
import { positionToString } from '@adminduk/event-store';
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

  /** How many events the store holds, and how many of them every projection has applied. */
  async progress(): Promise<{ stored: number; projected: number; relayed: number }> {
    // The checkpoints are the read models' own table: read through libs/read-models (decision 0014).
    const slowest = await slowestCheckpoint(this.pool);
    const { rows } = await this.pool.query<{ stored: string; projected: string; relayed: string }>(
      `SELECT (SELECT count(*) FROM es_events) AS stored,
              (SELECT count(*) FROM es_events e WHERE NOT ${after('$1::text')}) AS projected,
              (SELECT count(*) FROM es_events e, relay_checkpoint r WHERE NOT ${after('r.position')}) AS relayed`,
      [slowest ? positionToString(slowest) : '-1/-1'],
    );
    return { stored: Number(rows[0].stored), projected: Number(rows[0].projected), relayed: Number(rows[0].relayed) };
  }

  query<R extends Record<string, any>>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.pool.query<R>(sql, params).then((r) => r.rows);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SQL: event `e` lies after the checkpoint text column `col` ('<xid>/<position>', '-1/-1' = nothing applied). */
const after = (col: string) =>
  `(e.transaction_id::text::numeric, e.position) > (split_part(${col}, '/', 1)::numeric, split_part(${col}, '/', 2)::numeric)`;
