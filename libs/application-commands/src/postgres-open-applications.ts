import type { Pool } from 'pg';
import type { OpenApplicationSummary } from '@adminduk/domain';
import { withHeldClient } from '@adminduk/event-store';
import { SpanKind, untraced, withSpan } from '@adminduk/observability';
import {
  duplicateCheckTables,
  forgetSubmission,
  motherNikHash,
  recordSubmissionAndReadOpen,
  type DuplicateCheckTables,
  type RecordedSubmission,
} from '@adminduk/read-models/submissions';
import type { OpenApplicationsQuery, SubmissionOutcome } from './open-applications.port';

/** Advisory-lock class of the per-mother submission lock ("SUBM"); the object id comes from her NIK's hash. */
const SUBMISSION_LOCK_CLASS = 0x5355424d;

/** The lock key and the records' column (libs/read-models), so neither carries the NIK itself. */
export { motherNikHash };

/**
 * The duplicate check across every writer replica, in one round trip before the submission runs:
 * a transaction takes an advisory lock on the mother's NIK's hash, records the candidate in
 * `application_submissions` and reads her open applications (one statement), and commits, which
 * lets the next submission for her in (libs/read-models `recordSubmissionAndReadOpen`). The read
 * joins the records with `application_view`: the view decides once it has the application (a
 * closed one stops counting), the record until then, so two submissions of one newborn at the same
 * moment are caught however far the projection lags: whichever records second sees the first.
 * No connection is held across the append; the lock is per mother, so submissions for different
 * mothers never wait for each other.
 *
 * The record is committed before the submission is decided, so one that opens nothing (refused,
 * failed) has its record deleted afterwards (one more round trip, rare); a submission for the same
 * newborn checked in between is flagged as a possible duplicate of it, which the operator reviewing
 * the flag finds does not exist. A writer that stops between the record and the append leaves a
 * phantom record: records the view lacks count only for UNCONFIRMED_SUBMISSION_COUNTS_FOR after
 * their submission time. Both tables are created by the read-model migrations; before they exist (a
 * brand-new installation) nothing is open.
 */
export class PostgresOpenApplications implements OpenApplicationsQuery {
  /** Set once both tables exist; until then every submission looks again. */
  private tablesReady = false;

  constructor(private readonly pool: Pool) {}

  async forSubmission<T>(
    candidate: OpenApplicationSummary,
    submit: (open: OpenApplicationSummary[]) => Promise<SubmissionOutcome<T>>,
  ): Promise<T> {
    const { open, recorded } = await this.recordAndRead(candidate);
    let outcome: SubmissionOutcome<T>;
    try {
      outcome = await submit(
        open.map((row) => ({
          applicationId: row.applicationId,
          motherNik: candidate.motherNik,
          birthDate: row.birthDate,
          newbornName: row.newbornName,
          submittedAt: new Date(row.submittedAt).toISOString(),
        })),
      );
    } catch (e) {
      if (recorded) await this.forget(candidate.applicationId);
      throw e;
    }
    if (recorded && !outcome.opened) await this.forget(candidate.applicationId);
    return outcome.result;
  }

  private async recordAndRead(c: OpenApplicationSummary): Promise<RecordedSubmission> {
    const hash = motherNikHash(c.motherNik);
    const record = {
      applicationId: c.applicationId,
      motherNikHash: hash,
      birthDate: c.birthDate,
      newbornName: c.newbornName,
      submittedAt: c.submittedAt,
    };
    const lock = { classId: SUBMISSION_LOCK_CLASS, objectId: parseInt(hash.slice(0, 8), 16) | 0 };
    // One client for the multi-statement transaction; a failed statement leaves it aborted on that
    // connection, which withHeldClient then closes.
    return withHeldClient(this.pool, async (client) => {
      const tables = await this.tables(client);
      // The statement's text holds the newborn's name and birth date as literals: its span is ours,
      // named and without the text, instead of the pg instrumentation's.
      return withSpan('duplicate check', SpanKind.CLIENT, () => untraced(() => recordSubmissionAndReadOpen(client, tables, record, lock)));
    });
  }

  /** Best effort: a record left behind stops counting after UNCONFIRMED_SUBMISSION_COUNTS_FOR. */
  private async forget(applicationId: string): Promise<void> {
    await forgetSubmission(this.pool, applicationId).catch(() => undefined);
  }

  private async tables(client: Pick<Pool, 'query'>): Promise<DuplicateCheckTables> {
    if (this.tablesReady) return { view: true, submissions: true };
    const tables = await duplicateCheckTables(client);
    this.tablesReady = tables.view && tables.submissions;
    return tables;
  }
}
