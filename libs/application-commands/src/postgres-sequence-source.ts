import type { Pool } from 'pg';
import type { SequenceSource } from '@adminduk/domain';

/**
 * Serial numbers per key (receipt numbers per kecamatan per day, NIK serials per region and date)
 * from one PostgreSQL row per key. The upsert takes a row lock, so concurrent callers get distinct
 * numbers; a number taken by a command that then fails is skipped, never reused. The table is
 * created by the migration runner (libs/migrations).
 */
export class PostgresSequenceSource implements SequenceSource {
  constructor(private readonly pool: Pool) {}

  async next(key: string): Promise<number> {
    const r = await this.pool.query<{ value: string }>(
      `INSERT INTO sequences (key, value) VALUES ($1, 1)
       ON CONFLICT (key) DO UPDATE SET value = sequences.value + 1
       RETURNING value`,
      [key],
    );
    return Number(r.rows[0].value);
  }
}
