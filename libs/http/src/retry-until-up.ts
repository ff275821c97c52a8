import { retry, RetryAbortedError, type BackoffPolicy } from '@adminduk/messaging';
import type { Logger } from '@adminduk/observability';
import { ApiError, apiError } from './api-error';

export type RetryPolicy = BackoffPolicy;

/**
 * Runs `attempt` until it succeeds, backing off exponentially. A dependency that is down at start
 * (PostgreSQL, NATS) gets ONE clear log line, not one per attempt, and one when it comes up; the
 * service stays live meanwhile and reports not-ready.
 */
export async function retryUntilUp<T>(
  dependency: string,
  attempt: () => Promise<T>,
  logger: Logger,
  policy: RetryPolicy = { baseMs: 200, maxMs: 5000 },
  signal?: AbortSignal,
): Promise<T> {
  try {
    return await retry(attempt, {
      backoff: policy,
      signal,
      onFailure: (e) => {
        const reason = e instanceof Error ? e.message : String(e);
        logger.warn({ dependency, reason }, `${dependency} is not reachable (${reason}); retrying with backoff until it is`);
      },
      onRecovered: (attempts) => logger.info({ dependency, attempts }, `${dependency} is up`),
    });
  } catch (e) {
    // Aborted on shutdown: the caller sees the dependency's own last error, as before.
    throw e instanceof RetryAbortedError && e.lastError !== undefined ? e.lastError : e;
  }
}

/**
 * A dependency connected in the background at start (with retryUntilUp), so the service is live at
 * once and ready when the dependency is. `get()` waits for it; `ready` says whether it is there.
 */
export class BackgroundDependency<T> {
  private value?: T;
  private readonly abort = new AbortController();
  private readonly promise: Promise<T>;

  constructor(
    readonly name: string,
    connect: () => Promise<T>,
    logger: Logger,
    private readonly dispose: (value: T) => Promise<void> = async () => undefined,
  ) {
    this.promise = retryUntilUp(name, connect, logger, undefined, this.abort.signal).then((v) => (this.value = v));
    this.promise.catch(() => undefined); // aborted on shutdown; nobody waits any more
  }

  get ready(): boolean {
    return this.value !== undefined;
  }

  get(): Promise<T> {
    return this.promise;
  }

  /** The dependency now, or a 503 for the caller: requests never hang on a dependency that is down. */
  current(): T {
    if (this.value === undefined)
      throw new ApiError(apiError(503, 'DEPENDENCY_UNAVAILABLE', 'Layanan sedang tidak tersedia; silakan coba lagi'));
    return this.value;
  }

  async close(): Promise<void> {
    this.abort.abort();
    if (this.value !== undefined) await this.dispose(this.value);
  }
}
