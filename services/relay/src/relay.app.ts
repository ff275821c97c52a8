import type { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import type { RelayConfig } from './relay.config';
import { RelayModule } from './relay.module';

/** The relay as every service is built (libs/http createServiceApp): health, metrics, one error shape. */
export function createRelayApp(config: RelayConfig, logger: Logger): Promise<INestApplication> {
  return createServiceApp({ name: 'relay', module: RelayModule.forRoot(config, logger), logger });
}
