import type { EventStore } from '@adminduk/event-store';

/** A projection that may read a stream from the store (to fill a gap the bus left). */
export interface NeedsEventStore {
  attachEventStore(store: EventStore): void;
}

export function needsEventStore(p: object): p is NeedsEventStore {
  return typeof (p as Partial<NeedsEventStore>).attachEventStore === 'function';
}
