import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { ComplaintDetailAnswer, ComplaintPage, ComplaintSummary } from '@adminduk/api-contracts';
import { AccessLogRecorder, CLOCK, CommandContext, metadataActor, WriteSide, type Clock } from '@adminduk/application-commands';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/auth';
import { COMPLAINT_CATALOG, type ComplaintCommand, type ComplaintCommandActor } from '@adminduk/domain';
import { asComplaintData, type VerifyCommandData } from './complaint-data';
import { ApiError, ApiZodBody, ApiZodResponse, correlationIdOf, ZodValidationPipe } from '@adminduk/http';
import { complaintDetail, complaintQueue, openComplaintsByAge, seesComplainantIdentity } from '@adminduk/read-models';
import { ComplaintHandling, type ComplaintCommandResult } from './complaint-handling';
import { ComplaintTrackingCodes } from '@adminduk/self-print-token';
import { complaintIdFor } from './complaint-ids';
import { byAgeResponse, catalogResponse, detailResponse, queueResponse } from './complaint-responses.schema';
import { COMPLAINT_READERS, stepsOf, viewerOf } from './complaint-viewer';
import {
  answerBody,
  closeBody,
  complaintResultSchema,
  disposeBody,
  noteBody,
  queueQuery,
  recordComplaintBody,
  reopenBody,
  verifyBody,
  type QueueQuery,
  type RecordComplaintBody,
  type VerifyBody,
} from './complaint.schemas';

export const complaintIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => ApiError.badRequest('Nomor pengaduan tidak valid', [{ field: 'complaintId', message: 'Harus berupa UUID' }]),
});

const handlerActor = (p: Principal): ComplaintCommandActor => ({ userId: p.userId, role: 'petugas-pengaduan' });

/**
 * The staff's complaint handling: the queue by deadline and the detail (scoped by the read model's
 * queries: operators never see the identity nor a pungli report about their kecamatan), and every
 * handling step as a command through the one write path; the decider refuses what is not allowed.
 */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('api/complaints')
export class ComplaintsController {
  constructor(
    private readonly handling: ComplaintHandling,
    private readonly writeSide: WriteSide,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly codes: ComplaintTrackingCodes,
  ) {}

  @Get('catalog')
  @Roles(...COMPLAINT_READERS)
  @ApiOperation({ summary: 'Katalog pengaduan: jenis, kategori, kanal, tingkat penanganan, kepuasan' })
  @ApiZodResponse(200, catalogResponse)
  catalog() {
    return COMPLAINT_CATALOG;
  }

  @Get()
  @Roles(...COMPLAINT_READERS)
  @ApiOperation({ summary: 'Antrean pengaduan menurut tenggat terdekat (filter kecamatan dan kategori)' })
  @ApiZodResponse(200, queueResponse)
  async queue(
    @CurrentPrincipal() p: Principal,
    @Query(new ZodValidationPipe(queueQuery)) q: QueueQuery,
  ): Promise<ComplaintPage<ComplaintSummary<Date>>> {
    const page = await complaintQueue(this.writeSide.readModels(), viewerOf(p), {
      kecamatan: q.kecamatan,
      category: q.category,
      includeClosed: q.closed === 'true',
      limit: q.limit,
      offset: q.offset,
    });
    return { ...page, now: this.clock.now().toISOString() };
  }

  @Get('by-age')
  @Roles('petugas-pengaduan', 'auditor')
  @ApiOperation({ summary: 'Jumlah pengaduan terbuka menurut umur' })
  @ApiZodResponse(200, byAgeResponse)
  async byAge(@Query('kecamatan') kecamatan?: string) {
    const k = kecamatan && /^\d{2}\.\d{2}\.\d{2}$/.test(kecamatan) ? kecamatan : undefined;
    return { buckets: await openComplaintsByAge(this.writeSide.readModels(), this.clock.now(), { kecamatan: k }) };
  }

  @Get(':complaintId')
  @Roles(...COMPLAINT_READERS)
  @ApiOperation({ summary: 'Rincian pengaduan dan langkah penanganannya (identitas pelapor hanya untuk petugas pengaduan dan auditor)' })
  @ApiZodResponse(200, detailResponse)
  async detail(
    @CurrentPrincipal() p: Principal,
    @Param('complaintId', complaintIdPipe) complaintId: string,
    @Req() req: Request,
  ): Promise<ComplaintDetailAnswer<Date>> {
    const viewer = viewerOf(p);
    const row = await complaintDetail(this.writeSide.readModels(), complaintId, viewer);
    if (!row) throw ApiError.notFound('Pengaduan tidak ditemukan', 'COMPLAINT_NOT_FOUND');
    if (seesComplainantIdentity(viewer) && row.complainant) {
      // The identity is personal data: the read is recorded before it is shown (decision 0016), in the
      // access stream named after the complaint (docs/decisions/0019).
      await new AccessLogRecorder(await this.writeSide.eventStore(), this.clock).record(
        p,
        complaintId,
        row.kecamatan ?? undefined,
        { kind: 'data' },
        correlationIdOf(req.headers),
      );
    }
    const { events } = await this.handling.history(complaintId);
    // The petugas can tell a complainant who calls (or wrote) how to follow the complaint on /pengaduan/lacak.
    const tracking = p.role === 'petugas-pengaduan' ? this.codes.credentialsOf(complaintId) : {};
    return { ...row, ...tracking, steps: stepsOf(events), now: this.clock.now().toISOString() };
  }

