import { createHash } from 'node:crypto';
import type { EventMetadata, EventMetadataInput, RecordedEvent } from './event-envelope';

/** prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON: keys sorted at every depth, no whitespace, undefined dropped.
 * Stable across adapters and Node versions, so a hash computed at append verifies on read.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return JSON.stringify(value.toString());
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const keys = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

export interface HashInput {
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: EventMetadataInput;
  prevHash: string;
}

/** SHA-256 over the canonical event: everything that matters except the hash itself. */
export function hashEvent(e: HashInput): string {
  const { streamId, revision, type, data, metadata, prevHash } = e;
  const body = canonicalJson({ streamId, revision, type, data, metadata: { ...metadata, prevHash } });
  return createHash('sha256').update(body).digest('hex');
}

export function sealMetadata(e: Omit<HashInput, 'prevHash'>, prevHash: string): EventMetadata {
  return { ...stripChain(e.metadata), prevHash, hash: hashEvent({ ...e, metadata: stripChain(e.metadata), prevHash }) };
}

function stripChain(m: EventMetadataInput | EventMetadata): EventMetadataInput {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { prevHash: _p, hash: _h, ...rest } = m as EventMetadata;
  return rest;
}

export type ChainProblem =
  | { kind: 'revision-gap'; expected: number; found: number }
  | { kind: 'broken-link'; revision: number }
  | { kind: 'altered'; revision: number };

/** Verifies a whole stream read forwards from revision 0. Returns the first problem, or null. */
export function verifyChain(events: readonly RecordedEvent[]): ChainProblem | null {
  let prev = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.revision !== i) return { kind: 'revision-gap', expected: i, found: e.revision };
    if (e.metadata.prevHash !== prev) return { kind: 'broken-link', revision: e.revision };
    const recomputed = hashEvent({ streamId: e.streamId, revision: e.revision, type: e.type, data: e.data, metadata: stripChain(e.metadata), prevHash: prev });
    if (recomputed !== e.metadata.hash) return { kind: 'altered', revision: e.revision };
    prev = e.metadata.hash;
  }
  return null;
}
