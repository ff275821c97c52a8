import { trace } from '@opentelemetry/api';
import { headers as natsHeaders } from 'nats';
import { encodeWireEvent, type RecordedEvent } from '@adminduk/event-store';
import type { PipelinedJetStreamPublisher, PubAck } from '@adminduk/messaging';
import { SpanKind, contextFromTraceparent, failSpan, traceHeaders, tracer } from '@adminduk/observability';

/**
 * Publishes inside a PRODUCER span whose parent is the span that appended the event (its stored
 * traceparent), and puts that span in the headers: the consumer's trace then runs append → relay →
 * consumer. Without a tracer provider the span is a no-op and the stored traceparent passes as is.
 */
export function publishTraced(publisher: PipelinedJetStreamPublisher, subject: string, e: RecordedEvent): Promise<PubAck> {
  const parent = contextFromTraceparent(e.metadata.traceparent);
  const span = tracer().startSpan(
    `${subject} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject, 'messaging.message.id': e.metadata.eventId },
    },
    parent,
  );
  const h = natsHeaders();
  for (const [k, v] of Object.entries(traceHeaders(trace.setSpan(parent, span)))) h.set(k, v);
  if (!h.has('tracestate') && e.metadata.tracestate) h.set('tracestate', e.metadata.tracestate);
  h.set('Adminduk-Event-Type', e.type);
  h.set('Adminduk-Stream-Id', e.streamId);
  return publisher.publish(subject, encodeWireEvent(e), { msgId: e.metadata.eventId, headers: h }).then(
    (ack) => {
      span.end();
      return ack;
    },
    (err: unknown) => {
      failSpan(span, err);
      span.end();
      throw err;
    },
  );
}
