import { streamCategory, type RecordedEvent } from '@adminduk/event-store';

/** `<prefix>.<kecamatan digits or _>.<stream category>.<event type>`, e.g. evt.351512.application.KkSubmitted. */
export function eventSubject(e: Pick<RecordedEvent, 'streamId' | 'type' | 'metadata'>, prefix = 'evt'): string {
  const kecamatan = e.metadata.kecamatan ? token(e.metadata.kecamatan.replace(/\./g, '')) : '_';
  return `${prefix}.${kecamatan}.${token(streamCategory(e.streamId))}.${token(e.type)}`;
}

/** One subject token: no separators, wildcards or whitespace, never empty. */
function token(s: string): string {
  const t = s.replace(/[.*>\s]/g, '_');
  return t.length > 0 ? t : '_';
}
