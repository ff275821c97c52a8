import { In, type DataSource } from 'typeorm';
import { domainTesting } from '@adminduk/domain';
import { PostgresEventStore, type RecordedEvent } from '@adminduk/event-store';
import { applyInTransaction, ApplicationView, createReadModelDataSource } from '@adminduk/read-models';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { randomUUID } from 'node:crypto';
import { ApplicationViewProjection } from './application-view.projection';

describe('application view projection (real PostgreSQL)', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let ds: DataSource;

  beforeAll(async () => {
    schema = await createTestSchema('appview');
    store = await PostgresEventStore.create({ connectionString: schema.url });
    ds = await createReadModelDataSource(schema.url).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await store?.close();
    await schema?.drop();
  });

  /** A real history (submit, upload all, accept all) appended to a real stream. */
  async function history(): Promise<{ applicationId: string; recorded: RecordedEvent[] }> {
    const applicationId = randomUUID();
    const scenario = new domainTesting.KkScenario('daring-mandiri').submit({ applicationId }).uploadAll();
    const streamId = `application-${applicationId}`;
    await store.appendToStream(
      streamId,
      scenario.events.map((e) => ({
        type: e.type,
        data: e.data,
        metadata: {
          eventId: randomUUID(),
          occurredAt: new Date().toISOString(),
          schemaVersion: e.schemaVersion,
          correlationId: 'c',
          kecamatan: '35.15.12',
        },
      })),
      'no_stream',
    );
    return { applicationId, recorded: await store.readStream(streamId) };
  }

  it('fills a gap from the store when the bus delivers a later event first, and skips the late one', async () => {
    const projection = new ApplicationViewProjection();
    projection.attachEventStore(store);
    const { applicationId, recorded } = await history();
    expect(recorded.length).toBeGreaterThan(3);
    const last = recorded[recorded.length - 1];

    expect(await applyInTransaction(ds, projection, last)).toBe('applied');
    const row = await ds.getRepository(ApplicationView).findOneByOrFail({ applicationId });
    expect(row.lastRevision).toBe(last.revision);
    // Every upload of the history is in the folded state, although only the last event arrived.
    const documents = (row.state as { requirements: { documents: unknown[] }[] }).requirements.flatMap((r) => r.documents);
    expect(documents).toHaveLength(domainTesting.DOCUMENT_REQUIREMENTS.length);

    // The earlier events arrive late: nothing changes, nothing is applied twice.
    for (const e of recorded.slice(0, -1)) expect(await applyInTransaction(ds, projection, e)).toBe('skipped');
    expect((await ds.getRepository(ApplicationView).findOneByOrFail({ applicationId })).state).toEqual(row.state);
  });

  it('keeps the NIKs of the applicant and every family member: the citizens who may see the application', async () => {
    const projection = new ApplicationViewProjection();
    projection.attachEventStore(store);
    const { applicationId, recorded } = await history();
    await applyInTransaction(ds, projection, recorded[recorded.length - 1]);
    const row = await ds.getRepository(ApplicationView).findOneByOrFail({ applicationId });
    const family = domainTesting.family().anggota.map((m) => m.nik);
    expect([...row.niks].sort()).toEqual([...new Set([domainTesting.applicant().nik, ...family])].sort());
  });

  it('applies a redelivered event once', async () => {
    const projection = new ApplicationViewProjection();
    projection.attachEventStore(store);
    const { applicationId, recorded } = await history();
    for (const e of recorded) expect(await applyInTransaction(ds, projection, e)).toBe('applied');
    const before = await ds.getRepository(ApplicationView).findOneByOrFail({ applicationId });
    await applyInTransaction(ds, projection, recorded[1]);
    const after = await ds.getRepository(ApplicationView).findOneByOrFail({ applicationId });
    expect(after.state).toEqual(before.state);
    expect(after.lastRevision).toBe(recorded.length - 1);
  });

  it('a batch of interleaved applications gives the rows that one event at a time gives', async () => {
    const one = await history();
    const two = await history();
    // Interleaved as the global order would have them when two counters work at once.
    const mixed = one.recorded.flatMap((e, i) => [e, two.recorded[i]].filter(Boolean));
    const single = new ApplicationViewProjection();
    single.attachEventStore(store);
    const rowsOneByOne = [];
    for (const h of [one, two]) {
      for (const e of h.recorded) await applyInTransaction(ds, single, e);
      rowsOneByOne.push(await ds.getRepository(ApplicationView).findOneByOrFail({ applicationId: h.applicationId }));
    }
    await ds.getRepository(ApplicationView).delete({ applicationId: In([one.applicationId, two.applicationId]) });

    const batch = new ApplicationViewProjection();
    batch.attachEventStore(store);
    await ds.transaction((em) => batch.applyBatch(mixed, em));
    const rowsBatched = await ds.getRepository(ApplicationView).findBy({ applicationId: In([one.applicationId, two.applicationId]) });
    const byId = (rows: ApplicationView[]) => Object.fromEntries(rows.map((r) => [r.applicationId, r]));
    expect(byId(rowsBatched)).toEqual(byId(rowsOneByOne));
    expect(rowsBatched.map((r) => r.lastRevision)).toEqual([one.recorded.length - 1, two.recorded.length - 1]);
  });
});
