import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The correlation id a request names (X-Correlation-Id, X-Request-Id), when it is one: letters,
 * digits, `_` and `-`, at most 100. Anything else is replaced by a fresh id: a header is typed by
 * the client and this id is kept in every event's metadata.
 */
export function correlationIdFrom(header: unknown): string {
  return typeof header === 'string' && /^[\w-]{1,100}$/.test(header) ? header : randomUUID();
}

/**
 * The one header every service takes its correlation id from: `X-Correlation-Id`, or, when a proxy
 * or client only sets the common `X-Request-Id`, that one. Every writer (gateway commands, documents,
 * signing) calls this, so one header name serves the whole platform.
 */
export function correlationIdOf(headers: IncomingHttpHeaders): string {
  return correlationIdFrom(headers['x-correlation-id'] ?? headers['x-request-id']);
}
