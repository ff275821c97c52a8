import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AccessLogRecorder,
  CLOCK,
  CommandContext,
  commandResultSchema,
  replyTo,
  SERVICE_LOGGER,
  WriteSide,
  type Clock,
  type CommandResult,
  type CommandWithoutActor,
} from '@adminduk/application-commands';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/auth';
import type { RecordPrint, RecordReprint } from '@adminduk/domain';
import { ApiError, ApiFileResponse, ApiZodBody, ApiZodResponse, correlationIdOf, sendStream, ZodValidationPipe } from '@adminduk/http';
import { signedKkObjectKey } from '@adminduk/kk-document';
import type { Logger } from '@adminduk/observability';
import { printableKkOf } from '@adminduk/read-models';
import { ObjectNotFoundError } from '@adminduk/storage';
import { PrintingDependencies } from '../printing-dependencies';
import { printableKk } from './printable-kk';
import { printBody, reprintBody, type PrintBody, type ReprintBody } from './print-commands.schema';

export const applicationIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => ApiError.badRequest('ID permohonan tidak valid', [{ field: 'applicationId', message: 'Harus berupa UUID' }]),
});

/**
 * The counter's printing: the signed KK served for printing (streamed from the object storage
 * through this route, never a storage URL, byte for byte what was signed), and each print and
 * reprint recorded as an event through the one write path; the decider refuses what is not allowed.
 */
@ApiTags('printing')
@ApiBearerAuth()
@Controller('api/printing/applications/:applicationId')
@Roles('operator-kecamatan')
export class PrintingController {
  constructor(
    private readonly writeSide: WriteSide,
    private readonly deps: PrintingDependencies,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('kk.pdf')
  @ApiOperation({ summary: 'Unduh PDF KK bertanda tangan elektronik untuk dicetak (operator kecamatan permohonan)' })
  @ApiFileResponse(200, ['application/pdf'], 'KK bertanda tangan elektronik (PDF, sama persis dengan yang ditandatangani; X-SHA256)')
  async signedKk(
    @CurrentPrincipal() principal: Principal,
    @Param('applicationId', applicationIdPipe) applicationId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // From the read models (one indexed query), as the queue the operator picked it from.
    const row = await printableKkOf(this.writeSide.readModels(), applicationId);
    const doc = printableKk(principal, row);
    // The object is opened while the read is recorded (one round trip fewer in a row, decision 0025);
    // settled at once, so a failure waits for its turn below instead of being an unhandled rejection.
    const opening = settle(this.deps.storage().getObject(signedKkObjectKey(doc.documentId, doc.sha256)));
    try {
      // The KK is the family's personal data: the read is recorded before a byte is served (decision 0016).
      await new AccessLogRecorder(await this.writeSide.eventStore(), this.clock).record(
        principal,
        applicationId,
        row?.kecamatan,
        { kind: 'signed-kk', documentId: doc.documentId },
        correlationIdOf(req.headers),
      );
    } catch (e) {
      void opening.then((o) => o.ok && o.value.destroy());
      throw e;
    }
    const opened = await opening;
    if (!opened.ok) {
      if (!(opened.error instanceof ObjectNotFoundError)) throw opened.error;
      this.logger.error({ applicationId, documentId: doc.documentId }, 'signed KK missing from object storage');
      throw ApiError.notFound('Berkas KK bertanda tangan tidak ditemukan di penyimpanan; hubungi admin', 'SIGNED_KK_MISSING');
    }
    const body = opened.value;
    res.status(200);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="kk-${doc.documentId}.pdf"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // The SHA-256 KkSigned registered: a client can check it got exactly the signed bytes.
    res.setHeader('X-SHA256', doc.sha256);
    await sendStream(body, res);
  }

  @Post('print')
  @HttpCode(200)
  @ApiOperation({ summary: 'Catat pencetakan KK (operator dan komputer/loket)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodBody(printBody)
  @ApiZodResponse(200, commandResultSchema)
  print(
    @CommandContext() c: CommandContext,
    @Param('applicationId', applicationIdPipe) applicationId: string,
    @Body(new ZodValidationPipe(printBody)) body: PrintBody,
  ): Promise<CommandResult> {
    return this.run(c, applicationId, { type: 'RecordPrint', data: { workstation: body.workstation } });
  }

  @Post('reprint')
  @HttpCode(200)
  @ApiOperation({ summary: 'Catat cetak ulang KK dengan alasan (kertas rusak, printer bermasalah, salah cetak, lainnya)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodBody(reprintBody)
  @ApiZodResponse(200, commandResultSchema)
  reprint(
    @CommandContext() c: CommandContext,
    @Param('applicationId', applicationIdPipe) applicationId: string,
    @Body(new ZodValidationPipe(reprintBody)) body: ReprintBody,
  ): Promise<CommandResult> {
    return this.run(c, applicationId, { type: 'RecordReprint', data: body });
  }

  private async run(
    c: CommandContext,
    applicationId: string,
    command: CommandWithoutActor<RecordPrint | RecordReprint>,
  ): Promise<CommandResult> {
    const meta = { ...c.meta, principal: c.principal };
    const commands = await this.writeSide.applicationCommands();
    const reply = await replyTo(this.logger, () => commands.execute(applicationId, command, meta));
    if (!reply.ok) throw new ApiError(reply.error);
    this.logger.info({ applicationId, command: command.type, replayed: reply.result.replayed }, 'print recorded');
    return reply.result;
  }
}

/** A promise's outcome as a value: awaited later without ever being an unhandled rejection meanwhile. */
function settle<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}
