import { applicationStreamId, foldApplication, type ApplicationEvent, type ApplicationState } from '@adminduk/domain';
import { toDomainEvent, type EventStore, type KnownState } from '@adminduk/event-store';

/** An application's state at a revision: what ApplicationCommands.executeAsSystem may decide on without reading. */
export type KnownApplication = KnownState<ApplicationState>;

/** One application as its stream holds it (see loadApplication). */
export interface LoadedApplication extends KnownApplication {
  events: ApplicationEvent[];
}

/**
 * One application as its stream holds it: the (upcast) domain events and the state the domain's
 * fold gives them (status 'none' when there is no stream). Every writer loads an application here.
 */
export async function loadApplication(store: EventStore, applicationId: string): Promise<LoadedApplication> {
  const recorded = await store.readStream(applicationStreamId(applicationId));
  const events = recorded.map((r) => toDomainEvent<ApplicationEvent>(r));
  return { state: foldApplication(events), events, revision: recorded.length === 0 ? -1 : recorded[recorded.length - 1].revision };
}
