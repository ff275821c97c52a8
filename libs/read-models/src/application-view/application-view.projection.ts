import { In, type EntityManager } from 'typeorm';
import { CalendarOutOfRangeError } from '@adminduk/calendar';
import {
  applicationIdOfStream,
  applicationNiks,
  applicationSla,
  evolve,
  initialState,
  statusLabel,
  type ApplicationEvent,
  type ApplicationState,
} from '@adminduk/domain';
import { streamCategory, toDomainEvent, type EventStore, type RecordedEvent } from '@adminduk/event-store';
import { ApplicationView, upsertRows, type Projection } from '@adminduk/read-models';
import type { NeedsEventStore } from '../needs-event-store';
import { queueBucket } from './queue-bucket';

/**
 * Keeps one ApplicationView row per application by folding its events with the domain's own
 * `evolve`, so the read side can never disagree with the rules about what a status means.
 */
export class ApplicationViewProjection implements Projection, NeedsEventStore {
  readonly name = 'application-view';
  private store?: EventStore;

  attachEventStore(store: EventStore): void {
    this.store = store;
  }

  apply(event: RecordedEvent, em: EntityManager): Promise<void> {
    return this.applyBatch([event], em);
  }

  /** One SELECT of every row the events touch, the folds in memory, one multi-row upsert. */
  async applyBatch(events: RecordedEvent[], em: EntityManager): Promise<void> {
    const byApplication = new Map<string, RecordedEvent[]>();
    for (const e of events) {
      if (streamCategory(e.streamId) !== 'application') continue;
      const id = applicationIdOfStream(e.streamId);
      const list = byApplication.get(id);
      if (list) list.push(e);
      else byApplication.set(id, [e]);
    }
    if (byApplication.size === 0) return;
    const repo = em.getRepository(ApplicationView);
    const rows = await repo.findBy({ applicationId: In([...byApplication.keys()]) });
    const existing = new Map(rows.map((r) => [r.applicationId, r]));
    const next: ApplicationView[] = [];
    for (const [applicationId, list] of byApplication) {
      const view = await this.fold(applicationId, existing.get(applicationId), list);
      if (view) next.push(view);
    }
    // INSERT ... ON CONFLICT instead of save()'s extra SELECT per row: the rows were just read.
    await upsertRows(em, ApplicationView, next);
  }

  /** The row after these events of one application (in stream order), or null when nothing changes. */
  private async fold(applicationId: string, row: ApplicationView | undefined, events: RecordedEvent[]): Promise<ApplicationView | null> {
    let lastRevision = row?.lastRevision ?? -1;
    let state = (row?.state as unknown as ApplicationState | undefined) ?? initialState();
    let latest: RecordedEvent | undefined;
    for (const event of events) {
      // Per-stream order is what the fold needs. A redelivered or late event is already in the row;
      // a gap (an event this projection never got) is filled from the store, the source of truth,
      // so the view never skips an event.
      if (event.revision <= lastRevision) continue;
      const missing =
        event.revision > lastRevision + 1 ? await this.readGap(event.streamId, lastRevision + 1, event.revision - lastRevision - 1) : [];
      for (const e of missing) state = evolve(state, toDomainEvent<ApplicationEvent>(e));
      state = evolve(state, toDomainEvent<ApplicationEvent>(event));
      lastRevision = event.revision;
      latest = event;
    }
    if (!latest || !state.kecamatan || !state.submittedAt) return null; // nothing to show before a submission
    const at = new Date(latest.metadata.occurredAt);
    return {
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
      niks: applicationNiks(state),
      duplicateOf: state.duplicateOf?.applicationId ?? null,
      lastRevision,
      state: state as unknown as Record<string, unknown>,
      updatedAt: at,
    };
  }

  private async readGap(streamId: string, fromRevision: number, count: number): Promise<RecordedEvent[]> {
    if (!this.store) throw new Error(`Gap in ${this.name} before revision ${fromRevision + count} and no event store to fill it`);
    const events = await this.store.readStream(streamId, { fromRevision, maxCount: count });
    if (events.length !== count) throw new Error(`Gap in ${this.name}: the store has ${events.length} of ${count} missing events yet`);
    return events;
  }
}

/**
 * The SLA due time as of this event; an open pause moves it on, so it is re-evaluated per event.
 * Null before the file is complete, and null (not a stuck projection) when the working-day
 * calendar has no holiday data for the year yet: the view shows "no due time" until the data
 * file is updated, instead of halting every operator queue.
 */
export function slaDueAt(s: ApplicationState, at: Date): Date | null {
  try {
    return applicationSla(s, at)?.dueAt ?? null;
  } catch (e) {
    if (e instanceof CalendarOutOfRangeError) return null;
    throw e;
  }
}
