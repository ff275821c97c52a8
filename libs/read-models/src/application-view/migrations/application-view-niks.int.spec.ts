import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { applicationNiks, domainTesting } from '@adminduk/domain';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { READ_MODEL_MIGRATIONS, readModelDataSourceOptions } from '../../data-source';
import { motherNikHash } from '../../application-submissions/mother-nik-hash';
import { ApplicationViewNiks1765200000000 } from './1765200000000-application-view-niks';
import { ApplicationViewReadShape1765510000000 } from './1765510000000-application-view-read-shape';

/** The read-model migrations before `last` (excluded), applied to an empty schema: the shape older code wrote to. */
async function migratedUpTo(url: string, last: new () => unknown): Promise<DataSource> {
  const upTo = READ_MODEL_MIGRATIONS.slice(0, READ_MODEL_MIGRATIONS.indexOf(last as (typeof READ_MODEL_MIGRATIONS)[number]));
  const ds = await new DataSource({ ...readModelDataSourceOptions(url), entities: [], migrations: upTo }).initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}

async function run(ds: DataSource, migration: { up(q: ReturnType<DataSource['createQueryRunner']>): Promise<void> }): Promise<void> {
  const runner = ds.createQueryRunner();
  try {
    await migration.up(runner);
  } finally {
    await runner.release();
  }
}

/** A row as the projection wrote it while application_view still held the domain state. */
async function insertWithState(ds: DataSource, id: string, state: object, bucket = 'to-verify'): Promise<void> {
  await ds.query(
    `INSERT INTO application_view (application_id, kecamatan, submitted_by, service_type, channel, bucket, status, status_label, submitted_at, last_revision, state, updated_at)
     VALUES ($1, '35.15.12', 'u', 's', 'tatap-muka', $3, 'submitted', 'l', now(), 0, $2, now())`,
    [id, JSON.stringify(state), bucket],
  );
}

describe('application_view migrations over rows the older projection wrote (real PostgreSQL)', () => {
  let schema: TestSchema;
  let ds: DataSource;

  beforeEach(async () => {
    schema = await createTestSchema('viewmig', { migrate: false });
  });
  afterEach(async () => {
    await ds?.destroy();
    await schema?.drop();
  });

  it('niks: fills the rows projected before it from their state, as the projection would, and indexes the column', async () => {
    ds = await migratedUpTo(schema.url, ApplicationViewNiks1765200000000);
    const state = { applicant: domainTesting.applicant(), family: domainTesting.family(), nested: 'x' };
    const rows = [
      { id: randomUUID(), state },
      { id: randomUUID(), state: { family: { anggota: 'broken' } } },
      { id: randomUUID(), state: {} },
    ];
    for (const r of rows) await insertWithState(ds, r.id, r.state);
    await run(ds, new ApplicationViewNiks1765200000000());
    await run(ds, new ApplicationViewNiks1765200000000()); // again: idempotent
    const niks = async (id: string) =>
      [...(await ds.query(`SELECT niks FROM application_view WHERE application_id = $1`, [id]))[0].niks].sort();
    expect(await niks(rows[0].id)).toEqual(applicationNiks(state).sort());
    expect(await niks(rows[1].id)).toEqual([]);
    expect(await niks(rows[2].id)).toEqual([]);
    const [index] = await ds.query(
      `SELECT indexdef FROM pg_indexes WHERE indexname = 'application_view_niks' AND schemaname = current_schema()`,
    );
    expect(index.indexdef).toMatch(/USING gin \(niks\)/);
  });

  it('read shape: fills the columns signing and the duplicate check read from the old state, then drops the state', async () => {
    ds = await migratedUpTo(schema.url, ApplicationViewReadShape1765510000000);
    const s = new domainTesting.KkScenario('tatap-muka').submit().acceptAll().verify().assignNik();
    const failure = { reasonCode: 'TTE_DOWN', reason: 'Layanan TTE tidak tersedia', retryable: true, at: '2025-01-06T03:00:00.000Z' };
    const [withNik, bare] = [randomUUID(), randomUUID()];
    await insertWithState(ds, withNik, { ...s.state, signingFailures: 1, lastSigningFailure: failure }, 'to-sign');
    await insertWithState(ds, bare, {});
    await run(ds, new ApplicationViewReadShape1765510000000());
    await run(ds, new ApplicationViewReadShape1765510000000()); // again: idempotent

    const [row] = await ds.query(`SELECT * FROM application_view WHERE application_id = $1`, [withNik]);
    const newborn = domainTesting.newborn();
    expect(row).toMatchObject({
      mother_nik_hash: motherNikHash(newborn.nikIbu),
      newborn_birth_date: newborn.tanggalLahir,
      newborn_name: newborn.namaLengkap,
      newborn_nik_assigned: true,
      signing_failures: 1,
      last_signing_failure: failure,
      status_view: { code: 'submitted', label: 'l' },
    });
    expect(row.verified_at.toISOString()).toBe(s.state.verifiedAt);
    expect(row.requirements).toHaveLength(s.state.requirements.length);
    expect(row).not.toHaveProperty('state');
    const [empty] = await ds.query(`SELECT * FROM application_view WHERE application_id = $1`, [bare]);
    expect(empty).toMatchObject({ mother_nik_hash: null, newborn_nik_assigned: false, signing_failures: 0, last_signing_failure: null });
    const indexes = await ds.query(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'application_view' AND schemaname = current_schema()`,
    );
    const names = indexes.map((i: { indexname: string }) => i.indexname);
    expect(names).toContain('application_view_open_mother');
    expect(names).not.toContain('application_view_open_mother_nik');
    expect(await ds.query(`SELECT count(*)::int AS n FROM application_view_snapshots`)).toEqual([{ n: 0 }]);
  });
});
