import type { EntityManager } from 'typeorm';
import { upcastApplicationEvent, type ApplicationEvent, type KkRevoked, type KkSigned } from '@adminduk/domain';
import { streamCategory, toDomainEvent, type RecordedEvent } from '@adminduk/event-store';
import { SignedDocumentView, type Projection } from '@adminduk/read-models';
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

  async apply(recorded: RecordedEvent, em: EntityManager): Promise<void> {
    if (streamCategory(recorded.streamId) !== 'application') return;
    const applicationId = recorded.streamId.slice('application-'.length);
    const event = upcastApplicationEvent(toDomainEvent<ApplicationEvent>(recorded));
    const repo = em.getRepository(SignedDocumentView);
    const at = new Date(recorded.metadata.occurredAt);

    if (event.type === 'ApplicationSubmitted') {
      const { family } = event.data;
      await repo
        .createQueryBuilder()
        .insert()
        .values({
          applicationId,
          familyKey: familyKey(family.noKk),
          kepalaKeluargaMasked: maskName(family.namaKepalaKeluarga),
          status: 'pending',
          updatedAt: at,
        })
        .orIgnore()
        .execute();
      return;
    }
    if (event.type === 'KkSigned') return this.signed(applicationId, event, at, em);
    if (event.type === 'KkRevoked') return this.revoked(applicationId, event, at, em);
    if (CLOSED_UNSIGNED.has(event.type)) await repo.delete({ applicationId, status: 'pending' });
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
      .where('family_key = :family AND application_id <> :id AND status IN (:...statuses)', { family: row.familyKey, id: applicationId, statuses: ['valid', 'superseded'] })
      .execute();
  }

  /** Only the signed document the event names; a pending or unknown row stays as it is. */
  private async revoked(applicationId: string, event: KkRevoked, at: Date, em: EntityManager): Promise<void> {
    await em
      .createQueryBuilder()
      .update(SignedDocumentView)
      .set({ status: 'revoked', updatedAt: at })
      .where('application_id = :id AND document_id = :doc AND status IN (:...statuses)', { id: applicationId, doc: event.data.documentId, statuses: ['valid', 'superseded'] })
      .execute();
  }
}
