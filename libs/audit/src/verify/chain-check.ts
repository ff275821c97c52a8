import { GENESIS_HASH, contentHash, linkHash } from '@adminduk/event-store';
import type { Finding } from './finding';

/** An event row as the store holds it (metadata without the chain fields, which are columns). */
export interface LogRow {
  commit: bigint;
  prepare: bigint;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  prevHash: string;
  hash: string;
  /** The store's verdict on its content at its stored revision (hash version 2, checked in SQL); absent: check it here. */
  contentOk?: boolean;
}

/** Where an event is and how it links: enough to check a link without its content. */
export type LinkRow = Pick<LogRow, 'commit' | 'prepare' | 'streamId' | 'revision' | 'eventId' | 'prevHash' | 'hash'>;

/** A stream as far as it has been checked: its highest revision and that event's hash. */
export interface StreamState {
  revision: number;
  hash: string;
}

export const positionOf = (r: { commit: bigint; prepare: bigint }) => `${r.commit}/${r.prepare}`;

/**
 * True when the event's content, at `revision`, hashes (with its stored prevHash) to its stored hash,
 * by the hash version its metadata states (libs/event-store: canonical JSON, or jsonb's text).
 */
export function hashesAs(row: LogRow, revision: number): boolean {
  const content = contentHash({ streamId: row.streamId, revision, type: row.type, data: row.data, metadata: row.metadata as never });
  return linkHash(row.prevHash, content) === row.hash;
}

/**
 * Checks one event against its stream's state (the store's own hash functions, libs/event-store
 * hash-chain.ts), pushing what it finds. `known` undefined: the stream's first event, from genesis,
 * or, when `trustUnknown` (verification resumed at a checkpoint), as it stands. `contentOk` given:
 * its content was already checked (by a worker). Returns the stream's new state, or null to keep it.
 */
export function checkEvent(
  row: LinkRow | LogRow,
  known: StreamState | undefined,
  trustUnknown: boolean,
  findings: Finding[],
  contentOk?: boolean,
): StreamState | null {
  const state = known ?? (trustUnknown ? { revision: row.revision - 1, hash: row.prevHash } : { revision: -1, hash: GENESIS_HASH });
  const expected = state.revision + 1;
  let revision = row.revision;
  const report = (f: Omit<Finding, 'streamId' | 'position'>) =>
    findings.push({ streamId: row.streamId, revision: row.revision, position: positionOf(row), eventId: row.eventId, ...f });
  if (!(contentOk ?? hashesAs(row as LogRow, row.revision))) {
    if (row.revision !== expected && hashesAs(row as LogRow, expected)) {
      report({ kind: 'reordered', detail: `stored as revision ${row.revision}, hashed as revision ${expected}` });
      revision = expected;
    } else {
      report({ kind: 'altered', detail: 'its data, metadata or type no longer hash to its stored hash' });
    }
  }
  if (revision > expected) {
    const gap = revision - expected === 1 ? `revision ${expected} is` : `revisions ${expected}-${revision - 1} are`;
    report({
      kind: 'missing',
      revision: expected,
      eventId: undefined,
      detail: `${gap} missing before this event (${row.eventId} at revision ${revision}); the last missing one had hash ${row.prevHash}`,
    });
  } else if (revision < expected) {
    report({ kind: 'reordered', detail: `revision ${revision} comes after revision ${state.revision} in the global order` });
  } else if (row.prevHash !== state.hash) {
    report({ kind: 'broken-link', detail: `prevHash ${row.prevHash} is not the hash of revision ${state.revision} (${state.hash})` });
  }
  return !known || revision >= expected ? { revision: Math.max(revision, state.revision), hash: row.hash } : null;
}

/**
 * The chain check of whole streams (checkEvent on each event in turn): `rows` in global order per
 * stream (streams may interleave), `states` the streams' states before them (kept up to date).
 */
export function checkStreams(rows: readonly LogRow[], trustUnknown: boolean, states = new Map<string, StreamState>()): Finding[] {
  const findings: Finding[] = [];
  for (const row of rows) {
    const next = checkEvent(row, states.get(row.streamId), trustUnknown, findings, row.contentOk);
    if (next) states.set(row.streamId, next);
  }
  return findings;
}
