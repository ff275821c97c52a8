import type { EntityManager } from 'typeorm';
import { applicationIdOfStream, upcastApplicationEvent, type ApplicationEvent, type KkRevoked, type KkSigned } from '@adminduk/domain';
import { streamCategory, toDomainEvent, type RecordedEvent } from '@adminduk/event-store';
import type { Projection } from '../checkpoint/apply-in-transaction';
import { SignedDocumentView } from './signed-document-view.entity';
import { commonName, familyKey, maskName, wibDate } from './public-display';

const CLOSED_UNSIGNED = new Set(['FileReturned', 'ApplicationWithdrawn', 'ApplicationRejected']);

/**
 * The public verification read model. A KK is `valid` when signed and `superseded` once a later
 * KkSigned exists for the same family (same No. KK): supersession is derived here, in the same
 * transaction that records the newer KK, from the global order of the events; it is not a separate
 * event (docs/event-catalog.md, "Supersession"), so the page can never call an outdated KK valid
 * once the newer one is visible. `revoked` comes from KkRevoked (a decision, so an event) and wins
 * over superseded: nothing turns a revoked KK back. The revocation reason is never stored here.
 */
export class SignedDocumentsProjection implements Projection {
  readonly name = 'signed-documents';
  /** Every table it writes (rebuildAndCompare copies, compares and swaps them). */
  readonly tables = ['signed_document_view'];
  /** Bump when what a row holds changes: the projection then rebuilds itself at start. */
  readonly version: number = 1;

  apply(recorded: RecordedEvent, em: EntityManager): Promise<void> {
    return this.applyBatch([recorded], em);
  }

  /**
   * In order; consecutive submissions (most of the traffic) become one multi-row INSERT, written
   * before any other event so a later event of the same application finds its row.
   */
  async applyBatch(events: RecordedEvent[], em: EntityManager): Promise<void> {
    const pending: Array<Pick<SignedDocumentView, 'applicationId' | 'familyKey' | 'kepalaKeluargaMasked' | 'status' | 'updatedAt'>> = [];
    const flush = async () => {
      if (pending.length === 0) return;
      await em.getRepository(SignedDocumentView).createQueryBuilder().insert().values(pending.splice(0)).orIgnore().execute();
    };
    for (const recorded of events) {
      if (streamCategory(recorded.streamId) !== 'application') continue;
      const applicationId = applicationIdOfStream(recorded.streamId);
      const event = upcastApplicationEvent(toDomainEvent<ApplicationEvent>(recorded));
      const at = new Date(recorded.metadata.occurredAt);
      if (event.type === 'ApplicationSubmitted') {
        const { family } = event.data;
        pending.push({
          applicationId,
          familyKey: familyKey(family.noKk),
          kepalaKeluargaMasked: maskName(family.namaKepalaKeluarga),
          status: 'pending',
          updatedAt: at,
        });
        continue;
      }
      if (event.type !== 'KkSigned' && event.type !== 'KkRevoked' && !CLOSED_UNSIGNED.has(event.type)) continue;
      await flush();
      if (event.type === 'KkSigned') await this.signed(applicationId, event, at, em);
      else if (event.type === 'KkRevoked') await this.revoked(applicationId, event, at, em);
      else await em.getRepository(SignedDocumentView).delete({ applicationId, status: 'pending' });
    }
    await flush();
  }

  async reset(em: EntityManager): Promise<void> {
    await em.query('TRUNCATE signed_document_view');
  }

  private async signed(applicationId: string, event: KkSigned, at: Date, em: EntityManager): Promise<void> {
    const repo = em.getRepository(SignedDocumentView);
    const row = await repo.findOneBy({ applicationId });
    if (!row) return; // no submission seen: the family is unknown, nothing can be shown truthfully
    const d = event.data;
    const issueDate = wibDate(d.signingTime);
    await repo.update(
      { applicationId },
      {
        status: 'valid',
        documentId: d.documentId,
        sha256: d.sha256,
        certificateSerial: d.certificateSerial,
        signerName: d.signerSubject ? commonName(d.signerSubject) : null,
        signingTime: new Date(d.signingTime),
        issueDate,
        updatedAt: at,
      },
    );
    // Every KK of the family signed before this one is now superseded by it (a revoked one stays revoked).
    await em
      .createQueryBuilder()
      .update(SignedDocumentView)
      .set({ status: 'superseded', supersededByApplicationId: applicationId, supersededByIssueDate: issueDate, updatedAt: at })
      .where('family_key = :family AND application_id <> :id AND status IN (:...statuses)', {
        family: row.familyKey,
        id: applicationId,
        statuses: ['valid', 'superseded'],
      })
      .execute();
  }

  /** Only the signed document the event names; a pending or unknown row stays as it is. */
  private async revoked(applicationId: string, event: KkRevoked, at: Date, em: EntityManager): Promise<void> {
    await em
      .createQueryBuilder()
      .update(SignedDocumentView)
      .set({ status: 'revoked', updatedAt: at })
      .where('application_id = :id AND document_id = :doc AND status IN (:...statuses)', {
        id: applicationId,
        doc: event.data.documentId,
        statuses: ['valid', 'superseded'],
      })
      .execute();
  }
}
