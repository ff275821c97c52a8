import { Body, Controller, Get, Header, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { SigningQueue } from '@adminduk/api-contracts';
import { metadataActor } from '@adminduk/application-commands';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/auth';
import { applicationsToSign } from '@adminduk/read-models';
import {
  ApiError,
  ApiFileResponse,
  ApiZodBody,
  ApiZodResponse,
  correlationIdOf,
  safeText,
  unavailableOrRethrow,
  ZodValidationPipe,
} from '@adminduk/http';
import { z } from 'zod';
import type { BatchItemResult } from './kk-signing-batch';
import { signBatchResultSchema, signingQueueSchema } from './openapi-schemas';
import { signingFailureReason } from './signing-failure-reasons';
import { SigningRuntime } from './signing-runtime';

const MAX_BATCH = 50;

export const signBatchSchema = z
  .object({
    applicationIds: z
      .array(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'ID permohonan tidak valid'))
      .min(1)
      .max(MAX_BATCH),
    /** For the remote TTE signer: the penandatangan's NIK and passphrase, used for this batch only. */
    credentials: z
      .object({ nik: z.string().regex(/^\d{16}$/, 'Harus 16 digit angka'), passphrase: safeText({ max: 256, verbatim: true }) })
      .strict()
      .optional(),
  })
  .strict();
type SignBatchBody = z.infer<typeof signBatchSchema>;

const applicationIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => ApiError.badRequest('ID permohonan tidak valid', [{ field: 'applicationId', message: 'Harus berupa UUID' }]),
});

/** A result as the penandatangan reads it: a failure or a skipped item carries its Indonesian reason. */
export type BatchItemAnswer = BatchItemResult | (Extract<BatchItemResult, { code: string }> & { reason: string });
const withReason = (r: BatchItemResult): BatchItemAnswer =>
  r.outcome === 'failed'
    ? { ...r, reason: signingFailureReason(r.code) }
    : r.outcome === 'not-attempted'
      ? { ...r, reason: `Tidak dicoba. ${signingFailureReason(r.code)}` }
      : r;

@ApiTags('Penandatanganan (TTE)')
@ApiBearerAuth()
@Controller('api/signing')
export class SigningController {
  constructor(@Inject(SigningRuntime) private readonly runtime: SigningRuntime) {}

  /**
   * The penandatangan's queue: verified applications with the newborn's NIK, not signed yet (the
   * application_view read model's applicationsToSign), oldest first, with the last failed attempt.
   * Ids and dates only: the KK itself is seen when it is signed.
   */
  @Get('queue')
  @Roles('penandatangan')
  @ApiOperation({ summary: 'Antrean penandatangan: permohonan terverifikasi yang belum ditandatangani' })
  @ApiZodResponse(200, signingQueueSchema)
  async queue(): Promise<SigningQueue> {
    try {
      const rows = await applicationsToSign(this.runtime.readModels, 200);
      return {
        items: rows.map((r) => ({
          applicationId: r.applicationId,
          kecamatan: r.kecamatan,
          receiptNumber: r.receiptNumber,
          submittedAt: r.submittedAt.toISOString(),
          verifiedAt: r.verifiedAt?.toISOString() ?? null,
          signingFailures: r.signingFailures,
          lastSigningFailure: r.lastSigningFailure,
        })),
      };
    } catch (e) {
      unavailableOrRethrow(e, 'Antrean penandatanganan sedang tidak tersedia; coba lagi sebentar lagi.');
    }
  }

  /**
   * The unsigned KK of a queued application, rendered as the batch will sign it, for the
   * penandatangan to check before signing. Personal data: the read is recorded, never cached.
   */
  @Get('previews/:applicationId')
  @Roles('penandatangan')
  @Header('Cache-Control', 'no-store, private')
  @Header('Pragma', 'no-cache')
  @ApiOperation({ summary: 'Pratinjau KK yang belum ditandatangani (PDF); pembacaan dicatat' })
  @ApiFileResponse(200, ['application/pdf'], 'KK belum bertanda tangan')
  async preview(
    @CurrentPrincipal() principal: Principal,
    @Param('applicationId', applicationIdPipe) applicationId: string,
    @Req() req: Request,
  ): Promise<StreamableFile> {
    const pdf = await this.runtime.previewNow().render(principal, applicationId, correlationIdOf(req.headers));
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: 'inline; filename="pratinjau-kk.pdf"', length: pdf.length });
  }

  /** The penandatangan approves (signs) one or more verified applications. */
  @Post('batches')
  @HttpCode(200)
  @Roles('penandatangan')
  @ApiOperation({ summary: 'Tandatangani (TTE) satu atau beberapa KK; hasil per permohonan' })
  @ApiZodBody(signBatchSchema)
  @ApiZodResponse(200, signBatchResultSchema)
  async signBatch(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(signBatchSchema)) body: SignBatchBody,
    @Req() req: Request,
  ): Promise<{ results: BatchItemAnswer[] }> {
    const correlationId = correlationIdOf(req.headers);
    const results = await this.runtime.batchNow().sign(metadataActor(principal), body.applicationIds, correlationId, body.credentials);
    return { results: results.map(withReason) };
  }
}
