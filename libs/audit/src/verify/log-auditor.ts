import { GENESIS_HASH, contentHash, linkHash } from '@adminduk/event-store';
import { eventLeaf } from '../merkle/merkle-hash';
import { MerkleFrontier } from '../merkle/merkle-frontier';
import type { StoredCheckpoint } from '../checkpoint/postgres-checkpoint-store';
import type { Finding } from './finding';

/** An event row as the store holds it (metadata without the chain fields, which are columns). */
export interface LogRow {
  commit: bigint;
  prepare: bigint;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

interface StreamState {
  revision: number;
  hash: string;
}

interface PendingCheckpoint {
  checkpoint: StoredCheckpoint;
  commit: bigint;
  prepare: bigint;
}

/** Leaves kept per checkpoint interval to name an inserted event; beyond this only the range is named. */
const NAMING_LIMIT = 3000;

const positionOf = (r: { commit: bigint; prepare: bigint }) => `${r.commit}/${r.prepare}`;

/**
 * The audit of the log, fed its events in global order (pure: no I/O). Per stream it recomputes
 * the hash chain with the store's own hash functions (libs/event-store hash-chain.ts); over the
 * whole log it rebuilds the Merkle tree and compares it with each signed checkpoint, which is what
 * catches a deleted stream, a truncated log or an event inserted with a forged but valid chain.
 * Memory: one small entry per stream and the leaves since the last checkpoint, never the events.
 */
export class LogAuditor {
  readonly findings: Finding[] = [];
  private readonly streams = new Map<string, StreamState>();
  private frontier: MerkleFrontier;
  private readonly pending: PendingCheckpoint[];
  private interval: { base: MerkleFrontier; since: string; leaves: Buffer[]; rows: LogRow[] | null };
  count = 0;

  /**
   * @param checkpoints the checkpoints to check, oldest first; each already signature-checked
   *   (invalid ones are reported by the caller and left out)
   * @param start the checkpoint verification resumes from (--from), whose frontier is trusted;
   *   streams first met after it are taken as they stand at their first event
   */
  constructor(
    checkpoints: readonly StoredCheckpoint[],
    private readonly start: StoredCheckpoint | null = null,
  ) {
    this.frontier = start ? MerkleFrontier.fromJSON(start.frontier) : MerkleFrontier.empty();
    this.pending = checkpoints
      .filter((c) => !start || c.treeSize > start.treeSize)
      .map((c) => {
        const [commit, prepare] = c.position.split('/').map(BigInt);
        return { checkpoint: c, commit, prepare };
      });
    this.interval = { base: this.frontier.clone(), since: start?.position ?? 'the start', leaves: [], rows: [] };
  }

  event(row: LogRow): void {
    while (this.pending.length && after(row, this.pending[0])) this.checkCheckpoint(this.pending.shift()!);
    this.count++;
    this.checkChain(row);
    const leaf = eventLeaf(row.hash);
    this.frontier.append(leaf);
    const rows = this.interval.rows;
    if (rows) {
      if (rows.length < NAMING_LIMIT) {
        rows.push(row);
        this.interval.leaves.push(leaf);
      } else {
        this.interval.rows = null;
        this.interval.leaves = [];
      }
    }
  }

  /** The log has ended: the checkpoints beyond its end are checked (a truncated log fails them). */
  end(): Finding[] {
    while (this.pending.length) this.checkCheckpoint(this.pending.shift()!);
    return this.findings;
  }

  private checkChain(row: LogRow): void {
    const known = this.streams.get(row.streamId);
    const state = known ?? (this.start ? { revision: row.revision - 1, hash: row.prevHash } : { revision: -1, hash: GENESIS_HASH });
    const expected = state.revision + 1;
    let revision = row.revision;
    if (!this.hashes(row, row.revision)) {
      if (row.revision !== expected && this.hashes(row, expected)) {
        this.report(row, { kind: 'reordered', detail: `stored as revision ${row.revision}, hashed as revision ${expected}` });
        revision = expected;
      } else {
        this.report(row, { kind: 'altered', detail: 'its data, metadata or type no longer hash to its stored hash' });
      }
    }
    if (revision > expected) {
      const gap = revision - expected === 1 ? `revision ${expected} is` : `revisions ${expected}-${revision - 1} are`;
      this.report(row, {
        revision: expected,
        eventId: undefined,
        kind: 'missing',
        detail: `${gap} missing before this event (${row.eventId} at revision ${revision}); the last missing one had hash ${row.prevHash}`,
      });
    } else if (revision < expected) {
      this.report(row, { kind: 'reordered', detail: `revision ${revision} comes after revision ${state.revision} in the global order` });
    } else if (row.prevHash !== state.hash) {
      this.report(row, {
        kind: 'broken-link',
        detail: `prevHash ${row.prevHash} is not the hash of revision ${state.revision} (${state.hash})`,
      });
    }
    if (known && revision >= expected) {
      // Updated in place: the common case allocates nothing.
      known.revision = revision;
      known.hash = row.hash;
    } else if (!known) {
      this.streams.set(row.streamId, { revision: Math.max(revision, state.revision), hash: row.hash });
    }
  }

  /** A finding about one event, located by its stream, revision, position and id (the event's own unless overridden). */
  private report(row: LogRow, f: Omit<Finding, 'streamId' | 'position'> & { eventId?: string; revision?: number }): void {
    this.findings.push({ streamId: row.streamId, revision: row.revision, position: positionOf(row), eventId: row.eventId, ...f });
  }

  private hashes(row: LogRow, revision: number): boolean {
    const content = contentHash({ streamId: row.streamId, revision, type: row.type, data: row.data, metadata: row.metadata as never });
    return linkHash(row.prevHash, content) === row.hash;
  }

  private checkCheckpoint({ checkpoint: c }: PendingCheckpoint): void {
    const size = this.frontier.size;
    const root = this.frontier.root().toString('hex');
    if (size !== c.treeSize || root !== c.rootHash) {
      const range = `between ${this.interval.since} and ${c.position}`;
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
      if (size === c.treeSize + 1) this.nameInserted(c);
    }
    // Each interval is checked on its own: the next one starts from this checkpoint's own frontier,
    // trusted because it folds to the signed root.
    const saved = MerkleFrontier.fromJSON(c.frontier);
    if (saved.size === c.treeSize && saved.root().toString('hex') === c.rootHash) this.frontier = saved;
    this.interval = { base: this.frontier.clone(), since: c.position, leaves: [], rows: [] };
  }

  /** One event too many: the one whose removal gives the signed root is the inserted one. */
  private nameInserted(c: StoredCheckpoint): void {
    const { base, leaves, rows } = this.interval;
    if (!rows) return;
    const prefix = base.clone();
    for (let i = 0; i < leaves.length; i++) {
      const candidate = prefix.clone();
      for (let j = i + 1; j < leaves.length; j++) candidate.append(leaves[j]);
      if (candidate.root().toString('hex') === c.rootHash) {
        const r = rows[i];
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
      prefix.append(leaves[i]);
    }
  }
}

function after(row: { commit: bigint; prepare: bigint }, c: { commit: bigint; prepare: bigint }): boolean {
  return row.commit > c.commit || (row.commit === c.commit && row.prepare > c.prepare);
}
