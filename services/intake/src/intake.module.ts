import { Module, type DynamicModule } from '@nestjs/common';
import { CommandAuthenticator, commandVerifierProvider, systemClock, writeSideProviders, type Clock } from '@adminduk/application-commands';
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
        ...writeSideProviders(config, logger, clock),
        commandVerifierProvider(config.COMMAND_ASSERTION_PUBLIC_KEYS),
        CommandAuthenticator,
      ],
    };
  }
}
