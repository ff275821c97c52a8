import type { ExpectedState } from './event-store.port';

export class WrongExpectedStateError extends Error {
  override readonly name = 'WrongExpectedStateError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedState,
    /** Current revision, or -1 where the stream does not exist. */
    readonly actualRevision: number,
  ) {
    super(`Stream ${streamId}: expected ${describe(expected)}, found ${actualRevision < 0 ? 'no stream' : `revision ${actualRevision}`}`);
  }
}

function describe(e: ExpectedState): string {
  return typeof e === 'string' ? e : `revision ${e.revision}`;
}

/**
 * The idempotency key was used before for another request on this stream (another command type or
 * other data): the first request's fingerprint is kept in the metadata of the events it produced,
 * and this request's does not match it. Nothing is appended; the caller must choose a new key.
 */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId}: the idempotency key was used before for another request`);
  }
}
