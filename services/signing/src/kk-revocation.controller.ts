import { randomUUID } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { replyTo, type CommandMeta, type CommandResult } from '@adminduk/application-commands';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/auth';
import { REVOCATION_REASON_MAX, REVOCATION_REASON_MIN } from '@adminduk/domain';
import { ApiError, parseWith, safeText, ZodValidationPipe } from '@adminduk/http';
import { z } from 'zod';
import { SigningRuntime } from './signing-runtime';

export const revokeKkSchema = z
  .object({
    /** Internal (staff only): the public verification says "dicabut" without it. */
    reason: safeText({ min: REVOCATION_REASON_MIN, max: REVOCATION_REASON_MAX, multiline: true }),
  })
  .strict();
type RevokeKkBody = z.infer<typeof revokeKkSchema>;

/** Same rule as the gateway's commands: a retry with the same key returns the first result. */
const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'Idempotency-Key harus 8-100 karakter huruf, angka, - atau _');

const applicationIdPipe = new ParseUUIDPipe({ exceptionFactory: () => ApiError.badRequest('ID permohonan tidak valid', [{ field: 'applicationId', message: 'Harus berupa UUID' }]) });

function commandMeta(principal: Principal, idempotencyKey: unknown, requestId: string | undefined): CommandMeta {
  const key = parseWith(idempotencyKeySchema, idempotencyKey);
  if (!key.ok) throw ApiError.badRequest('Header Idempotency-Key wajib diisi', [{ field: 'header.Idempotency-Key', message: key.errors[0].message }]);
  return { idempotencyKey: key.data, principal, correlationId: requestId && /^[\w-]{1,100}$/.test(requestId) ? requestId : randomUUID() };
}

/**
 * The penandatangan revokes a signed KK (RevokeSignedKk -> KkRevoked) through the same command
 * handler as every application command; the decider refuses what is not allowed (403/404/409/400).
 */
@Controller('api/signing/revocations')
export class KkRevocationController {
  constructor(@Inject(SigningRuntime) private readonly runtime: SigningRuntime) {}

  @Post(':applicationId')
  @HttpCode(200)
  @Roles('penandatangan')
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('x-request-id') requestId: string | undefined,
    @Param('applicationId', applicationIdPipe) applicationId: string,
    @Body(new ZodValidationPipe(revokeKkSchema)) body: RevokeKkBody,
  ): Promise<CommandResult> {
    const meta = commandMeta(principal, idempotencyKey, requestId);
    const commands = this.runtime.applicationCommandsNow();
    const reply = await replyTo(this.runtime.logger, () => commands.execute(applicationId, { type: 'RevokeSignedKk', data: { reason: body.reason } }, meta));
    if (!reply.ok) throw new ApiError(reply.error);
    this.runtime.logger.info({ applicationId, replayed: reply.result.replayed }, 'kk revoked');
    return reply.result;
  }
}
