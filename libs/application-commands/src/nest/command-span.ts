import { context } from '@opentelemetry/api';
import type { NatsContext } from '@nestjs/microservices';
import { extractTraceContext } from '@adminduk/messaging';
import { SpanKind, withSpan } from '@adminduk/observability';

/**
 * Runs a NATS command handler inside the trace the caller sent in the message headers, as a
 * SERVER span named after the pattern, so one trace goes from the HTTP request to the append.
 */
export function inCommandSpan<T>(ctx: NatsContext, fn: () => Promise<T>): Promise<T> {
  const parent = extractTraceContext(ctx.getHeaders(), context.active());
  return context.with(parent, () => withSpan(`command ${ctx.getSubject()}`, SpanKind.SERVER, fn, { 'messaging.system': 'nats' }));
}
