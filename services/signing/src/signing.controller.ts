import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { metadataActor } from '@adminduk/application-commands';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/auth';
import { applicationsToSign } from '@adminduk/read-models';
import { ApiError, apiError, ApiZodBody, ApiZodResponse, correlationIdOf, safeText, ZodValidationPipe } from '@adminduk/http';
import { z } from 'zod';
import type { BatchItemResult } from './kk-signing-batch';
import { signBatchResultSchema, signingQueueSchema } from './openapi-schemas';
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

export interface QueueItem {
  applicationId: string;
  kecamatan: string;
  receiptNumber: string | null;
  submittedAt: string;
  verifiedAt: string | null;
  signingFailures: number;
  lastSigningFailure: { reasonCode: string; reason: string; retryable: boolean; at: string } | null;
}

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
  async queue(): Promise<{ items: QueueItem[] }> {
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
    } catch {
      throw new ApiError(apiError(503, 'SERVICE_UNAVAILABLE', 'Antrean penandatanganan sedang tidak tersedia; coba lagi sebentar lagi.'));
    }
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
  ): Promise<{ results: BatchItemResult[] }> {
    const correlationId = correlationIdOf(req.headers);
    const results = await this.runtime.batchNow().sign(metadataActor(principal), body.applicationIds, correlationId, body.credentials);
    return { results };
  }
}
