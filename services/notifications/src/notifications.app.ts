import type { INestApplication } from '@nestjs/common';
import { createServiceApp, rateLimitsFrom } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import type { NotificationsConfig } from './notifications.config';
import { NotificationsModule } from './notifications.module';
import { sendersFromConfig } from './senders-from-config';
import type { Senders } from './tokens';

/**
 * The notifications service: no API of its own, only health and metrics over HTTP; its work is the
 * JetStream consumer (notification-consumer.ts). `senders` replaces the configured ones (tests).
 */
export function createNotificationsApp(
  config: NotificationsConfig,
  logger: Logger,
  senders: Senders = sendersFromConfig(config),
): Promise<INestApplication> {
  return createServiceApp({
    name: 'notifications',
    module: NotificationsModule.forRoot(config, logger, senders),
    logger,
    rateLimits: rateLimitsFrom(config),
  });
}
