/**
 * Facts of the form "revision R of stream S has hash H", learned from committed appends and reads.
 * A stored event never changes, so a fact never goes stale; keeping the latest one per stream lets
 * an append with an exact expected revision link its hash without reading the stream head first.
 * Bounded, least recently used first out.
 */
export class StreamHeadCache {
  private readonly heads = new Map<string, { revision: number; hash: string }>();

  constructor(private readonly capacity: number) {}

  /** The hash of `revision` in `streamId`, if that is the latest revision known here. */
  hashAt(streamId: string, revision: number): string | undefined {
    const head = this.heads.get(streamId);
    return head && head.revision === revision ? head.hash : undefined;
  }

  /** The latest revision known here, a good first guess of the head for 'any' and 'stream_exists'. */
  latestRevision(streamId: string): number | undefined {
    return this.heads.get(streamId)?.revision;
  }

  remember(streamId: string, revision: number, hash: string): void {
    if (this.capacity <= 0) return;
    const known = this.heads.get(streamId);
    if (known && known.revision > revision) return;
    this.heads.delete(streamId);
    this.heads.set(streamId, { revision, hash });
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value as string);
  }
}
