import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { ApplicationView } from './application-view/application-view.entity';
import { ApplicationViewSnapshot } from './application-view/application-view-snapshot.entity';
import { upsertRows, upsertRowsOfTables } from './bulk-upsert';
import { createReadModelDataSource } from './data-source';

describe('upsertRows: many rows in one statement (real PostgreSQL)', () => {
  let schema: TestSchema;
  let ds: DataSource;

  beforeAll(async () => {
    schema = await createTestSchema('upsert');
    ds = await createReadModelDataSource(schema.url).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await schema?.drop();
  });

  const view = (over: Partial<ApplicationView> = {}): ApplicationView => ({
    applicationId: randomUUID(),
    kecamatan: '35.15.12',
    desa: null,
    submittedBy: 'operator.balongbendo',
    serviceType: 'kk-kelahiran',
    channel: 'tatap-muka',
    bucket: 'to-verify',
    status: 'submitted',
    statusLabel: 'Berkas diterima',
    statusView: { code: 'submitted', label: 'Berkas diterima', detail: 'a "quoted" \\ text' },
    requirements: [{ id: 'kk', kind: 'document', label: 'KK', applicable: true, presented: false, documents: [], decision: 'pending' }],
    receiptNumber: null,
    submittedAt: new Date('2026-11-27T02:03:04.567Z'),
    slaDueAt: null,
    slaDueProvisional: false,
    correctionDueAt: new Date('2026-11-28T05:00:00.000Z'),
    niks: [],
    duplicateOf: null,
    motherNikHash: null,
    newbornBirthDate: '2026-11-20',
    newbornName: 'BAYI',
    verifiedAt: null,
    newbornNikAssigned: false,
    signingFailures: 0,
    lastSigningFailure: null,
    trackingKey: null,
    lastRevision: 0,
    updatedAt: new Date('2026-11-27T02:03:04.567Z'),
    ...over,
  });

  it('inserts new rows and updates existing ones, every column kept as TypeORM reads it back', async () => {
    const rows = [
      view(),
      view({
        desa: '35.15.12.2004',
        receiptNumber: 'TT-1',
        niks: ['3515121203880001', '3515125907900002'],
        duplicateOf: randomUUID(),
        slaDueAt: new Date('2026-12-02T09:00:00.000Z'),
      }),
    ];
    await ds.transaction((em) => upsertRows(em, ApplicationView, rows));
    const repo = ds.getRepository(ApplicationView);
    for (const r of rows) expect(await repo.findOneByOrFail({ applicationId: r.applicationId })).toEqual(r);

    const changed = {
      ...rows[0],
      status: 'verified',
      statusLabel: 'Berkas lengkap',
      lastRevision: 5,
      statusView: { code: 'verified', label: 'Berkas lengkap' },
      lastSigningFailure: { reasonCode: 'X', reason: 'y', retryable: true, at: '2026-11-27T02:03:04.567Z' },
      verifiedAt: new Date('2026-11-27T03:00:00.000Z'),
      correctionDueAt: null,
      niks: ['3515011505850003'],
    };
    await ds.transaction((em) => upsertRows(em, ApplicationView, [changed, view()]));
    expect(await repo.findOneByOrFail({ applicationId: rows[0].applicationId })).toEqual(changed);
    expect(await repo.count()).toBe(3);
  });

  it('writes nothing for no rows', async () => {
    const before = await ds.getRepository(ApplicationView).count();
    await ds.transaction((em) => upsertRows(em, ApplicationView, []));
    expect(await ds.getRepository(ApplicationView).count()).toBe(before);
  });

  it('upserts several tables in one statement, each as upsertRows would', async () => {
    const row = view();
    const snapshot = { applicationId: row.applicationId, revision: 3, state: { status: 'submitted', list: [1, null] } };
    await ds.transaction((em) =>
      upsertRowsOfTables(em, [
        { entity: ApplicationViewSnapshot, rows: [snapshot] },
        { entity: ApplicationView, rows: [row] },
      ]),
    );
    expect(await ds.getRepository(ApplicationView).findOneByOrFail({ applicationId: row.applicationId })).toEqual(row);
    expect(await ds.getRepository(ApplicationViewSnapshot).findOneByOrFail({ applicationId: row.applicationId })).toEqual(snapshot);
    const moved = { ...snapshot, revision: 4 };
    await ds.transaction((em) =>
      upsertRowsOfTables(em, [
        { entity: ApplicationViewSnapshot, rows: [moved] },
        { entity: ApplicationView, rows: [] },
      ]),
    );
    expect(await ds.getRepository(ApplicationViewSnapshot).findOneByOrFail({ applicationId: row.applicationId })).toEqual(moved);
  });
});
