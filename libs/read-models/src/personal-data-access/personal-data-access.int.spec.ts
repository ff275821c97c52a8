import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { accessLogStreamId, applicationStreamId, domainTesting, type ApplicationEvent, type PersonalDataViewed } from '@adminduk/domain';
import type { NewEvent } from '@adminduk/event-store';
import { closeReadModelTestbed, openReadModelTestbed, type ReadModelTestbed, catchUpToHead } from '../read-model-testbed.testing';
import { PersonalDataAccessProjection } from './personal-data-access.projection';
import { findPersonalDataAccess } from './personal-data-access.queries';
import { viewedNikHash } from './viewed-nik-hash';

const MOTHER = domainTesting.newborn().nikIbu;
const NEWBORN = '3515124301250001';
const STRANGER = '3515011505850003';

describe('personal-data access log (PostgreSQL, the real store and projection)', () => {
  let bed: ReadModelTestbed;
  let db: Pool;
  const projection = new PersonalDataAccessProjection();
  const applicationId = randomUUID();
  const otherId = randomUUID();
  const views: Record<string, string> = {};

  const appendApplication = (id: string, events: ApplicationEvent[]) =>
    bed.store.appendToStream(
      applicationStreamId(id),
      events.map((e) => ({ type: e.type, data: e.data, metadata: meta(e.schemaVersion) })),
      'any',
    );
  const view = async (
    id: string,
    label: string,
    at: string,
    viewer: PersonalDataViewed['data']['viewer'],
    v: PersonalDataViewed['data']['view'],
  ) => {
    const event: NewEvent = { type: 'PersonalDataViewed', data: { applicationId: id, view: v, viewer, at }, metadata: meta(1) };
    views[label] = event.metadata.eventId;
    await bed.store.appendToStream(accessLogStreamId(id), [event], 'any');
  };
  const catchUp = () => catchUpToHead(bed.ds, projection, bed.store);
  const find = (f: Parameters<typeof findPersonalDataAccess>[1]) => findPersonalDataAccess(bed.ds, f);
  const labels = (rows: { eventId: string }[]) => rows.map((r) => Object.keys(views).find((k) => views[k] === r.eventId));

  const operator = { userId: 'op-1', role: 'operator-kecamatan' as const, kecamatan: '35.15.12' };
  const auditor = { userId: 'aud-1', role: 'auditor' as const };

  beforeAll(async () => {
    bed = await openReadModelTestbed('personal_data_access');
    db = new Pool({ connectionString: bed.schema.url, max: 2 });
    const s = new domainTesting.KkScenario('tatap-muka').readyToVerify();
    await appendApplication(applicationId, s.events);
    await view(applicationId, 'operator-data', '2026-03-02T02:00:00.000Z', operator, { kind: 'data' });
    await catchUp(); // part of the history applied before the rest arrives, as in a live run
    const before = s.events.length;
    s.verify().assignNik(NEWBORN);
    await appendApplication(applicationId, s.events.slice(before));
    await view(applicationId, 'auditor-history', '2026-03-03T03:00:00.000Z', auditor, { kind: 'history' });
    await view(applicationId, 'operator-scan', '2026-03-04T04:00:00.000Z', operator, {
      kind: 'scan',
      documentId: randomUUID(),
      disposition: 'inline',
    });
    // Another family's application (its mother's NIK another), read by the same operator.
    const other = new domainTesting.KkScenario('tatap-muka').submit().events;
    await appendApplication(otherId, JSON.parse(JSON.stringify(other).split(MOTHER).join(STRANGER)));
    await view(otherId, 'other-data', '2026-03-03T05:00:00.000Z', operator, { kind: 'data' });
    await catchUp();
  });
  afterAll(async () => {
    await db?.end();
    await closeReadModelTestbed(bed ?? {});
  });

  it('lists every read of one person`s data, and only those, by the hash of their NIK', async () => {
    const mother = await find({ subjectNikHash: viewedNikHash(MOTHER), limit: 50 });
    expect(labels(mother.records)).toEqual(['operator-data', 'auditor-history', 'operator-scan']);
    // The newborn's NIK was assigned after the first read: that read did not show it.
    expect(labels((await find({ subjectNikHash: viewedNikHash(NEWBORN), limit: 50 })).records)).toEqual([
      'auditor-history',
      'operator-scan',
    ]);
    expect(labels((await find({ subjectNikHash: viewedNikHash(STRANGER), limit: 50 })).records)).toEqual(['other-data']);
    expect((await find({ subjectNikHash: viewedNikHash('3515010101010001'), limit: 50 })).records).toEqual([]);
  });

  it('filters by viewer, application and period, oldest first, with who, what and when', async () => {
    const byOperator = await find({ viewerUserId: 'op-1', limit: 50 });
    expect(labels(byOperator.records)).toEqual(['operator-data', 'other-data', 'operator-scan']);
    expect(byOperator.records[0]).toEqual({
      eventId: views['operator-data'],
      applicationId,
      viewedAt: new Date('2026-03-02T02:00:00.000Z'),
      viewer: { userId: 'op-1', role: 'operator-kecamatan', kecamatan: '35.15.12' },
      view: { kind: 'data' },
    });
    expect(labels((await find({ applicationId: otherId, limit: 50 })).records)).toEqual(['other-data']);
    const period = await find({ from: new Date('2026-03-03T00:00:00Z'), to: new Date('2026-03-04T00:00:00Z'), limit: 50 });
    expect(labels(period.records)).toEqual(['auditor-history', 'other-data']);
    const paged = await find({ viewerUserId: 'op-1', applicationId, limit: 1 });
    expect({ labels: labels(paged.records), more: paged.more }).toEqual({ labels: ['operator-data'], more: true });
  });

  it('holds no NIK: only hashes', async () => {
    const { rows } = await db.query<{ a: string }>(
      `SELECT row_to_json(a)::text AS a FROM personal_data_access a UNION ALL SELECT row_to_json(s)::text FROM personal_data_subjects s`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) for (const nik of [MOTHER, NEWBORN, STRANGER]) expect(r.a).not.toContain(nik);
  });
});

function meta(schemaVersion: number) {
  return { eventId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion, correlationId: 'c', kecamatan: '35.15.12' };
}
