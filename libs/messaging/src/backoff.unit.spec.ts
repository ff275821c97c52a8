import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const policy = { baseMs: 100, maxMs: 5000 };

  it('doubles with each attempt until the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, policy))).toEqual([100, 200, 400, 800, 1600, 3200, 5000]);
  });

  it('stays finite and capped for huge attempt numbers', () => {
    expect(backoffDelay(10_000, policy)).toBe(5000);
  });

  it('treats attempt 0 or below as the first', () => {
    expect(backoffDelay(0, policy)).toBe(100);
  });

  it('randomises only the jitter share of the delay', () => {
    const p = { ...policy, jitter: 0.5 };
    expect(backoffDelay(3, p, () => 0)).toBe(200);
    expect(backoffDelay(3, p, () => 1)).toBe(400);
  });
});
