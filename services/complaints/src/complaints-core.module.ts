import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { systemClock, writeSideProviders, type Clock } from '@adminduk/application-commands';
import type { Logger } from '@adminduk/observability';
import { ComplaintsDependencies } from './complaints-dependencies';
import type { ComplaintsConfig } from './complaints.config';
import { COMPLAINTS_CONFIG } from './complaints.tokens';
import { HttpLapor } from './lapor/http-lapor';
import { LAPOR_PORT } from './lapor/lapor.controller';

/**
 * The complaints service's shared providers, global so its feature modules (complaint handling,
 * the IKM survey) inject the same write side, clock, calendar and configuration without importing
 * each other. SP4N-LAPOR's adapter only when its API is configured (LAPOR_API_URL).
 */
@Module({})
export class ComplaintsCoreModule {
  static forRoot(config: ComplaintsConfig, logger: Logger, clock: Clock = systemClock): DynamicModule {
    const providers: Provider[] = [
      ...writeSideProviders(config, logger, clock),
      { provide: COMPLAINTS_CONFIG, useValue: config },
      ComplaintsDependencies,
      ...(config.LAPOR_API_URL ? [{ provide: LAPOR_PORT, useValue: new HttpLapor(config.LAPOR_API_URL) }] : []),
    ];
    return { module: ComplaintsCoreModule, global: true, providers, exports: providers };
  }
}
