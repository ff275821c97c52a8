import { Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, SERVICE_LOGGER, systemClock, WRITE_SIDE_SETTINGS, WriteSide } from '@adminduk/application-commands';
import { HealthModule } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import { NotificationConsumer } from './notification-consumer';
import type { NotificationsConfig } from './notifications.config';
import { NOTIFICATIONS_CONFIG, SENDERS, type Senders } from './tokens';

@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig, logger: Logger, senders: Senders): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [HealthModule.forRoot()],
      providers: [
        {
          provide: WRITE_SIDE_SETTINGS,
          useValue: {
            eventStoreUrl: config.DATABASE_URL,
            readModelUrl: config.READ_MODEL_DATABASE_URL ?? config.DATABASE_URL,
            eventStore: config,
          },
        },
        { provide: SERVICE_LOGGER, useValue: logger },
        { provide: CLOCK, useValue: systemClock },
        { provide: NOTIFICATIONS_CONFIG, useValue: config },
        { provide: SENDERS, useValue: senders },
        // The event store and the PostgreSQL pool, as every writer has them; this service only reads streams.
        WriteSide,
        NotificationConsumer,
      ],
    };
  }
}
