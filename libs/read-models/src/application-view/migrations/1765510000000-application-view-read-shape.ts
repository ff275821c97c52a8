import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * application_view holds its read shape instead of the domain state: typed columns for the detail
 * view (status_view, requirements), the signing queue (verified_at, newborn_nik_assigned,
 * signing_failures, last_signing_failure) and the duplicate check (mother_nik_hash,
 * newborn_birth_date, newborn_name, indexed on the open applications). The folded state moves to
 * the projection's own application_view_snapshots. The columns other services read are filled
 * from the old state here, so signing and the duplicate check stay right until the projection
 * (version 2 and later, the checkpoints being at 1) rebuilds the view and its snapshots at its next start.
 */
export class ApplicationViewReadShape1765510000000 implements MigrationInterface {
  name = 'ApplicationViewReadShape1765510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application_view
        ADD COLUMN IF NOT EXISTS status_view jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN IF NOT EXISTS requirements jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN IF NOT EXISTS mother_nik_hash char(64),
        ADD COLUMN IF NOT EXISTS newborn_birth_date text,
        ADD COLUMN IF NOT EXISTS newborn_name text,
        ADD COLUMN IF NOT EXISTS verified_at timestamptz,
        ADD COLUMN IF NOT EXISTS newborn_nik_assigned boolean NOT NULL DEFAULT false,
        ADD COLUMN IF NOT EXISTS signing_failures int NOT NULL DEFAULT 0,
        ADD COLUMN IF NOT EXISTS last_signing_failure jsonb`);
    const hasState = await q.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'application_view' AND column_name = 'state'`,
    );
    if (hasState.length > 0) {
      // The same hash as motherNikHash (libs/read-models application-submissions/mother-nik-hash.ts).
      await q.query(`
        UPDATE application_view SET
          status_view = jsonb_build_object('code', status, 'label', status_label),
          requirements = COALESCE(state->'requirements', '[]'::jsonb),
          mother_nik_hash = CASE WHEN state->'newborn'->>'nikIbu' IS NOT NULL
            THEN encode(sha256(convert_to('adminduk/mother-nik/' || (state->'newborn'->>'nikIbu'), 'UTF8')), 'hex') END,
          newborn_birth_date = state->'newborn'->>'tanggalLahir',
          newborn_name = state->'newborn'->>'namaLengkap',
          verified_at = (state->>'verifiedAt')::timestamptz,
          newborn_nik_assigned = state->>'newbornNik' IS NOT NULL,
          signing_failures = COALESCE((state->>'signingFailures')::int, 0),
          last_signing_failure = NULLIF(state->'lastSigningFailure', 'null'::jsonb)`);
      await q.query(`DROP INDEX IF EXISTS application_view_open_mother_nik`);
      await q.query(`ALTER TABLE application_view DROP COLUMN state`);
    }
    await q.query(`ALTER TABLE application_view ALTER COLUMN status_view DROP DEFAULT, ALTER COLUMN requirements DROP DEFAULT`);
    // Partial on the duplicate check's own predicate, so closed applications do not grow the index.
    await q.query(`CREATE INDEX IF NOT EXISTS application_view_open_mother ON application_view (mother_nik_hash) WHERE bucket <> 'closed'`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS application_view_snapshots (
        application_id uuid PRIMARY KEY,
        revision int NOT NULL,
        state jsonb NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to the state column, empty: the older projection rebuilds nothing by itself, so clear
    // application_view and its checkpoint (docs/runbook.md, rebuild) after going down.
    await q.query(`DROP TABLE IF EXISTS application_view_snapshots`);
    await q.query(`DROP INDEX IF EXISTS application_view_open_mother`);
    await q.query(`ALTER TABLE application_view ADD COLUMN IF NOT EXISTS state jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await q.query(`
      ALTER TABLE application_view
        DROP COLUMN IF EXISTS status_view, DROP COLUMN IF EXISTS requirements, DROP COLUMN IF EXISTS mother_nik_hash,
        DROP COLUMN IF EXISTS newborn_birth_date, DROP COLUMN IF EXISTS newborn_name, DROP COLUMN IF EXISTS verified_at,
        DROP COLUMN IF EXISTS newborn_nik_assigned, DROP COLUMN IF EXISTS signing_failures, DROP COLUMN IF EXISTS last_signing_failure`);
  }
}
