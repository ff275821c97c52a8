import { StreamHeadCache } from './stream-head-cache';

describe('StreamHeadCache', () => {
  it('answers only for the latest revision it knows', () => {
    const cache = new StreamHeadCache(10);
    cache.remember('s', 3, 'h3');
    expect(cache.hashAt('s', 3)).toBe('h3');
    expect(cache.hashAt('s', 2)).toBeUndefined();
    cache.remember('s', 1, 'h1'); // older fact: ignored
    expect(cache.hashAt('s', 3)).toBe('h3');
    cache.remember('s', 4, 'h4');
    expect(cache.hashAt('s', 3)).toBeUndefined();
    expect(cache.hashAt('s', 4)).toBe('h4');
    expect(cache.latestRevision('s')).toBe(4);
    expect(cache.latestRevision('unknown')).toBeUndefined();
  });

  it('forgets the least recently updated stream beyond its capacity', () => {
    const cache = new StreamHeadCache(2);
    cache.remember('a', 0, 'a0');
    cache.remember('b', 0, 'b0');
    cache.remember('a', 1, 'a1');
    cache.remember('c', 0, 'c0');
    expect(cache.hashAt('b', 0)).toBeUndefined();
    expect(cache.hashAt('a', 1)).toBe('a1');
    expect(cache.hashAt('c', 0)).toBe('c0');
  });

  it('keeps nothing with capacity 0', () => {
    const cache = new StreamHeadCache(0);
    cache.remember('a', 0, 'a0');
    expect(cache.hashAt('a', 0)).toBeUndefined();
  });
});
