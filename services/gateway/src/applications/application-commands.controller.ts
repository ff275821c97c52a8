import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, subjectFor, type ApplicationCommandRequest, type CommandResult } from '@adminduk/application-commands';
import { Roles } from '@adminduk/auth';
import type { ApplicationCommandType } from '@adminduk/domain';
import { ApiError, ApiZodBody, ApiZodResponse, ZodValidationPipe } from '@adminduk/http';
import { commandResultSchema } from '../openapi/response-schemas';
import type { z } from 'zod';
import { CommandBus } from '../commands/command-bus';
import { commandBodies } from './command-bodies.schema';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => ApiError.badRequest('ID permohonan tidak valid', [{ field: 'id', message: 'Harus berupa UUID' }]),
});
const requirementId = (v: string) => {
  if (!/^[a-z0-9-]{2,60}$/.test(v))
    throw ApiError.badRequest('ID persyaratan tidak valid', [{ field: 'requirementId', message: 'Format tidak valid' }]);
  return v;
};
const body = <T extends z.ZodTypeAny>(schema: T) => new ZodValidationPipe(schema);
/** Commands without data still refuse a body with fields (unknown keys are refused everywhere). */
const noBody = body(commandBodies.empty);

/**
 * One endpoint per command on an existing application. Each only shapes the request; the owning
 * service decides (scope, state, rules) and answers 400/403/404/409 with an Indonesian message.
 * Every command takes an Idempotency-Key: a retry returns the first result and appends nothing.
 */
@ApiTags('Permohonan KK: tindakan')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: true })
@ApiHeader({
  name: 'X-Correlation-Id',
  required: false,
  description: 'Id korelasi (huruf, angka, - atau _, maks. 100; X-Request-Id juga diterima); dibuat bila kosong',
})
@Controller('api/applications/:id')
export class ApplicationCommandsController {
  constructor(private readonly commands: CommandBus) {}

  private run(c: CommandContext, applicationId: string, type: ApplicationCommandType, data: object): Promise<CommandResult> {
    const request: ApplicationCommandRequest = { meta: c.meta, applicationId, command: { type, data: data as Record<string, unknown> } };
    return this.commands.send<CommandResult>(subjectFor(type), request, c.principal);
  }

  @Post('corrections')
  @HttpCode(200)
  @Roles('pemohon', 'petugas-desa', 'operator-kecamatan')
  @ApiOperation({ summary: 'Kirim perbaikan persyaratan (paling lambat 12.00 WIB keesokan harinya)' })
  @ApiZodResponse(200, commandResultSchema)
  @ApiZodBody(commandBodies.submitCorrection)
  correction(@CommandContext() c: CommandContext, @Param('id', uuid) id: string, @Body(body(commandBodies.submitCorrection)) b: object) {
    return this.run(c, id, 'SubmitCorrection', b);
  }

  @Post('withdraw')
  @HttpCode(200)
  @Roles('pemohon', 'petugas-desa', 'operator-kecamatan')
  @ApiOperation({ summary: 'Batalkan permohonan (sebelum TTE)' })
  @ApiZodResponse(200, commandResultSchema)
  @ApiZodBody(commandBodies.withdraw)
  withdraw(@CommandContext() c: CommandContext, @Param('id', uuid) id: string, @Body(body(commandBodies.withdraw)) b: object) {
    return this.run(c, id, 'WithdrawApplication', b);
  }

  @Post('requirements/:requirementId/accept')
  @HttpCode(200)
  @Roles('operator-kecamatan')
  @ApiOperation({ summary: 'Terima satu persyaratan' })
  @ApiZodResponse(200, commandResultSchema)
  accept(
    @CommandContext() c: CommandContext,
    @Param('id', uuid) id: string,
    @Param('requirementId') req: string,
    @Body(noBody) _b: unknown,
  ) {
    return this.run(c, id, 'AcceptRequirement', { requirementId: requirementId(req) });
  }

