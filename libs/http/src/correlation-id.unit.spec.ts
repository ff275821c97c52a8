import { correlationIdFrom } from './correlation-id';

describe('correlationIdFrom', () => {
  it('keeps a well-formed id, replaces anything else with a fresh UUID', () => {
    expect(correlationIdFrom('req-123_abc')).toBe('req-123_abc');
    for (const bad of [undefined, '', 'a'.repeat(101), 'a\u0000b', 'a b', '\u0085', '<script>', ['a', 'b']]) {
      expect(correlationIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
