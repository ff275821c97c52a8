import { Controller, Get, Header, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Public, Roles, type Principal } from '@adminduk/auth';
import { ApiError, ApiFileResponse, ApiZodResponse, ZodValidationPipe } from '@adminduk/http';
import type { StatisticsScope } from '@adminduk/read-models';
import { statisticsCsv } from './statistics-csv';
import { StatisticsQuery, type PublicStatistics, type StaffStatistics } from './statistics.query';
import {
  staffStatisticsQuerySchema,
  staffStatisticsSchema,
  statisticsCsvQuerySchema,
  statisticsSummarySchema,
  type StaffStatisticsQuery,
  type StatisticsCsvQuery,
} from './statistics.schema';

/**
 * Whose figures a staff member reads: an operator their own kecamatan (asking for another is 403);
 * admin, auditor and penandatangan the regency or one kecamatan they name.
 */
function scopeOf(principal: Principal, kecamatan: string | undefined): StatisticsScope {
  if (principal.role === 'operator-kecamatan') {
    if (kecamatan !== undefined && kecamatan !== principal.kecamatan) {
      throw ApiError.forbidden('Operator hanya dapat melihat statistik kecamatannya sendiri.', 'AUTH_KECAMATAN');
    }
    return { kecamatan: principal.kecamatan! };
  }
  return kecamatan === undefined ? 'regency' : { kecamatan };
}

/** Statistics: the public figures and the staff dashboard with its CSV export (decision 0021). */
@ApiTags('Statistik')
@Controller()
export class StatisticsController {
  constructor(@Inject(StatisticsQuery) private readonly query: StatisticsQuery) {}

  @Public()
  @Get('api/public/statistik')
  @Header('Cache-Control', 'public, max-age=60')
  @ApiOperation({ summary: 'Statistik layanan: permohonan hari ini, bulan ini, tahun ini, kepatuhan SLA, per kecamatan dan jalur, IKM' })
  @ApiZodResponse(200, statisticsSummarySchema)
  publicFigures(): Promise<PublicStatistics> {
    return this.query.publicFigures();
  }

  @Get('api/statistik')
  @ApiBearerAuth()
  @Roles('admin', 'auditor', 'penandatangan', 'operator-kecamatan')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Dasbor statistik petugas (operator: kecamatannya sendiri; admin dan auditor: seluruh kabupaten atau satu kecamatan)',
  })
  @ApiZodResponse(200, staffStatisticsSchema)
  staffFigures(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(staffStatisticsQuerySchema)) q: StaffStatisticsQuery,
  ): Promise<StaffStatistics> {
    return this.query.staffFigures(scopeOf(principal, q.kecamatan), principal.role !== 'operator-kecamatan');
  }

  @Get('api/statistik/csv')
  @ApiBearerAuth()
  @Roles('admin', 'auditor', 'penandatangan', 'operator-kecamatan')
  @ApiOperation({ summary: 'Unduh statistik harian (CSV) per tanggal WIB, kecamatan, jalur dan layanan' })
  @ApiFileResponse(200, ['text/csv'], 'CSV (UTF-8, judul kolom Bahasa Indonesia)')
  async csv(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(statisticsCsvQuerySchema)) q: StatisticsCsvQuery,
    @Res() res: Response,
  ): Promise<void> {
    const scope = scopeOf(principal, q.kecamatan);
    const { from, to, rows } = await this.query.dailyRows(scope, q.dari, q.sampai);
    const name = `statistik-${scope === 'regency' ? 'kabupaten' : scope.kecamatan.replace(/\./g, '')}-${from}-${to}.csv`;
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.status(200).send(statisticsCsv(rows));
  }
}
