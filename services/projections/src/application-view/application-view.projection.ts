import type { EntityManager } from 'typeorm';
import { evaluateSla } from '@adminduk/calendar';
import { evolve, initialState, statusLabel, type ApplicationEvent, type ApplicationState } from '@adminduk/domain';
import { streamCategory, toDomainEvent, type RecordedEvent } from '@adminduk/event-store';
import { ApplicationView, type Projection } from '@adminduk/read-models';
import { queueBucket } from './queue-bucket';

/**
 * Keeps one ApplicationView row per application by folding its events with the domain's own
 * `evolve`, so the read side can never disagree with the rules about what a status means.
 */
export class ApplicationViewProjection implements Projection {
  readonly name = 'application-view';

  async apply(event: RecordedEvent, em: EntityManager): Promise<void> {
    if (streamCategory(event.streamId) !== 'application') return;
    const applicationId = event.streamId.slice('application-'.length);
    const repo = em.getRepository(ApplicationView);
    const row = await repo.findOneBy({ applicationId });
    const before = (row?.state as unknown as ApplicationState | undefined) ?? initialState();
    const state = evolve(before, toDomainEvent<ApplicationEvent>(event));
    if (!state.kecamatan || !state.submittedAt) return; // nothing to show before a submission
    const at = new Date(event.metadata.occurredAt);
    await repo.save({
      applicationId,
      kecamatan: state.kecamatan,
      desa: state.desa ?? null,
      submittedBy: state.submittedBy?.userId ?? '',
      serviceType: state.serviceType ?? '',
      channel: state.channel ?? '',
      bucket: queueBucket(state),
      status: state.status,
      statusLabel: statusLabel(state.status),
      receiptNumber: state.receiptNumber ?? null,
      submittedAt: new Date(state.submittedAt),
      slaDueAt: slaDueAt(state, at),
      correctionDueAt: state.status === 'correction-requested' && state.correction ? new Date(state.correction.dueAt) : null,
      duplicateOf: state.duplicateOf?.applicationId ?? null,
      lastRevision: event.revision,
      state: state as unknown as Record<string, unknown>,
      updatedAt: at,
    });
  }
}

/** The SLA due time as of this event; an open pause moves it on, so it is re-evaluated per event. */
function slaDueAt(s: ApplicationState, at: Date): Date | null {
  if (!s.fileCompletedAt) return null;
  const sla = evaluateSla(
    {
      completedAt: new Date(s.fileCompletedAt),
      pauses: s.pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : undefined })),
      stoppedAt: s.signedAt ? new Date(s.signedAt) : s.closedAt ? new Date(s.closedAt) : undefined,
      workingDays: s.slaWorkingDays,
    },
    at,
  );
  return sla.dueAt;
}
