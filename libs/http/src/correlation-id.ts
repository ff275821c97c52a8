import { randomUUID } from 'node:crypto';

/**
 * The correlation id a request names (X-Correlation-Id, X-Request-Id), when it is one: letters,
 * digits, `_` and `-`, at most 100. Anything else is replaced by a fresh id: a header is typed by
 * the client and this id is kept in every event's metadata.
 */
export function correlationIdFrom(header: unknown): string {
  return typeof header === 'string' && /^[\w-]{1,100}$/.test(header) ? header : randomUUID();
}
