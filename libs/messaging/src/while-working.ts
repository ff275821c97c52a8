import type { JsMsg } from 'nats';

/** A handler still running after this many ack waits is taken for hung: the server may redeliver its messages. */
export const MAX_WORKING_ACK_WAITS = 10;

/**
 * Runs `work` while telling the server, every half ack wait, that `messages` are still being worked
 * on (+WPI). A handler slower than the ack wait (a loaded database, a slow mail relay) would
 * otherwise be redelivered while it runs: a second copy of the same work at the same moment, and the
 * slower the platform, the more copies (the fault suite's mail queue, on a starved machine). After
 * MAX_WORKING_ACK_WAITS the beats stop, so a handler that hangs does not hold its messages for ever.
 * `messages` may be a function, asked at each beat (a runner's batch in hand and its queue behind it).
 */
export async function whileWorking<R>(
  messages: readonly JsMsg[] | (() => Iterable<JsMsg>),
  ackWaitMs: number,
  work: () => Promise<R>,
): Promise<R> {
  let beats = 2 * MAX_WORKING_ACK_WAITS;
  const beat = setInterval(
    () => {
      if (beats-- > 0) for (const m of typeof messages === 'function' ? messages() : messages) m.working();
      else clearInterval(beat);
    },
    Math.max(100, ackWaitMs / 2),
  );
  beat.unref();
  try {
    return await work();
  } finally {
    clearInterval(beat);
  }
}
