import { ApiError, apiError } from './api-error';
/**
 * Whether an error means a dependency is down or went away mid-request (PostgreSQL restarting or
 * refusing, a connection reset, object storage or mail unreachable), rather than a fault in the
 * code. Those are answered 503 with Retry-After, not 500: the request may well succeed in seconds
 * (issue 16: the fault suite saw 500s for every restart of PostgreSQL).
 */
export function isDependencyUnavailable(e: unknown): boolean {
  for (let cause = e, depth = 0; cause && depth < 5; depth++) {
    const err = cause as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    const code = typeof err.code === 'string' ? err.code : '';
    if (NETWORK_CODES.has(code) || isUnavailableSqlState(code)) return true;
    if (typeof err.message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(err.message as string))) return true;
    // TypeORM wraps the driver's error; other libraries chain it as `cause`.
    cause = err.driverError ?? err.cause;
  }
  return false;
}

/**
 * For a route that answers in its own words (a public page, a queue): a dependency that is down
 * becomes 503 DEPENDENCY_UNAVAILABLE with `message`; anything else (a bug) is thrown on as it is,
 * so the one exception filter answers 500 and logs it, instead of a 503 that hides it.
 */
export function unavailableOrRethrow(e: unknown, message: string): never {
  if (isDependencyUnavailable(e)) throw new ApiError(apiError(503, 'DEPENDENCY_UNAVAILABLE', message));
  throw e;
}

/** Node's socket errors: nothing listening, the peer gone, no route, a timeout. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs of an unavailable server: class 08 (connection exception), 57P01-57P03
 * (admin or crash shutdown, cannot connect now: a restart), 53300 (too many connections).
 */
const isUnavailableSqlState = (code: string) => /^08[0-9A-Z]{3}$/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code);

/** node-postgres says these in words, with no code (a connection that died under a query or pool wait). */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /Client has encountered a connection error and is not queryable/,
  /^timeout exceeded when trying to connect$/,
  /^Connection terminated due to connection timeout$/,
];
