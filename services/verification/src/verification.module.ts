import { Module, type DynamicModule } from '@nestjs/common';
import { CommandAuthenticator, commandVerifierProvider, systemClock, writeSideProviders, type Clock } from '@adminduk/application-commands';
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
        ...writeSideProviders(config, logger, clock),
        commandVerifierProvider(config.COMMAND_ASSERTION_PUBLIC_KEYS),
        CommandAuthenticator,
        CorrectionDeadlines,
        NewbornNikAssignment,
      ],
      exports: [CorrectionDeadlines],
    };
  }
}
