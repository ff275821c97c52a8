import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { describeStatus, domainTesting } from '@adminduk/domain';
import { PostgresEventStore, type RecordedEvent } from '@adminduk/event-store';
import type { TestSchema } from '@adminduk/testing';
import { motherNikHash } from '../application-submissions/mother-nik-hash';
import { applyInTransaction } from '../checkpoint/apply-in-transaction';
import { appendHistory } from '../testing/append-history';
import { ApplicationViewSnapshot } from './application-view-snapshot.entity';
import { ApplicationView } from './application-view.entity';
import { ApplicationViewProjection } from './application-view.projection';
import { applicationsToSign } from './application-view.queries';
import { closeReadModelTestbed, openReadModelTestbed } from '../read-model-testbed.testing';

describe('application view projection (real PostgreSQL)', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let ds: DataSource;

  beforeAll(async () => {
    ({ schema, store, ds } = await openReadModelTestbed('appview'));
  });
  afterAll(async () => {
    await closeReadModelTestbed({ schema, store, ds });
  });

  /** A real history (submit, upload all, and whatever `more` adds) appended to a real stream. */
  async function history(
    more: (s: domainTesting.KkScenario) => domainTesting.KkScenario = (s) => s,
  ): Promise<{ applicationId: string; recorded: RecordedEvent[]; scenario: domainTesting.KkScenario }> {
    const applicationId = randomUUID();
    const scenario = more(new domainTesting.KkScenario('daring-mandiri').submit({ applicationId }).uploadAll());
    return { applicationId, recorded: await appendHistory(store, applicationId, scenario.events), scenario };
  }

  const row = (applicationId: string) => ds.getRepository(ApplicationView).findOneByOrFail({ applicationId });

  it('keeps the read shape the screens need, typed, and not the domain state', async () => {
    const projection = new ApplicationViewProjection();
    const { applicationId, recorded, scenario } = await history();
    for (const e of recorded) await applyInTransaction(ds, projection, e);
    const r = await row(applicationId);
    expect(r.lastRevision).toBe(recorded.length - 1);
    expect(r.statusView).toEqual(JSON.parse(JSON.stringify(describeStatus(scenario.state))));
    expect(r.requirements.map((q) => q.id)).toEqual(scenario.state.requirements.map((q) => q.id));
    expect(r.requirements.flatMap((q) => q.documents)).toHaveLength(domainTesting.DOCUMENT_REQUIREMENTS.length);
    const newborn = domainTesting.newborn();
    expect(r).toMatchObject({
      motherNikHash: motherNikHash(newborn.nikIbu),
      newbornBirthDate: newborn.tanggalLahir,
      newbornName: newborn.namaLengkap,
      newbornNikAssigned: false,
      signingFailures: 0,
    });
    const family = domainTesting.family().anggota.map((m) => m.nik);
    expect([...r.niks].sort()).toEqual([...new Set([domainTesting.applicant().nik, ...family])].sort());
    const columns = await ds.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'application_view'`,
    );
    expect(columns.map((c: { column_name: string }) => c.column_name)).not.toContain('state');
  });

  it("feeds the signing queue through the view's query module once the newborn's NIK is issued", async () => {
    const projection = new ApplicationViewProjection();
    const verified = await history((s) => s.acceptAll().verify());
    const withNik = await history((s) => s.acceptAll().verify().assignNik());
    for (const e of [...verified.recorded, ...withNik.recorded]) await applyInTransaction(ds, projection, e);
    const queue = await applicationsToSign({ query: async (sql, params) => ({ rows: await ds.query(sql, params) }) }, 500);
    const ids = queue.map((q) => q.applicationId);
    expect(ids).toContain(withNik.applicationId);
    expect(ids).not.toContain(verified.applicationId);
    const item = queue.find((q) => q.applicationId === withNik.applicationId)!;
    expect(item.verifiedAt?.toISOString()).toBe(withNik.scenario.state.verifiedAt);
    expect(item).toMatchObject({ signingFailures: 0, lastSigningFailure: null, kecamatan: withNik.scenario.state.kecamatan });
  });

  it('refuses an event that skips revisions of its stream instead of showing a wrong state', async () => {
    const projection = new ApplicationViewProjection();
    const { applicationId, recorded } = await history();
    await applyInTransaction(ds, projection, recorded[0]);
    await expect(applyInTransaction(ds, projection, recorded[recorded.length - 1])).rejects.toThrow(/jumps from revision 0/);
    expect((await row(applicationId)).lastRevision).toBe(0);
  });

  it('applies a redelivered event once', async () => {
    const projection = new ApplicationViewProjection();
    const { applicationId, recorded } = await history();
    for (const e of recorded) expect(await applyInTransaction(ds, projection, e)).toBe('applied');
    const before = await row(applicationId);
    await applyInTransaction(ds, projection, recorded[1]);
    expect(await row(applicationId)).toEqual(before);
  });

  it('a batch of interleaved applications gives the rows that one event at a time gives', async () => {
    const one = await history();
    const two = await history();
    // Interleaved as the global order would have them when two counters work at once.
    const mixed = one.recorded.flatMap((e, i) => [e, two.recorded[i]].filter(Boolean));
    const ids = [one.applicationId, two.applicationId];
    const single = new ApplicationViewProjection();
    const rowsOneByOne = [];
    for (const h of [one, two]) {
      for (const e of h.recorded) await applyInTransaction(ds, single, e);
      rowsOneByOne.push(await row(h.applicationId));
    }
    await ds.getRepository(ApplicationView).delete({ applicationId: In(ids) });
    await ds.getRepository(ApplicationViewSnapshot).delete({ applicationId: In(ids) });

    await ds.transaction((em) => new ApplicationViewProjection().applyBatch(mixed, em));
    const rowsBatched = await ds.getRepository(ApplicationView).findBy({ applicationId: In(ids) });
    const byId = (rows: ApplicationView[]) => Object.fromEntries(rows.map((r) => [r.applicationId, r]));
    expect(byId(rowsBatched)).toEqual(byId(rowsOneByOne));
    expect(rowsBatched.map((r) => r.lastRevision).sort()).toEqual([one.recorded.length - 1, two.recorded.length - 1].sort());
  });
});
