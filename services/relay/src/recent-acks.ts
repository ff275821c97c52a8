import type { GlobalPosition } from '@adminduk/event-store';

/**
 * The positions JetStream acknowledged lately, with when and at which stream sequence. A NATS
 * server killed outright may come back without the messages it acknowledged in its last moments
 * (its file store is flushed asynchronously: it loses a tail), and the relay's checkpoint has
 * already moved past them: nobody would ever publish them again. After a reconnect the relay
 * starts over after the last event the restarted stream still holds (`afterKept`, from the
 * stream's last sequence), or, when the stream cannot say, from before the disconnect minus a
 * margin (`rewindPoint`); JetStream drops by msg id (duplicate window) what it did keep, and every
 * consumer dedupes by event id, so republishing costs duplicates, never double effects.
 */
export class RecentAcks {
  private readonly entries: Array<{ position: GlobalPosition; at: number; seq: number }> = [];

  constructor(
    /** How far before the disconnect to republish from; below JetStream's duplicate window. */
    private readonly rewindMs: number,
    /** Where this run started: the rewind never goes before it (the checkpoint covered that). */
    private readonly runStart: GlobalPosition,
  ) {}

  /** `seq`: the stream sequence of the ack (a duplicate's is the original's). */
  add(position: GlobalPosition, at: number, seq: number): void {
    this.entries.push({ position, at, seq });
    // Keep one entry older than twice the window: enough to answer for a disconnect happening now.
    const horizon = at - 2 * this.rewindMs;
    let drop = 0;
    while (drop + 1 < this.entries.length && this.entries[drop + 1].at < horizon) drop++;
    if (drop > 0) this.entries.splice(0, drop);
  }

  /**
   * The position to republish after when the stream's last sequence is `lastKept`: the last event
   * acked before the first one whose sequence the stream no longer has (a crash loses a tail, and
   * the relay publishes in store order). Null when the stream holds every ack: nothing to republish.
   */
  afterKept(lastKept: number): GlobalPosition | null {
    let point = this.runStart;
    for (const e of this.entries) {
      if (e.seq > lastKept) return point;
      point = e.position;
    }
    return null;
  }

  /** The position to republish after: the last one acked before `disconnectedAt - rewindMs`. */
  rewindPoint(disconnectedAt: number): GlobalPosition {
    const before = disconnectedAt - this.rewindMs;
    let point = this.runStart;
    for (const e of this.entries) {
      if (e.at >= before) break;
      point = e.position;
    }
    return point;
  }
}