  @Post('requirements/:requirementId/reject')
  @HttpCode(200)
  @Roles('operator-kecamatan')
  @ApiOperation({ summary: 'Tolak satu persyaratan dengan alasan' })
  @ApiZodResponse(200, commandResultSchema)
  @ApiZodBody(commandBodies.rejectRequirement)
  rejectRequirement(
    @CommandContext() c: CommandContext,
    @Param('id', uuid) id: string,
    @Param('requirementId') req: string,
    @Body(body(commandBodies.rejectRequirement)) b: { reason: string },
  ) {
    return this.run(c, id, 'RejectRequirement', { requirementId: requirementId(req), reason: b.reason });
  }

  @Post('data/verify')
  @HttpCode(200)
  @Roles('operator-kecamatan')
  @ApiOperation({ summary: 'Nyatakan data permohonan sesuai' })
  @ApiZodResponse(200, commandResultSchema)
  verifyData(@CommandContext() c: CommandContext, @Param('id', uuid) id: string, @Body(noBody) _b: unknown) {
    return this.run(c, id, 'VerifyData', {});
  }

  @Post('data/reject')
  @HttpCode(200)
  @Roles('operator-kecamatan')
  @ApiOperation({ summary: 'Nyatakan data permohonan tidak sesuai (per kolom)' })
  @ApiZodResponse(200, commandResultSchema)
  @ApiZodBody(commandBodies.rejectData)
  rejectData(@CommandContext() c: CommandContext, @Param('id', uuid) id: string, @Body(body(commandBodies.rejectData)) b: object) {
    return this.run(c, id, 'RejectData', b);
  }

  @Post('correction-request')
  @HttpCode(200)
  @Roles('operator-kecamatan')
  @ApiOperation({ summary: 'Minta perbaikan atas persyaratan/data yang ditolak (batas 12.00 WIB keesokan hari)' })
  @ApiZodResponse(200, commandResultSchema)
  requestCorrection(@CommandContext() c: CommandContext, @Param('id', uuid) id: string, @Body(noBody) _b: unknown) {
    return this.run(c, id, 'RequestCorrection', {});
  }

  @Post('return')
  @HttpCode(200)
  @Roles('operator-kecamatan')
  @ApiOperation({ summary: 'Kembalikan berkas di loket (tidak lengkap atau tidak valid)' })
  @ApiZodResponse(200, commandResultSchema)
  @ApiZodBody(commandBodies.returnAtCounter)
  returnAtCounter(
    @CommandContext() c: CommandContext,
    @Param('id', uuid) id: string,
    @Body(body(commandBodies.returnAtCounter)) b: object,
  ) {
    return this.run(c, id, 'ReturnFileAtCounter', b);
  }

  @Post('verification/complete')
  @HttpCode(200)
  @Roles('operator-kecamatan')
  @ApiOperation({ summary: 'Nyatakan berkas lengkap dan valid; ajukan TTE (loket: terbitkan tanda terima)' })
  @ApiZodResponse(200, commandResultSchema)
  complete(@CommandContext() c: CommandContext, @Param('id', uuid) id: string, @Body(noBody) _b: unknown) {
    return this.run(c, id, 'CompleteVerification', {});
  }

  @Post('reject')
  @HttpCode(200)
  @Roles('operator-kecamatan')
  @ApiOperation({ summary: 'Tolak permohonan dengan alasan' })
  @ApiZodResponse(200, commandResultSchema)
  @ApiZodBody(commandBodies.reject)
  reject(@CommandContext() c: CommandContext, @Param('id', uuid) id: string, @Body(body(commandBodies.reject)) b: object) {
    return this.run(c, id, 'RejectApplication', b);
  }

  @Post('collection')
  @HttpCode(200)
  @Roles('operator-kecamatan')
  @ApiOperation({ summary: 'Serahkan KK kepada pemohon atau anggota keluarga dalam KK yang sama' })
  @ApiZodResponse(200, commandResultSchema)
  @ApiZodBody(commandBodies.collection)
  collection(@CommandContext() c: CommandContext, @Param('id', uuid) id: string, @Body(body(commandBodies.collection)) b: object) {
    return this.run(c, id, 'RecordCollection', b);
  }
}
