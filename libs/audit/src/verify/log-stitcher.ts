import { MerkleFrontier } from '../merkle/merkle-frontier';
import type { StoredCheckpoint } from '../checkpoint/postgres-checkpoint-store';
import { checkEvent, positionOf, type StreamState } from './chain-check';
import type { Finding } from './finding';
import type { SegmentResult } from './segment-auditor';

/** One segment of the log to read: the events after `after` up to and including `upTo`. */
export interface SegmentPlan {
  index: number;
  after: string | null;
  upTo: string | null;
  /** The checkpoint ending the segment (null: the tail after the last checkpoint). */
  checkpoint: StoredCheckpoint | null;
}

/**
 * Joins the segments' audits in log order (pure). Per stream it checks the link of each segment's
 * first event to the stream's state before it; over the whole log it rebuilds the Merkle tree from
 * the segments' leaves and compares it with the checkpoint ending each segment, which is what
 * catches a deleted stream, a truncated log or an event inserted with a forged but valid chain.
 * Memory: one small entry per stream, never the events.
 */
export class LogStitcher {
  readonly findings: Finding[] = [];
  readonly plan: SegmentPlan[];
  private readonly streams = new Map<string, StreamState>();
  private frontier: MerkleFrontier;
  private since: string;
  private next = 0;
  count = 0;

  /**
   * @param checkpoints the trusted checkpoints, oldest first (signatures already checked)
   * @param start the checkpoint verification resumes from (--from), whose frontier is trusted;
   *   streams first met after it are taken as they stand at their first event
   */
  constructor(
    checkpoints: readonly StoredCheckpoint[],
    private readonly start: StoredCheckpoint | null = null,
  ) {
    this.frontier = start ? MerkleFrontier.fromJSON(start.frontier) : MerkleFrontier.empty();
    this.since = start?.position ?? 'the start';
    const ends = checkpoints.filter((c) => !start || c.treeSize > start.treeSize);
    let after = start?.position ?? null;
    this.plan = [...ends, null].map((checkpoint, index) => {
      const segment = { index, after, upTo: checkpoint?.position ?? null, checkpoint };
      after = checkpoint?.position ?? after;
      return segment;
    });
  }

  /** Adds the next segment's audit (in plan order). */
  add(segment: SegmentResult): void {
    const plan = this.plan[this.next++];
    if (segment.index !== plan.index) throw new Error(`segment ${segment.index} out of order (expected ${plan.index})`);
    const found: Finding[] = [...segment.findings];
    for (const s of segment.streams) {
      const known = this.streams.get(s.first.streamId);
      if (s.unresolved) {
        let state = known;
        for (const row of s.unresolved) state = checkEvent(row, state, this.start !== null, found) ?? state;
        if (state) this.streams.set(s.first.streamId, state);
      } else if (checkEvent(s.first, known, this.start !== null, found, true)) {
        this.streams.set(s.first.streamId, s.last);
      }
    }
    this.findings.push(...found.sort(byPosition));
    const base = this.frontier.clone();
    for (let i = 0; i < segment.count; i++) this.frontier.append(Buffer.from(segment.leaves.subarray(i * 32, i * 32 + 32)));
    this.count += segment.count;
    if (plan.checkpoint) this.checkCheckpoint(plan.checkpoint, base, segment);
  }

  end(): Finding[] {
    if (this.next !== this.plan.length) throw new Error(`${this.plan.length - this.next} segment(s) not added`);
    return this.findings;
  }

  private checkCheckpoint(c: StoredCheckpoint, base: MerkleFrontier, segment: SegmentResult): void {
    const size = this.frontier.size;
    const root = this.frontier.root().toString('hex');
    if (size !== c.treeSize || root !== c.rootHash) {
      const range = `between ${this.since} and ${c.position}`;
      const detail =
        size < c.treeSize
          ? `${c.treeSize - size} event(s) ${range} are missing (deleted stream, deleted events or a truncated log)`
          : size > c.treeSize
            ? `${size - c.treeSize} event(s) ${range} were not in the signed log`
            : `the events ${range} differ from the signed ones (altered hashes or changed order)`;
      this.findings.push({
        kind: 'checkpoint-mismatch',
        checkpoint: c.treeSize,
        position: c.position,
        detail: `found ${size} events, root ${root}: ${detail}`,
      });
      if (size === c.treeSize + 1) this.nameInserted(c, base, segment);
    }
    // Each interval is checked on its own: the next one starts from this checkpoint's own frontier,
    // trusted because it folds to the signed root.
    const saved = MerkleFrontier.fromJSON(c.frontier);
    if (saved.size === c.treeSize && saved.root().toString('hex') === c.rootHash) this.frontier = saved;
    this.since = c.position;
  }

  /** One event too many: the one whose removal gives the signed root is the inserted one. */
  private nameInserted(c: StoredCheckpoint, base: MerkleFrontier, segment: SegmentResult): void {
    if (!segment.refs) return;
    const leaf = (i: number) => Buffer.from(segment.leaves.subarray(i * 32, i * 32 + 32));
    const prefix = base.clone();
    for (let i = 0; i < segment.count; i++) {
      const candidate = prefix.clone();
      for (let j = i + 1; j < segment.count; j++) candidate.append(leaf(j));
      if (candidate.root().toString('hex') === c.rootHash) {
        const r = segment.refs[i];
        this.findings.push({
          kind: 'inserted',
          streamId: r.streamId,
          revision: r.revision,
          position: positionOf(r),
          eventId: r.eventId,
          checkpoint: c.treeSize,
          detail: 'not in the log the checkpoint signed: without it the Merkle root matches',
        });
        return;
      }
      prefix.append(leaf(i));
    }
  }
}

function byPosition(a: Finding, b: Finding): number {
  const [ac, ap] = (a.position ?? '0/0').split('/').map(BigInt);
  const [bc, bp] = (b.position ?? '0/0').split('/').map(BigInt);
  return ac !== bc ? (ac < bc ? -1 : 1) : ap < bp ? -1 : ap > bp ? 1 : 0;
}
