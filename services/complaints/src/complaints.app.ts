import type { INestApplication } from '@nestjs/common';
import type { Clock } from '@adminduk/application-commands';
import { createServiceApp, rateLimitsFrom } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import type { ComplaintsConfig } from './complaints.config';
import { ComplaintsModule } from './complaints.module';

/** The complaints service's Nest app (not listening yet); its dependencies connect in the background. */
export function createComplaintsApp(config: ComplaintsConfig, logger: Logger, clock?: Clock): Promise<INestApplication> {
  return createServiceApp({
    name: 'complaints',
    module: ComplaintsModule.forRoot(config, logger, clock),
    logger,
    rateLimits: rateLimitsFrom(config),
  });
}
