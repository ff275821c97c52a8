import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { domainTesting } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import type { TestSchema } from '@adminduk/testing';
import { ApplicationViewProjection } from '../application-view/application-view.projection';
import { appendHistory } from '../testing/append-history';
import {
  duplicateCheckTables,
  forgetSubmission,
  recordSubmissionAndReadOpen,
  type SubmissionRecord,
} from './application-submissions.queries';
import { motherNikHash } from './mother-nik-hash';
import { closeReadModelTestbed, openReadModelTestbed, catchUpToHead } from '../read-model-testbed.testing';

describe("the duplicate check reads through the read models' query module (real PostgreSQL)", () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let ds: DataSource;
  let pool: Pool;

  beforeAll(async () => {
    ({ schema, store, ds } = await openReadModelTestbed('dupq'));
    pool = new Pool({ connectionString: schema.url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await closeReadModelTestbed({ schema, store, ds });
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
    await catchUpToHead(ds, new ApplicationViewProjection(), store);
    const tables = await duplicateCheckTables(pool);
    expect(tables).toEqual({ view: true, submissions: true });

    const lock = { classId: 1, objectId: 2 };
    const check = (c: SubmissionRecord) => recordSubmissionAndReadOpen(pool, tables, c, lock);
    const first = candidate(motherNik);
    const found = await check(first);
    expect(found.recorded).toBe(true);
    expect(found.open.map((r) => r.applicationId)).toEqual([open]); // its own record is not seen by its statement
    expect(found.open[0]).toMatchObject({ birthDate: '2025-01-03', newbornName: 'AISYAH PUTRI SANTOSO' });

    const second = await check(candidate(motherNik));
    expect(second.open.map((r) => r.applicationId).sort()).toEqual([open, first.applicationId].sort());
    expect((await check(candidate('3515125907900099'))).open).toEqual([]);
    // The same application again (a retry): nothing inserted, so the caller has nothing to forget.
    expect((await check(first)).recorded).toBe(false);
    // Forgotten (its submission opened nothing): it no longer counts.
    await forgetSubmission(pool, first.applicationId);
    expect((await check(candidate(motherNik))).open.map((r) => r.applicationId)).not.toContain(first.applicationId);
  });

  it('a record the view still lacks counts for 10 minutes after its submission time, then is taken for a phantom', async () => {
    const tables = await duplicateCheckTables(pool);
    const lock = { classId: 1, objectId: 3 };
    const motherNik = '3515125907900011';
    const at = (iso: string) => ({ ...candidate(motherNik), submittedAt: iso });
    const phantom = at('2026-03-02T01:00:00.000Z');
    await recordSubmissionAndReadOpen(pool, tables, phantom, lock);
    const seen = async (iso: string) => (await recordSubmissionAndReadOpen(pool, tables, at(iso), lock)).open.map((r) => r.applicationId);
    expect(await seen('2026-03-02T01:09:59.000Z')).toContain(phantom.applicationId);
    expect(await seen('2026-03-02T01:10:01.000Z')).not.toContain(phantom.applicationId);
  });

  it('holds text of any kind as a literal (quotes, backslashes, NUL), and leaves the connection usable after a failed statement', async () => {
    const tables = await duplicateCheckTables(pool);
    const lock = { classId: 1, objectId: 4 };
    const motherNik = '3515125907900012';
    const odd = { ...candidate(motherNik), newbornName: "O'BRIEN \\ '); DROP TABLE application_view; --\u0000" };
    expect((await recordSubmissionAndReadOpen(pool, tables, odd, lock)).recorded).toBe(true);
    const again = await recordSubmissionAndReadOpen(pool, tables, candidate(motherNik), lock);
    expect(again.open.map((r) => r.newbornName)).toEqual(["O'BRIEN \\ '); DROP TABLE application_view; --\uFFFD"]);
    const client = await pool.connect();
    try {
      const bad = { ...candidate(motherNik), submittedAt: 'not a time' };
      await expect(recordSubmissionAndReadOpen(client, tables, bad, lock)).rejects.toThrow();
      await client.query('ROLLBACK');
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      client.release();
    }
  });
});
