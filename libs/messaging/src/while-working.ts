import type { JsMsg } from 'nats';

/**
 * Runs `work` while telling the server, every half ack wait, that `messages` are still being worked
 * on (+WPI). A handler slower than the ack wait (a loaded database, a slow mail relay) would
 * otherwise be redelivered while it runs: a second copy of the same work at the same moment, and the
 * slower the platform, the more copies (the fault suite's mail queue, on a starved machine).
 */
export async function whileWorking<R>(messages: readonly JsMsg[], ackWaitMs: number, work: () => Promise<R>): Promise<R> {
  const beat = setInterval(() => messages.forEach((m) => m.working()), Math.max(100, ackWaitMs / 2));
  beat.unref();
  try {
    return await work();
  } finally {
    clearInterval(beat);
  }
}
