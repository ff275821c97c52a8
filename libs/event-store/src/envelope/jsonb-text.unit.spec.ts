import { contentV2Text, jsonbText, plainNumber } from './jsonb-text';

// The same definitions against a real server: jsonb-text.int.spec.ts (property tests).
describe('jsonbText (PostgreSQL jsonb text in Node, hash version 2)', () => {
  it('prints numbers as numeric does: plain decimal, never an exponent', () => {
    expect(plainNumber(1e21)).toBe('1000000000000000000000');
    expect(plainNumber(1.5e300)).toBe(`15${'0'.repeat(299)}`);
    expect(plainNumber(1e-7)).toBe('0.0000001');
    expect(plainNumber(-1.5e-7)).toBe('-0.00000015');
    expect(plainNumber(123e-20)).toBe('0.00000000000000000123');
    expect(plainNumber(5e-324)).toBe(`0.${'0'.repeat(323)}5`);
    expect([0, -0, 100, 0.1, -2.5].map(plainNumber)).toEqual(['0', '0', '100', '0.1', '-2.5']);
  });

  it('orders keys shorter first, then by their UTF-8 bytes, with jsonb spacing', () => {
    expect(jsonbText({ zz: 1, a: [true, null, 'x'], b: {}, é: 2, z: 3 })).toBe(
      '{"a": [true, null, "x"], "b": {}, "z": 3, "zz": 1, "é": 2}',
    );
    expect(jsonbText({ ſ: 1, ab: 2 })).toBe('{"ab": 2, "ſ": 1}');
  });

  it('drops undefined properties, honours toJSON and escapes strings as jsonb does', () => {
    expect(jsonbText({ a: undefined, d: new Date(0), s: 'a"\\\n\u0001' })).toBe(
      '{"d": "1970-01-01T00:00:00.000Z", "s": "a\\"\\\\\\n\\u0001"}',
    );
  });

  it('builds the content with data, metadata, revision, stream and type in that order', () => {
    expect(contentV2Text('app-1', 3, 'T', '{"a": 1}', '{"hashVersion": 2}')).toBe(
      '{"data": {"a": 1}, "metadata": {"hashVersion": 2}, "revision": 3, "streamId": "app-1", "type": "T"}',
    );
  });
});
