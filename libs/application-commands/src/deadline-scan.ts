import { DomainError } from '@adminduk/domain';
import type { Logger } from '@adminduk/observability';

/**
 * A deadline scan running in the background: `scan` now and every `intervalMs`, never two at once
 * (a slow pass is not overlapped by the next tick). A failed pass is logged and the next tick tries
 * again. `stop()` clears the timer and waits for a pass in progress (the service's shutdown).
 */
export function startDeadlineScan(
  scan: () => Promise<unknown>,
  intervalMs: number,
  logger: Logger,
  what: string,
): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    running ??= scan()
      .catch((e) => logger.warn({ err: (e as Error).message }, `${what} failed; will retry`))
      .finally(() => (running = undefined));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * Acts on each overdue row a read model lists and counts what was done. The read model lags the
 * streams, so a row may be stale: the step was done meanwhile or another replica acted first; the
 * decider then refuses (a conflict) and the row is skipped. A replayed command (same key) counts
 * nothing. A table not migrated yet lists nothing.
 */
export async function actOnOverdue<T>(overdue: () => Promise<T[]>, act: (row: T) => Promise<{ replayed: boolean }>): Promise<number> {
  const rows = await overdue().catch((e: { code?: string }) => (e.code === '42P01' ? [] : Promise.reject(e)));
  let acted = 0;
  for (const row of rows) {
    try {
      if (!(await act(row)).replayed) acted++;
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'conflict') continue;
      throw e;
    }
  }
  return acted;
}
