/**
 * The event envelope shared by every stream (docs/event-envelope.md).
 * Data is domain-owned; metadata is the platform's: who, when, why, which trace, and the hash chain.
 */

/** Who caused an event. Never carries personal data: ids, roles and region codes only. */
export interface Actor {
  userId: string;
  role: string;
  kecamatan?: string;
  desa?: string;
}

/** Metadata the writer supplies. */
export interface EventMetadataInput {
  eventId: string;
  occurredAt: string; // ISO-8601, UTC
  schemaVersion: number;
  correlationId: string;
  causationId?: string;
  actor?: Actor;
  /** Kemendagri kecamatan code, e.g. "35.15.12"; routes the event on the bus. */
  kecamatan?: string;
  traceparent?: string;
  tracestate?: string;
  /**
   * SHA-256 of the keyed request that produced the event (requestFingerprint): a later command with
   * the same idempotency key must match it to be replayed. Absent on events of system steps and on
   * events stored before fingerprints were kept.
   */
  requestFingerprint?: string;
}

/** Metadata as stored: the writer's plus the hash chain the store computes. */
export interface EventMetadata extends EventMetadataInput {
  prevHash: string;
  hash: string;
  /**
   * How the content hash is defined (decision 0029): 2 = PostgreSQL's jsonb text, set by the
   * PostgreSQL store inside the hashed metadata; absent = 1, canonical JSON (events stored before
   * version 2, and the KurrentDB store's).
   */
  hashVersion?: 2;
}

export interface NewEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
  metadata: EventMetadataInput;
}

/**
 * Global order across all streams. PostgreSQL: commit = transaction id, prepare = sequence number;
 * KurrentDB: its own commit/prepare positions. Compare with `comparePositions`, never by hand.
 */
export interface GlobalPosition {
  commit: bigint;
  prepare: bigint;
}

export interface RecordedEvent<TType extends string = string, TData = unknown> {
  streamId: string;
  /** 0-based position inside the stream. */
  revision: number;
  position: GlobalPosition;
  type: TType;
  data: TData;
  metadata: EventMetadata;
}

export const START: GlobalPosition = Object.freeze({ commit: -1n, prepare: -1n });

export function comparePositions(a: GlobalPosition, b: GlobalPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Checkpoints are stored as text: "commit/prepare". */
/** The earliest and the latest of some positions (at least one). */
export const earliestPosition = (positions: GlobalPosition[]) => positions.reduce((a, b) => (comparePositions(a, b) <= 0 ? a : b));
export const latestPosition = (positions: GlobalPosition[]) => positions.reduce((a, b) => (comparePositions(a, b) >= 0 ? a : b));

export function positionToString(p: GlobalPosition): string {
  return `${p.commit}/${p.prepare}`;
}

export function positionFromString(s: string): GlobalPosition {
  const m = /^(-?\d+)\/(-?\d+)$/.exec(s);
  if (!m) throw new Error(`Not a global position: "${s}"`);
  return { commit: BigInt(m[1]), prepare: BigInt(m[2]) };
}

/** "application-0193…" → "application". */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}
