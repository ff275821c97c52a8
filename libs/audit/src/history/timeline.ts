import { wibParts } from '@adminduk/calendar';
import { eventLabel, eventReason } from '@adminduk/domain';
import { chainMarks, type BrokenEvent, type ChainMark, type RecordedEvent } from '@adminduk/event-store';

/** One line of `adminduk history`: when (WIB), who, what happened, why, and the event's hash mark. */
export interface TimelineEntry {
  revision: number;
  eventId: string;
  type: string;
  /** The domain's label of the event type (Bahasa Indonesia). */
  label: string;
  occurredAt: string;
  /** "2026-03-03 10.00.12 WIB": sortable, to the second. */
  occurredAtWib: string;
  actor: { userId: string; role: string } | null;
  reason: string | null;
  hashStatus: ChainMark;
}

export interface Timeline {
  streamId: string;
  entries: TimelineEntry[];
  firstBroken: BrokenEvent | null;
}

/**
 * The timeline of one stream read forwards from revision 0. The personal data inside the events is
 * not part of it (names, NIKs): a timeline is who did what when and why, so reading one is not a read
 * of personal data; `adminduk state` is.
 */
export function timelineOf(streamId: string, events: readonly RecordedEvent[]): Timeline {
  const { marks, firstBroken } = chainMarks(events);
  return {
    streamId,
    firstBroken,
    entries: events.map((e, i) => ({
      revision: e.revision,
      eventId: e.metadata.eventId,
      type: e.type,
      label: eventLabel(e.type),
      occurredAt: e.metadata.occurredAt,
      occurredAtWib: wibStamp(new Date(e.metadata.occurredAt)),
      actor: e.metadata.actor ? { userId: e.metadata.actor.userId, role: e.metadata.actor.role } : null,
      reason: eventReason(e.data),
      hashStatus: marks[i],
    })),
  };
}

const HASH_WORDS: Record<ChainMark, string> = { ok: 'hash ok', altered: 'DIUBAH', 'broken-link': 'RANTAI PUTUS' };

/** The timeline as an auditor reads it in a terminal: one event a line, the chain's verdict at the end. */
export function formatTimeline(t: Timeline): string {
  const lines = t.entries.map((e) => {
    const who = e.actor ? `${e.actor.userId} (${e.actor.role})` : 'sistem';
    const why = e.reason ? ` | alasan: ${e.reason}` : '';
    return `${String(e.revision).padStart(3)}  ${e.occurredAtWib}  ${HASH_WORDS[e.hashStatus].padEnd(12)}  ${e.label} | oleh ${who}${why}`;
  });
  const verdict = t.firstBroken
    ? `Rantai hash TIDAK UTUH: kejadian revisi ${t.firstBroken.revision} (id ${t.firstBroken.eventId}) ${
        t.firstBroken.mark === 'altered' ? 'diubah setelah dicatat' : 'tidak tersambung dengan kejadian sebelumnya'
      }.`
    : `Rantai hash utuh (${t.entries.length} kejadian).`;
  return `${t.streamId}\n${lines.join('\n')}\n${verdict}\n`;
}

const two = (n: number) => String(n).padStart(2, '0');

export function wibStamp(instant: Date): string {
  const p = wibParts(instant);
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}.${two(p.minute)}.${two(p.second)} WIB`;
}
