import { MerkleFrontier } from '../merkle/merkle-frontier';
import type { StoredCheckpoint } from '../checkpoint/postgres-checkpoint-store';
import { positionOf, type LinkRow } from './chain-check';
import type { Finding } from './finding';
import type { SegmentLeaves } from './leaf-reader';

/** Events kept per checkpoint interval to name an inserted one; beyond this only the range is named. */
export const NAMING_LIMIT = 3000;

/** One segment of the log to read: the events after `after` up to and including `upTo`. */
export interface SegmentPlan {
  index: number;
  after: string | null;
  upTo: string | null;
  /** The checkpoint ending the segment (null: the tail after the last checkpoint). */
  checkpoint: StoredCheckpoint | null;
}

/**
 * Joins the segments' Merkle leaves in log order (pure): rebuilds the tree and compares it with the
 * checkpoint ending each segment, which is what catches a deleted stream, a truncated log or an
 * event inserted with a forged but valid chain; then places the chain findings (chain-scan.ts)
 * among the checkpoints' by position. Memory: the Merkle frontier, and one segment's leaves.
 */
export class LogStitcher {
  readonly plan: SegmentPlan[];
  /** Per segment, what its checkpoint found. */
  private readonly found: Finding[][] = [];
  private frontier: MerkleFrontier;
  private since: string;
  private next = 0;
  private naming: { checkpoint: StoredCheckpoint; base: MerkleFrontier; leaves: Buffer; index: number } | null = null;
  count = 0;

  /**
   * @param checkpoints the trusted checkpoints, oldest first (signatures already checked)
   * @param start the checkpoint verification resumes from (--from), whose frontier is trusted
   */
  constructor(checkpoints: readonly StoredCheckpoint[], start: StoredCheckpoint | null = null) {
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

  /**
   * Adds the next segment's leaves (in plan order). True when its checkpoint signed one event less
   * and the segment is short enough to name the inserted one: pass its events to nameInserted.
   */
  add(segment: SegmentLeaves): boolean {
    const plan = this.plan[this.next++];
    this.found.push([]);
    const base = this.frontier.clone();
    for (let i = 0; i < segment.count; i++) this.frontier.append(segment.leaves.subarray(i * 32, i * 32 + 32));
    this.count += segment.count;
    if (!plan.checkpoint) return false;
    const oneTooMany = this.checkCheckpoint(plan.checkpoint) && segment.count <= NAMING_LIMIT;
    this.naming = oneTooMany ? { checkpoint: plan.checkpoint, base, leaves: segment.leaves, index: plan.index } : null;
    return oneTooMany;
  }

  /** Every finding: the chain's (any order) placed in the segments that hold them, before each segment's checkpoint findings. */
  end(chain: readonly Finding[]): Finding[] {
    if (this.next !== this.plan.length) throw new Error(`${this.plan.length - this.next} segment(s) not added`);
    const sorted = [...chain].sort(byPosition);
    const out: Finding[] = [];
    let k = 0;
    this.plan.forEach((plan, i) => {
      while (k < sorted.length && (!plan.upTo || byPosition(sorted[k], { position: plan.upTo }) <= 0)) out.push(sorted[k++]);
      out.push(...this.found[i]);
    });
    return [...out, ...sorted.slice(k)];
  }

  /** Compares the tree with the checkpoint; true when it has exactly one event more than signed. */
  private checkCheckpoint(c: StoredCheckpoint): boolean {
    const size = this.frontier.size;
    let oneTooMany = false;
    const root = this.frontier.root().toString('hex');
    if (size !== c.treeSize || root !== c.rootHash) {
      const range = `between ${this.since} and ${c.position}`;
      const detail =
        size < c.treeSize
          ? `${c.treeSize - size} event(s) ${range} are missing (deleted stream, deleted events or a truncated log)`
          : size > c.treeSize
            ? `${size - c.treeSize} event(s) ${range} were not in the signed log`
            : `the events ${range} differ from the signed ones (altered hashes or changed order)`;
      this.found[this.found.length - 1].push({
        kind: 'checkpoint-mismatch',
        checkpoint: c.treeSize,
        position: c.position,
        detail: `found ${size} events, root ${root}: ${detail}`,
      });
      oneTooMany = size === c.treeSize + 1;
    }
    // Each interval is checked on its own: the next one starts from this checkpoint's own frontier,
    // trusted because it folds to the signed root.
    const saved = MerkleFrontier.fromJSON(c.frontier);
    if (saved.size === c.treeSize && saved.root().toString('hex') === c.rootHash) this.frontier = saved;
    this.since = c.position;
    return oneTooMany;
  }

  /** One event too many (add returned true), given the segment's events: the one whose removal gives the signed root is the inserted one. */
  nameInserted(refs: readonly LinkRow[]): void {
    if (!this.naming) return;
    const { checkpoint: c, base, leaves, index } = this.naming;
    this.naming = null;
    const leaf = (i: number) => leaves.subarray(i * 32, i * 32 + 32);
    const prefix = base.clone();
    for (let i = 0; i < refs.length; i++) {
      const candidate = prefix.clone();
      for (let j = i + 1; j < refs.length; j++) candidate.append(leaf(j));
      if (candidate.root().toString('hex') === c.rootHash) {
        const r = refs[i];
        this.found[index].push({
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

function byPosition(a: Pick<Finding, 'position'>, b: Pick<Finding, 'position'>): number {
  const [ac, ap] = (a.position ?? '0/0').split('/').map(BigInt);
  const [bc, bp] = (b.position ?? '0/0').split('/').map(BigInt);
  return ac !== bc ? (ac < bc ? -1 : 1) : ap < bp ? -1 : ap > bp ? 1 : 0;
}
