import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { OpenApplicationSummary } from '@adminduk/domain';
import type { OpenApplicationsQuery, SubmissionOutcome } from './open-applications.port';

/** Advisory-lock class of the per-mother submission lock ("SUBM"); the object id comes from her NIK's hash. */
const SUBMISSION_LOCK_CLASS = 0x5355424d;

/** SHA-256 of a mother's NIK: the lock key and the record's column, so neither carries the NIK itself. */
export function motherNikHash(motherNik: string): string {
  return createHash('sha256').update(`adminduk/mother-nik/${motherNik}`).digest('hex');
}

interface Tables {
  view: boolean;
  submissions: boolean;
}

/**
 * Submissions for one mother, one at a time across every writer replica: a PostgreSQL transaction
 * on a dedicated connection takes an advisory lock on her NIK's hash, reads her open applications,
 * runs the submission (the append, to whichever event store) and records it in
 * `application_submissions` before it commits and so lets the next one in. The read joins that
 * record with `application_view`: the view decides once it has the application (a closed one stops
 * counting), the record until then, so two submissions of one newborn at the same moment are caught
 * however far the projection lags. A crash between the append and the record is healed by the view
 * (the projection) or by a retry of the submission, which records again.
 * Both tables are created by the read-model migrations (libs/read-models); before they exist (a
 * brand-new installation) nothing is open.
 */
export class PostgresOpenApplications implements OpenApplicationsQuery {
  /** Set once both tables exist; until then every submission looks again. */
  private tablesReady = false;

  constructor(private readonly pool: Pool) {}

  async forSubmission<T>(motherNik: string, submit: (open: OpenApplicationSummary[]) => Promise<SubmissionOutcome<T>>): Promise<T> {
    const hash = motherNikHash(motherNik);
    const client = await this.pool.connect();
    let broken = false;
    try {
      // Integers made here, not input: one round trip for the transaction and the lock.
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${SUBMISSION_LOCK_CLASS}, ${parseInt(hash.slice(0, 8), 16) | 0})`);
      const tables = await this.tables(client);
      const open = await this.openOf(client, tables, motherNik, hash);
      const { result, submitted } = await submit(open);
      if (submitted && tables.submissions) await this.record(client, submitted, motherNikHash(submitted.motherNik));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw e;
    } finally {
      client.release(broken);
    }
  }

  private async tables(client: PoolClient): Promise<Tables> {
    if (this.tablesReady) return { view: true, submissions: true };
    const { rows } = await client.query<Tables>(
      `SELECT to_regclass('application_view') IS NOT NULL AS view, to_regclass('application_submissions') IS NOT NULL AS submissions`,
    );
    this.tablesReady = rows[0].view && rows[0].submissions;
    return rows[0];
  }

  private async openOf(client: PoolClient, tables: Tables, motherNik: string, hash: string): Promise<OpenApplicationSummary[]> {
    if (!tables.view) return [];
    const fromView = `SELECT application_id::text, state->'newborn'->>'tanggalLahir' AS birth, state->'newborn'->>'namaLengkap' AS name, submitted_at
        FROM application_view WHERE bucket <> 'closed' AND state->'newborn'->>'nikIbu' = $1`;
    const recordedOnly = `SELECT s.application_id::text, s.birth_date, s.newborn_name, s.submitted_at
        FROM application_submissions s
       WHERE s.mother_nik_hash = $2 AND NOT EXISTS (SELECT 1 FROM application_view v WHERE v.application_id = s.application_id)`;
    const { rows } = await client.query<{ application_id: string; birth: string; name: string; submitted_at: Date }>(
      tables.submissions ? `${fromView} UNION ALL ${recordedOnly}` : fromView,
      tables.submissions ? [motherNik, hash] : [motherNik],
    );
    return rows.map((row) => ({
      applicationId: row.application_id,
      motherNik,
      birthDate: row.birth,
      newbornName: row.name,
      submittedAt: new Date(row.submitted_at).toISOString(),
    }));
  }

  private async record(client: PoolClient, s: OpenApplicationSummary, hash: string): Promise<void> {
    await client.query(
      `INSERT INTO application_submissions (application_id, mother_nik_hash, birth_date, newborn_name, submitted_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (application_id) DO NOTHING`,
      [s.applicationId, hash, s.birthDate, s.newbornName, s.submittedAt],
    );
  }
}
