import { Module } from '@nestjs/common';
import { PublicWilayahController } from './public-wilayah.controller';

/** GET /api/public/wilayah: kecamatan and desa names from the domain's region data. */
@Module({ controllers: [PublicWilayahController] })
export class PublicWilayahModule {}
