import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import type { EventMetadata, EventMetadataInput, RecordedEvent } from './event-envelope';
import { contentV2Text, jsonbText } from './jsonb-text';

/**
 * The hash chain (docs/event-envelope.md):
 *
 *   contentHash(e) = SHA-256( canonicalJson({ streamId, revision, type, data, metadata }) )
 *   hash(e)        = SHA-256( bytes(prevHash) ‖ bytes(contentHash(e)) )
 *
 * where `metadata` is the writer's metadata without `prevHash`/`hash`, `prevHash` is the hash of
 * the stream's previous event (GENESIS_HASH for revision 0), hashes are lowercase hex and
 * `bytes()` is their 32-byte decoding. Splitting it in two lets the PostgreSQL adapter compute the
 * content hash in the writer and the link server-side with `sha256()`, in the same statement that
 * reads the stream head: one round trip per append. The KurrentDB adapter computes both in Node.
 * Either way `verifyChain` checks the same definition.
 *
 * That is hash version 1. Version 2 (metadata.hashVersion = 2, decision 0029; the PostgreSQL store
 * writes it since migration 1765350000005) hashes PostgreSQL's text of the stored jsonb instead of
 * canonicalJson (jsonb-text.ts), so the store computes and checks it in C. The link is the same.
 * Every function here follows the version the event's metadata states.
 */

/** prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON: keys sorted at every depth, no whitespace, undefined dropped, `toJSON()` honoured
 * (so a Date encodes as the ISO string it is stored as). Stable across adapters and Node versions,
 * so a hash computed at append verifies on the event read back.
 */
export function canonicalJson(value: unknown): string {
  // Written as plain loops: it runs on every append and on every event `audit verify` reads, and
  // allocation-heavy map/filter/join cost more.
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return JSON.stringify(value); // NaN and Infinity become null, as in JSON.stringify
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'object':
      break;
    default:
      return 'null'; // undefined, functions and symbols have no JSON form; in arrays they become null
  }
  if (value === null) return 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    out += (first ? '' : ',') + quote(key) + ':' + canonicalJson(v);
    first = false;
  }
  return out + '}';
}

/** Nothing JSON.stringify would escape: a quote, a backslash, a control character, a surrogate (lone or paired). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_NO_ESCAPE = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** JSON.stringify of a string; most keys and values need no escaping, and quoting those directly is a third faster. */
function quote(s: string): string {
  return NEEDS_NO_ESCAPE.test(s) ? `"${s}"` : JSON.stringify(s);
}

export interface ContentHashInput {
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  /** The writer's metadata; chain fields, if present, are ignored. */
  metadata: EventMetadataInput | EventMetadata;
}

/** SHA-256 over everything the writer decided: stream, revision, type, data and metadata. */
export function contentHash(e: ContentHashInput): string {
  return canonicalContent(e).hash;
}

/** The metadata's hash version: 2 when it says so, else 1 (events stored before version 2, KurrentDB). */
export const hashVersionOf = (m: EventMetadataInput | EventMetadata): 1 | 2 => ((m as { hashVersion?: unknown }).hashVersion === 2 ? 2 : 1);

/**
 * The content hash together with the JSON of data and metadata as hashed, for a writer that
 * stores those strings as they are (no second serialisation), and the exact bytes hashed (`body`:
 * what an export bundle carries so a third party can check the hash with sha256sum). Version 1:
 * canonical JSON; version 2: jsonb's text (the metadata keeps its `hashVersion`).
 */
export function canonicalContent(e: ContentHashInput): { hash: string; data: string; metadata: string; body: string } {
  if (hashVersionOf(e.metadata) === 2) {
    const data = jsonbText(e.data);
    const metadata = jsonbText(stripChain(e.metadata));
    const body = contentV2Text(e.streamId, e.revision, e.type, data, metadata);
    return { hash: sha256Hex(body), data, metadata, body };
  }
  const data = canonicalJson(e.data);
  const metadata = canonicalJson(stripChain(e.metadata));
  // Keys in sorted order, as canonicalJson would put them: data, metadata, revision, streamId, type.
  const body = `{"data":${data},"metadata":${metadata},"revision":${canonicalJson(e.revision)},"streamId":${JSON.stringify(e.streamId)},"type":${JSON.stringify(e.type)}}`;
  return { hash: sha256Hex(body), data, metadata, body };
}

/** The chain link: SHA-256 of the previous hash's bytes followed by the content hash's bytes. */
export function linkHash(prevHash: string, content: string): string {
  return sha256Hex(Buffer.from(prevHash + content, 'hex'));
}

function sha256Hex(input: string | Buffer): string {
  // One-shot hashing (Node >= 20.12) skips the Hash object; it matters at thousands of appends a second.
  return oneShot ? oneShot('sha256', input, 'hex') : createHash('sha256').update(input).digest('hex');
}

const oneShot = (crypto as { hash?: (algorithm: string, data: string | Buffer, encoding: 'hex') => string }).hash;

/** Full hash of an event given its predecessor's hash. */
export function hashEvent(e: ContentHashInput, prevHash: string): string {
  return linkHash(prevHash, contentHash(e));
}

/** The metadata as stored: the writer's plus `prevHash` and `hash`. */
export function sealMetadata(e: ContentHashInput, prevHash: string): EventMetadata {
  return { ...stripChain(e.metadata), prevHash, hash: hashEvent(e, prevHash) };
}

export function stripChain(m: EventMetadataInput | EventMetadata): EventMetadataInput {
  // Metadata read from es_events has no chain fields (they are columns): no copy for verify to collect.
  if (!('prevHash' in m) && !('hash' in m)) return m;
  const { prevHash: _p, hash: _h, ...rest } = m as EventMetadata;
  return rest;
}

export type ChainProblem =
  | { kind: 'revision-gap'; expected: number; found: number }
  | { kind: 'broken-link'; revision: number }
  | { kind: 'altered'; revision: number };

/**
 * Verifies a whole stream read forwards from revision 0: revisions are 0,1,2…, each event's
 * prevHash is its predecessor's hash, and each hash matches the recomputed one. Returns the first
 * problem, or null. An event altered, removed or moved is caught; so is a forged hash.
 */
export function verifyChain(events: readonly RecordedEvent[]): ChainProblem | null {
  let prev = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.revision !== i) return { kind: 'revision-gap', expected: i, found: e.revision };
    if (e.metadata.prevHash !== prev) return { kind: 'broken-link', revision: e.revision };
    if (hashEvent(e, prev) !== e.metadata.hash) return { kind: 'altered', revision: e.revision };
    prev = e.metadata.hash;
  }
  return null;
}
