import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal, RequestWithPrincipal } from '@adminduk/auth';
import { ApiError, correlationIdOf, parseWith } from '@adminduk/http';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import type { WireCommandMeta } from '../command-request';

/** One Idempotency-Key per request: a retry with the same key returns the first result. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,100}$/, 'Idempotency-Key harus 8-100 karakter huruf, angka, - atau _');

/** What every command carries besides the caller (who travels signed): the idempotency key and a correlation id. */
export function commandMeta(headers: IncomingHttpHeaders): WireCommandMeta {
  const idempotencyKey = headers['idempotency-key'];
  const key = parseWith(idempotencyKeySchema, idempotencyKey);
  if (!key.ok)
    throw ApiError.badRequest('Header Idempotency-Key wajib diisi', [{ field: 'header.Idempotency-Key', message: key.errors[0].message }]);
  return { idempotencyKey: key.data, correlationId: correlationIdOf(headers) };
}

/** The caller of an HTTP command and its wire meta (Idempotency-Key, X-Correlation-Id). */
export interface CommandContext {
  principal: Principal;
  /**
   * Checked when first read (400 on a missing or malformed Idempotency-Key), so the route's own
   * pipes (ids, body) refuse first, as when the handler built the meta itself.
   */
  readonly meta: WireCommandMeta;
}

/**
 * `@CommandContext() c: CommandContext` in place of the principal, `idempotency-key` and
 * correlation-id parameters on every command route. Document the headers with `@ApiHeader`.
 */
export const CommandContext = createParamDecorator((_data: unknown, ctx: ExecutionContext): CommandContext => {
  const req = ctx.switchToHttp().getRequest<RequestWithPrincipal & { headers: IncomingHttpHeaders }>();
  const principal = req.principal;
  if (!principal) throw new Error('CommandContext used on a route without authentication');
  let meta: WireCommandMeta | undefined;
  return {
    principal,
    get meta() {
      return (meta ??= commandMeta(req.headers));
    },
  };
});
