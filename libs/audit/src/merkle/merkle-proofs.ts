import { EMPTY_TREE_ROOT, nodeHash } from './merkle-hash';

/**
 * RFC 9162 proofs over a tree whose leaf hashes are all at hand (an export: the leaves up to one
 * checkpoint). Perfect subtrees are hashed once, level by level, so each proof costs O(log² n).
 */
export class MerkleTree {
  /** levels[k][i]: root of the perfect subtree of 2^k leaves starting at leaf i·2^k. */
  private readonly levels: Buffer[][];

  constructor(leaves: readonly Buffer[]) {
    this.levels = [[...leaves]];
    for (let below = this.levels[0]; below.length > 1;) {
      const level: Buffer[] = [];
      for (let i = 0; i + 1 < below.length; i += 2) level.push(nodeHash(below[i], below[i + 1]));
      this.levels.push(level);
      below = level;
    }
  }

  get size(): number {
    return this.levels[0].length;
  }

  /** MTH(D[lo:hi]). */
  hash(lo = 0, hi = this.size): Buffer {
    const n = hi - lo;
    if (n === 0) return EMPTY_TREE_ROOT;
    const k = Math.log2(n);
    if (Number.isInteger(k) && lo % n === 0) return this.levels[k][lo / n];
    const split = largestPowerOfTwoBelow(n);
    return nodeHash(this.hash(lo, lo + split), this.hash(lo + split, hi));
  }

  /** PATH(m, D[0:n]) (RFC 9162 2.1.3.1): the audit path of leaf m in the tree of the first n leaves. */
  inclusionProof(m: number, n = this.size): Buffer[] {
    if (m < 0 || m >= n || n > this.size) throw new RangeError(`no leaf ${m} in a tree of ${n}`);
    const path = (m: number, lo: number, hi: number): Buffer[] => {
      if (hi - lo === 1) return [];
      const k = largestPowerOfTwoBelow(hi - lo);
      return m < k ? [...path(m, lo, lo + k), this.hash(lo + k, hi)] : [...path(m - k, lo + k, hi), this.hash(lo, lo + k)];
    };
    return path(m, 0, n);
  }

  /** PROOF(m, D[0:n]) (RFC 9162 2.1.4.1): the tree of the first m leaves is a prefix of the first n. */
  consistencyProof(m: number, n = this.size): Buffer[] {
    if (m < 1 || m > n || n > this.size) throw new RangeError(`no consistency proof from ${m} to ${n}`);
    const sub = (m: number, lo: number, hi: number, complete: boolean): Buffer[] => {
      if (m === hi - lo) return complete ? [] : [this.hash(lo, hi)];
      const k = largestPowerOfTwoBelow(hi - lo);
      return m <= k ? [...sub(m, lo, lo + k, complete), this.hash(lo + k, hi)] : [...sub(m - k, lo + k, hi, false), this.hash(lo, lo + k)];
    };
    return sub(m, 0, n, true);
  }
}

/** The largest power of two strictly below n (n ≥ 2). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isOdd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);

/** RFC 9162 2.1.3.2: does `proof` lead from leaf `index`'s hash to `root` in a tree of `size`? */
export function verifyInclusion(index: number, size: number, leaf: Buffer, proof: readonly Buffer[], root: Buffer): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/**
 * RFC 9162 2.1.4.2: is the tree of `first` leaves (root `firstRoot`) a prefix of the tree of
 * `second` leaves (root `secondRoot`)? Then nothing the first covered was changed, removed or
 * inserted before its end.
 */
export function verifyConsistency(first: number, second: number, firstRoot: Buffer, secondRoot: Buffer, proof: readonly Buffer[]): boolean {
  if (first < 1 || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (proof.length === 0) return false;
  const path = Number.isInteger(Math.log2(first)) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}
