import type { EventStore } from '@adminduk/event-store';
import { applicationStreamId } from './application-access';
import { evolve, initialState, type ApplicationEvent, type ApplicationState } from './domain-seam';

/** Current state of one application, folded from its stream (status 'none' when there is no stream). */
export async function loadApplication(store: EventStore, applicationId: string): Promise<{ state: ApplicationState; events: ApplicationEvent[] }> {
  const recorded = await store.readStream(applicationStreamId(applicationId));
  const events = recorded.map((r) => ({ type: r.type, schemaVersion: r.metadata.schemaVersion, data: r.data }) as ApplicationEvent);
  return { state: events.reduce(evolve, initialState()), events };
}
