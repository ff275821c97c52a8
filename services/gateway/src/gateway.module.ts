import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ClientsModule } from '@nestjs/microservices';
import { AuthModule } from '@adminduk/auth';
import { HealthModule } from '@adminduk/http';
import { eventStoreSettings } from '@adminduk/event-store';
import { natsClientOptions } from '@adminduk/messaging';
import type { Logger } from '@adminduk/observability';
import { ApplicationCommandsController } from './applications/application-commands.controller';
import { ApplicationDataController } from './applications/application-data.controller';
import { ApplicationDataQuery } from './applications/application-data.query';
import { GatewayEventStore } from './applications/gateway-event-store';
import { ApplicationsController } from './applications/applications.controller';
import { DuplicateFlagMiddleware } from './applications/duplicate-flag';
import { ApplicationHistoryQuery, EVENT_STORE_SETTINGS } from './applications/application-history.query';
import { ApplicationsQuery, GATEWAY_LOGGER, READ_MODEL_URL } from './applications/applications.query';
import { PersonalDataAccessController } from './audit/personal-data-access.controller';
import { PersonalDataAccessQuery } from './audit/personal-data-access.query';
import { CommandAssertionSigner } from '@adminduk/application-commands';
import { COMMAND_SIGNER, COMMAND_SUBJECT_PREFIX, COMMANDS_CLIENT, CommandBus } from './commands/command-bus';
import type { GatewayConfig } from './gateway.config';
import { HolidaysController } from './holidays/holidays.controller';
import { HolidaysQuery } from './holidays/holidays.query';
import { PublicCatalogModule } from './public-catalog/public-catalog.module';
import { PublicWilayahModule } from './public-wilayah/public-wilayah.module';
import { StatisticsModule } from './statistics/statistics.module';
import { TrackingModule } from './tracking/tracking.module';

@Module({})
export class GatewayModule implements NestModule {
  /** The possible-duplicate flag leaves the answers of these controllers only for reviewers (duplicate-flag.ts). */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(DuplicateFlagMiddleware).forRoutes(ApplicationsController, ApplicationCommandsController);
  }

  static forRoot(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        HealthModule.forRoot(),
        AuthModule.forRoot({ jwksUrl: config.AUTH_JWKS_URL, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE }),
        ClientsModule.register([
          natsClientOptions({
            url: config.NATS_URL.join(','),
            service: 'gateway',
            nkeySeed: config.NATS_NKEY_SEED,
            token: COMMANDS_CLIENT,
          }),
        ]),
        TrackingModule.forRoot(config.READ_MODEL_DATABASE_URL ?? config.DATABASE_URL),
        StatisticsModule.forRoot(config.READ_MODEL_DATABASE_URL ?? config.DATABASE_URL),
        PublicCatalogModule,
        PublicWilayahModule,
      ],
      controllers: [
        ApplicationsController,
        ApplicationCommandsController,
        ApplicationDataController,
        HolidaysController,
        PersonalDataAccessController,
      ],
      providers: [
        { provide: READ_MODEL_URL, useValue: config.READ_MODEL_DATABASE_URL ?? config.DATABASE_URL },
        { provide: GATEWAY_LOGGER, useValue: logger },
        { provide: EVENT_STORE_SETTINGS, useValue: eventStoreSettings(config, config.DATABASE_URL, 5) },
        { provide: COMMAND_SIGNER, useValue: new CommandAssertionSigner(config.COMMAND_ASSERTION_PRIVATE_KEY) },
        { provide: COMMAND_SUBJECT_PREFIX, useValue: config.COMMAND_SUBJECT_PREFIX ?? '' },
        CommandBus,
        ApplicationsQuery,
        GatewayEventStore,
        ApplicationHistoryQuery,
        ApplicationDataQuery,
        HolidaysQuery,
        PersonalDataAccessQuery,
      ],
    };
  }
}
