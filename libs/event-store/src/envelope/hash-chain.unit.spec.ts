import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { EventMetadataInput, RecordedEvent } from './event-envelope';
import { canonicalContent, canonicalJson, contentHash, GENESIS_HASH, hashEvent, linkHash, sealMetadata, verifyChain } from './hash-chain';

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('drops undefined properties, encodes undefined in arrays as null, and honours toJSON', () => {
    const at = new Date('2026-11-28T01:02:03.000Z');
    expect(canonicalJson({ a: undefined, b: [undefined, 1], at })).toBe('{"at":"2026-11-28T01:02:03.000Z","b":[null,1]}');
  });

  it('encodes bigint as a decimal string and escapes strings like JSON', () => {
    expect(canonicalJson({ n: 12345678901234567890n, s: 'é"\n' })).toBe('{"n":"12345678901234567890","s":"é\\"\\n"}');
  });

  it('is independent of key insertion order and survives a JSON round trip (as through jsonb)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reparsed = JSON.parse(JSON.stringify(value));
        const reversed = JSON.parse(JSON.stringify(value), (_k, v) =>
          v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
        );
        expect(canonicalJson(reparsed)).toBe(canonicalJson(value));
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(reparsed);
      }),
    );
  });
});

/** canonicalJson as it was before strings were quoted without JSON.stringify: stored chains were hashed with it. */
function referenceCanonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
    case 'number':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'object':
      break;
    default:
      return 'null';
  }
  if (value === null) return 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return referenceCanonicalJson((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const entries = Object.keys(record)
    .sort()
    .filter((k) => record[k] !== undefined && typeof record[k] !== 'function' && typeof record[k] !== 'symbol');
  return `{${entries.map((k) => `${JSON.stringify(k)}:${referenceCanonicalJson(record[k])}`).join(',')}}`;
}

describe('canonicalJson against the reference definition', () => {
  // Every code unit, lone surrogates included, and the characters JSON escapes, often.
  const text = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u2028', '\ud83d', '\ude00', 'é', 'a', '😀') }),
    fc.string(),
  );
  const leaf = fc.oneof(
    text,
    fc.double(),
    fc.constantFrom(0, -0, 1e21, 1e-7, -1e21, 5e-324, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.bigInt(),
    fc.date({ noInvalidDate: true }),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('node'), { maxLength: 5 }),
    object: fc.dictionary(text, tie('node'), { maxKeys: 6 }),
  })).node;

  it('gives the same text for arbitrary values (unicode, escapes, 1e21, -0, NaN, bigint, dates, nested arrays)', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(referenceCanonicalJson(v));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same text for JSON as jsonb gives it back', () => {
    fc.assert(
      fc.property(fc.unicodeJsonValue(), (v) => {
        expect(canonicalJson(JSON.parse(JSON.stringify(v)))).toBe(referenceCanonicalJson(v));
      }),
      { numRuns: 1000 },
    );
  });
});

const metadata = (): EventMetadataInput => ({
  eventId: randomUUID(),
  occurredAt: '2026-11-28T01:00:00.000Z',
  schemaVersion: 1,
  correlationId: 'c-1',
  actor: { userId: 'u-1', role: 'operator-kecamatan', kecamatan: '35.15.12' },
});

function stream(n: number, streamId = 'application-1'): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let prev = GENESIS_HASH;
  for (let revision = 0; revision < n; revision++) {
    const e = { streamId, revision, type: `E${revision}`, data: { i: revision, tags: ['a', 'b'] }, metadata: metadata() };
    const sealed = sealMetadata(e, prev);
    events.push({ ...e, position: { commit: BigInt(revision + 10), prepare: BigInt(revision) }, metadata: sealed });
    prev = sealed.hash;
  }
  return events;
}

