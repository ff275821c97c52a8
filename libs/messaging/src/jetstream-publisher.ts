import { headers as natsHeaders, type JetStreamClient, type MsgHdrs, type NatsConnection, type PubAck } from 'nats';
import { injectTraceHeaders } from './nats-trace-headers';

export interface PublishOptions {
  /** Nats-Msg-Id: the stream stores a message once per id inside its duplicate window. */
  msgId?: string;
  headers?: Record<string, string> | MsgHdrs;
  /**
   * Adds the active trace context to the headers (default true) unless they already carry a
   * traceparent, as the relay's do (taken from the event metadata).
   */
  injectTrace?: boolean;
  /** How long to wait for the stream's ack. */
  timeoutMs?: number;
}

export type { PubAck };

export class JetStreamPublisher {
  private readonly js: JetStreamClient;
  private readonly encoder = new TextEncoder();

  constructor(
    nc: NatsConnection,
    private readonly defaults: { timeoutMs?: number } = {},
  ) {
    this.js = nc.jetstream();
  }

  /** Resolves with the stream's ack: its sequence, and `duplicate` when the msg id was seen. */
  publish(subject: string, data: Uint8Array, opts: PublishOptions = {}): Promise<PubAck> {
    const hdrs = toHeaders(opts.headers);
    if ((opts.injectTrace ?? true) && !hdrs.has('traceparent')) injectTraceHeaders(hdrs);
    return this.js.publish(subject, data, {
      msgID: opts.msgId,
      headers: hdrs,
      timeout: opts.timeoutMs ?? this.defaults.timeoutMs ?? 5000,
    });
  }

  publishJson(subject: string, payload: unknown, opts: PublishOptions = {}): Promise<PubAck> {
    return this.publish(subject, this.encoder.encode(JSON.stringify(payload)), opts);
  }
}

function toHeaders(h: PublishOptions['headers']): MsgHdrs {
  if (h && typeof (h as MsgHdrs).keys === 'function' && typeof (h as MsgHdrs).append === 'function') {
    // Copy so the caller's headers object is never changed behind its back.
    const copy = natsHeaders();
    for (const k of (h as MsgHdrs).keys()) for (const v of (h as MsgHdrs).values(k)) copy.append(k, v);
    return copy;
  }
  const hdrs = natsHeaders();
  for (const [k, v] of Object.entries((h as Record<string, string> | undefined) ?? {})) hdrs.set(k, v);
  return hdrs;
}
