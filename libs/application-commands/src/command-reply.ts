import { DomainError } from '@adminduk/domain';
import { IdempotencyKeyReusedError, WrongExpectedStateError } from '@adminduk/event-store';
import { ApiError, apiError, apiErrorFromDomain, dependencyUnavailable, isDependencyUnavailable, type CommandReply } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';

/**
 * Runs a command handler and turns every outcome into a CommandReply: domain refusals keep their
 * status (400/403/404/409) and Indonesian message; an Idempotency-Key used before for another
 * request is 422 IDEMPOTENCY_KEY_REUSED; the database unavailable is 503 (the gateway's answer then
 * carries Retry-After); anything unexpected is logged and becomes a 500 without details.
 */
export async function replyTo<T>(logger: Logger, run: () => Promise<T>): Promise<CommandReply<T>> {
  try {
    return { ok: true, result: await run() };
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, error: e.body };
    if (e instanceof DomainError) return { ok: false, error: apiErrorFromDomain(e) };
    if (e instanceof IdempotencyKeyReusedError) {
      return {
        ok: false,
        error: apiError(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          'Idempotency-Key ini sudah dipakai untuk permintaan lain; gunakan kunci baru untuk permintaan yang berbeda',
          [{ field: 'header.Idempotency-Key', message: 'Sudah dipakai untuk permintaan lain' }],
        ),
      };
    }
    if (e instanceof WrongExpectedStateError) {
      return {
        ok: false,
        error: apiError(409, 'CONCURRENT_CHANGE', 'Permohonan sedang diubah oleh pengguna lain; silakan muat ulang dan coba lagi'),
      };
    }
    // The database went away under the command (a restart): 503, the caller may retry with the same key.
    if (isDependencyUnavailable(e)) {
      logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'command failed: a dependency is unavailable');
      return { ok: false, error: dependencyUnavailable() };
    }
    logger.error({ err: e instanceof Error ? e.message : String(e) }, 'command failed unexpectedly');
    return { ok: false, error: apiError(500, 'INTERNAL', 'Terjadi kesalahan pada server; silakan coba lagi') };
  }
}
