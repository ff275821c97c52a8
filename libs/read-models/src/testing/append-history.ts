import { applicationStreamId, type ApplicationEvent } from '@adminduk/domain';
import type { EventStore, RecordedEvent } from '@adminduk/event-store';
import { eventMetadataOf } from './recorded-event';

/** Appends a scenario's events as one application's stream (tests of the read models); returns them as recorded. */
export async function appendHistory(store: EventStore, applicationId: string, events: ApplicationEvent[]): Promise<RecordedEvent[]> {
  const streamId = applicationStreamId(applicationId);
  await store.appendToStream(
    streamId,
    events.map((e) => ({
      type: e.type,
      data: e.data,
      metadata: { ...eventMetadataOf(e), correlationId: 'c', kecamatan: '35.15.12' },
    })),
    'no_stream',
  );
  return store.readStream(streamId);
}
