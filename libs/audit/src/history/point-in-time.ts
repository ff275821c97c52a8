import type { RecordedEvent } from '@adminduk/event-store';
import { foldAudited } from './audited-stream';

/** A point in a stream's life: after revision N, or as it stood at an instant. */
export type PointInTime = { revision: number } | { at: Date };

/**
 * "5" is a revision, anything else an instant (ISO-8601; a time without an offset is read as WIB,
 * the time auditors speak in).
 */
export function parsePoint(text: string): PointInTime {
  if (/^\d+$/.test(text)) return { revision: Number(text) };
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text.length === 10 ? `${text}T00:00:00` : text}+07:00`;
  const at = new Date(withZone);
  if (Number.isNaN(at.getTime())) throw new RangeError(`"${text}" is neither a revision nor a time (ISO-8601, WIB when no offset)`);
  return { at };
}

/** The events up to the point: revisions 0..N, or those that occurred at or before the instant. */
export function eventsUpTo(events: readonly RecordedEvent[], point: PointInTime): RecordedEvent[] {
  if ('revision' in point) return events.filter((e) => e.revision <= point.revision);
  const at = point.at.getTime();
  // Events are in revision order; occurredAt is the writer's clock, so stop at the first one after.
  const end = events.findIndex((e) => Date.parse(e.metadata.occurredAt) > at);
  return end < 0 ? [...events] : events.slice(0, end);
}

export interface StateAt {
  streamId: string;
  /** The last revision folded; null when the point is before the stream began. */
  revision: number | null;
  occurredAt: string | null;
  state: unknown;
}

/** The aggregate's state at the point, folded from its own events by the domain's evolve. */
export function stateAt(streamId: string, events: readonly RecordedEvent[], point: PointInTime): StateAt {
  if ('revision' in point && (events.length === 0 || point.revision > events[events.length - 1].revision)) {
    throw new RangeError(
      `${streamId} has no revision ${point.revision} (last: ${events.length ? events[events.length - 1].revision : 'none'})`,
    );
  }
  const prefix = eventsUpTo(events, point);
  const last = prefix[prefix.length - 1];
  return {
    streamId,
    revision: last?.revision ?? null,
    occurredAt: last?.metadata.occurredAt ?? null,
    state: foldAudited(streamId, prefix),
  };
}
