import { Module, type DynamicModule } from '@nestjs/common';
import { systemClock, writeSideProviders } from '@adminduk/application-commands';
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
        // The event store and the PostgreSQL pool, as every writer has them; this service only reads streams.
        ...writeSideProviders(config, logger, systemClock),
        { provide: NOTIFICATIONS_CONFIG, useValue: config },
        { provide: SENDERS, useValue: senders },
        NotificationConsumer,
      ],
    };
  }
}
