import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { Client } from 'pg';
import { createTestSchema, type TestSchema } from '@adminduk/testing';
import { canonicalContent, GENESIS_HASH, linkHash } from './hash-chain';
import { contentV2Text, jsonbText } from './jsonb-text';

/** Node's copy of hash version 2 against PostgreSQL's own (migration 1765350000005), on a real server. */
describe('hash version 2: jsonbText and contentV2Text are what PostgreSQL prints and hashes', () => {
  let schema: TestSchema;
  let db: Client;
  beforeAll(async () => {
    schema = await createTestSchema('jsonbtext');
    db = new Client({ connectionString: schema.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await schema.drop();
  });

  // What jsonb can hold: no U+0000, no lone surrogate (PostgreSQL refuses both on input).
  const storable = (s: string) => !s.includes('\u0000') && s === Buffer.from(s, 'utf8').toString('utf8');
  const text = fc
    .oneof(
      fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\t', '\u0001', '\u001f', '\u007f', '\u2028', 'é', 'a', 'Z', '😀', 'ſ') }),
      fc.string({ unit: 'grapheme' }),
      fc.string(),
    )
    .filter(storable);
  const leaf = fc.oneof(
    text,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -0, 1e21, 1e-7, -1.5e-7, 123e-20, 5e-324, 1.7976931348623157e308, 2 ** 53 + 2, 0.1, 100),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  );
  const value = fc.letrec((tie) => ({
    json: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('json')), fc.dictionary(text, tie('json'))),
  })).json;

  it('prints any storable JSON value as jsonb::text does', async () => {
    await fc.assert(
      fc.asyncProperty(value, async (v) => {
        const { rows } = await db.query<{ t: string }>('SELECT $1::jsonb::text AS t', [JSON.stringify(v)]);
        expect(jsonbText(JSON.parse(JSON.stringify(v)))).toBe(rows[0].t);
        // Read back (through pg's JSON.parse, as every reader gets it), printed again: the same text.
        const back = await db.query<{ j: unknown }>('SELECT $1::jsonb AS j', [JSON.stringify(v)]);
        expect(jsonbText(back.rows[0].j)).toBe(rows[0].t);
      }),
      { numRuns: 300 },
    );
  });

  it('builds the content and the hash es_event_content and es_event_hash build', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.nat(), text, value, fc.dictionary(text, value), async (streamId, revision, type, data, meta) => {
        const metadata = { ...meta, hashVersion: 2 as const };
        const { rows } = await db.query<{ content: string; hash: string }>(
          `SELECT es_event_content($1, $2, $3, $4::jsonb, $5::jsonb) AS content,
                  es_event_hash($6, es_event_content($1, $2, $3, $4::jsonb, $5::jsonb)) AS hash`,
          [streamId, revision, type, JSON.stringify(data), JSON.stringify(metadata), GENESIS_HASH],
        );
        const content = canonicalContent({ streamId, revision, type, data, metadata: metadata as never });
        expect(content.body).toBe(rows[0].content);
        expect(content.body).toBe(contentV2Text(streamId, revision, type, jsonbText(data), jsonbText(metadata)));
        expect(createHash('sha256').update(rows[0].content).digest('hex')).toBe(content.hash);
        expect(linkHash(GENESIS_HASH, content.hash)).toBe(rows[0].hash);
      }),
      { numRuns: 200 },
    );
  });
});
