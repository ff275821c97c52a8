import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { commandMeta } from '@adminduk/application-commands';
import { Public } from '@adminduk/auth';
import { COMPLAINT_CATALOG, WEB_FORM_CHANNEL, type ComplaintCommandActor } from '@adminduk/domain';
import { ApiZodBody, ApiZodResponse, ZodValidationPipe } from '@adminduk/http';
import { ComplaintHandling } from './complaint-handling';
import { asComplaintData } from './complaint-data';
import { complaintIdFor } from './complaint-ids';
import { publicInfoResponse } from './complaint-responses.schema';
import { complaintResultSchema, publicComplaintBody, type PublicComplaintBody } from './complaint.schemas';

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
  constructor(private readonly handling: ComplaintHandling) {}

  @Get()
  @ApiOperation({ summary: 'Kanal dan kontak pengaduan sesuai standar pelayanan, jenis dan kategori untuk formulir' })
  @ApiZodResponse(200, publicInfoResponse)
  contacts() {
    const { kinds, categories, contacts, channels } = COMPLAINT_CATALOG;
    return { kinds, categories, contacts, channels };
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Kirim pengaduan, saran atau apresiasi (identitas boleh dikosongkan: anonim)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodBody(publicComplaintBody)
  @ApiZodResponse(201, complaintResultSchema)
  submit(@Req() req: Request, @Body(new ZodValidationPipe(publicComplaintBody)) body: PublicComplaintBody) {
    const { idempotencyKey, correlationId } = commandMeta(req.headers);
    const complaintId = complaintIdFor(PUBLIC_ACTOR.userId, idempotencyKey);
    return this.handling.execute(
      complaintId,
      { type: 'ReceiveComplaint', actor: PUBLIC_ACTOR, data: asComplaintData({ ...body, channel: WEB_FORM_CHANNEL, complaintId }) },
      { idempotencyKey, correlationId, actor: { userId: PUBLIC_ACTOR.userId, role: PUBLIC_ACTOR.role } },
    );
  }
}
