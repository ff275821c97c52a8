import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The personal-data access log's read model (PersonalDataAccess) and its fold (PersonalDataSubjects). */
export class PersonalDataAccess1765923000000 implements MigrationInterface {
  name = 'PersonalDataAccess1765923000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS personal_data_access (
        event_id uuid PRIMARY KEY,
        application_id uuid NOT NULL,
        viewed_at timestamptz NOT NULL,
        viewer_user_id varchar(100) NOT NULL,
        viewer_role varchar(40) NOT NULL,
        viewer_kecamatan varchar(20),
        viewer_desa varchar(20),
        view_kind varchar(20) NOT NULL,
        document_id varchar(100),
        subject_nik_hashes text[] NOT NULL
      )`);
    // The auditor's filters: by viewer, by application, by period; and by person (a NIK's hash).
    await q.query(`CREATE INDEX IF NOT EXISTS personal_data_access_viewer ON personal_data_access (viewer_user_id, viewed_at)`);
    await q.query(`CREATE INDEX IF NOT EXISTS personal_data_access_application ON personal_data_access (application_id, viewed_at)`);
    await q.query(`CREATE INDEX IF NOT EXISTS personal_data_access_viewed_at ON personal_data_access (viewed_at)`);
    await q.query(`CREATE INDEX IF NOT EXISTS personal_data_access_subjects ON personal_data_access USING gin (subject_nik_hashes)`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS personal_data_subjects (
        application_id uuid PRIMARY KEY,
        subjects jsonb NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS personal_data_subjects`);
    await q.query(`DROP TABLE IF EXISTS personal_data_access`);
  }
}
