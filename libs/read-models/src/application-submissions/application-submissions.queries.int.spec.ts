import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { domainTesting } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { ApplicationViewProjection } from '../application-view/application-view.projection';
import { catchUpInTransaction } from '../checkpoint/apply-in-transaction';
import { createReadModelDataSource } from '../data-source';
import { appendHistory } from '../testing/append-history';
import { duplicateCheckTables, recordSubmissionAndReadOpen } from './application-submissions.queries';
import { motherNikHash } from './mother-nik-hash';

describe("the duplicate check reads through the read models' query module (real PostgreSQL)", () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let ds: DataSource;
  let pool: Pool;

  beforeAll(async () => {
    schema = await createTestSchema('dupq');
    store = await PostgresEventStore.create({ connectionString: schema.url });
    ds = await createReadModelDataSource(schema.url).initialize();
    pool = new Pool({ connectionString: schema.url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await ds?.destroy();
    await store?.close();
    await schema?.drop();
  });

  const candidate = (motherNik: string) => ({
    applicationId: randomUUID(),
    motherNikHash: motherNikHash(motherNik),
    birthDate: '2025-01-03',
    newbornName: 'AISYAH PUTRI SANTOSO',
    submittedAt: new Date().toISOString(),
  });

  it("finds the mother's open applications in the view and the records it lacks; a closed one no longer counts", async () => {
    const motherNik = domainTesting.newborn().nikIbu;
    const [open, closed] = [randomUUID(), randomUUID()];
    const s = () => new domainTesting.KkScenario('tatap-muka');
    await appendHistory(store, open, s().submit().events);
    const withdrawn = s().submit();
    withdrawn.run({ type: 'WithdrawApplication', actor: domainTesting.actors.operator, data: { reason: 'Salah isi' } });
    await appendHistory(store, closed, withdrawn.events);
    await catchUpInTransaction(ds, new ApplicationViewProjection(), store, 'end');
    const tables = await duplicateCheckTables(pool);
    expect(tables).toEqual({ view: true, submissions: true });

    const first = candidate(motherNik);
    const found = await recordSubmissionAndReadOpen(pool, tables, first);
    expect(found.map((r) => r.applicationId)).toEqual([open]); // its own record is not seen by its statement
    expect(found[0]).toMatchObject({ birthDate: '2025-01-03', newbornName: 'AISYAH PUTRI SANTOSO' });

    const second = await recordSubmissionAndReadOpen(pool, tables, candidate(motherNik));
    expect(second.map((r) => r.applicationId).sort()).toEqual([open, first.applicationId].sort());
    expect(await recordSubmissionAndReadOpen(pool, tables, candidate('3515125907900099'))).toEqual([]);
  });
});
