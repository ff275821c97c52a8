import type { INestApplication } from '@nestjs/common';
import { createServiceApp, rateLimitsFrom } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import { ProjectionsModule } from './projections.module';
import type { ProjectionsConfig } from './projections.config';

export function createProjectionsApp(config: ProjectionsConfig, logger: Logger): Promise<INestApplication> {
  return createServiceApp({
    name: 'projections',
    module: ProjectionsModule.forRoot(config, logger),
    logger,
    rateLimits: rateLimitsFrom(config),
  });
}
