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
import { CorrectionDeadlines } from './correction-deadlines';
import { NewbornNikAssignment } from './newborn-nik-assignment';
import { VERIFICATION_CONFIG } from './tokens';
import type { VerificationConfig } from './verification.config';
import { VerificationController } from './verification.controller';

@Module({})
export class VerificationModule {
  static forRoot(config: VerificationConfig, logger: Logger, clock: Clock = systemClock): DynamicModule {
    return {
      module: VerificationModule,
      imports: [HealthModule.forRoot()],
      controllers: [VerificationController],
      providers: [
        { provide: VERIFICATION_CONFIG, useValue: config },
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
        CorrectionDeadlines,
        NewbornNikAssignment,
      ],
      exports: [CorrectionDeadlines],
    };
  }
}
