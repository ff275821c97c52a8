import type { ClientBase } from 'pg';
import type { RecordedEvent } from '@adminduk/event-store';
import type { LogRow } from '../verify/chain-check';
import { readLog } from '../verify/postgres-log-reader';

/** A row of es_events as the event store's readers see it (the chain fields back in the metadata). */
export function recordedOfRow(row: LogRow): RecordedEvent {
  return {
    streamId: row.streamId,
    revision: row.revision,
    position: { commit: row.commit, prepare: row.prepare },
    type: row.type,
    data: row.data,
    metadata: { ...(row.metadata as unknown as RecordedEvent['metadata']), prevHash: row.prevHash, hash: row.hash },
  };
}

/** One stream, forwards from revision 0, read straight from the store (the offline audit's read-only role). */
export async function readStreamEvents(db: ClientBase, streamId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const page of readLog(db, { streamId })) for (const row of page) events.push(recordedOfRow(row));
  return events;
}

/** The first of the candidate streams that has events, with them; null when none has. */
export async function readFirstStream(
  db: ClientBase,
  streamIds: readonly string[],
): Promise<{ streamId: string; events: RecordedEvent[] } | null> {
  for (const streamId of streamIds) {
    const events = await readStreamEvents(db, streamId);
    if (events.length) return { streamId, events };
  }
  return null;
}
