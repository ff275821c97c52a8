import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { channelOf, COMMAND_SUBJECTS, CommandContext, type CommandResult } from '@adminduk/application-commands';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/auth';
import { ApiError, ApiZodBody, ApiZodResponse, correlationIdOf, ZodValidationPipe } from '@adminduk/http';
import { applicationDetailSchema, commandResultSchema, historySchema, queueSchema } from '../openapi/response-schemas';
import { CommandBus } from '../commands/command-bus';
import { ApplicationHistoryQuery } from './application-history.query';
import { ApplicationsQuery } from './applications.query';
import { submitApplicationSchema, type SubmitApplicationBody } from './submit-application.schema';

const listQuerySchema = z
  .object({
    bucket: z.enum(['to-verify', 'awaiting-correction', 'to-sign', 'to-print', 'ready-for-pickup', 'closed']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const uuidPipe = new ParseUUIDPipe({
  exceptionFactory: () => ApiError.badRequest('ID permohonan tidak valid', [{ field: 'id', message: 'Harus berupa UUID' }]),
});

@ApiTags('Permohonan KK')
@ApiBearerAuth()
@Controller('api/applications')
export class ApplicationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly query: ApplicationsQuery,
    private readonly historyQuery: ApplicationHistoryQuery,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('operator-kecamatan', 'pemohon', 'petugas-desa')
  @ApiOperation({ summary: 'Ajukan permohonan KK (loket, daring mandiri, atau melalui petugas desa)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Kunci unik per permohonan; pengulangan mengembalikan hasil pertama' })
  @ApiHeader({
    name: 'X-Correlation-Id',
    required: false,
    description: 'Id korelasi (huruf, angka, - atau _, maks. 100; X-Request-Id juga diterima); dibuat bila kosong',
  })
  @ApiZodBody(submitApplicationSchema)
  @ApiZodResponse(201, commandResultSchema, 'Permohonan diterima')
  async submit(
    @CommandContext() c: CommandContext,
    @Body(new ZodValidationPipe(submitApplicationSchema)) body: SubmitApplicationBody,
  ): Promise<CommandResult> {
    const meta = c.meta;
    return this.commands.send<CommandResult>(
      COMMAND_SUBJECTS.submit,
      { meta, data: { ...body, channel: channelOf(c.principal) } },
      c.principal,
    );
  }

  @Get()
  @ApiOperation({ summary: 'Daftar permohonan dalam wilayah kewenangan Anda (antrean operator)' })
  @ApiZodResponse(200, queueSchema)
  async list(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(listQuerySchema)) q: z.infer<typeof listQuerySchema>) {
    return { items: await this.query.list(principal, q.bucket, q.limit) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Rincian satu permohonan: status dan daftar persyaratan' })
  @ApiZodResponse(200, applicationDetailSchema)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', uuidPipe) id: string) {
    return this.query.detail(principal, id);
  }

  @Get(':id/history')
  // The auditor's answer carries personal data: never kept by the browser or a proxy.
  @Header('Cache-Control', 'no-store, private')
  @ApiOperation({
    summary: 'Riwayat permohonan dari aliran kejadiannya, setiap kejadian ditandai status hash-nya',
    description:
      'Auditor melihat data pribadi dalam riwayat dan pembacaannya dicatat (503 bila pencatatan gagal); peran lain melihatnya tersamar.',
  })
  @ApiZodResponse(200, historySchema)
  async history(@CurrentPrincipal() principal: Principal, @Param('id', uuidPipe) id: string, @Req() req: Request) {
    const view = await this.query.get(principal, id); // scope check: 404 / 403 as for the detail view
    return this.historyQuery.history(principal, id, view.kecamatan, correlationIdOf(req.headers));
  }
}
