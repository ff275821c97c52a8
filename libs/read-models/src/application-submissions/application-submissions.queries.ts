import { escapeLiteral } from 'pg';
import { OPEN_APPLICATIONS_OF_MOTHER_SQL } from '../application-view/open-applications-of-mother.sql';
import type { SqlClient } from '../sql-client';

/**
 * The duplicate check's reads and writes (libs/application-commands PostgresOpenApplications):
 * application_submissions is the writers' own record of submissions, application_view decides once
 * it has the application (a closed one stops counting), the record until then.
 */

/** A submission about to be appended, as the check records it (the mother's NIK only as its hash). */
export interface SubmissionRecord {
  applicationId: string;
  motherNikHash: string;
  birthDate: string;
  newbornName: string;
  submittedAt: string;
}

export interface OpenApplicationRow {
  applicationId: string;
  birthDate: string;
  newbornName: string;
  submittedAt: Date;
}

/** Which of the two tables exist yet (a brand-new installation before its migrations has neither). */
export interface DuplicateCheckTables {
  view: boolean;
  submissions: boolean;
}

export async function duplicateCheckTables(db: SqlClient): Promise<DuplicateCheckTables> {
  const { rows } = await db.query<{ view: boolean; submissions: boolean }>(
    `SELECT to_regclass('application_view') IS NOT NULL AS view, to_regclass('application_submissions') IS NOT NULL AS submissions`,
  );
  return rows[0];
}

/** The per-mother advisory lock the check takes (two int4 keys; the object key from her NIK's hash). */
export interface SubmissionLock {
  classId: number;
  objectId: number;
}

/**
 * How long a record the view does not have yet still counts. An append takes milliseconds, so a
 * record the view lacks for longer is a phantom: its writer stopped between the record and the
 * append (a crash), or its projection is this far behind, when the view's own row decides anyway
 * once it arrives. Measured against the candidate's submission time (the writers' clock).
 */
export const UNCONFIRMED_SUBMISSION_COUNTS_FOR = '10 minutes';

/** A client that runs a multi-statement simple query (pg answers an array, one result per statement). */
export interface MultiStatementClient {
  query(sql: string): Promise<unknown>;
}

export interface RecordedSubmission {
  /** The mother's open applications as they are once the lock is held (never the candidate itself). */
  open: OpenApplicationRow[];
  /** True when this call inserted the record (false: it existed, e.g. a retry with the same key). */
  recorded: boolean;
}

/**
 * One round trip: under the per-mother lock, records the candidate and reads her open applications
 * (the view's open rows, plus the records the view does not have yet, while they count), and
 * commits, releasing the lock. One simple-query string: BEGIN, the lock, one statement, COMMIT. In
 * READ COMMITTED each statement takes its own snapshot, so the read, taken after the lock, sees
 * every record committed before it; it does not see its own insert. Values are literals escaped by
 * pg's `escapeLiteral` (a simple query takes no parameters); the record's commit does not wait for
 * its WAL flush (one lost in a database crash is the view's to heal).
 * On an error the transaction is left aborted: the caller closes that connection (withHeldClient).
 */
export async function recordSubmissionAndReadOpen(
  db: MultiStatementClient,
  tables: DuplicateCheckTables,
  c: SubmissionRecord,
  lock: SubmissionLock,
): Promise<RecordedSubmission> {
  if (!tables.view) return { open: [], recorded: false };
  const hash = literal(c.motherNikHash);
  const submittedAt = `${literal(c.submittedAt)}::timestamptz`;
  const view = OPEN_APPLICATIONS_OF_MOTHER_SQL.replace('$1', hash);
  if (!tables.submissions) {
    const only = (await db.query(view)) as { rows: Row[] };
    return { open: only.rows.map(openRow), recorded: false };
  }
  const results = (await db.query(
    `BEGIN; SET LOCAL synchronous_commit = off; SELECT pg_advisory_xact_lock(${lock.classId | 0}, ${lock.objectId | 0});
     WITH recorded AS (
       INSERT INTO application_submissions (application_id, mother_nik_hash, birth_date, newborn_name, submitted_at)
       VALUES (${literal(c.applicationId)}::uuid, ${hash}, ${literal(c.birthDate)}, ${literal(c.newbornName)}, ${submittedAt})
       ON CONFLICT (application_id) DO NOTHING RETURNING application_id
     )
     SELECT v.*, false AS recorded FROM (${view}) v
     UNION ALL
     SELECT s.application_id::text, s.birth_date, s.newborn_name, s.submitted_at, false
       FROM application_submissions s
      WHERE s.mother_nik_hash = ${hash} AND s.submitted_at > ${submittedAt} - interval '${UNCONFIRMED_SUBMISSION_COUNTS_FOR}'
        AND NOT EXISTS (SELECT 1 FROM application_view v WHERE v.application_id = s.application_id)
     UNION ALL
     SELECT NULL, NULL, NULL, NULL, true FROM recorded;
     COMMIT`,
  )) as Array<{ rows: Array<Row & { recorded: boolean }> }>;
  const rows = results[3].rows;
  return { open: rows.filter((r) => !r.recorded).map(openRow), recorded: rows.some((r) => r.recorded) };
}

/** Removes a record whose submission opened nothing (refused or failed), so it stops counting at once. */
export async function forgetSubmission(db: SqlClient, applicationId: string): Promise<void> {
  await db.query('DELETE FROM application_submissions WHERE application_id = $1', [applicationId]);
}

type Row = { application_id: string; birth: string; name: string; submitted_at: Date };

const openRow = (r: Row): OpenApplicationRow => ({
  applicationId: r.application_id,
  birthDate: r.birth,
  newbornName: r.name,
  submittedAt: r.submitted_at,
});

/** A SQL literal of any text: NUL, which PostgreSQL text cannot hold, becomes U+FFFD (such input is refused by the decider). */
const literal = (value: string) => escapeLiteral(String(value).replaceAll('\0', '\uFFFD'));
