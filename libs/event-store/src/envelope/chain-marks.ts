import type { RecordedEvent } from './event-envelope';
import { GENESIS_HASH, hashEvent } from './hash-chain';

/**
 * Each event's own verdict in its stream's chain, for a reader who must see WHICH event is suspect
 * (the auditor's history, `adminduk history`), not only that the stream is:
 * - `altered`: the event's content no longer hashes to the hash recorded with it (edited in place);
 * - `broken-link`: its content matches its hash, but it does not follow on from the event before it
 *   (its prevHash is not its predecessor's hash, or a revision is missing before it): something
 *   before it was removed, inserted, or altered with a forged hash;
 * - `ok`: neither.
 * Marks are local: an event after a break can be `ok` on its own; `firstBroken` names the break.
 */
export type ChainMark = 'ok' | 'altered' | 'broken-link';

export interface BrokenEvent {
  revision: number;
  eventId: string;
  mark: Exclude<ChainMark, 'ok'>;
}

export interface ChainMarks {
  /** One mark per event, in the order given (a stream read forwards from revision 0). */
  marks: ChainMark[];
  /** The first event that is not `ok`, or null when the chain is intact. */
  firstBroken: BrokenEvent | null;
}

export function chainMarks(events: readonly RecordedEvent[]): ChainMarks {
  const marks: ChainMark[] = [];
  let firstBroken: BrokenEvent | null = null;
  let prev = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const claimedPrev = e.metadata.prevHash ?? '';
    let mark: ChainMark = 'ok';
    // Checked against the prevHash the event claims, so an edit is told apart from a cut before it.
    if (!/^[0-9a-f]{64}$/.test(claimedPrev) || hashEvent(e, claimedPrev) !== e.metadata.hash) mark = 'altered';
    else if (e.revision !== (i === 0 ? 0 : events[i - 1].revision + 1) || claimedPrev !== prev) mark = 'broken-link';
    marks.push(mark);
    if (mark !== 'ok' && !firstBroken) firstBroken = { revision: e.revision, eventId: e.metadata.eventId, mark };
    prev = e.metadata.hash;
  }
  return { marks, firstBroken };
}
