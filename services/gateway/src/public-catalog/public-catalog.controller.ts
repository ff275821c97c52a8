import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '@adminduk/auth';
import { CatalogNotFoundError } from '@adminduk/domain';
import { ApiError, ApiZodResponse } from '@adminduk/http';
import { publicServiceListSchema, publicServiceSchema, type PublicService } from './public-service.schema';
import { DEFAULT_KECAMATAN, PUBLIC_CATALOGS, publicService } from './public-service';

/** The service standard for everyone (no login): requirements, procedure, time, fee, complaints. */
@ApiTags('public')
@Controller('api/public/layanan')
export class PublicCatalogController {
  @Public()
  @Get()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'Daftar layanan yang standar pelayanannya dapat dibaca' })
  @ApiZodResponse(200, publicServiceListSchema)
  list() {
    return PUBLIC_CATALOGS.map((c) => ({ serviceId: c.serviceType, name: c.data.name }));
  }

  @Public()
  @Get(':serviceId')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'Standar pelayanan satu layanan (versi yang berlaku hari ini)' })
  @ApiParam({ name: 'serviceId', example: 'kk-tambah-anggota-kelahiran' })
  @ApiQuery({ name: 'kecamatan', required: false, description: 'Kode kecamatan, mis. 35.15.12' })
  @ApiZodResponse(200, publicServiceSchema)
  one(@Param('serviceId') serviceId: string, @Query('kecamatan') kecamatan?: string): PublicService {
    const catalog = PUBLIC_CATALOGS.find((c) => c.serviceType === serviceId);
    if (!catalog) throw ApiError.notFound('Layanan tidak ditemukan', 'SERVICE_NOT_FOUND');
    const code = kecamatan ?? DEFAULT_KECAMATAN;
    if (!/^\d{2}\.\d{2}\.\d{2}$/.test(code))
      throw ApiError.badRequest('Kode kecamatan tidak valid', [{ field: 'kecamatan', message: 'Harus berformat 35.15.12' }]);
    try {
      return publicService(catalog, code, new Date());
    } catch (e) {
      if (e instanceof CatalogNotFoundError)
        throw ApiError.notFound('Layanan ini belum tersedia di kecamatan tersebut', 'CATALOG_NOT_FOUND');
      throw e;
    }
  }
}
