import { Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/auth';
import { ApiError, ApiFileResponse, ApiZodResponse, correlationIdOf, sendStream, type BackgroundDependency } from '@adminduk/http';
import { EXTENSION, type DocumentMediaType } from './upload/media-type';
import { DOCUMENTS_RUNTIME, type DocumentsRuntime } from './documents-runtime';

const APPLICATION_ID = /^[A-Za-z0-9-]{1,64}$/;
const REQUIREMENT_ID = /^[a-z0-9-]{1,64}$/;
const DOCUMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const uploadedSchema = z.object({
  documentId: z.string().uuid(),
  applicationId: z.string(),
  requirementId: z.string(),
  mediaType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  sizeBytes: z.number().int(),
  sha256: z.string(),
});

@ApiTags('Dokumen persyaratan (pindaian)')
@ApiBearerAuth()
@Controller('api')
export class DocumentsController {
  constructor(@Inject(DOCUMENTS_RUNTIME) private readonly runtime: BackgroundDependency<DocumentsRuntime>) {}

  /**
   * Raw body (application/octet-stream): the file's bytes are the body. Chosen over multipart because
   * the first body bytes ARE the file's first bytes (type check without a parser), Content-Length is
   * the file size (413 before reading anything), and there is no boundary parsing to get wrong.
   */
  @Post('applications/:applicationId/documents/:requirementId')
  @Roles('pemohon', 'petugas-desa', 'operator-kecamatan')
  @ApiOperation({ summary: 'Unggah pindaian satu persyaratan (isi permintaan = berkas; PDF, JPEG atau PNG)' })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiZodResponse(201, uploadedSchema, 'Tersimpan dan terlampir pada permohonan')
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Param('applicationId') applicationId: string,
    @Param('requirementId') requirementId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    try {
      if (!APPLICATION_ID.test(applicationId)) throw ApiError.notFound('Permohonan tidak ditemukan', 'APPLICATION_NOT_FOUND');
      if (!REQUIREMENT_ID.test(requirementId)) {
        throw ApiError.badRequest(
          'Persyaratan tidak dikenal',
          [{ field: 'requirementId', message: 'Persyaratan tidak dikenal' }],
          'REQUIREMENT_UNKNOWN',
        );
      }
      const declared = req.headers['content-length'];
      const result = await this.runtime.current().uploads.upload(principal, applicationId, requirementId, req, {
        correlationId: correlationIdOf(req.headers),
        traceparent: typeof req.headers.traceparent === 'string' ? req.headers.traceparent : undefined,
        declaredLength: declared === undefined ? undefined : Number(declared),
      });
      res.status(201).json(result);
    } catch (e) {
      // The rest of the body is never read: answer, then close the connection instead of draining it.
      if (!req.complete) {
        res.setHeader('Connection', 'close');
        res.once('finish', () => req.socket.destroySoon());
      }
      throw e;
    }
  }

  /** Download (`?preview=1` shows inline). Every granted access is recorded first. */
  @Get('documents/:documentId')
  @Roles('pemohon', 'petugas-desa', 'operator-kecamatan', 'penandatangan', 'auditor')
  @ApiOperation({
    summary: 'Unduh atau pratinjau pindaian (tidak pernah disimpan peramban)',
    description: 'Setiap unduhan oleh petugas dicatat (siapa, apa, kapan) sebelum berkas dikirim; bila pencatatan gagal, jawabannya 503.',
  })
  @ApiQuery({ name: 'preview', required: false, description: '1: tampilkan di peramban (inline)' })
  @ApiFileResponse(200, ['application/pdf', 'image/jpeg', 'image/png'], 'Berkas pindaian')
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('documentId') documentId: string,
    @Query('preview') preview: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!DOCUMENT_ID.test(documentId)) throw ApiError.notFound('Dokumen tidak ditemukan', 'DOCUMENT_NOT_FOUND');
    const disposition = preview === '1' || preview === 'true' ? 'inline' : 'attachment';
    const { row, body } = await this.runtime.current().downloads.open(principal, documentId, disposition, correlationIdOf(req.headers));
    const mediaType = (row.mediaType ?? 'application/octet-stream') as DocumentMediaType;
    res.status(200);
    res.setHeader('Content-Type', mediaType);
    if (row.sizeBytes !== null) res.setHeader('Content-Length', String(row.sizeBytes));
    res.setHeader(
      'Content-Disposition',
      `${disposition}; filename="${row.requirementId}-${row.documentId}.${EXTENSION[mediaType] ?? 'bin'}"`,
    );
    // Scans are personal data: never kept by the browser or a proxy.
    res.setHeader('Cache-Control', 'no-store, private');
    res.setHeader('Pragma', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('X-SHA256', row.sha256 ?? '');
    await sendStream(body, res);
  }
}
