import { Module } from '@nestjs/common';
import { PublicCatalogController } from './public-catalog.controller';

/** GET /api/public/layanan and /api/public/layanan/{serviceId}: the catalog's public fields. */
@Module({ controllers: [PublicCatalogController] })
export class PublicCatalogModule {}
