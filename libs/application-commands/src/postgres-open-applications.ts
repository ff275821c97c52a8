import type { Pool } from 'pg';
import type { OpenApplicationSummary } from '@adminduk/domain';
import type { OpenApplicationsQuery } from './open-applications.port';

/**
 * Reads the application_view read model. It lags the stream by the relay and projection delay
 * (well under a second), so two submissions for one newborn within that window are not flagged
 * against each other; the operator still sees both in the queue.
 */
export class PostgresOpenApplications implements OpenApplicationsQuery {
  constructor(private readonly pool: Pool) {}

  async byMotherNik(motherNik: string): Promise<OpenApplicationSummary[]> {
    const r = await this.pool.query<{ application_id: string; birth: string; name: string; submitted_at: Date }>(
      `SELECT application_id, state->'newborn'->>'tanggalLahir' AS birth, state->'newborn'->>'namaLengkap' AS name, submitted_at
         FROM application_view
        WHERE bucket <> 'closed' AND state->'newborn'->>'nikIbu' = $1`,
      [motherNik],
    ).catch((e: { code?: string }) => {
      // The read model may not exist yet on a brand-new installation: nothing is open then.
      if (e.code === '42P01') return { rows: [] };
      throw e;
    });
    return r.rows.map((row) => ({
      applicationId: row.application_id,
      motherNik,
      birthDate: row.birth,
      newbornName: row.name,
      submittedAt: new Date(row.submitted_at).toISOString(),
    }));
  }
}
