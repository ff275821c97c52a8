import { randomUUID } from 'node:crypto';
import { applicationStreamId, domainTesting } from '@adminduk/domain';
import { positionFromString, positionToString, type RecordedEvent } from '@adminduk/event-store';
import { eventually, ServiceProcess } from '@adminduk/testing';
import { ApplicationViewProjection } from '../application-view/application-view.projection';
import { catchUpInTransaction } from '../checkpoint/apply-in-transaction';
import { rebuildChangedProjections } from '../checkpoint/rebuild-changed-projections';
import { createReadModelDataSource } from '../data-source';
import { closeReadModelTestbed, openReadModelTestbed, type ReadModelTestbed } from '../read-model-testbed.testing';
import { eventMetadataOf } from '../testing/recorded-event';
import { CRASH_SLICE } from './crash-mid-rebuild.testing';
import { rebuildAndCompare } from './shadow-rebuild';

/** Applications whose files run in parallel: revision r of every one before revision r + 1 of any. */
const APPLICATIONS = 40;

describe('in-place rebuild: the fold of the rebuild beside the live tables, committed slice by slice (real PostgreSQL, a killed process)', () => {
  let bed: ReadModelTestbed;
  let all: RecordedEvent[];

  beforeAll(async () => {
    bed = await openReadModelTestbed('inplace_rebuild');
    const life = new domainTesting.KkScenario('daring-mandiri').submit().uploadAll().acceptAll().verify().assignNik().sign().events;
    const ids = Array.from({ length: APPLICATIONS }, () => randomUUID());
    for (let revision = 0; revision < life.length; revision++) {
      for (const id of ids) {
        const e = life[revision];
        await bed.store.appendToStream(
          applicationStreamId(id),
          [{ type: e.type, data: e.data, metadata: { ...eventMetadataOf(e), correlationId: 'c', kecamatan: '35.15.12' } }],
          revision === 0 ? 'no_stream' : { revision: revision - 1 },
        );
      }
    }
    // readAll stops below the oldest transaction still running in the database (other suites'): wait for all.
    all = await eventually(async () => {
      const read = await bed.store.readAll({});
      if (read.length < ids.length * life.length) throw new Error(`the store shows ${read.length} events so far`);
      return read;
    }, 15_000);
  }, 120_000);
  afterAll(() => closeReadModelTestbed(bed ?? {}));

  const checkpoint = async () =>
    ((await bed.ds.query(`SELECT position FROM projection_checkpoints WHERE projection = 'application-view'`)) as { position: string }[])[0]
      ?.position;

  it('a process killed inside a slice (rows written, not committed) resumes from the last committed slice; the result equals a clean rebuild', async () => {
    const projection = new ApplicationViewProjection();
    // More than the two slices that commit before the crash.
    expect(all.length).toBeGreaterThan(CRASH_SLICE.first + 2 * CRASH_SLICE.growTo);
    const child = ServiceProcess.start('crash-mid-rebuild', 'libs/read-models/src/rebuild/crash-mid-rebuild.testing.ts', {
      DATABASE_URL: bed.schema.url,
    });
    await child.stop('SIGCONT'); // waits for the exit; SIGCONT does nothing to a running process
    expect(child.child.signalCode).toBe('SIGKILL');

    // Two slices committed (50, then 200 events), the third's rows rolled back with the process.
    const afterCrash = await checkpoint();
    expect(afterCrash).toBe(positionToString(all[CRASH_SLICE.first + CRASH_SLICE.growTo - 1].position));
    const [{ n, folded }] = await bed.ds.query(
      `SELECT count(*)::int AS n, coalesce(sum(last_revision + 1), 0)::int AS folded FROM application_view`,
    );
    expect(n).toBe(APPLICATIONS);
    expect(folded).toBe(CRASH_SLICE.first + CRASH_SLICE.growTo);

    // The restart: the projections service's start-up catch-up goes on from the checkpoint.
    const resumed = await catchUpInTransaction(bed.ds, projection, bed.store, 'end', CRASH_SLICE.first, { growTo: CRASH_SLICE.growTo });
    expect(resumed.applied).toBe(all.length - (CRASH_SLICE.first + CRASH_SLICE.growTo));
    expect(positionToString(resumed.checkpoint)).toBe(positionToString(all[all.length - 1].position));

    const report = await rebuildAndCompare(bed.ds, bed.store, projection);
    expect(report.events).toBe(all.length);
    expect(report.tables.map((t) => [t.table, t.liveRows, t.differences])).toEqual([
      ['application_view', APPLICATIONS, 0],
      ['application_view_snapshots', APPLICATIONS, 0],
    ]);
    expect(report.differences).toEqual([]);
  }, 120_000);

  it('two replicas rebuilding at once: a session whose checkpoint another replica moved starts over from the tables', async () => {
    // A version bump clears the view; both replicas then catch up from 0 with growing slices.
    await bed.ds.query(`UPDATE projection_checkpoints SET version = version - 1 WHERE projection = 'application-view'`);
    expect(await rebuildChangedProjections(bed.ds, [new ApplicationViewProjection()])).toEqual(['application-view']);
    const ds2 = await createReadModelDataSource(bed.schema.url).initialize();
    try {
      const results = await Promise.all([
        catchUpInTransaction(bed.ds, new ApplicationViewProjection(), bed.store, 'end', 20, { growTo: 80 }),
        catchUpInTransaction(ds2, new ApplicationViewProjection(), bed.store, 'end', 20, { growTo: 80 }),
      ]);
      expect(results[0].applied + results[1].applied).toBe(all.length);
    } finally {
      await ds2.destroy();
    }
    expect(positionFromString((await checkpoint())!)).toEqual(all[all.length - 1].position);
    const report = await rebuildAndCompare(bed.ds, bed.store, new ApplicationViewProjection());
    expect(report.differences).toEqual([]);
    expect(report.tables.map((t) => t.rebuiltRows)).toEqual([APPLICATIONS, APPLICATIONS]);
  }, 120_000);
});
