import { correlationIdFrom, correlationIdOf } from './correlation-id';

describe('correlationIdFrom', () => {
  it('keeps a well-formed id, replaces anything else with a fresh UUID', () => {
    expect(correlationIdFrom('req-123_abc')).toBe('req-123_abc');
    for (const bad of [undefined, '', 'a'.repeat(101), 'a\u0000b', 'a b', '\u0085', '<script>', ['a', 'b']]) {
      expect(correlationIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('correlationIdOf', () => {
  it('reads X-Correlation-Id first, X-Request-Id when it is the only one, and checks the chosen one', () => {
    expect(correlationIdOf({ 'x-correlation-id': 'corr-1', 'x-request-id': 'req-1' })).toBe('corr-1');
    expect(correlationIdOf({ 'x-request-id': 'req-1' })).toBe('req-1');
    expect(correlationIdOf({ 'x-correlation-id': 'not valid!' })).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdOf({})).toMatch(/^[0-9a-f-]{36}$/);
  });
});
