import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createServiceApp, rateLimitsFrom } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import type { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { serveMergedOpenApi } from './openapi/merged-openapi';
import { parseOpenApiSources } from './openapi/openapi-sources';

export async function createGatewayApp(config: GatewayConfig, logger: Logger): Promise<INestApplication> {
  const app = await createServiceApp({
    name: 'gateway',
    module: GatewayModule.forRoot(config, logger),
    logger,
    rateLimits: rateLimitsFrom(config),
  });
  const doc = new DocumentBuilder()
    .setTitle('Adminduk: layanan KK (tambah anggota keluarga karena kelahiran)')
    .setDescription('API gateway. Semua endpoint memerlukan token Bearer kecuali /health dan verifikasi publik.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  // The UI shows the whole platform's document; api/docs/openapi.json stays the gateway's own.
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'api/docs/openapi.json',
    swaggerOptions: { url: '/api/openapi.json' },
  });
  serveMergedOpenApi(app, parseOpenApiSources(config.OPENAPI_SERVICE_URLS), logger);
  return app;
}
