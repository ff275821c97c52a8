import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { ComplaintPage, EscalatedComplaint } from '@adminduk/api-contracts';
import { CLOCK, CommandContext, metadataActor, WriteSide, type Clock } from '@adminduk/application-commands';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/auth';
import { ApiError, ApiZodBody, ApiZodResponse, ZodValidationPipe } from '@adminduk/http';
import { escalatedComplaintsForCamat } from '@adminduk/read-models';
import { ComplaintHandling } from './complaint-handling';
import { complaintResultSchema } from './complaint.schemas';
import { complaintIdPipe } from './complaints.controller';

const when = z.string().describe('ISO-8601 UTC');

export const escalatedResponse = z.object({
  items: z.array(
    z.object({
      complaintId: z.string().uuid(),
      kind: z.string(),
      category: z.string(),
      channel: z.string(),
      summary: z.string(),
      kecamatan: z.string(),
      status: z.string(),
      receivedAt: when,
      nextDueAt: when.nullable(),
      nextDueStage: z.enum(['verification', 'answer']).nullable(),
      escalatedDueAt: when.nullable(),
      escalations: z.number().int(),
      camatInstruction: z.string().nullable(),
      camatInstructedAt: when.nullable(),
    }),
  ),
  total: z.number().int(),
  now: when,
});

const escalatedQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const instructionBody = z.object({ instruction: z.string().max(5000) }).strict();

function camatKecamatan(p: Principal): string {
  if (p.role !== 'camat' || !p.kecamatan) throw ApiError.forbidden('Hanya camat yang dapat membuka daftar ini');
  return p.kecamatan;
}

/**
 * The camat's screen: the complaints a missed deadline escalated to them (their kecamatan, no
 * identity, never a pungli report: the read model's scope), and their follow-up instruction as a
 * command through the one write path (the decider checks the kecamatan, the escalation and the text).
 * Registered before ComplaintsController so `camat` is not read as a complaint id.
 */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('api/complaints')
export class CamatComplaintsController {
  constructor(
    private readonly handling: ComplaintHandling,
    private readonly writeSide: WriteSide,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('camat')
  @Roles('camat')
  @ApiOperation({ summary: 'Pengaduan yang dieskalasi kepada camat (kecamatan sendiri, tanpa identitas pelapor, tanpa laporan pungli)' })
  @ApiZodResponse(200, escalatedResponse)
  async escalated(
    @CurrentPrincipal() p: Principal,
    @Query(new ZodValidationPipe(escalatedQuery)) q: z.infer<typeof escalatedQuery>,
  ): Promise<ComplaintPage<EscalatedComplaint<Date>>> {
    const page = await escalatedComplaintsForCamat(this.writeSide.readModels(), camatKecamatan(p), q);
    return { ...page, now: this.clock.now().toISOString() };
  }

  @Post(':complaintId/instruction')
  @HttpCode(200)
  @Roles('camat')
  @ApiOperation({ summary: 'Instruksi tindak lanjut camat atas pengaduan yang dieskalasi' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiZodBody(instructionBody)
  @ApiZodResponse(200, complaintResultSchema)
  instruct(
    @CommandContext() c: CommandContext,
    @Param('complaintId', complaintIdPipe) id: string,
    @Body(new ZodValidationPipe(instructionBody)) body: z.infer<typeof instructionBody>,
  ) {
    const actor = { userId: c.principal.userId, role: 'camat' as const, kecamatan: camatKecamatan(c.principal) };
    const { idempotencyKey, correlationId } = c.meta;
    return this.handling.execute(
      id,
      { type: 'InstructComplaintFollowUp', actor, data: body },
      { idempotencyKey, correlationId, actor: metadataActor(c.principal) },
    );
  }
}
