import { Controller, Get, Header, Inject, Module, type DynamicModule } from '@nestjs/common';
import { HealthModule } from '@adminduk/http';
import type { WebConfig } from './web.config';

const WEB_CONFIG = Symbol('WEB_CONFIG');

/** What the browser needs to know at run time, so one build serves every deployment. */
@Controller()
class RuntimeConfigController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  @Get('config.json')
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
