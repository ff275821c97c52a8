import { ArgumentsHost, Catch, HttpException, Logger, NotFoundException, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@adminduk/domain';
import { ApiError, apiError, isApiErrorBody, type ApiErrorBody } from './api-error';
import { isDependencyUnavailable } from './dependency-unavailable';
import { apiErrorFromDomain } from './domain-error';

/**
 * Seconds a client waits before trying again after a 503 (a dependency down: the database, the bus,
 * object storage). Services reconnect within seconds (retry-until-up), so a short wait is honest.
 */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Every HTTP error leaves as an ApiErrorBody; a 503 always carries `Retry-After` (issue 16: while a
 * dependency is down, clients learn when to come back, whichever code path answered 503); a domain
 * refusal keeps its status and message. Malformed JSON is the client's fault (400), never a 500;
 * unexpected errors are logged (through the redacting logger) and answered without details.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = isRouteNotFound(exception) ? routeNotFound(host.switchToHttp().getRequest<Request>(), res) : this.toBody(exception);
    // A 503 is a dependency away (the client is told when to come back): a warning naming the cause,
    // not an unhandled error with a stack. Every other 5xx is a defect.
    if (body.statusCode === 503) this.logger.warn(`Dependency unavailable, answered 503 with Retry-After: ${causeOf(exception)}`);
    else if (body.statusCode >= 500) this.logger.error(`Unhandled error: ${(exception as Error)?.stack ?? String(exception)}`);
    if (body.statusCode === 503 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof ApiError) return exception.body;
    if (exception instanceof DomainError) return apiErrorFromDomain(exception);
    const e = exception as { type?: string; status?: number; statusCode?: number };
    // body-parser's errors carry `type`; Nest wraps some of them in HttpException, some not.
    const parserType = e?.type ?? ((exception as HttpException)?.getResponse?.() as { type?: string } | undefined)?.type;
    if (parserType === 'entity.parse.failed' || exception instanceof SyntaxError) {
      return apiError(400, 'MALFORMED_JSON', 'Isi permintaan bukan JSON yang valid', [{ field: 'body', message: 'JSON tidak valid' }]);
    }
    if (parserType === 'entity.too.large') return apiError(413, 'PAYLOAD_TOO_LARGE', 'Ukuran permintaan terlalu besar');
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (isApiErrorBody(response)) return response;
      if (status === 400 && String((response as { message?: unknown })?.message ?? '').match(/JSON/i)) {
        return apiError(400, 'MALFORMED_JSON', 'Isi permintaan bukan JSON yang valid', [{ field: 'body', message: 'JSON tidak valid' }]);
      }
      return apiError(status, defaultCode(status), defaultMessage(status));
    }
    if (isDependencyUnavailable(exception)) return dependencyUnavailable();
    return apiError(500, 'INTERNAL', 'Terjadi kesalahan pada server; silakan coba lagi');
  }
}

/** The cause in one line: an error's name, its code (ECONNREFUSED, 57P01) and message. */
function causeOf(exception: unknown): string {
  if (exception instanceof ApiError) return exception.body.code;
  const e = exception as { name?: string; code?: unknown; message?: string } | undefined;
  return [e?.name, typeof e?.code === 'string' ? e.code : undefined, e?.message ?? String(exception)].filter(Boolean).join(' ');
}

/** A dependency down (the database, object storage, mail): 503, and the filter adds Retry-After. */
export const dependencyUnavailable = (): ApiErrorBody =>
  apiError(503, 'DEPENDENCY_UNAVAILABLE', 'Layanan sedang tidak tersedia; silakan coba lagi');

/** Nest's answer when no route matches: `Cannot GET /api/x`. */
function isRouteNotFound(exception: unknown): boolean {
  if (!(exception instanceof NotFoundException)) return false;
  const message = (exception.getResponse() as { message?: unknown })?.message;
  return typeof message === 'string' && /^Cannot [A-Z]+ /.test(message);
}

/**
 * No route for this method and path: 405 with `Allow` when the path exists for other methods, else
 * 404. Never echoes the path (it may carry personal data).
 */
function routeNotFound(req: Request, res: Response): ApiErrorBody {
  const allowed = allowedMethods(req);
  if (allowed.length === 0) return apiError(404, 'ROUTE_NOT_FOUND', 'Alamat tidak ditemukan');
  res.setHeader('Allow', allowed.join(', '));
  return apiError(405, 'METHOD_NOT_ALLOWED', `Metode ${req.method} tidak diizinkan untuk alamat ini; gunakan ${allowed.join(', ')}`);
}

interface RouterLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): boolean;
}

/** The methods the app's routes answer on this path (Express 5 router). */
function allowedMethods(req: Request): string[] {
  const stack = (req.app as unknown as { router?: { stack?: RouterLayer[] } })?.router?.stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    if (!layer.route || !layer.match(req.path)) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') methods.add(method.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

/** body-parser's errors in the platform's shape: malformed JSON 400, too large 413, anything else 400. */
export function bodyParserError(err: unknown): ApiErrorBody {
  const type = (err as { type?: string })?.type;
  if (type === 'entity.too.large') return apiError(413, 'PAYLOAD_TOO_LARGE', 'Ukuran permintaan terlalu besar');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return apiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Pengodean isi permintaan tidak didukung');
  return apiError(400, 'MALFORMED_JSON', 'Isi permintaan bukan JSON yang valid', [{ field: 'body', message: 'JSON tidak valid' }]);
}

function defaultCode(status: number): string {
  return (
    (
      {
        400: 'BAD_REQUEST',
        401: 'UNAUTHENTICATED',
        403: 'FORBIDDEN',
        404: 'NOT_FOUND',
        405: 'METHOD_NOT_ALLOWED',
        413: 'PAYLOAD_TOO_LARGE',
        415: 'UNSUPPORTED_MEDIA_TYPE',
        429: 'TOO_MANY_REQUESTS',
      } as Record<number, string>
    )[status] ?? (status >= 500 ? 'INTERNAL' : 'HTTP_ERROR')
  );
}

function defaultMessage(status: number): string {
  return (
    (
      {
        401: 'Silakan masuk terlebih dahulu',
        403: 'Anda tidak berwenang untuk tindakan ini',
        404: 'Alamat atau data tidak ditemukan',
        405: 'Metode tidak diizinkan',
        413: 'Ukuran permintaan terlalu besar',
        415: 'Jenis konten tidak didukung',
        429: 'Terlalu banyak permintaan; silakan coba lagi nanti',
      } as Record<number, string>
    )[status] ?? (status >= 500 ? 'Terjadi kesalahan pada server; silakan coba lagi' : 'Permintaan tidak dapat diproses')
  );
}
