import type { INestApplication } from '@nestjs/common';
import type { Clock } from '@adminduk/application-commands';
import { createServiceApp, rateLimitsFrom } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import type { IntakeConfig } from './intake.config';
import { IntakeModule } from './intake.module';

export function createIntakeApp(config: IntakeConfig, logger: Logger, clock?: Clock): Promise<INestApplication> {
  return createServiceApp({
    name: 'intake',
    module: IntakeModule.forRoot(config, logger, clock),
    logger,
    rateLimits: rateLimitsFrom(config),
    nats: { url: config.NATS_URL.join(','), nkeySeed: config.NATS_NKEY_SEED, subjectPrefix: config.COMMAND_SUBJECT_PREFIX },
  });
}
