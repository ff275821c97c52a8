import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { domainTesting, type ApplicationEvent } from '@adminduk/domain';
import type { RecordedEvent } from '@adminduk/event-store';
import { applyInTransaction, createReadModelDataSource, SignedDocumentView } from '../index';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { recordedEvent } from '../testing/recorded-event';
import { SignedDocumentsProjection } from './signed-documents.projection';

const OTHER_FAMILY_NO_KK = '3515120203150099';

describe('signed-documents projection (PostgreSQL)', () => {
  let schema: TestSchema;
  let ds: DataSource;
  const projection = new SignedDocumentsProjection();
  let commit = 0n;

  beforeAll(async () => {
    schema = await createTestSchema('signed_docs');
    ds = await createReadModelDataSource(schema.url).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await schema?.drop();
  });

  /** Events of one application as the store would record them, in global order after everything fed so far. */
  function recordedFor(applicationId: string, events: ApplicationEvent[]): RecordedEvent[] {
    return events.map((e, revision) => recordedEvent(applicationId, revision, ++commit, e));
  }

  /** Feeds events one at a time in global order. */
  async function feed(applicationId: string, events: ApplicationEvent[]): Promise<void> {
    for (const recorded of recordedFor(applicationId, events)) await applyInTransaction(ds, projection, recorded);
  }
  const scenario = (noKk?: string) => {
    const s = new domainTesting.KkScenario('daring-mandiri');
    return s
      .submit(noKk ? { family: { ...domainTesting.family(), noKk } } : {})
      .uploadAll()
      .acceptAll()
      .verify()
      .assignNik();
  };
  const row = (applicationId: string) => ds.getRepository(SignedDocumentView).findOneBy({ applicationId });
  /** The KkSigned of a scenario, with a document id of our choosing. */
  const signed = (s: InstanceType<typeof domainTesting.KkScenario>, documentId: string): ApplicationEvent[] => {
    s.run({
      type: 'RecordSignature',
      actor: domainTesting.actors.signer,
      data: domainTesting.signatureData(documentId, domainTesting.sha(documentId.length), s.now),
    });
    return s.events.slice(-1);
  };
  /** The KkRevoked of a signed scenario. */
  const revoked = (s: InstanceType<typeof domainTesting.KkScenario>, reason: string): ApplicationEvent[] =>
    s.revoke(reason).events.slice(-1);

  it('a signed KK is valid; a later KK of the same family supersedes it, another family is untouched', async () => {
    const [first, second, neighbour] = [randomUUID(), randomUUID(), randomUUID()];
    const [a, b, c] = [scenario(), scenario(), scenario(OTHER_FAMILY_NO_KK)];
    await feed(first, a.events);
    await feed(second, b.events);
    await feed(neighbour, c.events);
    expect(await row(first)).toMatchObject({ status: 'pending', documentId: null, kepalaKeluargaMasked: 'B**I S*****O' });

    const firstSigned = signed(a, `doc-${first}`);
    await feed(first, firstSigned);
    expect(await row(first)).toMatchObject({
      status: 'valid',
      documentId: `doc-${first}`,
      certificateSerial: '3F1C9A52',
      signerName: 'Kepala Dinas Kependudukan dan Pencatatan Sipil (DEV)',
      issueDate: '2025-01-06',
    });
    await feed(neighbour, signed(c, `doc-${neighbour}`));
    await feed(second, signed(b, `doc-${second}`));

    expect(await row(second)).toMatchObject({ status: 'valid', documentId: `doc-${second}` });
    expect(await row(first)).toMatchObject({
      status: 'superseded',
      supersededByApplicationId: second,
      supersededByIssueDate: '2025-01-06',
    });
    expect(await row(neighbour)).toMatchObject({ status: 'valid' });
    // Nothing personal in the public read model.
    const all = JSON.stringify(await ds.getRepository(SignedDocumentView).find());
    const family = domainTesting.family();
    for (const personal of [family.noKk, family.namaKepalaKeluarga, ...family.anggota.map((m) => m.nik), '3515124301250001'])
      expect(all).not.toContain(personal);
  });

  it('a stored v1 KkSigned still shows, without the facts v1 never had', async () => {
    const id = randomUUID();
    const s = scenario('3515120203150098');
    await feed(id, s.events);
    const v1 = {
      type: 'KkSigned',
      schemaVersion: 1,
      data: {
        documentId: `old-${id}`,
        sha256: domainTesting.sha(1),
        signedBy: { userId: 'ttd-1', role: 'penandatangan' },
        at: '2024-12-31T18:00:00.000Z',
      },
    };
    await feed(id, [v1 as unknown as ApplicationEvent]);
    expect(await row(id)).toMatchObject({ status: 'valid', certificateSerial: null, signerName: null, issueDate: '2025-01-01' });
  });

  it('a revoked KK is revoked, also once superseded; a later KK of the family does not change that, and no reason is stored', async () => {
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    const noKk = '3515120203150096';
    const [a, b, c] = [scenario(noKk), scenario(noKk), scenario(noKk)];
    for (const [id, s] of [
      [first, a],
      [second, b],
      [third, c],
    ] as const)
      await feed(id, s.events);
    await feed(first, signed(a, `doc-${first}`));
    await feed(second, signed(b, `doc-${second}`));
    expect(await row(first)).toMatchObject({ status: 'superseded' });

    // The newest KK revoked while valid; the superseded one revoked too: revoked wins over superseded.
    const reason = 'Rahasia internal: salah cetak anggota';
    await feed(second, revoked(b.print().collect(), reason));
    await feed(first, revoked(a, reason));
    expect(await row(second)).toMatchObject({
      status: 'revoked',
      documentId: `doc-${second}`,
      sha256: domainTesting.sha(`doc-${second}`.length),
    });
    expect(await row(first)).toMatchObject({ status: 'revoked', documentId: `doc-${first}` });

    // A third KK of the family is valid; the revoked ones stay revoked (not superseded).
    await feed(third, signed(c, `doc-${third}`));
    expect(await row(third)).toMatchObject({ status: 'valid' });
    expect((await row(first))?.status).toBe('revoked');
    expect((await row(second))?.status).toBe('revoked');
    expect(JSON.stringify(await ds.getRepository(SignedDocumentView).find())).not.toContain('Rahasia');

    // Replayed (redelivery): still revoked, nothing else moves.
    await feed(second, b.events.slice(-1));
    expect((await row(second))?.status).toBe('revoked');
  });

  it('an application closed without a signature leaves nothing behind', async () => {
    const id = randomUUID();
    const s = new domainTesting.KkScenario('daring-mandiri').submit({ family: { ...domainTesting.family(), noKk: '3515120203150097' } });
    await feed(id, s.events);
    expect(await row(id)).not.toBeNull();
    s.run({ type: 'WithdrawApplication', actor: domainTesting.actors.applicant, data: {} });
    await feed(id, s.events.slice(-1));
    expect(await row(id)).toBeNull();
  });

  it('a batch keeps the order: submissions are written before a later event of the same batch needs their row', async () => {
    const [kept, withdrawn, signedLater] = [randomUUID(), randomUUID(), randomUUID()];
    const [a, b, c] = [scenario('3515120203150091'), scenario('3515120203150092'), scenario('3515120203150093')];
    const withdrawal = {
      type: 'ApplicationWithdrawn',
      schemaVersion: 1,
      data: { reason: 'Dibatalkan pemohon' },
    } as unknown as ApplicationEvent;
    const batch = [
      ...recordedFor(kept, a.events),
      ...recordedFor(withdrawn, [...b.events, withdrawal]),
      ...recordedFor(signedLater, [...c.events, ...signed(c, `doc-${signedLater}`)]),
    ];
    await ds.transaction((em) => projection.applyBatch(batch, em));
    expect(await row(kept)).toMatchObject({ status: 'pending' });
    expect(await row(withdrawn)).toBeNull();
    expect(await row(signedLater)).toMatchObject({ status: 'valid', documentId: `doc-${signedLater}` });
  });
});
