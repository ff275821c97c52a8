import { positionFromString, positionToString, START, type EventStore, type GlobalPosition } from '@adminduk/event-store';
import { eventLeaf } from '../merkle/merkle-hash';
import { MerkleFrontier } from '../merkle/merkle-frontier';
import { signCheckpoint } from './checkpoint-note';
import type { CheckpointSigningKey } from './checkpoint-key';
import { postgresCheckpointStore, type Queryable } from './postgres-checkpoint-store';

export interface CheckpointerOptions {
  store: EventStore;
  /** Where checkpoints are written: the leader's connection, so a deposed leader cannot write. */
  db: Queryable;
  key: CheckpointSigningKey;
  /** A checkpoint once this many events are past the last one… */
  everyEvents: number;
  /** …or once this long has passed with at least one new event. */
  everyMs: number;
  pageSize?: number;
  now?: () => Date;
}

/**
 * Signs checkpoints over the global log (decision 0022). Reads the store in global order after the
 * last checkpoint, appends each event's leaf to the Merkle frontier it resumed from, and writes a
 * signed checkpoint every `everyEvents` events or `everyMs`. Reads only the settled prefix of the
 * log (the store's readAll stops below the oldest running transaction), so no later commit can
 * land inside a checkpointed tree.
 */
export class Checkpointer {
  private frontier = MerkleFrontier.empty();
  private position: GlobalPosition = START;
  private lastSize = 0;
  private lastAt = 0;
  private loaded = false;

  constructor(private readonly o: CheckpointerOptions) {}

  /** One pass: catch up with the log, writing the checkpoints due. Returns how many it wrote. */
  async tick(): Promise<number> {
    const now = this.o.now ?? (() => new Date());
    if (!this.loaded) await this.resume();
    let written = 0;
    const pageSize = this.o.pageSize ?? 1000;
    for (;;) {
      const page = await this.o.store.readAll({ after: this.position, maxCount: pageSize });
      for (const e of page) {
        this.frontier.append(eventLeaf(e.metadata.hash));
        this.position = e.position;
        if (this.frontier.size - this.lastSize >= this.o.everyEvents) written += await this.write(now());
      }
      if (page.length < pageSize) break;
    }
    if (this.frontier.size > this.lastSize && now().getTime() - this.lastAt >= this.o.everyMs) written += await this.write(now());
    return written;
  }

  /** Writes a checkpoint of everything read so far (tests, and shutdown), if there is anything new. */
  async flush(): Promise<number> {
    await this.tick();
    return this.frontier.size > this.lastSize ? this.write((this.o.now ?? (() => new Date()))()) : 0;
  }

  private async resume(): Promise<void> {
    const last = await postgresCheckpointStore.latest(this.o.db);
    if (last) {
      const frontier = MerkleFrontier.fromJSON(last.frontier);
      // The saved border is trusted only when it folds to the signed root.
      if (frontier.root().toString('hex') !== last.rootHash || frontier.size !== last.treeSize) {
        throw new Error(
          `audit checkpoint ${last.treeSize}: its saved Merkle frontier does not match its root; run "adminduk audit verify"`,
        );
      }
      this.frontier = frontier;
      this.position = positionFromString(last.position);
      this.lastSize = last.treeSize;
      this.lastAt = Date.parse(last.issuedAt);
    }
    this.loaded = true;
  }

  private async write(at: Date): Promise<number> {
    const signed = signCheckpoint(
      {
        treeSize: this.frontier.size,
        rootHash: this.frontier.root().toString('hex'),
        position: positionToString(this.position),
        issuedAt: at.toISOString(),
      },
      this.o.key.privateKey,
    );
    await postgresCheckpointStore.save(this.o.db, { ...signed, frontier: this.frontier.toJSON() });
    this.lastSize = this.frontier.size;
    this.lastAt = at.getTime();
    return 1;
  }
}
