import { Body, Controller, Get, HttpCode, Inject, Optional, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandContext, metadataActor } from '@adminduk/application-commands';
import { Roles } from '@adminduk/auth';
import type { ComplaintCommandActor } from '@adminduk/domain';
import { ApiError, apiError, ApiFileResponse, ApiZodBody, ApiZodResponse, ZodValidationPipe } from '@adminduk/http';
import { laporImportResponse } from '../complaint/complaint-responses.schema';
import { laporImportBody } from '../complaint/complaint.schemas';
import { LaporExchange } from './lapor-import';
import type { LaporPort } from './lapor.port';

export const LAPOR_PORT = Symbol('LAPOR_PORT');
export const LAPOR_IMPORT_USER = 'system:lapor-import';

/**
 * SP4N-LAPOR for the petugas pengaduan: upload of a LAPOR file (JSON lines, docs/complaints.md),
 * download of the status file, and a synchronisation with LAPOR's API when one is configured.
 */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('api/complaints/lapor')
@Roles('petugas-pengaduan')
export class LaporController {
  constructor(
    private readonly exchange: LaporExchange,
    @Optional() @Inject(LAPOR_PORT) private readonly lapor?: LaporPort,
  ) {}

  @Post('import')
  @HttpCode(200)
  @ApiOperation({ summary: 'Impor berkas laporan SP4N-LAPOR (JSON lines); impor ulang nomor yang sama tidak menambah apa pun' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodBody(laporImportBody)
  @ApiZodResponse(200, laporImportResponse)
  async importFile(@CommandContext() c: CommandContext, @Body(new ZodValidationPipe(laporImportBody)) body: { content: string }) {
    const records = this.exchange.parseFile(body.content);
    const actor: ComplaintCommandActor = { userId: c.principal.userId, role: 'petugas-pengaduan' };
    return this.exchange.importReports(records, actor, metadataActor(c.principal), c.meta.correlationId);
  }

  @Get('export')
  @ApiOperation({ summary: 'Unduh status pengaduan SP4N-LAPOR (JSON lines) untuk diunggah ke LAPOR' })
  @ApiFileResponse(200, ['application/x-ndjson'], 'Satu baris JSON per pengaduan SP4N-LAPOR (docs/complaints.md)')
  async exportFile(@Res() res: Response): Promise<void> {
    const lines = (await this.exchange.statuses()).map((s) => JSON.stringify(s)).join('\n');
    res.status(200);
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="status-lapor.jsonl"');
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(lines ? `${lines}\n` : '');
  }

  @Post('sync')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sinkronkan dengan SP4N-LAPOR: ambil laporan baru, kirim status' })
  @ApiZodResponse(200, laporImportResponse)
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async sync(@CommandContext() c: CommandContext) {
    if (!this.lapor) throw new ApiError(apiError(409, 'LAPOR_NOT_CONFIGURED', 'API SP4N-LAPOR belum dikonfigurasi; gunakan impor berkas'));
    let reports: unknown[];
    try {
      reports = await this.lapor.fetchReports();
    } catch {
      throw new ApiError(apiError(502, 'LAPOR_UNAVAILABLE', 'SP4N-LAPOR tidak dapat dihubungi; coba lagi nanti'));
    }
    const system: ComplaintCommandActor = { userId: LAPOR_IMPORT_USER, role: 'system' };
    const result = await this.exchange.importReports(reports, system, { userId: LAPOR_IMPORT_USER, role: 'system' }, c.meta.correlationId);
    const statuses = await this.exchange.statuses();
    try {
      await this.lapor.pushStatuses(statuses);
    } catch {
      throw new ApiError(
        apiError(502, 'LAPOR_UNAVAILABLE', 'Laporan sudah diimpor, tetapi status belum terkirim ke SP4N-LAPOR; coba lagi'),
      );
    }
    return { ...result, statusesSent: statuses.length };
  }
}
