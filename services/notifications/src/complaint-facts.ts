import { complaintIdOfStream, foldComplaint, type ComplaintEvent } from '@adminduk/domain';
import { toDomainEvent, type RecordedEvent } from '@adminduk/event-store';
import type { ComplaintFacts, ComplaintTrigger } from '@adminduk/notifications';
import { StreamBehindError, type FactsDeps } from './application-facts';

/**
 * What a complaint message needs, from the complaint's own stream (not the view, which may lag and
 * is the wrong place to read contact data from): the event the bus delivered, the complainant's
 * e-mail (none: anonymous or no address left, and nobody is told), kind and category, the office,
 * and the complainant's tracking number and code (computed here, never stored: decision 0019).
 */
export async function complaintFacts(
  recorded: RecordedEvent,
  deps: Pick<FactsDeps, 'store' | 'office' | 'complaintTracking'>,
): Promise<{ trigger: ComplaintTrigger; facts: ComplaintFacts } | undefined> {
  const complaintId = complaintIdOfStream(recorded.streamId);
  if (!complaintId) return undefined;
  const events = (await deps.store.readStream(recorded.streamId)).map((r) => toDomainEvent<ComplaintEvent>(r));
  if (events.length <= recorded.revision)
    throw new StreamBehindError(`stream has ${events.length} events, the bus delivered revision ${recorded.revision}`);
  const state = foldComplaint(events);
  if (!state.kind || !state.category) return undefined;
  return {
    trigger: { eventId: recorded.metadata.eventId, complaintId, event: events[recorded.revision] },
    facts: {
      email: state.complainant?.email,
      kind: state.kind,
      category: state.category,
      // The office the complaint is about; one about no kecamatan goes to the regency's (Balongbendo's is the only standard yet).
      office: deps.office(state.kecamatan ?? '35.15.12'),
      tracking: deps.complaintTracking(complaintId),
    },
  };
}
