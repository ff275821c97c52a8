import type { INestApplication } from '@nestjs/common';
import type { Clock } from '@adminduk/application-commands';
import { createServiceApp, rateLimitsFrom } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import type { PrintingConfig } from './printing.config';
import { PrintingModule } from './printing.module';

/** The printing service's Nest app (not listening yet); its dependencies connect in the background. */
export function createPrintingApp(config: PrintingConfig, logger: Logger, clock?: Clock): Promise<INestApplication> {
  return createServiceApp({
    name: 'printing',
    module: PrintingModule.forRoot(config, logger, clock),
    logger,
    rateLimits: rateLimitsFrom(config),
  });
}
