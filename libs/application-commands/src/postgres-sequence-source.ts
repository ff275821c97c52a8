import type { Pool } from 'pg';
import type { SequenceSource } from '@adminduk/domain';

/**
 * Serial numbers per key (receipt numbers per kecamatan per day, NIK serials per region and date)
 * from one PostgreSQL row per key. The upsert takes a row lock, so concurrent callers get distinct
 * numbers; a number taken by a command that then fails is skipped, never reused.
 */
export class PostgresSequenceSource implements SequenceSource {
  private ready?: Promise<void>;

  constructor(private readonly pool: Pool) {}

  async next(key: string): Promise<number> {
    await (this.ready ??= this.migrate());
    const r = await this.pool.query<{ value: string }>(
      `INSERT INTO sequences (key, value) VALUES ($1, 1)
       ON CONFLICT (key) DO UPDATE SET value = sequences.value + 1
       RETURNING value`,
      [key],
    );
    return Number(r.rows[0].value);
  }

  private async migrate(): Promise<void> {
    await this.pool.query(`CREATE TABLE IF NOT EXISTS sequences (key varchar(120) PRIMARY KEY, value bigint NOT NULL)`);
  }
}
