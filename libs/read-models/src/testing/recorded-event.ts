import { randomUUID } from 'node:crypto';
import { applicationStreamId, type ApplicationEvent } from '@adminduk/domain';
import type { RecordedEvent } from '@adminduk/event-store';

/**
 * A domain event as the store would record it at this stream revision and global position, without
 * a store (projection tests that feed projections directly). The hash chain is left empty.
 */
export function recordedEvent(applicationId: string, revision: number, commit: bigint, e: ApplicationEvent): RecordedEvent {
  return {
    streamId: applicationStreamId(applicationId),
    revision,
    position: { commit, prepare: commit },
    type: e.type,
    data: e.data,
    metadata: { ...eventMetadataOf(e), prevHash: '', hash: '' },
  };
}

/** A new event id, now, the event's schema version and a fresh correlation id. */
export function eventMetadataOf(e: ApplicationEvent) {
  return { eventId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: e.schemaVersion, correlationId: randomUUID() };
}
