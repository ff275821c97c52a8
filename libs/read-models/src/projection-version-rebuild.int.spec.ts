import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { domainTesting } from '@adminduk/domain';
import { PostgresEventStore } from '@adminduk/event-store';
import { eventually, type TestSchema } from '@adminduk/testing';
import { ApplicationViewSnapshot } from './application-view/application-view-snapshot.entity';
import { ApplicationView } from './application-view/application-view.entity';
import { ApplicationViewProjection } from './application-view/application-view.projection';
import { catchUpInTransaction } from './checkpoint/apply-in-transaction';
import { rebuildChangedProjections } from './checkpoint/rebuild-changed-projections';
import { SignedDocumentView } from './signed-documents/signed-document-view.entity';
import { SignedDocumentsProjection } from './signed-documents/signed-documents.projection';
import { appendHistory } from './testing/append-history';
import { closeReadModelTestbed, openReadModelTestbed } from './read-model-testbed.testing';

/** The same fold, released as the next version (a new column, a changed rule). */
class NextApplicationViewProjection extends ApplicationViewProjection {
  override readonly version = new ApplicationViewProjection().version + 1;
}

describe('a projection version change rebuilds that projection alone (real PostgreSQL)', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  let ds: DataSource;

  beforeAll(async () => {
    ({ schema, store, ds } = await openReadModelTestbed('rebuild'));
  });
  afterAll(async () => {
    await closeReadModelTestbed({ schema, store, ds });
  });

  const snapshotOf = async () => ({
    view: await ds.getRepository(ApplicationView).find({ order: { applicationId: 'ASC' } }),
    snapshots: await ds.getRepository(ApplicationViewSnapshot).find({ order: { applicationId: 'ASC' } }),
    signed: await ds.getRepository(SignedDocumentView).find({ order: { applicationId: 'ASC' } }),
    checkpoints: await ds.query(`SELECT projection, position, version, updated_at FROM projection_checkpoints ORDER BY projection`),
  });

  it('bumping the version clears and refills the view with the same rows; signed-documents is not touched', async () => {
    const s = () => new domainTesting.KkScenario('tatap-muka');
    await appendHistory(store, randomUUID(), s().submit().acceptAll().verify().assignNik().sign().events);
    await appendHistory(store, randomUUID(), s().submit().acceptAll().events);
    await appendHistory(store, randomUUID(), s().submit({ family: { ...domainTesting.family(), noKk: '3515120203150099' } }).events);
    // readAll stops below the oldest transaction still running in the database (other suites'):
    // catch up only once the store shows all three, or `before` would be a prefix.
    await eventually(async () => {
      const shown = new Set((await store.readAll({})).map((e) => e.streamId)).size;
      if (shown < 3) throw new Error(`the store shows ${shown} of 3 applications so far`);
    }, 15_000);
    const signedDocuments = new SignedDocumentsProjection();
    await rebuildChangedProjections(ds, [new ApplicationViewProjection(), signedDocuments]);
    await catchUpInTransaction(ds, [new ApplicationViewProjection(), signedDocuments], store, 'end');
    const before = await snapshotOf();
    expect(before.view).toHaveLength(3);
    expect(before.signed.map((r) => r.status).sort()).toEqual(['pending', 'pending', 'valid']);

    const next = new NextApplicationViewProjection();
    expect(await rebuildChangedProjections(ds, [next, signedDocuments])).toEqual(['application-view']);
    expect(await ds.getRepository(ApplicationView).count()).toBe(0);
    expect(await ds.getRepository(ApplicationViewSnapshot).count()).toBe(0);
    await catchUpInTransaction(ds, [next, signedDocuments], store, 'end');

    const after = await snapshotOf();
    expect(after.view).toEqual(before.view);
    expect(after.snapshots).toEqual(before.snapshots);
    expect(after.signed).toEqual(before.signed);
    const checkpoint = (rows: typeof before.checkpoints, name: string) => rows.find((c: { projection: string }) => c.projection === name);
    expect(checkpoint(after.checkpoints, 'signed-documents')).toEqual(checkpoint(before.checkpoints, 'signed-documents'));
    expect(checkpoint(after.checkpoints, 'application-view')).toMatchObject({
      position: checkpoint(before.checkpoints, 'application-view').position,
      version: next.version,
    });
  });
});
