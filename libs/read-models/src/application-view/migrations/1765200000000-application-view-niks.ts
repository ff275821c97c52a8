import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A citizen sees every application where their NIK is the applicant's or a family member's,
 * whatever the channel. `niks` holds those NIKs (libs/domain applicationNiks); the gateway's citizen
 * scope is `niks @> ARRAY[<nik>]`, answered by the GIN index. Existing rows are filled from their
 * folded state, so no rebuild is needed.
 */
export class ApplicationViewNiks1765200000000 implements MigrationInterface {
  name = 'ApplicationViewNiks1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application_view ADD COLUMN IF NOT EXISTS niks text[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      UPDATE application_view SET niks = ARRAY(
        SELECT DISTINCT nik FROM (
          SELECT state->'applicant'->>'nik' AS nik
          UNION ALL
          SELECT m->>'nik' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(state->'family'->'anggota') = 'array' THEN state->'family'->'anggota' ELSE '[]'::jsonb END) m
        ) parties WHERE nik IS NOT NULL AND nik <> ''
      )`);
    await q.query(`CREATE INDEX IF NOT EXISTS application_view_niks ON application_view USING gin (niks)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS application_view_niks`);
    await q.query(`ALTER TABLE application_view DROP COLUMN IF EXISTS niks`);
  }
}
