import { Controller, Get, Header, Inject, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@adminduk/auth';
import { ApiError, ApiFileResponse, ApiZodResponse, ZodValidationPipe } from '@adminduk/http';
import { trackingAnswerSchema } from '../openapi/response-schemas';
import { trackingPage } from './tracking.page';
import { TrackingQuery, type TrackingAnswer } from './tracking.query';
import { trackingQuerySchema, type TrackingQuery as TrackingQuestion } from './tracking.schema';

/**
 * Status tracking for families who applied at the counter or through the desa (no login): the
 * receipt number plus the applicant's birth date and the last four digits of their NIK. Public,
 * hence throttled per address (the public limit); answers the status and next step only. An
 * unknown number and a wrong second factor get the same 404.
 */
@ApiTags('public')
@Controller()
export class TrackingController {
  constructor(@Inject(TrackingQuery) private readonly tracking: TrackingQuery) {}

  @Public()
  @Get('api/public/lacak')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Lacak status permohonan dengan nomor tanda terima, tanggal lahir dan 4 angka terakhir NIK pemohon' })
  @ApiZodResponse(200, trackingAnswerSchema)
  lookup(@Query(new ZodValidationPipe(trackingQuerySchema)) q: TrackingQuestion): Promise<TrackingAnswer> {
    return this.tracking.lookup(q);
  }

  @Public()
  @Get('lacak')
  @ApiOperation({ summary: 'Halaman lacak permohonan (formulir)' })
  @ApiFileResponse(200, ['text/html'], 'Halaman HTML (Bahasa Indonesia)')
  async page(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const nomor = typeof query.nomor === 'string' ? query.nomor.slice(0, 60) : undefined;
    if (query.tanggalLahir === undefined && query.nik4 === undefined) {
      res.status(200).type('html').send(trackingPage({ nomor }));
      return;
    }
    const parsed = trackingQuerySchema.safeParse(query);
    if (!parsed.success) {
      res
        .status(400)
        .type('html')
        .send(trackingPage({ nomor, problem: parsed.error.issues[0].message }));
      return;
    }
    try {
      res
        .status(200)
        .type('html')
        .send(trackingPage({ nomor, answer: await this.tracking.lookup(parsed.data) }));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      res
        .status(e.body.statusCode)
        .type('html')
        .send(trackingPage({ nomor, problem: e.body.message }));
    }
  }
}
