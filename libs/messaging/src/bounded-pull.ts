import type { Consumer, ConsumerMessages, JsMsg } from 'nats';
import type { BackoffPolicy } from './backoff';
import { retry, RetryAbortedError } from './retry';

/**
 * How long one pull request waits on the server for messages. Short, because it is also the longest
 * a pull lost with a broker restart or a dropped connection can hold a consumer idle: the client ends
 * every pull at this time (plus 5%) and asks again.
 */
export const PULL_EXPIRES_MS = 2_000;
const PULL_FAILURE_BACKOFF: BackoffPolicy = { baseMs: 200, maxMs: 5_000, jitter: 0.2 };

export interface BoundedPullOptions {
  /** How many more messages the runner can take now (at least 1; may wait until it can take one). */
  room: () => number | Promise<number>;
  /** Each message, in order; the pull asks for more only after this resolved for every one it got. */
  deliver: (msg: JsMsg) => Promise<void>;
  /** A failed pull (the consumer gone, the connection closed): reported once per outage, then retried. */
  onFailure: (error: unknown) => void;
  expiresMs?: number;
}

/**
 * A durable consumer's messages pulled only as the runner has room for them: each pull asks for
 * exactly the free room (`fetch`), never more. nats.js's `consume()` asks for more as messages
 * ARRIVE, not as they are handled, so behind a slow handler its buffer grew up to the consumer's
 * max_ack_pending; the buffered messages aged past their ack wait, came again while the first copy
 * still waited, and every replica but one sat idle while that one held the backlog. After a
 * reconnect it also waited 15-45 s before pulling again. Here nothing is held that is not about to
 * be handled, a pull lasts PULL_EXPIRES_MS at most, and a failed one is retried with backoff.
 */
export class BoundedPull {
  private current?: ConsumerMessages;
  private readonly stopping = new AbortController();

  constructor(
    private readonly consumer: Consumer,
    private readonly opts: BoundedPullOptions,
  ) {}

  /** Pulls and delivers until stop(); resolves once the last delivered message's `deliver` resolved. */
  async run(): Promise<void> {
    const expires = this.opts.expiresMs ?? PULL_EXPIRES_MS;
    try {
      await retry(
        async (_n, attempt) => {
          while (!this.stopping.signal.aborted) {
            const room = Math.max(1, await this.opts.room());
            if (this.stopping.signal.aborted) return;
            this.current = await this.consumer.fetch({ max_messages: room, expires });
            if (this.stopping.signal.aborted) this.current.stop();
            for await (const msg of this.current) await this.opts.deliver(msg);
            attempt.progress();
          }
        },
        { backoff: PULL_FAILURE_BACKOFF, signal: this.stopping.signal, onFailure: (e) => this.opts.onFailure(e) },
      );
    } catch (e) {
      if (!(e instanceof RetryAbortedError)) throw e;
    } finally {
      this.current = undefined;
    }
  }

  /** Ends the pull in progress (messages it had not delivered come again after their ack wait). */
  stop(): void {
    this.stopping.abort();
    this.current?.stop();
  }
}
