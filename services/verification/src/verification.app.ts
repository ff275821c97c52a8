import type { INestApplication } from '@nestjs/common';
import type { Clock } from '@adminduk/application-commands';
import { createServiceApp, rateLimitsFrom } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import type { VerificationConfig } from './verification.config';
import { VerificationModule } from './verification.module';

export function createVerificationApp(config: VerificationConfig, logger: Logger, clock?: Clock): Promise<INestApplication> {
  return createServiceApp({
    name: 'verification',
    module: VerificationModule.forRoot(config, logger, clock),
    logger,
    rateLimits: rateLimitsFrom(config),
    nats: { url: config.NATS_URL.join(','), nkeySeed: config.NATS_NKEY_SEED, subjectPrefix: config.COMMAND_SUBJECT_PREFIX },
  });
}
