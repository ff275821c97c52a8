import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@adminduk/auth';
import { ApiZodResponse } from '@adminduk/http';
import { PUBLIC_WILAYAH } from './public-wilayah';
import { publicWilayahSchema, type PublicWilayah } from './public-wilayah.schema';

/** Region names for every screen that shows a kecamatan or desa code (no login; the same for everyone). */
@ApiTags('public')
@Controller('api/public/wilayah')
export class PublicWilayahController {
  @Public()
  @Get()
  // A day: the names change only with a new release of the domain's data.
  @Header('Cache-Control', 'public, max-age=86400')
  @ApiOperation({ summary: 'Nama kecamatan dan desa/kelurahan menurut kode wilayah Kemendagri' })
  @ApiZodResponse(200, publicWilayahSchema)
  list(): PublicWilayah {
    return PUBLIC_WILAYAH;
  }
}
