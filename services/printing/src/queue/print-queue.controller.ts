import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WriteSide } from '@adminduk/application-commands';
import { CurrentPrincipal, KECAMATAN_CODE, REGENCY_CODE, Roles, type Principal } from '@adminduk/auth';
import { ApiError, ApiZodResponse, ZodValidationPipe } from '@adminduk/http';
import { printCounts, printQueue, type PrintCountScope } from '@adminduk/read-models';
import { z } from 'zod';
import { printCountsSchema, printQueueSchema } from '../openapi-schemas';

const paging = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
const queueQuery = z.object(paging).strict();
const countsQuery = z
  .object({ ...paging, kecamatan: z.string().regex(KECAMATAN_CODE, 'Kode kecamatan seperti 35.15.12').optional() })
  .strict();

const window = (q: { page: number; pageSize: number }) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });

/** The print queue of the operator's kecamatan, and the print counts auditors read. */
@ApiTags('printing')
@ApiBearerAuth()
@Controller('api/printing')
export class PrintQueueController {
  constructor(private readonly writeSide: WriteSide) {}

  @Get('queue')
  @Roles('operator-kecamatan')
  @ApiOperation({ summary: 'Antrean cetak KK kecamatan Anda: sudah ditandatangani, belum dicetak; tenggat SLA terdekat dahulu' })
  @ApiZodResponse(200, printQueueSchema)
  async queue(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(queueQuery)) q: z.infer<typeof queueQuery>) {
    const result = await printQueue(this.writeSide.readModels(), principal.kecamatan as string, window(q));
    return { page: q.page, pageSize: q.pageSize, ...result };
  }

  @Get('counts')
  @Roles('auditor', 'admin', 'operator-kecamatan')
  @ApiOperation({ summary: 'Jumlah cetak dan cetak ulang per KK (dengan alasan), untuk auditor' })
  @ApiZodResponse(200, printCountsSchema)
  async counts(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(countsQuery)) q: z.infer<typeof countsQuery>) {
    const result = await printCounts(this.writeSide.readModels(), countScope(principal, q.kecamatan), window(q));
    return { page: q.page, pageSize: q.pageSize, ...result };
  }
}

/** An operator sees their own kecamatan, an auditor the regency (or one kecamatan in it), an admin everything. */
export function countScope(principal: Principal, kecamatan: string | undefined): PrintCountScope {
  if (principal.role === 'operator-kecamatan') {
    if (kecamatan && kecamatan !== principal.kecamatan)
      throw ApiError.forbidden('Operator hanya dapat melihat kecamatannya sendiri', 'PRINT_COUNTS_FORBIDDEN');
    return { kecamatan: principal.kecamatan as string };
  }
  if (principal.role === 'auditor' && kecamatan && !kecamatan.startsWith(`${REGENCY_CODE}.`))
    throw ApiError.forbidden('Kecamatan di luar kabupaten Anda', 'PRINT_COUNTS_FORBIDDEN');
  if (kecamatan) return { kecamatan };
  return principal.role === 'admin' ? 'all' : { prefix: `${REGENCY_CODE}.` };
}
