import { createInbox, Events, type JsMsg, type Msg, type NatsConnection, type NatsError } from 'nats';
// Not re-exported by the package's entry: the same conversion nats.js's own pull uses.
import { toJsMsg } from 'nats/lib/jetstream/jsmsg';
import type { BackoffPolicy } from './backoff';
import { retry, RetryAbortedError } from './retry';

/**
 * How long one pull request waits on the server for messages. Short, because it is also the longest
 * a pull lost with a broker restart or a dropped connection can hold a consumer idle.
 */
export const PULL_EXPIRES_MS = 2_000;
/** After the server's expiry: its "408 Request Timeout" normally ends a pull before this does. */
const CLIENT_GRACE = 0.1;
const PULL_FAILURE_BACKOFF: BackoffPolicy = { baseMs: 200, maxMs: 5_000, jitter: 0.2 };

export interface BoundedPullOptions {
  /** How many more messages the runner can take now (at least 1; may wait until it can take one). */
  room: () => number | Promise<number>;
  /** Each message, in order; the pull asks for more only after this resolved for every one it got. */
  deliver: (msg: JsMsg) => Promise<void>;
  /** A failed pull (the consumer gone, JetStream unavailable): reported once per outage, then retried. */
  onFailure: (error: unknown) => void;
  expiresMs?: number;
}

/** The durable consumer to pull from. */
export interface PullTarget {
  stream: string;
  durable: string;
}

/** One pull request in flight: `batch` messages asked for, ended by the server, a count, or a timer. */
interface PullRequest {
  readonly id: number;
  readonly batch: number;
  received: number;
  ended: boolean;
  failure?: Error;
  /** Ends the pull if the server's word never comes (lost with a broker restart). */
  timer?: NodeJS.Timeout;
}

/**
 * A durable consumer's messages pulled only as the runner has room for them: each pull asks for
 * exactly the free room, never more. nats.js's `consume()` asks for more as messages ARRIVE, not as
 * they are handled, so behind a slow handler its buffer grew up to the consumer's max_ack_pending
 * and the buffered messages aged past their ack wait. Its `fetch()` ends a pull on a client timer
 * and unsubscribes its inbox: a process that stood still past that timer (a long pause, SIGSTOP)
 * runs the timer before it reads the socket, and the messages the server had already sent were
 * dropped unread, to come again only after their ack wait (30 s). Here every pull of a runner
 * replies to one subscription that lives as long as the runner, so a message that arrives late is
 * still delivered; a pull lasts PULL_EXPIRES_MS at most (also one lost with the broker), a
 * reconnect starts a new one at once, and a failed one is retried with backoff.
 */
export class BoundedPull {
  private readonly stopping = new AbortController();
  /** Messages received, not yet delivered: late ones from an ended pull included. */
  private readonly arrived: JsMsg[] = [];
  private current?: PullRequest;
  private requests = 0;
  private wake?: () => void;

  constructor(
    private readonly nc: NatsConnection,
    private readonly target: PullTarget,
    private readonly opts: BoundedPullOptions,
  ) {}

  /** Pulls and delivers until stop(); resolves once the last delivered message's `deliver` resolved. */
  async run(): Promise<void> {
    const expires = this.opts.expiresMs ?? PULL_EXPIRES_MS;
    const inbox = createInbox(inboxPrefixOf(this.nc));
    const sub = this.nc.subscribe(`${inbox}.*`, { callback: (err, msg) => this.receive(inbox, err, msg) });
    const watching = this.endPullsOnReconnect();
    try {
      await retry(
        async (_n, attempt) => {
          while (!this.stopping.signal.aborted) {
            const room = Math.max(1, await this.opts.room());
            if (this.stopping.signal.aborted) return;
            const request = this.request(inbox, room, expires);
            await this.deliverUntilEnded(request);
            if (request.failure) throw request.failure;
            attempt.progress();
          }
        },
        { backoff: PULL_FAILURE_BACKOFF, signal: this.stopping.signal, onFailure: (e) => this.opts.onFailure(e) },
      );
    } catch (e) {
      if (!(e instanceof RetryAbortedError)) throw e;
    } finally {
      sub.unsubscribe();
      watching.stop();
      // Received but never handed over: back to the server at once, not after their ack wait.
      for (const msg of this.arrived.splice(0)) msg.nak();
    }
  }

  /** Ends the pull in progress (a message the server sends it after this comes again after its ack wait). */
  stop(): void {
    this.stopping.abort();
    this.end(this.current);
  }

  private request(inbox: string, batch: number, expiresMs: number): PullRequest {
    const request: PullRequest = { id: ++this.requests, batch, received: 0, ended: false };
    request.timer = setTimeout(() => this.end(request), Math.round(expiresMs * (1 + CLIENT_GRACE)));
    this.current = request;
    try {
      this.nc.publish(
        `$JS.API.CONSUMER.MSG.NEXT.${this.target.stream}.${this.target.durable}`,
        JSON.stringify({ batch, expires: expiresMs * 1_000_000 }),
        { reply: `${inbox}.${request.id}` },
      );
    } catch (e) {
      this.end(request, e instanceof Error ? e : new Error(String(e))); // the connection is closed
    }
    return request;
  }

  private end(request: PullRequest | undefined, failure?: Error): void {
    if (!request || request.ended) return;
    clearTimeout(request.timer);
    request.ended = true;
    request.failure = failure;
    this.wake?.();
  }

  /** Every message of this subscription, of the current pull or a late one of an ended pull. */
  private receive(inbox: string, err: NatsError | null, msg: Msg): void {
    if (err) return this.end(this.current, err); // e.g. a permissions violation on the inbox
    if (msg.subject.startsWith(`${inbox}.`)) return this.status(Number(msg.subject.slice(inbox.length + 1)), msg);
    this.arrived.push(toJsMsg(msg));
    const request = this.current;
    if (request && ++request.received >= request.batch) this.end(request);
    this.wake?.();
  }

  /** The server's word on a pull: 408 expired, 409 ended by it, 503 no JetStream, 100 a heartbeat. */
  private status(requestId: number, msg: Msg): void {
    const request = this.current?.id === requestId ? this.current : undefined;
    const code = msg.headers?.code ?? 0;
    const description = msg.headers?.description ?? '';
    if (code === 100) return;
    if (code === 404 || code === 408 || (code === 409 && !/consumer (deleted|is push based)/i.test(description))) {
      return this.end(request);
    }
    this.end(request, new Error(`pull from ${this.target.durable} failed: ${code} ${description}`.trim()));
  }

  private async deliverUntilEnded(request: PullRequest): Promise<void> {
    for (;;) {
      const msg = this.arrived.shift();
      if (msg) {
        await this.opts.deliver(msg);
        continue;
      }
      if (request.ended || this.stopping.signal.aborted) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }

  /** A pull in flight when the connection dropped is gone with it: ask again as soon as it is back. */
  private endPullsOnReconnect(): { stop(): void } {
    const status = this.nc.status() as AsyncIterable<{ type: string }> & { stop?: () => void };
    void (async () => {
      for await (const s of status) if (s.type === Events.Reconnect) this.end(this.current);
    })().catch(() => undefined);
    return { stop: () => status.stop?.() };
  }
}

/** The connection's inbox prefix (a bus user may subscribe only under its own; nats.js keeps it in options). */
function inboxPrefixOf(nc: NatsConnection): string | undefined {
  return (nc as unknown as { options?: { inboxPrefix?: string } }).options?.inboxPrefix;
}
