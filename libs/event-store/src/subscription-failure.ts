import type { SubscribeToAllOptions } from './event-store.port';

/** How every adapter ends a subscription on a failure: to onError, or a process warning if none. */
export function reportSubscriptionFailure(options: Pick<SubscribeToAllOptions, 'onError'>, e: unknown): void {
  const error = e instanceof Error ? e : new Error(String(e));
  if (options.onError) options.onError(error);
  else process.emitWarning(`event-store subscription stopped: ${error.message}`);
}
