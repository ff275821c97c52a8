import { Module, type DynamicModule } from '@nestjs/common';
import {
  CLOCK,
  CommandAuthenticator,
  commandVerifierProvider,
  SERVICE_LOGGER,
  systemClock,
  WRITE_SIDE_SETTINGS,
  WriteSide,
  type Clock,
} from '@adminduk/application-commands';
import { HealthModule } from '@adminduk/http';
import type { Logger } from '@adminduk/observability';
import type { IntakeConfig } from './intake.config';
import { IntakeController } from './intake.controller';
import { HolidaysController } from './holidays.controller';

@Module({})
export class IntakeModule {
  static forRoot(config: IntakeConfig, logger: Logger, clock: Clock = systemClock): DynamicModule {
    return {
      module: IntakeModule,
      imports: [HealthModule.forRoot()],
      controllers: [IntakeController, HolidaysController],
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
        { provide: CLOCK, useValue: clock },
        WriteSide,
        commandVerifierProvider(config.COMMAND_ASSERTION_PUBLIC_KEYS),
        CommandAuthenticator,
      ],
    };
  }
}
