import { Controller, Get, Header, Inject, Module, type DynamicModule } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from '@adminduk/config';
import { ApiZodResponse, HealthModule } from '@adminduk/http';
import type { WebConfig } from './web.config';

const WEB_CONFIG = Symbol('WEB_CONFIG');

const runtimeConfigSchema = z.object({ oidc: z.object({ issuer: z.string(), clientId: z.string() }) });

/** What the browser needs to know at run time, so one build serves every deployment. */
@ApiTags('Aplikasi web')
@Controller()
class RuntimeConfigController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  @Get('config.json')
  @ApiOperation({ summary: 'Konfigurasi aplikasi web: penyedia OIDC (issuer, client id)' })
  @ApiZodResponse(200, runtimeConfigSchema)
  @Header('Cache-Control', 'no-cache')
  runtimeConfig() {
    return { oidc: { issuer: this.config.OIDC_ISSUER.replace(/\/+$/, ''), clientId: this.config.OIDC_CLIENT_ID } };
  }
}

@Module({})
export class WebModule {
  static forRoot(config: WebConfig): DynamicModule {
    return {
      module: WebModule,
      imports: [HealthModule.forRoot()],
      controllers: [RuntimeConfigController],
      providers: [{ provide: WEB_CONFIG, useValue: config }],
    };
  }
}
