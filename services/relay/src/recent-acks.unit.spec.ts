import type { GlobalPosition } from '@adminduk/event-store';
import { RecentAcks } from './recent-acks';

const pos = (n: number): GlobalPosition => ({ commit: BigInt(n), prepare: BigInt(n) });

describe('RecentAcks: where the relay republishes from after NATS comes back', () => {
  it('given acks over a minute, when the bus drops, then it republishes from the last ack older than the margin', () => {
    const acks = new RecentAcks(30_000, pos(0));
    for (let s = 1; s <= 60; s++) acks.add(pos(s), s * 1000, s);
    expect(acks.rewindPoint(60_500)).toEqual(pos(30)); // acked at 30 s: 30.5 s before the drop
  });

  it('never rewinds before the run start (the saved checkpoint covered everything before it)', () => {
    const acks = new RecentAcks(30_000, pos(100));
    acks.add(pos(101), 1_000, 1);
    acks.add(pos(102), 2_000, 2);
    expect(acks.rewindPoint(5_000)).toEqual(pos(100));
  });

  it('given the restarted stream lost its tail, it republishes after the last event the stream still holds', () => {
    const acks = new RecentAcks(30_000, pos(0));
    for (let s = 1; s <= 60; s++) acks.add(pos(s), s * 1000, 100 + s);
    expect(acks.afterKept(150)).toEqual(pos(50));
    // A duplicate's ack carries the original's sequence: kept.
    acks.add(pos(61), 61_000, 120);
    expect(acks.afterKept(160)).toBeNull(); // the stream holds every ack: nothing to republish
    expect(acks.afterKept(90)).toEqual(pos(0)); // lost from before this run's acks: from the run start
  });

  it('keeps a bounded history however long the relay runs', () => {
    const acks = new RecentAcks(1_000, pos(0));
    for (let i = 1; i <= 100_000; i++) acks.add(pos(i), i, i);
    expect((acks as unknown as { entries: unknown[] }).entries.length).toBeLessThan(2_100);
    expect(acks.rewindPoint(100_000)).toEqual(pos(98_999));
  });
});
