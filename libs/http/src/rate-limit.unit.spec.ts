import { TokenBuckets } from './rate-limit';

describe('TokenBuckets', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('lets a key spend its minute at once, then one call per 60/limit seconds, and says how long to wait', () => {
    const b = new TokenBuckets(6, clock); // one token every 10 s
    for (let i = 0; i < 6; i++) {
      expect(b.waitSeconds('u')).toBe(0);
      b.spend('u');
    }
    expect(b.waitSeconds('u')).toBe(10);
    now += 4_000;
    expect(b.waitSeconds('u')).toBe(6);
    now += 6_000;
    expect(b.waitSeconds('u')).toBe(0);
    b.spend('u');
    expect(b.waitSeconds('u')).toBe(10);
    expect(b.waitSeconds('someone-else')).toBe(0);
  });

  it('never holds more than a minute of budget, however long a key was idle', () => {
    const b = new TokenBuckets(2, clock);
    b.spend('u');
    now += 3_600_000;
    b.spend('u');
    b.spend('u');
    expect(b.waitSeconds('u')).toBe(30);
  });

  it('holds a bounded number of keys: refilled ones are forgotten first, then the least recently used', () => {
    const b = new TokenBuckets(1_000, clock);
    for (let i = 0; i < 60_000; i++) b.spend(`addr-${i}`);
    expect(b.size).toBeLessThanOrEqual(50_000);
    expect(b.waitSeconds('addr-59999')).toBe(0); // still has 999 of its 1000
    b.spend('addr-59999');
    now += 120_000; // everyone refilled
    b.spend('fresh');
    b.spend('fresh-2');
    expect(b.size).toBeLessThanOrEqual(50_000);
  });
});
