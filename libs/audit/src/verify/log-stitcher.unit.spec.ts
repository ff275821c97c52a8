import { GENESIS_HASH, hashEvent } from '@adminduk/event-store';
import type { StoredCheckpoint } from '../checkpoint/postgres-checkpoint-store';
import { MerkleFrontier } from '../merkle/merkle-frontier';
import { eventLeaf } from '../merkle/merkle-hash';
import { checkStreams, positionOf, type LogRow } from './chain-check';
import type { Finding } from './finding';
import { LogStitcher } from './log-stitcher';

/** A segment's leaves as PostgreSQL sends them (segmentLeaves). */
const leavesOf = (rows: LogRow[]) => ({ count: rows.length, leaves: Buffer.concat(rows.map((r) => eventLeaf(r.hash))) });

/** A stream of `n` events with a correct chain, positions from `commit0` on (one transaction each). */
function stream(streamId: string, n: number, commit0: number): LogRow[] {
  const rows: LogRow[] = [];
  let prev = GENESIS_HASH;
  for (let revision = 0; revision < n; revision++) {
    const e = {
      streamId,
      revision,
      type: 'CatatanDitambahkan',
      data: { urutan: revision },
      metadata: { eventId: `${streamId}-${revision}`, occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1, correlationId: 'c' },
    };
    const hash = hashEvent(e, prev);
    rows.push({ ...e, commit: BigInt(commit0 + revision * 10), prepare: 1n, eventId: e.metadata.eventId, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

const byPosition = (rows: LogRow[]) => [...rows].sort((a, b) => Number(a.commit - b.commit));

/** Checkpoints of `log` (as it stands) after `cuts` events each: the segments' ends. */
function checkpointsAt(log: LogRow[], cuts: number[]): StoredCheckpoint[] {
  const frontier = MerkleFrontier.empty();
  const out: StoredCheckpoint[] = [];
  log.forEach((row, i) => {
    frontier.append(eventLeaf(row.hash));
    if (cuts.includes(i + 1)) {
      const c = {
        treeSize: i + 1,
        rootHash: frontier.root().toString('hex'),
        position: positionOf(row),
        issuedAt: '2026-01-01T00:00:00.000Z',
      };
      out.push({ ...c, keyId: 'k', signature: 's', frontier: frontier.toJSON() });
    }
  });
  return out;
}

/** Audits `log` (chain in Node, leaves cut into segments after `cuts` events): the same findings however it is cut. */
function audit(log: LogRow[], cuts: number[] = []): Finding[] {
  const run = (checkpoints: StoredCheckpoint[]) => {
    const stitcher = new LogStitcher(checkpoints);
    const bounds = [0, ...checkpoints.map((c) => c.treeSize), log.length];
    for (const plan of stitcher.plan) stitcher.add(leavesOf(log.slice(bounds[plan.index], bounds[plan.index + 1])));
    return stitcher.end(checkStreams(log, false));
  };
  const whole = run([]);
  expect(run(checkpointsAt(log, cuts))).toEqual(whole);
  return whole;
}

describe('checkStreams and LogStitcher (the chain checks, the checkpoints, the findings in log order)', () => {
  const clean = byPosition([...stream('a', 5, 100), ...stream('b', 4, 101)]);

  it('given intact streams cut anywhere, finds nothing', () => {
    expect(audit(clean, [3, 6])).toEqual([]);
    expect(audit(clean, [1, 2, 3, 4, 5, 6, 7, 8])).toEqual([]);
  });

  it('given an edited event, names it altered', () => {
    const log = clean.map((r) => (r.streamId === 'a' && r.revision === 2 ? { ...r, data: { urutan: 99 } } : r));
    expect(audit(log, [4])).toEqual([expect.objectContaining({ kind: 'altered', streamId: 'a', revision: 2, eventId: 'a-2' })]);
  });

  it('given a deleted event, names the missing revision and the hash it had, across a segment cut', () => {
    const gone = clean.find((r) => r.streamId === 'b' && r.revision === 2)!;
    const log = clean.filter((r) => r !== gone);
    const cut = log.findIndex((r) => r.streamId === 'b' && r.revision === 3);
    expect(audit(log, [cut])).toEqual([
      expect.objectContaining({ kind: 'missing', streamId: 'b', revision: 2, detail: expect.stringContaining(gone.hash) }),
    ]);
  });

  it('given two events swapped (their revisions exchanged), names both as reordered, in one segment or split', () => {
    const log = clean.map((r) =>
      r.streamId === 'a' && r.revision === 1 ? { ...r, revision: 2 } : r.streamId === 'a' && r.revision === 2 ? { ...r, revision: 1 } : r,
    );
    const second = log.findIndex((r) => r.eventId === 'a-2');
    for (const cuts of [[], [second]]) {
      expect(audit(log, cuts)).toEqual([
        expect.objectContaining({ kind: 'reordered', eventId: 'a-1', revision: 2, detail: 'stored as revision 2, hashed as revision 1' }),
        expect.objectContaining({ kind: 'reordered', eventId: 'a-2', revision: 1, detail: 'stored as revision 1, hashed as revision 2' }),
      ]);
    }
  });

  it('given a rewritten hash column, names the broken link', () => {
    const log = clean.map((r) => (r.streamId === 'b' && r.revision === 3 ? { ...r, prevHash: 'f'.repeat(64) } : r));
    const findings = audit(log, [2]);
    expect(findings.map((f) => [f.kind, f.eventId])).toEqual([
      ['altered', 'b-3'],
      ['broken-link', 'b-3'],
    ]);
  });

  it('given a whole stream deleted after its checkpoints were signed, each interval that held it reports the loss', () => {
    const signed = checkpointsAt(clean, [3, 6, 9]);
    const stitcher = new LogStitcher(signed);
    const log = clean.filter((r) => r.streamId !== 'b');
    for (const plan of stitcher.plan) {
      stitcher.add(leavesOf(log.filter((r) => (!plan.after || positionOf(r) > plan.after) && (!plan.upTo || positionOf(r) <= plan.upTo))));
    }
    expect(stitcher.end([]).map((f) => [f.kind, f.checkpoint, /(\d+) event\(s\)/.exec(f.detail)?.[1]])).toEqual([
      ['checkpoint-mismatch', 3, '1'],
      ['checkpoint-mismatch', 6, '2'],
      ['checkpoint-mismatch', 9, '1'],
    ]);
  });

  it('places each chain finding in its interval, before the checkpoint findings of that interval', () => {
    const signed = checkpointsAt(clean, [3, 6]);
    const stitcher = new LogStitcher(signed);
    const gone = clean[1];
    const log = clean.filter((r) => r !== gone);
    for (const plan of stitcher.plan) {
      stitcher.add(leavesOf(log.filter((r) => (!plan.after || positionOf(r) > plan.after) && (!plan.upTo || positionOf(r) <= plan.upTo))));
    }
    const late = { kind: 'altered' as const, position: positionOf(clean[7]), detail: 'late' };
    const early = { kind: 'altered' as const, position: positionOf(clean[0]), detail: 'early' };
    expect(stitcher.end([late, early]).map((f) => f.detail.slice(0, 5))).toEqual(['early', 'found', 'late']);
  });
});
