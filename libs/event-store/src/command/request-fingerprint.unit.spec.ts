import { requestFingerprint } from './request-fingerprint';

describe('requestFingerprint', () => {
  const s = 'counter-1';

  it('is a SHA-256 of what is asked of which stream, whatever the key order and whoever asks', () => {
    const a = requestFingerprint(s, { type: 'Open', data: { label: 'x', n: 1 }, actor: { userId: 'a' } });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint(s, { data: { n: 1, label: 'x' }, type: 'Open', actor: { userId: 'b', role: 'r' } })).toBe(a);
    expect(requestFingerprint(s, { type: 'Open', data: { label: 'x', n: 1 } })).toBe(a);
  });

  it('differs for another stream, another command type or other data', () => {
    const a = requestFingerprint(s, { type: 'Open', data: { label: 'x' } });
    expect(requestFingerprint('counter-2', { type: 'Open', data: { label: 'x' } })).not.toBe(a);
    expect(requestFingerprint(s, { type: 'Close', data: { label: 'x' } })).not.toBe(a);
    expect(requestFingerprint(s, { type: 'Open', data: { label: 'y' } })).not.toBe(a);
    expect(requestFingerprint(s, { type: 'Open', data: { label: 'x', extra: null } })).not.toBe(a);
  });
});