  @Post()
  @HttpCode(201)
  @Roles('petugas-pengaduan')
  @ApiOperation({ summary: 'Catat pengaduan/saran/apresiasi dari kanal mana pun (rujukan kanal disimpan)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodBody(recordComplaintBody)
  @ApiZodResponse(201, complaintResultSchema)
  record(@CommandContext() c: CommandContext, @Body(new ZodValidationPipe(recordComplaintBody)) body: RecordComplaintBody) {
    // A new complaint's id follows from the caller and key, so a retry finds the same stream.
    const complaintId = complaintIdFor(c.principal.userId, c.meta.idempotencyKey);
    return this.run(c, complaintId, {
      type: 'ReceiveComplaint',
      actor: handlerActor(c.principal),
      data: asComplaintData({ ...body, complaintId }),
    });
  }

  @Post(':complaintId/verify')
  @HttpCode(200)
  @Roles('petugas-pengaduan')
  @ApiOperation({ summary: 'Verifikasi: valid (dengan tingkat penanganan), diteruskan ke instansi lain, atau perlu informasi' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodBody(verifyBody)
  @ApiZodResponse(200, complaintResultSchema)
  verify(
    @CommandContext() c: CommandContext,
    @Param('complaintId', complaintIdPipe) id: string,
    @Body(new ZodValidationPipe(verifyBody)) body: VerifyBody,
  ) {
    return this.run(c, id, { type: 'VerifyComplaint', actor: handlerActor(c.principal), data: body as VerifyCommandData });
  }

  @Post(':complaintId/information')
  @HttpCode(200)
  @Roles('petugas-pengaduan')
  @ApiOperation({ summary: 'Catat informasi tambahan dari pelapor (verifikasi dimulai lagi)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodBody(noteBody)
  @ApiZodResponse(200, complaintResultSchema)
  information(
    @CommandContext() c: CommandContext,
    @Param('complaintId', complaintIdPipe) id: string,
    @Body(new ZodValidationPipe(noteBody)) body: { note: string },
  ) {
    return this.run(c, id, { type: 'SupplyComplaintInformation', actor: handlerActor(c.principal), data: body });
  }

  @Post(':complaintId/dispose')
  @HttpCode(200)
  @Roles('petugas-pengaduan')
  @ApiOperation({ summary: 'Disposisi pengaduan ke unit' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodBody(disposeBody)
  @ApiZodResponse(200, complaintResultSchema)
  dispose(
    @CommandContext() c: CommandContext,
    @Param('complaintId', complaintIdPipe) id: string,
    @Body(new ZodValidationPipe(disposeBody)) body: { unit: string; note?: string },
  ) {
    return this.run(c, id, { type: 'DisposeComplaint', actor: handlerActor(c.principal), data: body });
  }

  @Post(':complaintId/answer')
  @HttpCode(200)
  @Roles('petugas-pengaduan')
  @ApiOperation({ summary: 'Jawab pengaduan' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodBody(answerBody)
  @ApiZodResponse(200, complaintResultSchema)
  answer(
    @CommandContext() c: CommandContext,
    @Param('complaintId', complaintIdPipe) id: string,
    @Body(new ZodValidationPipe(answerBody)) body: { answer: string },
  ) {
    return this.run(c, id, { type: 'AnswerComplaint', actor: handlerActor(c.principal), data: body });
  }

  @Post(':complaintId/close')
  @HttpCode(200)
  @Roles('petugas-pengaduan')
  @ApiOperation({ summary: 'Tutup pengaduan dengan kepuasan pelapor' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodBody(closeBody)
  @ApiZodResponse(200, complaintResultSchema)
  close(
    @CommandContext() c: CommandContext,
    @Param('complaintId', complaintIdPipe) id: string,
    @Body(new ZodValidationPipe(closeBody)) body: { satisfaction: string; note?: string },
  ) {
    return this.run(c, id, { type: 'CloseComplaint', actor: handlerActor(c.principal), data: body });
  }

  @Post(':complaintId/reopen')
  @HttpCode(200)
  @Roles('petugas-pengaduan')
  @ApiOperation({ summary: 'Buka kembali pengaduan (verifikasi dimulai lagi)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodBody(reopenBody)
  @ApiZodResponse(200, complaintResultSchema)
  reopen(
    @CommandContext() c: CommandContext,
    @Param('complaintId', complaintIdPipe) id: string,
    @Body(new ZodValidationPipe(reopenBody)) body: { reason: string },
  ) {
    return this.run(c, id, { type: 'ReopenComplaint', actor: handlerActor(c.principal), data: body });
  }

  private run(c: CommandContext, complaintId: string, command: ComplaintCommand): Promise<ComplaintCommandResult> {
    const { idempotencyKey, correlationId } = c.meta;
    return this.handling.execute(complaintId, command, { idempotencyKey, correlationId, actor: metadataActor(c.principal) });
  }
}
