import type { GlobalPosition, NewEvent, RecordedEvent } from './envelope/event-envelope';

/**
 * What the writer expects of the stream before appending. Revisions are 0-based in both adapters:
 * `{ revision: 0 }` means "the stream holds exactly one event".
 */
export type ExpectedState = 'no_stream' | 'stream_exists' | 'any' | { revision: number };

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextExpectedRevision: number;
  /** Global position of the last appended event (or of the existing one, for an idempotent re-append). */
  position: GlobalPosition;
  /**
   * True when every event of the append was already in the stream (same ids), so nothing was
   * written: the idempotent re-append. False or absent for an append that wrote its events. An
   * adapter that cannot always tell the two apart (see EventStore.reportsAlreadyStored) says true
   * where it can and leaves it undefined where it cannot.
   */
  alreadyStored?: boolean;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive start revision. Defaults to 0 forwards, the end backwards. */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. START reads from the beginning. */
  after?: GlobalPosition;
  maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint; the subscription catches up from here, then goes live. */
  after?: GlobalPosition;
  /** Called one event at a time, in global order; the next waits for the promise. */
  onEvent: (event: RecordedEvent) => Promise<void>;
  /** A failing handler or a lost connection ends the subscription through here. */
  onError?: (error: Error) => void;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface EventStore {
  /**
   * True when appendToStream reliably reports alreadyStored: a re-append of stored events says so
   * instead of looking like a fresh write. The command handler relies on it to create a stream
   * without reading it first.
   */
  readonly reportsAlreadyStored?: boolean;
  /**
   * Appends atomically: all events or none. A wrong expected state throws WrongExpectedStateError
   * and writes nothing. Re-appending events whose ids are already in the stream is a no-op that
   * returns the stream's current state.
   */
  appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedState): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
