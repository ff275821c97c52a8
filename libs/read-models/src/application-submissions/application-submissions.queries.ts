import { OPEN_APPLICATIONS_OF_MOTHER_SQL } from '../application-view/application-view.queries';
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

/**
 * The mother's open applications, and the candidate's record written in the same statement (one
 * round trip; the statement does not see its own insert): the view's open rows, plus the records
 * the view does not have yet.
 */
export async function recordSubmissionAndReadOpen(
  db: SqlClient,
  tables: DuplicateCheckTables,
  c: SubmissionRecord,
): Promise<OpenApplicationRow[]> {
  if (!tables.view) return [];
  const { rows } = await db.query<{ application_id: string; birth: string; name: string; submitted_at: Date }>(
    tables.submissions
      ? `WITH recorded AS (
           INSERT INTO application_submissions (application_id, mother_nik_hash, birth_date, newborn_name, submitted_at)
           VALUES ($2, $1, $3, $4, $5) ON CONFLICT (application_id) DO NOTHING
         )
         ${OPEN_APPLICATIONS_OF_MOTHER_SQL}
         UNION ALL
         SELECT s.application_id::text, s.birth_date, s.newborn_name, s.submitted_at
           FROM application_submissions s
          WHERE s.mother_nik_hash = $1 AND NOT EXISTS (SELECT 1 FROM application_view v WHERE v.application_id = s.application_id)`
      : OPEN_APPLICATIONS_OF_MOTHER_SQL,
    tables.submissions ? [c.motherNikHash, c.applicationId, c.birthDate, c.newbornName, c.submittedAt] : [c.motherNikHash],
  );
  return rows.map((r) => ({ applicationId: r.application_id, birthDate: r.birth, newbornName: r.name, submittedAt: r.submitted_at }));
}
