import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { applicationNiks, domainTesting } from '@adminduk/domain';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { ApplicationView } from '../application-view/application-view.entity';
import { createReadModelDataSource } from '../data-source';
import { ApplicationViewNiks1765200000000 } from './1765200000000-application-view-niks';

describe('migration: application_view.niks (real PostgreSQL)', () => {
  let schema: TestSchema;
  let ds: DataSource;

  beforeAll(async () => {
    schema = await createTestSchema('niks');
    ds = await createReadModelDataSource(schema.url).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await schema?.drop();
  });

  it('fills the rows projected before it from their state, as the projection would, and indexes the column', async () => {
    const state = { applicant: domainTesting.applicant(), family: domainTesting.family(), nested: 'x' };
    const rows = [
      { id: randomUUID(), state },
      { id: randomUUID(), state: { family: { anggota: 'broken' } } },
      { id: randomUUID(), state: {} },
    ];
    for (const r of rows) {
      await ds.query(
        `INSERT INTO application_view (application_id, kecamatan, submitted_by, service_type, channel, bucket, status, status_label, submitted_at, last_revision, state, updated_at)
         VALUES ($1, '35.15.12', 'u', 's', 'tatap-muka', 'to-verify', 'submitted', 'l', now(), 0, $2, now())`,
        [r.id, JSON.stringify(r.state)],
      );
    }
    const runner = ds.createQueryRunner();
    try {
      await new ApplicationViewNiks1765200000000().up(runner); // again: idempotent, and fills what is there
    } finally {
      await runner.release();
    }
    const niks = async (id: string) => [...(await ds.getRepository(ApplicationView).findOneByOrFail({ applicationId: id })).niks].sort();
    expect(await niks(rows[0].id)).toEqual(applicationNiks(state).sort());
    expect(await niks(rows[1].id)).toEqual([]);
    expect(await niks(rows[2].id)).toEqual([]);
    const [index] = await ds.query(
      `SELECT indexdef FROM pg_indexes WHERE indexname = 'application_view_niks' AND schemaname = current_schema()`,
    );
    expect(index.indexdef).toMatch(/USING gin \(niks\)/);
  });
});
