import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, commandResultSchema, replyTo, type CommandMeta, type CommandResult } from '@adminduk/application-commands';
import { Roles } from '@adminduk/auth';
import { REVOCATION_REASON_MAX, REVOCATION_REASON_MIN } from '@adminduk/domain';
import { ApiError, ApiZodBody, ApiZodResponse, safeText, ZodValidationPipe } from '@adminduk/http';
import { z } from 'zod';
import { SigningRuntime } from './signing-runtime';

export const revokeKkSchema = z
  .object({
    /** Internal (staff only): the public verification says "dicabut" without it. */
    reason: safeText({ min: REVOCATION_REASON_MIN, max: REVOCATION_REASON_MAX, multiline: true }),
  })
  .strict();
type RevokeKkBody = z.infer<typeof revokeKkSchema>;

const applicationIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => ApiError.badRequest('ID permohonan tidak valid', [{ field: 'applicationId', message: 'Harus berupa UUID' }]),
});

/**
 * The penandatangan revokes a signed KK (RevokeSignedKk -> KkRevoked) through the same command
 * handler as every application command; the decider refuses what is not allowed (403/404/409/400).
 */
@ApiTags('Penandatanganan (TTE)')
@ApiBearerAuth()
@Controller('api/signing/revocations')
export class KkRevocationController {
  constructor(@Inject(SigningRuntime) private readonly runtime: SigningRuntime) {}

  @Post(':applicationId')
  @HttpCode(200)
  @Roles('penandatangan')
  @ApiOperation({ summary: 'Cabut KK yang sudah ditandatangani (alasan internal)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodBody(revokeKkSchema)
  @ApiZodResponse(200, commandResultSchema)
  async revoke(
    @CommandContext() c: CommandContext,
    @Param('applicationId', applicationIdPipe) applicationId: string,
    @Body(new ZodValidationPipe(revokeKkSchema)) body: RevokeKkBody,
  ): Promise<CommandResult> {
    const meta: CommandMeta = { ...c.meta, principal: c.principal };
    const commands = this.runtime.applicationCommandsNow();
    const reply = await replyTo(this.runtime.logger, () =>
      commands.execute(applicationId, { type: 'RevokeSignedKk', data: { reason: body.reason } }, meta),
    );
    if (!reply.ok) throw new ApiError(reply.error);
    this.runtime.logger.info({ applicationId, replayed: reply.result.replayed }, 'kk revoked');
    return reply.result;
  }
}
