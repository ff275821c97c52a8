import { caughtUpTarget, targetMisses, type Recovery } from './recovery';

describe('fault suite recovery targets (issue 16)', () => {
  it('a backlog drains at the relay rate, then its last event takes one calm trip: twice both together', () => {
    // 468 events at 936/s take 500 ms; one trip 120 ms.
    expect(caughtUpTarget(468, 936, 120)).toBe(2 * (500 + 120));
  });

  it('with nothing behind, the bound is two calm trips', () => {
    expect(caughtUpTarget(0, 936, 120)).toBe(240);
  });

  it('a catch-up over its target and a slow restart are reported as misses, one sentence each', () => {
    const base: Recovery = {
      fault: 'SIGKILL projections',
      readyMs: 900,
      heldMs: 0,
      backlog: 100,
      caughtUpMs: 300,
      relayedMs: 50,
      caughtUpTargetMs: caughtUpTarget(100, 1000, 100),
      calmLagMs: 100,
    };
    expect(targetMisses([base])).toEqual([]);
    expect(targetMisses([{ ...base, caughtUpMs: 401 }])).toEqual(['SIGKILL projections: caught up after 401 ms (target 400 ms)']);
    expect(targetMisses([{ ...base, readyMs: 10_001 }])).toHaveLength(1);
  });
});
