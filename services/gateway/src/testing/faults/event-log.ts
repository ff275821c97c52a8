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

  constructor(databaseUrl: string) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 4 });
    // A restart of PostgreSQL ends idle connections: the pool opens new ones.
    this.pool.on('error', () => undefined);
  }

  async count(applicationId: string, type: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events WHERE stream_id = $1 AND type = $2', [
      applicationStreamId(applicationId),
      type,
    ]);
    return Number(rows[0].n);
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

/** SQL: event `e` lies after the checkpoint text column `col` ('<xid>/<position>', '-1/-1' = nothing applied). */
const after = (col: string) =>
  `(e.transaction_id::text::numeric, e.position) > (split_part(${col}, '/', 1)::numeric, split_part(${col}, '/', 2)::numeric)`;
