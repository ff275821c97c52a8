import { DomainError } from '@adminduk/domain';
import { WrongExpectedStateError } from '@adminduk/event-store';
import { ApiError, apiError, type CommandReply } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';

/**
 * Runs a command handler and turns every outcome into a CommandReply: domain refusals keep their
 * status (400/403/404/409) and Indonesian message; anything unexpected is logged and becomes a 500
 * without details.
 */
export async function replyTo<T>(logger: Logger, run: () => Promise<T>): Promise<CommandReply<T>> {
  try {
    return { ok: true, result: await run() };
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, error: e.body };
    if (e instanceof DomainError) {
      const errors = e.issues.map((i) => ({ field: i.field, message: i.message }));
      return { ok: false, error: apiError(e.httpStatus, e.code, e.message, errors) };
    }
    if (e instanceof WrongExpectedStateError) {
      return { ok: false, error: apiError(409, 'CONCURRENT_CHANGE', 'Permohonan sedang diubah oleh pengguna lain; silakan muat ulang dan coba lagi') };
    }
    logger.error({ err: e instanceof Error ? e.message : String(e) }, 'command failed unexpectedly');
    return { ok: false, error: apiError(500, 'INTERNAL', 'Terjadi kesalahan pada server; silakan coba lagi') };
  }
}
