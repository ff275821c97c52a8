import { applicationIdOfStream, evolve, initialState, type ApplicationEvent, type ApplicationState } from '@adminduk/domain';
import { streamCategory, toDomainEvent, type RecordedEvent } from '@adminduk/event-store';

/** A batch's application events by application id, each list in the batch's (global) order; other categories dropped. */
export function eventsByApplication(events: RecordedEvent[]): Map<string, RecordedEvent[]> {
  const byApplication = new Map<string, RecordedEvent[]>();
  for (const e of events) {
    if (streamCategory(e.streamId) !== 'application') continue;
    const id = applicationIdOfStream(e.streamId);
    const list = byApplication.get(id);
    if (list) list.push(e);
    else byApplication.set(id, [e]);
  }
  return byApplication;
}

/** What a projection stored of one application: the last revision folded and that state (JSON). */
export interface FoldedApplication {
  revision: number;
  state: Record<string, unknown>;
}

/**
 * Folds one application's new events onto what a projection stored of it. A redelivered event (at
 * or below the stored revision) is skipped; a skipped revision throws, because folding on would
 * store a wrong state (the store hands events out in global order, so that means a lost batch:
 * the batch fails and comes back, or the projection is rebuilt). `step` sees each state change.
 * Returns null when nothing new was folded.
 */
export function foldApplication(
  projection: string,
  stored: FoldedApplication | undefined,
  events: RecordedEvent[],
  step?: (before: ApplicationState, after: ApplicationState) => void,
): { state: ApplicationState; revision: number; at: Date } | null {
  let revision = stored?.revision ?? -1;
  // Over initialState(): every key present again (JSON drops undefined ones), one object shape for V8.
  let state: ApplicationState = { ...initialState(), ...(stored?.state as Partial<ApplicationState> | undefined) };
  let latest: RecordedEvent | undefined;
  for (const event of events) {
    if (event.revision <= revision) continue;
    if (event.revision > revision + 1) {
      throw new Error(`${projection}: ${event.streamId} jumps from revision ${revision} to ${event.revision}; rebuild the projection`);
    }
    const next = evolve(state, toDomainEvent<ApplicationEvent>(event));
    step?.(state, next);
    state = next;
    revision = event.revision;
    latest = event;
  }
  return latest ? { state, revision, at: new Date(latest.metadata.occurredAt) } : null;
}
