import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AccessLogRecorder, CLOCK, loadApplication, WriteSide, type Clock } from '@adminduk/application-commands';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/auth';
import { ApiError, ApiFileResponse, correlationIdOf } from '@adminduk/http';
import { renderReceiptSlipPdf } from '@adminduk/kk-document';
import { BALONGBENDO_OFFICE } from '@adminduk/notifications';
import { applicationIdPipe } from '../kk/printing.controller';
import { requireCounterOperatorOf } from '../kk/printable-kk';
import { PrintingDependencies } from '../printing-dependencies';
import type { PrintingConfig } from '../printing.config';
import { PRINTING_CONFIG } from '../printing.tokens';
import { receiptSlipData } from './receipt-slip-data';

/**
 * The tanda terima of a counter file as a printable PDF, for the operators of its kecamatan, once
 * the file is verified complete (ReceiptIssued). Rendered on request from the stream: the same
 * slip every time, nothing stored.
 */
@ApiTags('printing')
@ApiBearerAuth()
@Controller('api/printing/receipts')
@Roles('operator-kecamatan')
export class ReceiptController {
  constructor(
    private readonly writeSide: WriteSide,
    private readonly deps: PrintingDependencies,
    @Inject(PRINTING_CONFIG) private readonly config: PrintingConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':applicationId.pdf')
  @ApiOperation({ summary: 'Tanda terima berkas loket (PDF) untuk dicetak' })
  @ApiFileResponse(200, ['application/pdf'], 'Tanda terima (PDF, A5)')
  async receipt(
    @CurrentPrincipal() principal: Principal,
    @Param('applicationId', applicationIdPipe) applicationId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const store = await this.writeSide.eventStore();
    const { state } = await loadApplication(store, applicationId);
    requireCounterOperatorOf(principal, state.status === 'none' ? undefined : state.kecamatan);
    if (!state.receiptNumber)
      throw ApiError.conflict('Tanda terima belum terbit: diterbitkan setelah berkas loket diverifikasi lengkap', 'RECEIPT_NOT_ISSUED');
    // The slip names the applicant: the read is recorded first (decision 0016).
    await new AccessLogRecorder(store, this.clock).record(
      principal,
      applicationId,
      state.kecamatan,
      { kind: 'receipt' },
      correlationIdOf(req.headers),
    );
    const pdf = await renderReceiptSlipPdf(
      receiptSlipData(state, {
        calendar: await this.deps.calendar(),
        // The seed standard's office; its complaint contacts are the one source (libs/notifications).
        office: BALONGBENDO_OFFICE,
        publicBaseUrl: this.config.PUBLIC_BASE_URL,
      }),
    );
    res.status(200);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="tanda-terima-${state.receiptNumber}.pdf"`);
    res.setHeader('Content-Length', String(pdf.length));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(pdf);
  }
}
