import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { fromWib } from '@adminduk/calendar';
import { domainTesting, type ApplicationEvent } from '@adminduk/domain';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { ApplicationViewProjection } from '../application-view/application-view.projection';
import { applyInTransaction } from '../checkpoint/apply-in-transaction';
import { createReadModelDataSource } from '../data-source';
import { SignedDocumentsProjection } from '../signed-documents/signed-documents.projection';
import { recordedEvent } from '../testing/recorded-event';
import { KkPrintProjection } from './kk-print.projection';
import { printableKkOf, printCounts, printQueue } from './print-queue.queries';

const BALONGBENDO = '35.15.12';
type Scenario = InstanceType<typeof domainTesting.KkScenario>;

describe('print queue and print counts (PostgreSQL, the real projections)', () => {
  let schema: TestSchema;
  let ds: DataSource;
  let db: Pool;
  const projections = [new ApplicationViewProjection(), new SignedDocumentsProjection(), new KkPrintProjection()];
  const revisions = new Map<string, number>();
  let commit = 0n;

  beforeAll(async () => {
    schema = await createTestSchema('print_queue');
    ds = await createReadModelDataSource(schema.url).initialize();
    db = new Pool({ connectionString: schema.url, max: 2 });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.end();
    await schema?.drop();
  });

  /** Feeds an application's events after those fed before, in global order, to both projections. */
  async function feed(applicationId: string, events: ApplicationEvent[]): Promise<void> {
    for (const e of events) {
      const revision = (revisions.get(applicationId) ?? -1) + 1;
      revisions.set(applicationId, revision);
      commit++;
      const recorded = recordedEvent(applicationId, revision, commit, e);
      for (const p of projections) await applyInTransaction(ds, p, recorded);
    }
  }
  /** A counter application received on `day` (January 2025, 09:00 WIB), verified and signed (its own document id). */
  const signedOn = (day: number): Scenario => {
    const s = new domainTesting.KkScenario('tatap-muka', fromWib(2025, 1, day, 9)).readyToVerify().verify().assignNik();
    const documentId = `kk-${randomUUID()}`;
    s.run({
      type: 'RecordSignature',
      actor: domainTesting.actors.signer,
      data: domainTesting.signatureData(documentId, domainTesting.sha(day), s.now),
    });
    return s;
  };
  const page = { limit: 2, offset: 0 };
  const ids = (items: Array<{ applicationId: string }>) => items.map((i) => i.applicationId);

  it('holds signed, unprinted, unrevoked KKs of the kecamatan, oldest due time first, paged; printing takes one out', async () => {
    const [late, early, middle, awaiting, revoked] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const lateS = signedOn(10);
    await feed(late, lateS.events);
    await feed(early, signedOn(6).events);
    await feed(middle, signedOn(8).events);
    await feed(awaiting, new domainTesting.KkScenario('tatap-muka').readyToVerify().verify().events);
    await feed(revoked, signedOn(7).revoke().events);

    const first = await printQueue(db, BALONGBENDO, page);
    expect(first.total).toBe(3);
    expect(ids(first.items)).toEqual([early, middle]);
    expect(first.items[0]).toMatchObject({ receiptNumber: expect.stringMatching(/^TT-351512-20250106-0007$/), channel: 'tatap-muka' });
    expect(first.items[0].slaDueAt!.getTime()).toBeLessThan(first.items[1].slaDueAt!.getTime());
    const second = await printQueue(db, BALONGBENDO, { limit: 2, offset: 2 });
    expect(ids(second.items)).toEqual([late]);
    expect(await printQueue(db, BALONGBENDO, { limit: 2, offset: 10 })).toEqual({ items: [], total: 3 });
    // Another kecamatan's queue holds none of them.
    expect(await printQueue(db, '35.15.11', page)).toEqual({ items: [], total: 0 });

    await feed(late, lateS.print('LOKET-2').events.slice(-1));
    expect(ids((await printQueue(db, BALONGBENDO, { limit: 10, offset: 0 })).items)).toEqual([early, middle]);

    // What the print route reads: the signed document of a printable KK; revoked or unsigned say so.
    const signed = lateS.events.find((e) => e.type === 'KkSigned')!.data as { documentId: string; sha256: string };
    expect(await printableKkOf(db, late)).toEqual({
      kecamatan: BALONGBENDO,
      bucket: 'ready-for-pickup',
      documentId: signed.documentId,
      sha256: signed.sha256,
      documentStatus: expect.stringMatching(/^(valid|superseded)$/),
    });
    expect(await printableKkOf(db, revoked)).toMatchObject({ bucket: 'closed', documentStatus: 'revoked' });
    expect(await printableKkOf(db, awaiting)).toMatchObject({ bucket: 'to-sign', documentId: null, sha256: null });
    expect(await printableKkOf(db, randomUUID())).toBeNull();

    // Asked on every download: prepared once per connection, then only bound and run.
    const client = await db.connect();
    try {
      expect(await printableKkOf(client, late)).toMatchObject({ documentId: signed.documentId });
      const prepared = await client.query<{ statement: string }>(
        `SELECT statement FROM pg_prepared_statements WHERE name = 'rm_printable_kk'`,
      );
      expect(prepared.rows).toHaveLength(1);
      expect(prepared.rows[0].statement).toContain('FROM application_view a LEFT JOIN signed_document_view s');
    } finally {
      client.release();
    }
  });

  it('counts prints and reprints per reason, with the last workstation, for the scope asked', async () => {
    const id = randomUUID();
    const s = signedOn(6);
    await feed(id, s.events);
    const before = s.events.length;
    s.print('LOKET-1').reprint('kertas-rusak').reprint('kertas-rusak');
    s.run({
      type: 'RecordReprint',
      actor: domainTesting.actors.operator,
      data: { workstation: 'LOKET-3', reasonCode: 'lainnya', note: 'Tinta luntur' },
    });
    await feed(id, s.events.slice(before));

    const regency = await printCounts(db, { prefix: '35.15.' }, { limit: 50, offset: 0 });
    const row = regency.items.find((r) => r.applicationId === id);
    expect(row).toMatchObject({
      kecamatan: BALONGBENDO,
      prints: 1,
      reprints: 3,
      reprintReasons: { 'kertas-rusak': 2, lainnya: 1 },
      lastWorkstation: 'LOKET-3',
      lastPrintedBy: domainTesting.actors.operator.userId,
    });
    // The most reprinted first: what an audit looks at.
    expect(regency.items[0].applicationId).toBe(id);
    expect((await printCounts(db, { kecamatan: BALONGBENDO }, { limit: 50, offset: 0 })).items.map((r) => r.applicationId)).toContain(id);
    expect((await printCounts(db, { kecamatan: '35.15.11' }, { limit: 50, offset: 0 })).total).toBe(0);
  });

  it('a KkPrinted stored before workstations counts as a print with no workstation', async () => {
    const id = randomUUID();
    const s = signedOn(8);
    await feed(id, s.events);
    const v1 = {
      type: 'KkPrinted',
      schemaVersion: 1,
      data: { printedBy: { userId: 'op-lama', role: 'operator' }, at: s.now.toISOString() },
    };
    await feed(id, [v1 as unknown as ApplicationEvent]);
    const all = await printCounts(db, 'all', { limit: 50, offset: 0 });
    expect(all.items.find((r) => r.applicationId === id)).toMatchObject({
      prints: 1,
      reprints: 0,
      lastWorkstation: null,
      lastPrintedBy: 'op-lama',
    });
  });
});
