import { Body, Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@adminduk/auth';
import { ApiZodBody, ApiZodResponse, ZodValidationPipe } from '@adminduk/http';
import { PersonalDataAccessQuery } from './personal-data-access.query';
import {
  accessByNikSchema,
  accessLogQuerySchema,
  personalDataAccessSchema,
  type AccessByNik,
  type AccessLogQuery,
} from './personal-data-access.schema';

/** The auditor's questions to the personal-data access log (decision 0023). */
@ApiTags('Audit')
@ApiBearerAuth()
@Controller('api/audit/personal-data-access')
@Roles('auditor')
export class PersonalDataAccessController {
  constructor(private readonly query: PersonalDataAccessQuery) {}

  @Get()
  @Header('Cache-Control', 'no-store, private')
  @ApiOperation({
    summary: 'Catatan akses data pribadi: siapa membuka data siapa dan kapan, menurut petugas, permohonan, dan periode (WIB)',
  })
  @ApiZodResponse(200, personalDataAccessSchema)
  async find(@Query(new ZodValidationPipe(accessLogQuerySchema)) q: AccessLogQuery) {
    return this.query.find({ viewerUserId: q.viewer, applicationId: q.applicationId, from: q.from, to: q.to, limit: q.limit });
  }

  @Post('by-nik')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store, private')
  @ApiOperation({
    summary: 'Laporan setiap akses ke data pribadi satu NIK (hak subjek data, UU 27/2022)',
    description: 'NIK dikirim di badan permintaan, tidak di alamat; log akses menyimpan hash NIK, bukan NIK-nya.',
  })
  @ApiZodBody(accessByNikSchema)
  @ApiZodResponse(200, personalDataAccessSchema)
  async byNik(@Body(new ZodValidationPipe(accessByNikSchema)) body: AccessByNik) {
    return this.query.byNik(body.nik, { from: body.from, to: body.to, limit: body.limit });
  }
}
