import { positionFromString, positionToString, streamCategory, type RecordedEvent } from '@adminduk/event-store';

/**
 * A stored event as the relay puts it on JetStream (JSON). The global position travels as text,
 * "commit/prepare", since JSON has no 64-bit integers.
 */
export interface WireEvent<TData = unknown> extends Omit<RecordedEvent<string, TData>, 'position'> {
  position: string;
}

export function toWireEvent(e: RecordedEvent): WireEvent {
  return { ...e, position: positionToString(e.position) };
}

export function fromWireEvent<TData = unknown>(w: WireEvent<TData>): RecordedEvent<string, TData> {
  return { ...w, position: positionFromString(w.position) };
}

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
