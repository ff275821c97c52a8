import { eventLeaf } from '../merkle/merkle-hash';
import { checkEvent, hashesAs, type LinkRow, type LogRow, type StreamState } from './chain-check';
import type { Finding } from './finding';

/** Leaves kept per checkpoint interval to name an inserted event; beyond this only the range is named. */
export const NAMING_LIMIT = 3000;

/** A stream as one segment saw it: its first event there, its state at the segment's end. */
export interface StreamSummary {
  first: LinkRow;
  last: StreamState;
  /**
   * The stream's rows in this segment when its first one did not hash: whether it was altered or
   * moved depends on the stream's state before the segment, so the caller checks them all.
   */
  unresolved: LogRow[] | null;
}

export interface SegmentResult {
  index: number;
  count: number;
  /** The events' Merkle leaves in global order, 32 bytes each. */
  leaves: Uint8Array;
  streams: StreamSummary[];
  /** Findings inside the segment (not about a stream's first event there). */
  findings: Finding[];
  /** The events, to name an inserted one; null when the segment is longer than NAMING_LIMIT. */
  refs: LinkRow[] | null;
}

/**
 * The audit of one segment of the log (the events between two checkpoints), fed its events in
 * global order: each event's content hash recomputed, each link inside the segment checked, the
 * Merkle leaves computed. Runs in a worker; LogStitcher joins the segments in order. Pure.
 */
export class SegmentAuditor {
  private readonly streams = new Map<string, StreamSummary>();
  private readonly order: StreamSummary[] = [];
  private readonly findings: Finding[] = [];
  private readonly leaves: Buffer[] = [];
  private refs: LinkRow[] | null = [];

  event(row: LogRow): void {
    this.leaves.push(eventLeaf(row.hash));
    const link: LinkRow = {
      commit: row.commit,
      prepare: row.prepare,
      streamId: row.streamId,
      revision: row.revision,
      eventId: row.eventId,
      prevHash: row.prevHash,
      hash: row.hash,
    };
    if (this.refs) this.refs = this.refs.length < NAMING_LIMIT ? (this.refs.push(link), this.refs) : null;
    const seen = this.streams.get(row.streamId);
    if (!seen) {
      const ok = hashesAs(row, row.revision);
      const summary = { first: link, last: { revision: row.revision, hash: row.hash }, unresolved: ok ? null : [row] };
      this.streams.set(row.streamId, summary);
      this.order.push(summary);
    } else if (seen.unresolved) {
      seen.unresolved.push(row);
    } else {
      const next = checkEvent(row, seen.last, false, this.findings);
      if (next) seen.last = next;
    }
  }

  result(index: number): SegmentResult {
    return {
      index,
      count: this.leaves.length,
      // A buffer of its own (never a slice of Node's pool): it is transferred to the coordinator.
      leaves: new Uint8Array(Buffer.concat(this.leaves)),
      streams: this.order,
      findings: this.findings,
      refs: this.refs,
    };
  }
}
