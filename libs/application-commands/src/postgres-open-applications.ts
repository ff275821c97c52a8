import type { Pool, PoolClient } from 'pg';
import type { OpenApplicationSummary } from '@adminduk/domain';
import { duplicateCheckTables, motherNikHash, recordSubmissionAndReadOpen, type DuplicateCheckTables } from '@adminduk/read-models';
import type { OpenApplicationsQuery, SubmissionOutcome } from './open-applications.port';

/** Advisory-lock class of the per-mother submission lock ("SUBM"); the object id comes from her NIK's hash. */
const SUBMISSION_LOCK_CLASS = 0x5355424d;

/** The lock key and the records' column (libs/read-models), so neither carries the NIK itself. */
export { motherNikHash };

/**
 * Submissions for one mother, one at a time across every writer replica: a PostgreSQL transaction
 * on a dedicated connection takes an advisory lock on her NIK's hash, reads her open applications
 * and records the candidate in `application_submissions` (one statement), runs the submission (the
 * append, to whichever event store), and commits the record if the submission opened the
 * application (else rolls it back), which lets the next one in. The read joins the records with
 * `application_view`: the view decides once it has the application (a closed one stops counting),
 * the record until then, so two submissions of one newborn at the same moment are caught however
 * far the projection lags. Three round trips per submission; the lock is per mother, so
 * submissions for different mothers never wait for each other.
 * A crash between the append and the commit loses the record, not the application: the view has it
 * as soon as the projection does. Both tables are created by the read-model migrations
 * (libs/read-models); before they exist (a brand-new installation) nothing is open.
 */
export class PostgresOpenApplications implements OpenApplicationsQuery {
  /** Set once both tables exist; until then every submission looks again. */
  private tablesReady = false;

  constructor(private readonly pool: Pool) {}

  async forSubmission<T>(
    candidate: OpenApplicationSummary,
    submit: (open: OpenApplicationSummary[]) => Promise<SubmissionOutcome<T>>,
  ): Promise<T> {
    const hash = motherNikHash(candidate.motherNik);
    const client = await this.pool.connect();
    let broken = false;
    try {
      // One round trip for the transaction and the lock (integers made here, not input). The record
      // need not wait for its WAL flush: it is visible to the next submission at commit all the same,
      // and one lost in a database crash is the view's to heal, as after a crash before the commit.
      await client.query(
        `BEGIN; SET LOCAL synchronous_commit = off; SELECT pg_advisory_xact_lock(${SUBMISSION_LOCK_CLASS}, ${parseInt(hash.slice(0, 8), 16) | 0})`,
      );
      const tables = await this.tables(client);
      const open = await this.readAndRecord(client, tables, candidate, hash);
      const { result, opened } = await submit(open);
      await client.query(opened ? 'COMMIT' : 'ROLLBACK');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw e;
    } finally {
      client.release(broken);
    }
  }

  private async tables(client: PoolClient): Promise<DuplicateCheckTables> {
    if (this.tablesReady) return { view: true, submissions: true };
    const tables = await duplicateCheckTables(client);
    this.tablesReady = tables.view && tables.submissions;
    return tables;
  }

  /** The mother's open applications, and the candidate's record in the same statement (it does not see itself). */
  private async readAndRecord(
    client: PoolClient,
    tables: DuplicateCheckTables,
    c: OpenApplicationSummary,
    hash: string,
  ): Promise<OpenApplicationSummary[]> {
    const rows = await recordSubmissionAndReadOpen(client, tables, {
      applicationId: c.applicationId,
      motherNikHash: hash,
      birthDate: c.birthDate,
      newbornName: c.newbornName,
      submittedAt: c.submittedAt,
    });
    return rows.map((row) => ({
      applicationId: row.applicationId,
      motherNik: c.motherNik,
      birthDate: row.birthDate,
      newbornName: row.newbornName,
      submittedAt: new Date(row.submittedAt).toISOString(),
    }));
  }
}
