import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@adminduk/auth';
import { ApiFileResponse, correlationIdOf, sendStream } from '@adminduk/http';
import { SelfPrintDownloads } from './self-print-downloads';
import { selfPrintRefusalPage } from './self-print-page';

/**
 * `GET /cetak/{token}`: the link of the self-print e-mail. Public (the token is the credential),
 * throttled per address like every public route. The PDF, or an Indonesian page saying what to do:
 * 404 for a token that is not ours, 410 for an expired, replaced or revoked link.
 */
@ApiTags('self-print')
@Controller('cetak')
export class SelfPrintController {
  constructor(@Inject(SelfPrintDownloads) private readonly downloads: SelfPrintDownloads) {}

  @Public()
  @Get(':token')
  @ApiOperation({ summary: 'Unduh KK bertanda tangan elektronik melalui tautan cetak mandiri (tanpa login; token = kredensial)' })
  @ApiFileResponse(200, ['application/pdf'], 'KK bertanda tangan elektronik (PDF)')
  @ApiFileResponse(404, ['text/html'], 'Tautan tidak dikenal (halaman Bahasa Indonesia)')
  @ApiFileResponse(410, ['text/html'], 'Tautan kedaluwarsa, diganti atau dicabut (halaman Bahasa Indonesia)')
  async download(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    // The URL is a credential: never cached, never sent on as a referrer.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const outcome = await this.downloads.open(token, correlationIdOf(req.headers));
    if (outcome.kind === 'refused') {
      const page = selfPrintRefusalPage(outcome.refusal);
      if (page.retryAfterSeconds) res.setHeader('Retry-After', String(page.retryAfterSeconds));
      res.status(page.status).type('html').send(page.html);
      return;
    }
    res.status(200);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="KK-${outcome.documentId}.pdf"`);
    await sendStream(outcome.body, res);
  }
}
