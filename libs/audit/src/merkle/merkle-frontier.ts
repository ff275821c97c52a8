import { EMPTY_TREE_ROOT, nodeHash } from './merkle-hash';

/**
 * The log's Merkle tree kept incrementally: only the roots of the perfect subtrees along its right
 * border (one per set bit of the size, at most 64), never the leaves. Appending is amortised one
 * node hash; the root folds the border right to left, which is RFC 9162's MTH (the left subtree of
 * every split is the largest perfect one).
 */
export class MerkleFrontier {
  private constructor(
    private count: number,
    /** border[k]: root of the perfect subtree of 2^k leaves, present when bit k of the size is set. */
    private readonly border: (Buffer | null)[],
  ) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  /** Rebuilds the frontier saved by `toJSON` (a checkpoint row's `frontier`). */
  static fromJSON(saved: FrontierJson): MerkleFrontier {
    const border = saved.border.map((h) => (h === null ? null : Buffer.from(h, 'hex')));
    for (let k = 0; k < 53; k++) {
      if (Boolean(Math.floor(saved.size / 2 ** k) % 2) !== Boolean(border[k])) throw new Error('Merkle frontier does not match its size');
    }
    return new MerkleFrontier(saved.size, border);
  }

  get size(): number {
    return this.count;
  }

  append(leaf: Buffer): void {
    let carry = leaf;
    let k = 0;
    while (this.border[k]) {
      carry = nodeHash(this.border[k]!, carry);
      this.border[k] = null;
      k++;
    }
    this.border[k] = carry;
    this.count++;
  }

  root(): Buffer {
    let acc: Buffer | null = null;
    for (let k = 0; k < this.border.length; k++) {
      const h = this.border[k];
      if (h) acc = acc ? nodeHash(h, acc) : h;
    }
    return acc ?? EMPTY_TREE_ROOT;
  }

  toJSON(): FrontierJson {
    return { size: this.count, border: this.border.map((h) => (h ? h.toString('hex') : null)) };
  }

  clone(): MerkleFrontier {
    return new MerkleFrontier(this.count, [...this.border]);
  }
}

export interface FrontierJson {
  size: number;
  border: (string | null)[];
}
