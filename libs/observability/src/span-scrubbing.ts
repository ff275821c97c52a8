import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { accessLogPath } from './access-path';
import { scrubErrorText, scrubString } from './redaction';

/** Attributes that hold a URL path (HTTP server and client spans, semantic conventions old and new). */
const PATH_KEYS = ['url.path', 'http.target'];
/** Attributes that hold a whole URL: kept as origin plus judged path. */
const URL_KEYS = ['url.full', 'http.url'];
/** Attributes that hold a query string: search terms (a NIK, a name) travel there. Dropped. */
const QUERY_KEYS = ['url.query'];
/** Attributes the instrumentations fill with protocol facts only (addresses, methods, names): not scanned. */
const PROTOCOL_KEYS = new Set([
  'http.request.method',
  'http.route',
  'url.scheme',
  'server.address',
  'server.port',
  'client.address',
  'network.peer.address',
  'network.peer.port',
  'network.protocol.version',
  'db.system.name',
  'db.namespace',
  'messaging.system',
  'messaging.operation.type',
]);

/**
 * The last net before a span leaves the process: whatever an instrumentation recorded (HTTP server
 * and client spans, PostgreSQL statements, exception events), a span keeps no personal data.
 *  - URL paths are judged segment by segment as the access log judges them (`accessLogPath`, with
 *    the route template when the span has one), whole URLs keep only their origin and that path,
 *    and query strings are dropped;
 *  - every other string attribute, and every string attribute of an event (exceptions), has its
 *    NIK/KK numbers, e-mail addresses and phone numbers masked (`scrubString`).
 * Runs in `onEnding`, while the span can still be changed, so every exporter sees the result.
 * Statement parameters never get here: the pg instrumentation runs without `enhancedDatabaseReporting`.
 */
export class PersonalDataSpanProcessor implements SpanProcessor {
  onStart(_span: Span, _parent: Context): void {}

  onEnding(span: Span): void {
    const attributes = span.attributes as Record<string, unknown>;
    const route = typeof attributes['http.route'] === 'string' ? { path: attributes['http.route'] } : undefined;
    for (const key of Object.keys(attributes)) {
      const value = attributes[key];
      if (QUERY_KEYS.includes(key)) delete attributes[key];
      else if (typeof value !== 'string' || PROTOCOL_KEYS.has(key)) continue;
      else if (PATH_KEYS.includes(key)) attributes[key] = accessLogPath(value, route);
      else if (URL_KEYS.includes(key)) attributes[key] = judgedUrl(value);
      else attributes[key] = scrubString(value);
    }
    span.updateName(scrubString(span.name));
    for (const event of span.events) {
      const eventAttributes = event.attributes as Record<string, unknown> | undefined;
      for (const [key, value] of Object.entries(eventAttributes ?? {}))
        if (typeof value === 'string') eventAttributes![key] = scrubErrorText(value);
    }
    if (span.status.message) span.setStatus({ ...span.status, message: scrubErrorText(span.status.message) });
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function judgedUrl(value: string): string {
  try {
    const url = new URL(value);
    return `${url.origin}${accessLogPath(url.pathname)}`;
  } catch {
    return accessLogPath(value);
  }
}
