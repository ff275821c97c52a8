import { randomUUID } from 'node:crypto';
import { Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CLOCK,
  CommandContext,
  commandResultSchema,
  replyTo,
  SERVICE_LOGGER,
  WriteSide,
  type Clock,
  type CommandResult,
} from '@adminduk/application-commands';
import { Roles } from '@adminduk/auth';
import { ApiError, ApiZodResponse } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import type { PrintingConfig } from '../printing.config';
import { PRINTING_CONFIG } from '../printing.tokens';
import { linkExpiry } from './self-print-link-issuer';

const applicationIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => ApiError.badRequest('ID permohonan tidak valid', [{ field: 'applicationId', message: 'Harus berupa UUID' }]),
});

/**
 * A new self-print link on the applicant's request (lost mail, expired link), by an operator of the
 * application's kecamatan. The new link replaces the older ones; the notifications service mails it
 * (SelfPrintLinkIssued). The answer carries no link: only the applicant's mailbox receives it.
 */
@ApiTags('self-print')
@ApiBearerAuth()
@Controller('api/self-print/applications/:applicationId')
@Roles('operator-kecamatan')
export class SelfPrintLinkController {
  constructor(
    private readonly writeSide: WriteSide,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PRINTING_CONFIG) private readonly config: PrintingConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @Post('links')
  @HttpCode(200)
  @ApiOperation({ summary: 'Terbitkan tautan cetak mandiri baru (menggantikan tautan sebelumnya)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodResponse(200, commandResultSchema)
  async issue(
    @CommandContext() c: CommandContext,
    @Param('applicationId', applicationIdPipe) applicationId: string,
  ): Promise<CommandResult> {
    const expiresAt = linkExpiry(this.clock.now(), this.config.SELF_PRINT_LINK_VALIDITY_HOURS);
    const commands = await this.writeSide.applicationCommands();
    // A retry with the same Idempotency-Key replays the first outcome (its link id), not a new link.
    const command = { type: 'IssueSelfPrintLink' as const, data: { linkId: randomUUID(), expiresAt } };
    const reply = await replyTo(this.logger, () => commands.execute(applicationId, command, { ...c.meta, principal: c.principal }));
    if (!reply.ok) throw new ApiError(reply.error);
    this.logger.info({ applicationId, replayed: reply.result.replayed }, 'self-print link issued');
    return reply.result;
  }
}
