import { applicationStreamId, foldApplication, type ApplicationEvent, type ApplicationState } from '@adminduk/domain';
import { toDomainEvent, type EventStore } from '@adminduk/event-store';

/**
 * One application as its stream holds it: the (upcast) domain events and the state the domain's
 * fold gives them (status 'none' when there is no stream). Every writer loads an application here.
 */
export async function loadApplication(
  store: EventStore,
  applicationId: string,
): Promise<{ state: ApplicationState; events: ApplicationEvent[] }> {
  const events = (await store.readStream(applicationStreamId(applicationId))).map((r) => toDomainEvent<ApplicationEvent>(r));
  return { state: foldApplication(events), events };
}
