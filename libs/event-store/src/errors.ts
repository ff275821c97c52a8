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
