import { Body, Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { commandMeta } from '@adminduk/application-commands';
import { Public } from '@adminduk/auth';
import { COMPLAINT_CATALOG, WEB_FORM_CHANNEL, type ComplaintCommandActor } from '@adminduk/domain';
import { ApiZodBody, ApiZodResponse, ZodValidationPipe } from '@adminduk/http';
import { ComplaintHandling } from './complaint-handling';
import { ComplaintTrackingCodes } from '@adminduk/self-print-token';
import { asComplaintData } from './complaint-data';
import { complaintIdFor } from './complaint-ids';
import { publicInfoResponse } from './complaint-responses.schema';
import { complaintResultSchema, publicComplaintBody, type PublicComplaintBody } from './complaint.schemas';

/** The submission's result with what the complainant needs to follow it (POST /api/public/pengaduan/lacak). */
export const publicComplaintResult = complaintResultSchema.extend({
  trackingNumber: z.string().describe('Nomor pengaduan, seperti ADU-1A2B-3C4D-5E6F'),
  trackingCode: z
    .string()
    .describe('Kode rahasia untuk melacak; hanya diberikan sekali ini (ulangan dengan Idempotency-Key yang sama memberi kode yang sama)'),
});

/** Whoever submits on the public form: logged in or not, the complaint does not carry the account (anonymous stays anonymous). */
const PUBLIC_ACTOR: ComplaintCommandActor = { userId: 'publik', role: 'publik' };

/**
 * The citizens' complaint form (pengaduan, saran, apresiasi) and the standard's complaint contacts.
 * Public routes: rate-limited per client address like every `@Public()` route.
 */
@ApiTags('complaints')
@Controller('api/public/pengaduan')
@Public()
export class PublicComplaintController {
  constructor(
    private readonly handling: ComplaintHandling,
    private readonly codes: ComplaintTrackingCodes,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Kanal dan kontak pengaduan sesuai standar pelayanan, jenis dan kategori untuk formulir' })
  @ApiZodResponse(200, publicInfoResponse)
  contacts() {
    const { kinds, categories, contacts, channels } = COMPLAINT_CATALOG;
    return { kinds, categories, contacts, channels };
  }

  @Post()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Kirim pengaduan, saran atau apresiasi (identitas boleh dikosongkan: anonim); jawabannya memuat nomor dan kode untuk melacak',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodBody(publicComplaintBody)
  @ApiZodResponse(201, publicComplaintResult)
  async submit(@Req() req: Request, @Body(new ZodValidationPipe(publicComplaintBody)) body: PublicComplaintBody) {
    const { idempotencyKey, correlationId } = commandMeta(req.headers);
    const complaintId = complaintIdFor(PUBLIC_ACTOR.userId, idempotencyKey);
    const result = await this.handling.execute(
      complaintId,
      { type: 'ReceiveComplaint', actor: PUBLIC_ACTOR, data: asComplaintData({ ...body, channel: WEB_FORM_CHANNEL, complaintId }) },
      { idempotencyKey, correlationId, actor: { userId: PUBLIC_ACTOR.userId, role: PUBLIC_ACTOR.role } },
    );
    return { ...result, ...this.codes.credentialsOf(complaintId) };
  }
}
