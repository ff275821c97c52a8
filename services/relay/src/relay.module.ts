import { Module, type DynamicModule } from '@nestjs/common';
import { HealthModule } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import type { RelayConfig } from './relay.config';
import { RELAY_CONFIG, RELAY_LOGGER, RelayService } from './relay-service';

@Module({})
export class RelayModule {
  static forRoot(config: RelayConfig, logger: Logger): DynamicModule {
    return {
      module: RelayModule,
      imports: [HealthModule.forRoot()],
      providers: [{ provide: RELAY_CONFIG, useValue: config }, { provide: RELAY_LOGGER, useValue: logger }, RelayService],
    };
  }
}
