import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { CurrentPrincipal, Public, Roles, type Principal } from '@adminduk/auth';
import { ApiError, ZodValidationPipe } from '@adminduk/http';
import { verifySignedPdf } from '@adminduk/kk-document';
import { z } from 'zod';
import { KkSigningBatch, type BatchItemResult } from './kk-signing-batch';

export const TRUSTED_CERTIFICATES = Symbol('TRUSTED_CERTIFICATES');

const MAX_BATCH = 50;
const MAX_UPLOAD_BYTES = 6 * 1024 * 1024;

export const signBatchSchema = z.object({
  applicationIds: z.array(z.string().regex(/^[A-Za-z0-9-]{1,64}$/)).min(1).max(MAX_BATCH),
  /** For the remote TTE signer: the penandatangan's NIK and passphrase, used for this batch only. */
  credentials: z.object({ nik: z.string().regex(/^\d{16}$/), passphrase: z.string().min(1).max(256) }).optional(),
});
type SignBatchBody = z.infer<typeof signBatchSchema>;

async function readCapped(req: Request, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw ApiError.badRequest(`Berkas melebihi ${max / 1024 / 1024} MB`, [], 'upload.too-large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

@Controller('api')
export class SigningController {
  constructor(
    @Inject(KkSigningBatch) private readonly batch: KkSigningBatch,
    @Inject(TRUSTED_CERTIFICATES) private readonly trusted: string[],
  ) {}

  /** The penandatangan approves (signs) one or more verified applications. */
  @Post('signing/batches')
  @HttpCode(200)
  @Roles('penandatangan')
  async signBatch(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(signBatchSchema)) body: SignBatchBody,
    @Req() req: Request,
  ): Promise<{ results: BatchItemResult[] }> {
    const correlationId = String(req.headers['x-correlation-id'] ?? randomUUID());
    const results = await this.batch.sign({ userId: principal.userId, role: principal.role }, body.applicationIds, correlationId, body.credentials);
    return { results };
  }

  /**
   * Public upload check (no login): does the PDF carry a valid signature from a trusted CA? Only
   * the office's certificate data and the file hash come back; nothing is stored or logged.
   */
  @Post('public/verifikasi/unggah')
  @HttpCode(200)
  @Public()
  async verifyUpload(@Req() req: Request) {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/pdf')) {
      throw ApiError.badRequest('Kirim berkas PDF (Content-Type: application/pdf)', [], 'upload.not-pdf');
    }
    const pdf = await readCapped(req, MAX_UPLOAD_BYTES);
    const v = verifySignedPdf(pdf, { trustedCertificates: this.trusted });
    return {
      sah: v.valid,
      masalah: v.problems,
      pemeriksaan: v.checks,
      penandatangan: v.signer ? { namaUmum: v.signer.commonName, serialSertifikat: v.signer.serial, penerbit: v.signer.issuer } : null,
      waktuTandaTangan: v.signingTime?.toISOString() ?? null,
      sha256: v.sha256,
    };
  }
}
