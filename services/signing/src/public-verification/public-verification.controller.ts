import { Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@adminduk/auth';
import { ApiError, apiError, ApiFileResponse, ApiZodResponse, unavailableOrRethrow } from '@adminduk/http';
import { verifySignedPdf } from '@adminduk/kk-document';
import { SignedDocumentLookup, type PublicDocumentStatus } from './document-status';
import { publicDocumentStatusSchema, uploadVerdictSchema } from '../openapi-schemas';
import { verificationPage } from './verification-page';

export const TRUSTED_CERTIFICATES = Symbol('TRUSTED_CERTIFICATES');

const MAX_UPLOAD_BYTES = 6 * 1024 * 1024;
/** Document ids are UUIDs; anything else is answered as unknown without a query. */
const DOCUMENT_ID = /^[A-Za-z0-9-]{1,100}$/;

async function readCapped(req: Request, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw ApiError.badRequest(`Berkas melebihi ${max / 1024 / 1024} MB`, [], 'UPLOAD_TOO_LARGE');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const READ_MODEL_DOWN = 'Layanan verifikasi sedang tidak tersedia; coba lagi sebentar lagi.';

/**
 * Public verification, no login: the QR code's page and its JSON, and the upload check. Answers are
 * never cached and nothing personal is logged (the document id is random, not personal data).
 */
@ApiTags('public')
@Controller()
@Public()
export class PublicVerificationController {
  constructor(
    @Inject(SignedDocumentLookup) private readonly lookup: SignedDocumentLookup,
    @Inject(TRUSTED_CERTIFICATES) private readonly trusted: string[],
  ) {}

  private async status(documentId: string): Promise<PublicDocumentStatus> {
    try {
      return await this.lookup.byDocumentId(DOCUMENT_ID.test(documentId) ? documentId : '');
    } catch (e) {
      unavailableOrRethrow(e, READ_MODEL_DOWN);
    }
  }

  /** JSON; an unknown id gets the same fields (status "unknown") with 404, and the platform's error fields too. */
  @Get('api/public/verifikasi/:documentId')
  @ApiOperation({ summary: 'Status keabsahan KK bertanda tangan elektronik (dari kode QR)' })
  @ApiZodResponse(200, publicDocumentStatusSchema)
  @Header('Cache-Control', 'no-store')
  async json(@Param('documentId') documentId: string, @Res({ passthrough: true }) res: Response): Promise<PublicDocumentStatus> {
    const s = await this.status(documentId);
    if (s.status !== 'unknown') return s;
    res.status(404);
    return { ...apiError(404, 'DOCUMENT_NOT_FOUND', s.keterangan), ...s };
  }

  /** The page the QR code opens: `<PUBLIC_BASE_URL>/verifikasi/<documentId>` (verificationUrl in libs/kk-document). */
  @Get('verifikasi/:documentId')
  @ApiOperation({ summary: 'Halaman verifikasi KK yang dibuka kode QR' })
  @ApiFileResponse(200, ['text/html'], 'Halaman HTML (Bahasa Indonesia)')
  async page(@Param('documentId') documentId: string, @Res() res: Response): Promise<void> {
    const s = await this.status(documentId);
    res
      .status(s.status === 'unknown' ? 404 : 200)
      .set({
        'Cache-Control': 'no-store',
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'",
        'X-Content-Type-Options': 'nosniff',
      })
      .send(verificationPage(s));
  }

  /**
   * Upload check: is the PDF's signature valid (trusted CA, untouched bytes), and is it exactly the
   * registered document (SHA-256 of the whole file)? With `documentId` (from the QR page) the file
   * must be that document; without it, any registered document with these bytes. Nothing is stored.
   */
  @Post('api/public/verifikasi/unggah')
  @ApiOperation({ summary: 'Periksa berkas PDF KK: tanda tangan sah, terdaftar, dan masih berlaku' })
  @ApiQuery({ name: 'documentId', required: false })
  @ApiConsumes('application/pdf')
  @ApiBody({ description: 'Berkas PDF (maks. 6 MB)', schema: { type: 'string', format: 'binary' } })
  @ApiZodResponse(200, uploadVerdictSchema)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async upload(@Req() req: Request, @Query('documentId') documentId?: string) {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/pdf')) {
      throw ApiError.badRequest('Kirim berkas PDF (Content-Type: application/pdf)', [], 'UPLOAD_NOT_PDF');
    }
    const pdf = await readCapped(req, MAX_UPLOAD_BYTES);
    const v = verifySignedPdf(pdf, { trustedCertificates: this.trusted });
    let dokumen: PublicDocumentStatus | null;
    try {
      dokumen = documentId !== undefined ? await this.status(documentId) : await this.lookup.bySha256(v.sha256);
    } catch (e) {
      unavailableOrRethrow(e, READ_MODEL_DOWN);
    }
    const terdaftar = dokumen !== null && dokumen.status !== 'unknown' && dokumen.sha256 === v.sha256;
    return {
      /** The signature alone: valid, trusted, covering the whole file. */
      sah: v.valid,
      /** The file is byte for byte the registered KK (with documentId: that very document). */
      terdaftar,
      /** The registered document is still in force: not superseded, not revoked. */
      berlaku: terdaftar && dokumen?.status === 'valid',
      keterangan: uploadVerdict(v.valid, terdaftar, dokumen),
      masalah: v.problems,
      pemeriksaan: v.checks,
      penandatangan: v.signer ? { namaUmum: v.signer.commonName, serialSertifikat: v.signer.serial, penerbit: v.signer.issuer } : null,
      waktuTandaTangan: v.signingTime?.toISOString() ?? null,
      sha256: v.sha256,
      dokumen: terdaftar ? dokumen : null,
    };
  }
}

function uploadVerdict(signatureValid: boolean, registered: boolean, doc: PublicDocumentStatus | null): string {
  if (!signatureValid) return 'Tanda tangan elektronik tidak sah atau berkas telah diubah.';
  if (!registered) {
    return doc && doc.status !== 'unknown'
      ? 'Tanda tangan sah, tetapi berkas ini bukan berkas yang terdaftar untuk dokumen tersebut (berkas berbeda).'
      : 'Tanda tangan sah, tetapi berkas ini bukan dokumen yang diterbitkan oleh layanan ini.';
  }
  if (doc?.status === 'revoked') {
    return 'Tanda tangan elektronik sah dan berkas sesuai dengan dokumen terdaftar, tetapi Kartu Keluarga ini telah dicabut oleh Dinas Kependudukan dan Pencatatan Sipil dan tidak berlaku.';
  }
  return doc?.keterangan ?? '';
}
