import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WriteSide } from '@adminduk/application-commands';
import { CurrentPrincipal, KECAMATAN_CODE, REGENCY_CODE, Roles, type Principal } from '@adminduk/auth';
import { isSurveyPeriod } from '@adminduk/domain';
import { ApiError, ApiZodResponse, ZodValidationPipe } from '@adminduk/http';
import { ikmByPeriod } from '@adminduk/read-models';
import { z } from 'zod';
import { surveyResultsSchema } from './survey-openapi';

const resultsQuery = z
  .object({
    kind: z.enum(['month', 'quarter', 'year']).default('month'),
    from: z.string().optional(),
    to: z.string().optional(),
    kecamatan: z.string().regex(KECAMATAN_CODE, 'Kode kecamatan seperti 35.15.12').optional(),
    perKecamatan: z.enum(['true', 'false']).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    for (const key of ['from', 'to'] as const) {
      const v = q[key];
      if (v !== undefined && !isSurveyPeriod(q.kind, v))
        ctx.addIssue({ code: 'custom', path: [key], message: 'Periode seperti 2026-03 (bulan), 2026-Q1 (triwulan) atau 2026 (tahun)' });
    }
  });

/** The IKM results (survey_results) per period and kecamatan, for the staff's IKM screen. */
@ApiTags('survey')
@ApiBearerAuth()
@Controller('api/complaints/survey')
export class SurveyResultsController {
  constructor(private readonly writeSide: WriteSide) {}

  @Get('results')
  @Roles('admin', 'auditor', 'operator-kecamatan', 'petugas-pengaduan')
  @ApiOperation({ summary: 'Hasil survei kepuasan masyarakat (IKM) per periode dan kecamatan, dengan nilai per unsur dan mutu' })
  @ApiZodResponse(200, surveyResultsSchema)
  async results(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(resultsQuery)) q: z.infer<typeof resultsQuery>) {
    const kecamatan = scopeOf(principal, q.kecamatan);
    const rows = await ikmByPeriod(this.writeSide.readModels(), {
      kind: q.kind,
      from: q.from,
      to: q.to,
      kecamatan,
      perKecamatan: q.perKecamatan === 'true',
    });
    return { kind: q.kind, rows };
  }
}

/** An operator sees their own kecamatan only; the others the regency or one kecamatan in it. */
function scopeOf(principal: Principal, kecamatan: string | undefined): string | undefined {
  if (principal.role === 'operator-kecamatan') {
    if (kecamatan && kecamatan !== principal.kecamatan)
      throw ApiError.forbidden('Operator hanya dapat melihat kecamatannya sendiri', 'SURVEY_RESULTS_FORBIDDEN');
    return principal.kecamatan;
  }
  if (kecamatan && principal.role !== 'admin' && !kecamatan.startsWith(`${REGENCY_CODE}.`))
    throw ApiError.forbidden('Kecamatan di luar kabupaten Anda', 'SURVEY_RESULTS_FORBIDDEN');
  return kecamatan;
}
