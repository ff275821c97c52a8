import { Controller, Get, Header, Param, ParseUUIDPipe, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Roles, type Principal } from '@adminduk/auth';
import { ApiError, ApiZodResponse, correlationIdOf } from '@adminduk/http';
import { ApplicationDataQuery } from './application-data.query';
import { accessLogSchema, applicationDataSchema } from './application-data.schema';

const uuidPipe = new ParseUUIDPipe({
  exceptionFactory: () => ApiError.badRequest('ID permohonan tidak valid', [{ field: 'id', message: 'Harus berupa UUID' }]),
});

/** The submitted personal data of one application, and the record of who read it (UU 27/2022). */
@ApiTags('Permohonan KK')
@ApiBearerAuth()
@Controller('api/applications/:id')
export class ApplicationDataController {
  constructor(private readonly query: ApplicationDataQuery) {}

  @Get('data')
  @Roles('operator-kecamatan', 'petugas-desa', 'pemohon', 'auditor')
  // Personal data: never kept by the browser or a proxy.
  @Header('Cache-Control', 'no-store, private')
  @Header('Pragma', 'no-cache')
  @ApiOperation({
    summary: 'Data permohonan yang diajukan: pemohon, keluarga, bayi, kontak, dan daftar pindaian',
    description: 'Setiap pembacaan oleh petugas dicatat (siapa, apa, kapan) sebelum data dikirim; bila pencatatan gagal, jawabannya 503.',
  })
  @ApiZodResponse(200, applicationDataSchema)
  async data(@CurrentPrincipal() principal: Principal, @Param('id', uuidPipe) id: string, @Req() req: Request) {
    return this.query.data(principal, id, correlationIdOf(req.headers));
  }

  @Get('access-log')
  @Roles('auditor')
  @Header('Cache-Control', 'no-store, private')
  @ApiOperation({ summary: 'Catatan akses data pribadi permohonan: siapa (id dan peran), apa, dan kapan' })
  @ApiZodResponse(200, accessLogSchema)
  async accessLog(@Param('id', uuidPipe) id: string) {
    return this.query.accessLog(id);
  }
}
