import {
  applicationStreamId,
  complaintStreamId,
  foldApplication,
  foldComplaint,
  type ApplicationEvent,
  type ComplaintEvent,
} from '@adminduk/domain';
import { streamCategory, toDomainEvent, type RecordedEvent } from '@adminduk/event-store';

/** The streams an id may name for `adminduk history / state / diff`, in the order they are tried. */
export const auditedStreamIds = (id: string): string[] => [applicationStreamId(id), complaintStreamId(id)];

/** The aggregate's state after these events (a prefix of its stream), folded by the domain's own evolve. */
export function foldAudited(streamId: string, events: readonly RecordedEvent[]): unknown {
  switch (streamCategory(streamId)) {
    case 'application':
      return foldApplication(events.map((e) => toDomainEvent<ApplicationEvent>(e)));
    case 'complaint':
      return foldComplaint(events.map((e) => toDomainEvent<ComplaintEvent>(e)));
    default:
      throw new RangeError(`${streamId}: not an application or a complaint`);
  }
}
