import { randomUUID } from 'node:crypto';
import { domainTesting } from '@adminduk/domain';
import { positionToString } from '@adminduk/event-store';
import { ApplicationViewProjection } from '../application-view/application-view.projection';
import { catchUpInTransaction } from '../checkpoint/apply-in-transaction';
import { closeReadModelTestbed, openReadModelTestbed, type ReadModelTestbed } from '../read-model-testbed.testing';
import { appendHistory } from '../testing/append-history';
import { rebuildAndCompare, shadowSchemaName, type RebuildProgress } from './shadow-rebuild';

describe('rebuild beside the live tables, compare row by row, swap (PostgreSQL, the real store and projection)', () => {
  let bed: ReadModelTestbed;
  const projection = new ApplicationViewProjection();
  const ids = [randomUUID(), randomUUID(), randomUUID()];

  beforeAll(async () => {
    bed = await openReadModelTestbed('shadow_rebuild');
    await appendHistory(bed.store, ids[0], new domainTesting.KkScenario('tatap-muka').readyToVerify().verify().assignNik().events);
    await appendHistory(bed.store, ids[1], new domainTesting.KkScenario('tatap-muka').readyToVerify().events);
    await appendHistory(bed.store, ids[2], new domainTesting.KkScenario('daring-mandiri').submit().uploadAll().events);
    await catchUpInTransaction(bed.ds, projection, bed.store, 'end');
  });
  afterAll(() => closeReadModelTestbed(bed ?? {}));

  const statusOf = async (id: string) =>
    ((await bed.ds.query(`SELECT status_label FROM application_view WHERE application_id = $1`, [id])) as { status_label: string }[])[0]
      ?.status_label;
  const shadowExists = async () =>
    (
      (await bed.ds.query(`SELECT to_regnamespace($1) IS NOT NULL AS e`, [shadowSchemaName(bed.schema.schema, projection.name)])) as {
        e: boolean;
      }[]
    )[0].e;

  it('finds nothing on an intact view, shows progress to the live checkpoint, and leaves no shadow behind', async () => {
    const progress: RebuildProgress[] = [];
    const report = await rebuildAndCompare(bed.ds, bed.store, projection, { batchSize: 5, onProgress: (p) => progress.push(p) });
    expect(report.differences).toEqual([]);
    expect(report.tables).toEqual([
      { table: 'application_view', liveRows: 3, rebuiltRows: 3, differences: 0 },
      { table: 'application_view_snapshots', liveRows: 3, rebuiltRows: 3, differences: 0 },
    ]);
    const all = await bed.store.readAll({});
    expect(report.events).toBe(all.length);
    expect(report.position).toBe(positionToString(all[all.length - 1].position));
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.map((p) => p.events)).toEqual([...progress.map((p) => p.events)].sort((a, b) => a - b));
    expect(report.swapped).toBe(false);
    expect(await shadowExists()).toBe(false);
  });

  it('names a corrupted row (its key and columns), a deleted one and a forged one; without --swap the live view is untouched', async () => {
    const original = await statusOf(ids[0]);
    await bed.ds.query(`UPDATE application_view SET status_label = 'DIUBAH MANUAL', kecamatan = '35.15.99' WHERE application_id = $1`, [
      ids[0],
    ]);
    await bed.ds.query(`DELETE FROM application_view WHERE application_id = $1`, [ids[1]]);
    const forged = randomUUID();
    await bed.ds.query(
      `INSERT INTO application_view SELECT * FROM jsonb_populate_record(NULL::application_view, (SELECT to_jsonb(v) || jsonb_build_object('application_id', $1::text) FROM application_view v WHERE application_id = $2))`,
      [forged, ids[2]],
    );
    const report = await rebuildAndCompare(bed.ds, bed.store, projection);
    const view = report.differences.filter((d) => d.table === 'application_view');
    expect(view.map((d) => [d.kind, d.key.application_id]).sort()).toEqual(
      [
        ['differs', ids[0]],
        ['missing', ids[1]],
        ['extra', forged],
      ].sort(),
    );
    const altered = view.find((d) => d.kind === 'differs')!;
    expect(altered.columns.sort()).toEqual(['kecamatan', 'status_label']);
    expect(altered.live).toEqual({ kecamatan: '35.15.99', status_label: 'DIUBAH MANUAL' });
    expect(altered.rebuilt).toEqual({ kecamatan: '35.15.12', status_label: original });
    expect(report.tables.find((t) => t.table === 'application_view')).toEqual({
      table: 'application_view',
      liveRows: 3,
      rebuiltRows: 3,
      differences: 3,
    });
    expect(await statusOf(ids[0])).toBe('DIUBAH MANUAL');
  });

  it('with --swap the live view becomes the rebuild, atomically with its checkpoint; a second compare finds nothing', async () => {
    const report = await rebuildAndCompare(bed.ds, bed.store, projection, { swap: true });
    expect(report.swapped).toBe(true);
    expect(report.differences).toHaveLength(3);
    const again = await rebuildAndCompare(bed.ds, bed.store, projection);
    expect(again.differences).toEqual([]);
    expect(await statusOf(ids[1])).toBeDefined();
    const [checkpoint] = await bed.ds.query(`SELECT position, version FROM projection_checkpoints WHERE projection = $1`, [
      projection.name,
    ]);
    expect(checkpoint).toEqual({ position: report.position, version: projection.version });
    // The live projection goes on from the swapped checkpoint.
    const next = randomUUID();
    await appendHistory(bed.store, next, new domainTesting.KkScenario('tatap-muka').readyToVerify().events);
    await catchUpInTransaction(bed.ds, projection, bed.store, 'end');
    expect(await statusOf(next)).toBeDefined();
    expect((await rebuildAndCompare(bed.ds, bed.store, projection)).differences).toEqual([]);
  });
});
