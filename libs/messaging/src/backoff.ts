/** Exponential backoff: base * 2^(attempt-1), capped; attempt is 1-based. Jitter spreads replicas apart. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** 0..1: the share of the delay that is randomised (0 = deterministic). */
  jitter?: number;
}

export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^30 already exceeds any sane cap; stop the exponent there so the number stays finite.
  const raw = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(n - 1, 30));
  const jitter = Math.min(1, Math.max(0, policy.jitter ?? 0));
  return Math.round(raw * (1 - jitter) + raw * jitter * random());
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
