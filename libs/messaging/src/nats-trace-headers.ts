import { context, propagation, type Context, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { headers as natsHeaders, type MsgHdrs } from 'nats';

/** W3C trace context (traceparent, tracestate, baggage) in NATS message headers. */
export const natsHeaderSetter: TextMapSetter<MsgHdrs> = {
  set(carrier, key, value) {
    carrier.set(key, value);
  },
};

export const natsHeaderGetter: TextMapGetter<MsgHdrs | undefined> = {
  keys(carrier) {
    return carrier ? carrier.keys() : [];
  },
  get(carrier, key) {
    if (!carrier || !carrier.has(key)) return undefined;
    const values = carrier.values(key);
    return values.length > 1 ? values : values[0];
  },
};

/** Writes the given (default: active) context into the headers, creating them if needed. */
export function injectTraceHeaders(hdrs: MsgHdrs = natsHeaders(), ctx: Context = context.active()): MsgHdrs {
  propagation.inject(ctx, hdrs, natsHeaderSetter);
  return hdrs;
}

/** The context carried by a message, on top of `base` (default: the active one). */
export function extractTraceContext(hdrs: MsgHdrs | undefined, base: Context = context.active()): Context {
  return propagation.extract(base, hdrs, natsHeaderGetter);
}
