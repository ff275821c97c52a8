/**
 * The view half of the duplicate check: a mother's open applications ($1: motherNikHash), answered
 * by the partial index application_view_open_mother. A statement fragment, so the caller can run it
 * in one round trip with its own (application-submissions.queries.ts).
 */
export const OPEN_APPLICATIONS_OF_MOTHER_SQL = `SELECT application_id::text, newborn_birth_date AS birth, newborn_name AS name, submitted_at
        FROM application_view WHERE bucket <> 'closed' AND mother_nik_hash = $1`;
