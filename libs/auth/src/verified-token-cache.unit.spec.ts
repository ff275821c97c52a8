import type { Principal } from './principal';
import { VerifiedTokenCache } from './verified-token-cache';

const T0 = Date.UTC(2025, 0, 6, 2, 0, 0);
const operator: Principal = { userId: 'op-1', role: 'operator-kecamatan', kecamatan: '35.15.12' };
const auditor: Principal = { userId: 'au-1', role: 'auditor' };
const FAR_EXPIRY = T0 + 3_600_000;

function cacheWithClock(options: { maxAgeMs?: number; maxEntries?: number } = {}) {
  let now = T0;
  const cache = new VerifiedTokenCache({ maxAgeMs: options.maxAgeMs ?? 60_000, maxEntries: options.maxEntries ?? 100, now: () => now });
  return { cache, advance: (ms: number) => void (now += ms) };
}

describe('VerifiedTokenCache', () => {
  it('gives back the principal within the max age', () => {
    const { cache, advance } = cacheWithClock({ maxAgeMs: 60_000 });
    cache.set('token-a', operator, FAR_EXPIRY);
    advance(59_999);
    expect(cache.get('token-a')).toEqual(operator);
  });

  it('misses once the max age has passed, even though the token has not expired', () => {
    const { cache, advance } = cacheWithClock({ maxAgeMs: 60_000 });
    cache.set('token-a', operator, FAR_EXPIRY);
    advance(60_000);
    expect(cache.get('token-a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('misses once the token is no longer accepted, even within the max age', () => {
    const { cache, advance } = cacheWithClock({ maxAgeMs: 60_000 });
    cache.set('token-a', operator, T0 + 10_000);
    advance(9_999);
    expect(cache.get('token-a')).toEqual(operator);
    advance(1);
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('does not store a token that is already past its acceptance', () => {
    const { cache } = cacheWithClock();
    cache.set('token-a', operator, T0);
    expect(cache.get('token-a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps a different token as a different entry', () => {
    const { cache } = cacheWithClock();
    cache.set('token-a', operator, FAR_EXPIRY);
    expect(cache.get('token-b')).toBeUndefined();
    expect(cache.get('token-A')).toBeUndefined();
    cache.set('token-b', auditor, FAR_EXPIRY);
    expect(cache.get('token-a')).toEqual(operator);
    expect(cache.get('token-b')).toEqual(auditor);
    expect(cache.size).toBe(2);
  });

  it('drops the least recently used entry beyond the bound', () => {
    const { cache } = cacheWithClock({ maxEntries: 2 });
    cache.set('token-a', operator, FAR_EXPIRY);
    cache.set('token-b', auditor, FAR_EXPIRY);
    expect(cache.get('token-a')).toEqual(operator); // now token-b is the least recently used
    cache.set('token-c', auditor, FAR_EXPIRY);
    expect(cache.size).toBe(2);
    expect(cache.get('token-b')).toBeUndefined();
    expect(cache.get('token-a')).toEqual(operator);
    expect(cache.get('token-c')).toEqual(auditor);
  });

  it('hands out copies, so one caller cannot alter the principal another gets', () => {
    const { cache } = cacheWithClock();
    const stored = { ...operator };
    cache.set('token-a', stored, FAR_EXPIRY);
    stored.role = 'admin';
    const first = cache.get('token-a')!;
    first.role = 'admin';
    expect(cache.get('token-a')).toEqual(operator);
  });

  it('refuses bounds that make no sense', () => {
    expect(() => new VerifiedTokenCache({ maxAgeMs: -1, maxEntries: 10 })).toThrow(RangeError);
    expect(() => new VerifiedTokenCache({ maxAgeMs: 1000, maxEntries: 0 })).toThrow(RangeError);
  });
});
