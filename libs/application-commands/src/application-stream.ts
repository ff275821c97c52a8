import { applicationStreamId, foldApplication, type ApplicationEvent, type ApplicationState } from '@adminduk/domain';
import { toDomainEvent, type EventStore, type RecordedEvent } from '@adminduk/event-store';

/** One application as its stream holds it (see loadApplication). */
export interface LoadedApplication {
  state: ApplicationState;
  events: ApplicationEvent[];
  /** The stream as read: a command decided right after may run on it instead of reading again (ApplicationCommands.executeAsSystem). */
  recorded: readonly RecordedEvent[];
}

/**
 * One application as its stream holds it: the (upcast) domain events and the state the domain's
 * fold gives them (status 'none' when there is no stream). Every writer loads an application here.
 */
export async function loadApplication(store: EventStore, applicationId: string): Promise<LoadedApplication> {
  const recorded = await store.readStream(applicationStreamId(applicationId));
  const events = recorded.map((r) => toDomainEvent<ApplicationEvent>(r));
  return { state: foldApplication(events), events, recorded };
}
