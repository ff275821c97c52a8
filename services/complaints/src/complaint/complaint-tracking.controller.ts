import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { WriteSide } from '@adminduk/application-commands';
import { Public } from '@adminduk/auth';
import { ApiError, ApiZodBody, ApiZodResponse, unavailableOrRethrow, ZodValidationPipe } from '@adminduk/http';
import { ComplaintHandling } from './complaint-handling';
import { ComplaintTrackingCodes, TRACKING_CODE, TRACKING_NUMBER } from '@adminduk/self-print-token';
import { findTrackedComplaint, publicStepsOf } from './complaint-tracking';

const when = z.string().describe('ISO-8601 UTC');

export const trackComplaintBody = z
  .object({
    nomor: z
      .string()
      .max(40)
      .transform((v) => v.trim().toUpperCase())
      .refine((v) => TRACKING_NUMBER.test(v), 'Nomor pengaduan seperti ADU-1A2B-3C4D-5E6F'),
    kode: z
      .string()
      .max(40)
      .transform((v) => v.trim().toUpperCase())
      .refine((v) => TRACKING_CODE.test(v), 'Kode rahasia terdiri dari 12 huruf/angka, seperti K7QM-2XPA-9RTD'),
  })
  .strict();

export const trackedComplaintResponse = z.object({
  nomor: z.string(),
  kind: z.string(),
  category: z.string(),
  status: z.string(),
  receivedAt: when,
  verifyBy: when.nullable(),
  answerBy: when.nullable(),
  answer: z.string().nullable(),
  forwardedTo: z.string().nullable(),
  closedAt: when.nullable(),
  steps: z.array(z.object({ type: z.string(), at: when, outcome: z.string().optional() })),
});

/** One answer for an unknown number and for a wrong code. */
export const TRACKING_NOT_FOUND_MESSAGE = 'Pengaduan tidak ditemukan. Periksa kembali nomor pengaduan dan kode rahasia yang Anda terima.';

/**
 * The complainant follows their complaint (no login): the tracking number and the code given at
 * submission, in a POST body so the code stays out of URLs and access logs. Public, hence throttled
 * per address. Answers the status, the steps with their dates and the answer; never the identity.
 */
@ApiTags('complaints')
@Controller('api/public/pengaduan/lacak')
@Public()
export class ComplaintTrackingController {
  constructor(
    private readonly codes: ComplaintTrackingCodes,
    private readonly handling: ComplaintHandling,
    private readonly writeSide: WriteSide,
  ) {}

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiOperation({ summary: 'Lacak pengaduan dengan nomor pengaduan dan kode rahasia (tanpa identitas pelapor)' })
  @ApiZodBody(trackComplaintBody)
  @ApiZodResponse(200, trackedComplaintResponse)
  async track(@Body(new ZodValidationPipe(trackComplaintBody)) body: z.infer<typeof trackComplaintBody>) {
    let found;
    try {
      found = await findTrackedComplaint(this.codes, this.writeSide.readModels(), body.nomor, body.kode);
    } catch (e) {
      unavailableOrRethrow(e, 'Layanan pelacakan pengaduan sedang tidak tersedia; coba lagi sebentar lagi.');
    }
    if (!found) throw ApiError.notFound(TRACKING_NOT_FOUND_MESSAGE, 'COMPLAINT_TRACKING_NOT_FOUND');
    const { events } = await this.handling.history(found.complaintId);
    const { complaintId, ...shown } = found;
    return { nomor: this.codes.credentialsOf(complaintId).trackingNumber, ...shown, steps: publicStepsOf(events) };
  }
}
