import { createHash } from 'node:crypto';
import { EMPTY_TREE_ROOT, eventLeaf, leafHash, nodeHash } from './merkle-hash';
import { MerkleFrontier } from './merkle-frontier';
import { MerkleTree, verifyConsistency, verifyInclusion } from './merkle-proofs';

const leaf = (i: number) => leafHash(Buffer.from([i]));
const leaves = (n: number) => Array.from({ length: n }, (_, i) => leaf(i));
const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

/** MTH straight from RFC 9162 2.1.1, recursively: the reference the fast code is checked against. */
function mth(d: Buffer[]): Buffer {
  if (d.length === 0) return sha();
  if (d.length === 1) return d[0];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return sha(Buffer.from([1]), mth(d.slice(0, k)), mth(d.slice(k)));
}

describe('Merkle tree (RFC 9162)', () => {
  it('hashes leaves and nodes with the 0x00 / 0x01 prefixes', () => {
    expect(leafHash(Buffer.from('abc'))).toEqual(sha(Buffer.from([0]), Buffer.from('abc')));
    expect(nodeHash(leaf(0), leaf(1))).toEqual(sha(Buffer.from([1]), leaf(0), leaf(1)));
    expect(EMPTY_TREE_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it("an event's leaf is the leaf of its chain hash's bytes, decoded as Buffer.from(hex) does (a bad hash too)", () => {
    const chainHash = sha(Buffer.from('event')).toString('hex');
    for (const hex of [
      chainHash,
      chainHash.toUpperCase(),
      chainHash.slice(0, 63),
      `${chainHash.slice(0, 10)}zz${chainHash.slice(12)}`,
      '',
    ]) {
      expect(eventLeaf(hex)).toEqual(sha(Buffer.from([0]), Buffer.from(hex, 'hex')));
    }
  });

  it('given the seven-leaf tree of RFC 9162 2.1.5, its root and audit paths are the hand-built ones', () => {
    const [a, b, c, d, e, f, g] = leaves(7);
    const h = nodeHash(a, b);
    const i = nodeHash(c, d);
    const j = nodeHash(e, f);
    const k = nodeHash(h, i);
    const l = nodeHash(j, g);
    const root = nodeHash(k, l);
    const tree = new MerkleTree([a, b, c, d, e, f, g]);
    expect(tree.hash()).toEqual(root);
    expect(tree.inclusionProof(0)).toEqual([b, i, l]); // d0: [b, h, l] in the RFC's names
    expect(tree.inclusionProof(3)).toEqual([c, h, l]);
    expect(tree.inclusionProof(4)).toEqual([f, g, k]);
    expect(tree.inclusionProof(6)).toEqual([j, k]);
    // Consistency between the trees of 3 and 7 leaves: [c, d, h, l] (RFC: hash0 of 3 is not a power of 2).
    expect(tree.consistencyProof(3)).toEqual([c, d, h, l]);
    expect(tree.consistencyProof(4)).toEqual([l]);
    expect(tree.consistencyProof(6)).toEqual([j, g, k]);
  });

  it('the incremental frontier has the recursive MTH at every size, and survives a save and reload', () => {
    const all = leaves(70);
    let frontier = MerkleFrontier.empty();
    expect(frontier.root()).toEqual(EMPTY_TREE_ROOT);
    for (let n = 1; n <= all.length; n++) {
      frontier.append(all[n - 1]);
      expect(frontier.root()).toEqual(mth(all.slice(0, n)));
      if (n % 7 === 0) frontier = MerkleFrontier.fromJSON(JSON.parse(JSON.stringify(frontier.toJSON())));
    }
    expect(frontier.size).toBe(70);
    expect(() => MerkleFrontier.fromJSON({ size: 3, border: [null, 'aa'] })).toThrow('does not match');
  });

  it('every inclusion proof of every leaf verifies, and fails with another leaf, index or root (the size is what the signed checkpoint vouches for)', () => {
    for (let n = 1; n <= 33; n++) {
      const d = leaves(n);
      const tree = new MerkleTree(d);
      const root = mth(d);
      expect(tree.hash()).toEqual(root);
      for (let m = 0; m < n; m++) {
        const proof = tree.inclusionProof(m);
        expect(verifyInclusion(m, n, d[m], proof, root)).toBe(true);
        expect(verifyInclusion(m, n, leaf(200), proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion((m + 1) % n, n, d[m], proof, root)).toBe(false);
        expect(verifyInclusion(m, n, d[m], proof, leaf(201))).toBe(false);
      }
    }
  });

  it('every consistency proof between two sizes verifies; a changed, dropped or inserted leaf breaks it', () => {
    for (let n = 1; n <= 33; n++) {
      const d = leaves(n);
      const tree = new MerkleTree(d);
      for (let m = 1; m <= n; m++) {
        const proof = tree.consistencyProof(m);
        const firstRoot = mth(d.slice(0, m));
        expect(verifyConsistency(m, n, firstRoot, mth(d), proof)).toBe(true);
        if (m < n) {
          // The first tree as a forger would have it: leaf 0 altered.
          const altered = mth([leaf(250), ...d.slice(1, m)]);
          expect(verifyConsistency(m, n, altered, mth(d), proof)).toBe(false);
          // The second tree with a leaf of the first removed, or one inserted before its end.
          const dropped = [...d.slice(0, m - 1), ...d.slice(m)];
          if (dropped.length >= m) expect(verifyConsistency(m, dropped.length, firstRoot, mth(dropped), proof)).toBe(false);
          const inserted = [...d.slice(0, m - 1), leaf(240), ...d.slice(m - 1)];
          expect(verifyConsistency(m, n + 1, firstRoot, mth(inserted), new MerkleTree(inserted).consistencyProof(m))).toBe(false);
        }
      }
    }
  });
});