describe('hash chain', () => {
  it('defines the content hash over the canonical {streamId, revision, type, data, metadata}', () => {
    const m = metadata();
    const e = { streamId: 's-1', revision: 3, type: 'T', data: { b: 2, a: 1 }, metadata: m };
    expect(contentHash(e)).toBe(sha256(canonicalJson({ streamId: 's-1', revision: 3, type: 'T', data: { a: 1, b: 2 }, metadata: m })));
  });

  it('ignores chain fields already present in the metadata', () => {
    const m = metadata();
    const e = { streamId: 's', revision: 0, type: 'T', data: {}, metadata: m };
    expect(contentHash({ ...e, metadata: { ...m, prevHash: 'x', hash: 'y' } })).toBe(contentHash(e));
  });

  it('builds the canonical content by hand exactly as canonicalJson would', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.string(), fc.jsonValue(), (streamId, revision, type, data) => {
        const m = metadata();
        const c = canonicalContent({ streamId, revision, type, data, metadata: m });
        expect(c.hash).toBe(sha256(canonicalJson({ streamId, revision, type, data, metadata: m })));
        expect(c.data).toBe(canonicalJson(data));
        expect(c.metadata).toBe(canonicalJson(m));
      }),
      { numRuns: 200 },
    );
  });

  it('links as SHA-256 over the bytes of prevHash then the content hash (what PostgreSQL computes)', () => {
    const prev = sha256('previous');
    const content = sha256('content');
    expect(linkHash(prev, content)).toBe(sha256(Buffer.concat([Buffer.from(prev, 'hex'), Buffer.from(content, 'hex')])));
    expect(linkHash(GENESIS_HASH, content)).toBe(sha256(Buffer.concat([Buffer.alloc(32), Buffer.from(content, 'hex')])));
    expect(linkHash(prev, content)).not.toBe(linkHash(content, prev));
  });

  it('seals metadata with prevHash and hash, and the same content under another predecessor hashes differently', () => {
    const e = { streamId: 's', revision: 1, type: 'T', data: { x: 1 }, metadata: metadata() };
    const a = sealMetadata(e, GENESIS_HASH);
    const b = sealMetadata(e, sha256('other'));
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(a.hash).toBe(hashEvent(e, GENESIS_HASH));
    expect(a.hash).not.toBe(b.hash);
  });

  it('verifies an intact stream and an empty one', () => {
    expect(verifyChain(stream(5))).toBeNull();
    expect(verifyChain([])).toBeNull();
  });

  it('catches altered data, type, metadata, stream or revision', () => {
    const cases: Array<(e: RecordedEvent) => void> = [
      (e) => ((e.data as { i: number }).i = 99),
      (e) => (e.type = 'Other'),
      (e) => (e.metadata.occurredAt = '2020-01-01T00:00:00.000Z'),
      (e) => (e.metadata.actor = { userId: 'intruder', role: 'admin' }),
      (e) => (e.streamId = 'application-2'),
    ];
    for (const alter of cases) {
      const events = structuredClone(stream(4));
      alter(events[2]);
      expect(verifyChain(events)).toEqual({ kind: 'altered', revision: 2 });
    }
  });

  it('catches a forged hash, a removed event, a reordering and a renumbering', () => {
    const forged = structuredClone(stream(4));
    forged[1].metadata.hash = sha256('forged');
    expect(verifyChain(forged)).toEqual({ kind: 'altered', revision: 1 });

    // Removing the last event leaves a valid prefix: truncation is detected by comparing with the
    // stream head recorded elsewhere (e.g. a checkpoint), not by the chain alone.
    const removed = structuredClone(stream(4)).filter((e) => e.revision !== 1);
    expect(verifyChain(removed)).toEqual({ kind: 'revision-gap', expected: 1, found: 2 });
    expect(verifyChain(removed.map((e, i) => ({ ...e, revision: i })))).toEqual({ kind: 'broken-link', revision: 1 });

    const swapped = structuredClone(stream(4));
    [swapped[1], swapped[2]] = [swapped[2], swapped[1]];
    expect(verifyChain(swapped)).toEqual({ kind: 'revision-gap', expected: 1, found: 2 });
    expect(verifyChain(swapped.map((e, i) => ({ ...e, revision: i })))).toEqual({ kind: 'broken-link', revision: 1 });
  });
});
