import { createInbox, headers as natsHeaders, type Msg, type MsgHdrs, type NatsConnection, type PubAck, type Subscription } from 'nats';

interface Pending {
  resolve(ack: PubAck): void;
  reject(e: Error): void;
  deadline: number;
}

const decoder = new TextDecoder();

/**
 * JetStream publishing for a high, steady flow (the relay). A JetStream publish is a core publish
 * with a reply subject, answered by the stream with a PubAck; the `nats` client's request path
 * allocates a timer and two Error objects per message. Here every reply lands on one wildcard
 * inbox, and one sweep times out whatever waited too long. Same acks, same msg-id dedupe.
 */
export class PipelinedJetStreamPublisher {
  private readonly inbox: string;
  private readonly pending = new Map<string, Pending>();
  private readonly sub: Subscription;
  private readonly sweep: NodeJS.Timeout;
  private next = 0;

  private readonly timeoutMs: number;

  /**
   * `inboxPrefix` must be the connection's own (ManagedNatsConnection.inboxPrefix): a bus user may
   * only read replies under its prefix. Absent: the client's default, for open test servers.
   */
  constructor(
    private readonly nc: NatsConnection,
    opts: { inboxPrefix?: string; timeoutMs?: number } = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 5000;
    const timeoutMs = this.timeoutMs;
    this.inbox = createInbox(opts.inboxPrefix);
    this.sub = nc.subscribe(`${this.inbox}.*`, { callback: (_err, msg) => this.onReply(msg) });
    this.sweep = setInterval(() => this.expire(), Math.min(1000, Math.max(50, timeoutMs / 4)));
    this.sweep.unref();
  }

  /** Publishes with Nats-Msg-Id = msgId; resolves with the stream's ack. Calls go out in call order. */
  publish(subject: string, data: Uint8Array, opts: { msgId?: string; headers?: MsgHdrs } = {}): Promise<PubAck> {
    const token = (this.next++).toString(36);
    const hdrs = opts.headers ?? natsHeaders();
    if (opts.msgId) hdrs.set('Nats-Msg-Id', opts.msgId);
    return new Promise<PubAck>((resolve, reject) => {
      this.pending.set(token, { resolve, reject, deadline: Date.now() + this.timeoutMs });
      try {
        this.nc.publish(subject, data, { reply: `${this.inbox}.${token}`, headers: hdrs });
      } catch (e) {
        this.pending.delete(token);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  /** Stops listening; whatever still waits for an ack fails. */
  close(): void {
    clearInterval(this.sweep);
    this.sub.unsubscribe();
    this.failPending('publisher closed before the ack arrived');
  }

  /**
   * Fails at once every publish still waiting for its ack. After a reconnect, the acks of what the
   * lost connection carried never come (the server that would send them is gone): without this
   * each waited out the timeout, and the relay resumed 5 s after NATS was back.
   */
  failPending(reason: string): void {
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
  }

  private onReply(msg: Msg): void {
    const token = msg.subject.slice(this.inbox.length + 1);
    const p = this.pending.get(token);
    if (!p) return; // already timed out
    this.pending.delete(token);
    // A status-only reply: 503 means no stream listens on the subject.
    if (msg.headers && msg.headers.code >= 300) {
      p.reject(
        new Error(
          msg.headers.code === 503
            ? 'no JetStream stream for this subject (503)'
            : `JetStream status ${msg.headers.code} ${msg.headers.description}`,
        ),
      );
      return;
    }
    try {
      const body = JSON.parse(decoder.decode(msg.data)) as {
        stream?: string;
        seq?: number;
        duplicate?: boolean;
        domain?: string;
        error?: { description?: string; code?: number };
      };
      if (body.error || body.seq === undefined || body.stream === undefined) {
        p.reject(new Error(`JetStream publish rejected: ${body.error?.description ?? 'invalid ack'}`));
        return;
      }
      p.resolve({ stream: body.stream, seq: body.seq, duplicate: body.duplicate === true, domain: body.domain ?? '' });
    } catch (e) {
      p.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private expire(): void {
    const now = Date.now();
    // Insertion order is deadline order: stop at the first one still in time.
    for (const [token, p] of this.pending) {
      if (p.deadline > now) break;
      this.pending.delete(token);
      p.reject(new Error(`JetStream publish ack timed out after ${this.timeoutMs} ms`));
    }
  }
}
