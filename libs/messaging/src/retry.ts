import { backoffDelay, sleep, type BackoffPolicy } from './backoff';

/** What `retry` rejects with when its signal is aborted (e.g. on shutdown); `lastError` is the last attempt's. */
export class RetryAbortedError extends Error {
  override readonly name = 'RetryAbortedError';
  constructor(readonly lastError: unknown) {
    super('Retry aborted');
  }
}

export interface RetryOptions {
  /** The delay after the n-th consecutive failure is `backoffDelay(n, backoff)`. */
  backoff: BackoffPolicy;
  /** Gives up after this many attempts and rejects with the last error (default: never gives up). */
  maxAttempts?: number;
  /**
   * Aborting ends the current delay at once and starts no further attempt: `retry` then rejects
   * with RetryAbortedError. A failure seen after the abort is not reported.
   */
  signal?: AbortSignal;
  /**
   * Called on the first failure of each kind (see `failureKind`) that will be retried, not on every
   * attempt: one log line per kind of failure, no flood while a dependency stays down.
   */
  onFailure?: (error: unknown, attempt: number) => void;
  /** Groups failures for `onFailure`; by default every failure is of one kind (reported once). */
  failureKind?: (error: unknown) => string;
  /** Called when an attempt succeeds after at least one failure, with the number of attempts made. */
  onRecovered?: (attempts: number) => void;
}

/** Handed to each attempt. */
export interface RetryAttempt {
  /**
   * Resets the backoff after progress: the attempt got somewhere (connected, held a lock, published)
   * before it failed, so its failure starts a new outage. The next delay is the base delay again and
   * the failure is reported again (`onFailure`), instead of continuing the previous outage's count.
   */
  progress(): void;
}

/**
 * Runs `attempt` until it succeeds, with exponential backoff between failures (libs/messaging's
 * backoffDelay). The one retry loop of the code base: connecting to a dependency at start-up, a
 * step that must eventually pass, a bounded number of tries, a long-running loop that restarts
 * after a failure (it calls `progress()` once it got going, so each outage backs off from the
 * base). (An optimistic-concurrency conflict is
 * not retried here: it is decided again at once, without a delay, by the command handler.)
 */
export async function retry<T>(attempt: (n: number, a: RetryAttempt) => Promise<T>, o: RetryOptions): Promise<T> {
  const reported = new Set<string>();
  let lastError: unknown;
  // Failures since the last progress: what the backoff grows with.
  let failures = 0;
  const handle: RetryAttempt = {
    progress: () => {
      failures = 0;
      reported.clear();
    },
  };
  for (let n = 1; ; n++) {
    if (o.signal?.aborted) throw new RetryAbortedError(lastError);
    try {
      const result = await attempt(n, handle);
      if (n > 1) o.onRecovered?.(n);
      return result;
    } catch (e) {
      lastError = e;
      failures++;
      if (o.maxAttempts !== undefined && n >= o.maxAttempts) throw e;
      if (o.signal?.aborted) throw new RetryAbortedError(e);
      const kind = o.failureKind ? o.failureKind(e) : '';
      if (!reported.has(kind)) {
        reported.add(kind);
        o.onFailure?.(e, n);
      }
      await sleep(backoffDelay(failures, o.backoff), o.signal);
    }
  }
}
